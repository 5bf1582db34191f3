// WebGPU softmax / log_softmax along one dim, numerically stable: each row (outer, inner) takes
// its max, then Σ exp(x − max), then writes. Long rows use a workgroup with shared-memory trees;
// short rows one invocation each. NaN propagates and an all −inf row gives NaN, as on the CPU.
import type { DType } from '../../dtype';
import type { Tensor } from '../../tensor';
import { registerKernel } from '../registry';
import { bufferOf } from './buffers';
import { checkOutput } from './debug';
import { contiguous, empty } from './memory';
import { dispatch } from './queue';
import { GID, HEADER, MATH, WG } from './wgsl';

const COMMON = `${HEADER}${MATH}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
fn mx(a: f32, b: f32) -> f32 { return select(max(a, b), a + b, isnan_(a) || isnan_(b)); }
fn row_base(row: u32) -> u32 { let inner = prm(2u); return prm(3u) + (row / inner) * prm(1u) * inner + row % inner; }
fn finish(v: f32, m: f32, s: f32, log: bool) -> f32 {
  if (log) { return v - (log_(s) + m); }
  return exp_(v - m) / s;
}`;

function shader(log: boolean, perGroup: boolean): string {
  if (!perGroup)
    return `${COMMON}
@compute @workgroup_size(${WG})
fn main(${GID}) {
  let row = gid.x + gid.y * nwg.x * ${WG}u;
  if (row >= prm(0u)) { return; }
  let n = prm(1u); let inner = prm(2u); let base = row_base(row);
  var m = bits_(0xff800000u);
  for (var k = 0u; k < n; k++) { m = mx(m, X[base + k * inner]); }
  if (isinf_(m) && m < 0.0) { m = 0.0; }
  var s = 0.0;
  for (var k = 0u; k < n; k++) { s += exp_(X[base + k * inner] - m); }
  for (var k = 0u; k < n; k++) { let p = base + k * inner; O[p - prm(3u) + prm(4u)] = finish(X[p], m, s, ${log}); }
}`;
  return `${COMMON}
var<workgroup> red: array<f32, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= prm(0u)) { return; }
  let n = prm(1u); let inner = prm(2u); let base = row_base(row);
  var m = bits_(0xff800000u);
  for (var k = lid; k < n; k += ${WG}u) { m = mx(m, X[base + k * inner]); }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${WG / 2}u; w > 0u; w = w >> 1u) { if (lid < w) { red[lid] = mx(red[lid], red[lid + w]); } workgroupBarrier(); }
  var mm = red[0];
  if (isinf_(mm) && mm < 0.0) { mm = 0.0; }
  workgroupBarrier();
  var s = 0.0;
  for (var k = lid; k < n; k += ${WG}u) { s += exp_(X[base + k * inner] - mm); }
  red[lid] = s;
  workgroupBarrier();
  for (var w = ${WG / 2}u; w > 0u; w = w >> 1u) { if (lid < w) { red[lid] = red[lid] + red[lid + w]; } workgroupBarrier(); }
  let ss = red[0];
  for (var k = lid; k < n; k += ${WG}u) { let p = base + k * inner; O[p - prm(3u) + prm(4u)] = finish(X[p], mm, ss, ${log}); }
}`;
}

/** x viewed as [outer, n, inner] → out of the same shape, normalised along n. */
registerKernel('softmax', 'webgpu', (x: Tensor, dim: number, log: boolean, dtype: DType): Tensor => {
  if (dtype.name !== 'float32') throw new TypeError(`WebGPU softmax supports float32 (got ${dtype.name})`);
  const xc = x.is_contiguous() ? x : contiguous(x);
  const out = empty(x._shape, dtype);
  const n = x.ndim === 0 ? 1 : x._shape[dim];
  const inner = x._shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const outer = x.ndim === 0 ? 1 : x._shape.slice(0, dim).reduce((a, b) => a * b, 1);
  const rows = outer * inner;
  if (rows === 0 || n === 0) return out;
  const perGroup = n >= 64;
  dispatch(shader(log, perGroup), [{ buffer: bufferOf(out._storage) }, { buffer: bufferOf(xc._storage) }], [rows, n, inner, xc._offset, out._offset], perGroup ? rows : Math.ceil(rows / WG));
  checkOutput(log ? 'log_softmax' : 'softmax', out);
  return out;
});
