// WebGPU softmax / log_softmax along one dim, numerically stable: each row (outer, inner) takes
// its max, then Σ exp(x − max), then writes. Long rows use a workgroup with shared-memory trees;
// short rows one invocation each. NaN propagates and an all −inf row gives NaN, as on the CPU.
// Tensors larger than one binding run in slabs of rows, each binding its window.
import type { DType } from '../../dtype';
import { Tensor } from '../../tensor';
import { registerKernel } from '../registry';
import { bufferOf, ELEM } from './buffers';
import { gpu, maxBinding } from './context';
import { checkOutput } from './debug';
import { contiguous, copyInto, empty } from './memory';
import { dispatch, type Binding } from './queue';
import { GID, HEADER, MATH, WG } from './wgsl';

const COMMON = `${HEADER}${MATH}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
fn mx(a: f32, b: f32) -> f32 { return select(max(a, b), a + b, isnan_(a) || isnan_(b)); }
// rows of this dispatch: prm(5) per outer index (all of inner, or a slice of it when split)
fn row_base(row: u32) -> u32 { let ic = prm(5u); return prm(3u) + (row / ic) * prm(1u) * prm(2u) + row % ic; }
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
registerKernel('softmax', 'webgpu', softmax);

function softmax(x: Tensor, dim: number, log: boolean, dtype: DType): Tensor {
  if (dtype.name !== 'float32') throw new TypeError(`WebGPU softmax supports float32 (got ${dtype.name})`);
  const xc = x.is_contiguous() ? x : contiguous(x);
  const out = empty(x._shape, dtype);
  const n = x.ndim === 0 ? 1 : x._shape[dim];
  const inner = x._shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const outer = x.ndim === 0 ? 1 : x._shape.slice(0, dim).reduce((a, b) => a * b, 1);
  const rows = outer * inner;
  if (rows === 0 || n === 0) return out;
  const perGroup = n >= 64;
  const code = shader(log, perGroup);
  const xb = bufferOf(xc._storage), ob = bufferOf(out._storage);
  const limit = Math.floor(maxBinding() / ELEM);
  if (xb.size <= limit * ELEM && ob.size <= limit * ELEM) {
    dispatch(code, [{ buffer: ob }, { buffer: xb }], [rows, n, inner, xc._offset, out._offset, inner], perGroup ? rows : Math.ceil(rows / WG));
  } else {
    // larger than one binding: slabs of outer indices, or slices of inner ones, each binding its window
    const align = gpu().storageAlign / ELEM;
    const room = limit - align;
    const slab = n * inner;
    const oc = Math.max(1, Math.floor(room / slab));
    const ic = slab <= room ? inner : room - (n - 1) * inner;
    if (ic < 1) {
      // one row's values lie too far apart for one binding: move the dim last (a tiled copy),
      // normalise dense rows, and move it back
      if (n > room) throw new Error(`WebGPU softmax: a row of ${n} values exceeds a storage binding`);
      const xt = contiguous(new Tensor(xc._storage, [outer, inner, n], [n * inner, 1, inner], xc._offset));
      const ot = softmax(xt, 2, log, dtype);
      copyInto(new Tensor(out._storage, [outer, n, inner], [n * inner, inner, 1], out._offset), new Tensor(ot._storage, [outer, n, inner], [n * inner, 1, n], ot._offset));
      xt.dispose();
      ot.dispose();
      return out;
    }
    for (let o0 = 0; o0 < outer; o0 += oc) {
      const on = Math.min(oc, outer - o0);
      for (let i0 = 0; i0 < inner; i0 += ic) {
        const inN = Math.min(ic, inner - i0);
        const start = o0 * slab + i0;
        const span = (on - 1) * slab + (n - 1) * inner + inN;
        const bind = (buf: GPUBuffer, off: number): [Binding, number] => {
          const base = Math.floor((off + start) / align) * align;
          return [{ buffer: buf, offset: base * ELEM, size: (off + start + span - base) * ELEM }, off + start - base];
        };
        const [bx, xo] = bind(xb, xc._offset), [bo, oo] = bind(ob, out._offset);
        const r = on * inN;
        dispatch(code, [bo, bx], [r, n, inner, xo, oo, inN], perGroup ? r : Math.ceil(r / WG));
      }
    }
  }
  checkOutput(log ? 'log_softmax' : 'softmax', out);
  return out;
}
