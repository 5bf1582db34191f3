// WebGPU reductions. The input is read in place through strides: kept dims index the output,
// reduced dims the run each output reduces. Long runs use one workgroup per output (strided
// partial results, then a shared-memory tree); short runs one invocation per output.
// max/min propagate NaN and pick the first index on ties, as the CPU backend.
import { int64, type DType } from '../../dtype';
import { Tensor } from '../../tensor';
import { registerKernel } from '../registry';
import { bufferOf } from './buffers';
import { checkOutput } from './debug';
import { empty } from './memory';
import { dispatch, PARAM_WORDS } from './queue';
import { coalesce, MAXD } from './strided';
import { convert, computeOf, GID, HEADER, MATH, WG, wtype, type WType } from './wgsl';

type Op = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin' | 'amax' | 'amin' | 'all' | 'any';
// parameter words
const P_NOUT = 0, P_INNER = 1, P_NK = 2, P_NR = 3, P_OFF = 4, P_KS = 8, P_KST = P_KS + MAXD, P_RS = P_KST + MAXD, P_RST = P_RS + MAXD;

function opInfo(op: Op, inType: WType, outType: WType) {
  const isMax = op === 'max' || op === 'amax' || op === 'argmax';
  const ordered = op !== 'sum' && op !== 'prod' && op !== 'all' && op !== 'any';
  const ct: 'f32' | 'i32' = ordered ? computeOf(inType) : op === 'all' || op === 'any' ? 'i32' : computeOf(outType === 'u32' ? 'i32' : outType);
  const load = (raw: string) => (op === 'all' || op === 'any' ? `select(0, 1, ${raw} != ${inType}(0))` : convert(raw, inType, ct));
  const ident = op === 'sum' || op === 'any' ? `${ct}(0)` : op === 'prod' || op === 'all' ? `${ct}(1)` : null;
  const cmp = isMax ? '>' : '<';
  const nan = (x: string) => (ct === 'f32' ? `isnan_(${x})` : 'false');
  // does (v2, i2) replace (v1, i1)?
  const better = `fn better(v1: ${ct}, i1: u32, v2: ${ct}, i2: u32) -> bool {
  let n1 = ${nan('v1')}; let n2 = ${nan('v2')};
  if (n1 && n2) { return i2 < i1; }
  if (n1) { return false; }
  if (n2) { return true; }
  return v2 ${cmp} v1 || (v2 == v1 && i2 < i1);
}`;
  const comb = op === 'sum' ? 'a + b' : op === 'prod' ? 'a * b' : op === 'all' ? 'min(a, b)' : 'max(a, b)';
  return { ct, load, ident, ordered, better, comb };
}

function shader(op: Op, inType: WType, outType: WType, withIndices: boolean, perGroup: boolean): string {
  const { ct, load, ident, ordered, better, comb } = opInfo(op, inType, outType);
  const outDecl = withIndices
    ? `@group(0) @binding(1) var<storage, read_write> O: array<${outType}>;\n@group(0) @binding(2) var<storage, read_write> OI: array<i32>;\n@group(0) @binding(3) var<storage, read> X: array<${inType}>;`
    : `@group(0) @binding(1) var<storage, read_write> O: array<${outType}>;\n@group(0) @binding(2) var<storage, read> X: array<${inType}>;`;
  const isArg = op === 'argmax' || op === 'argmin';
  const write = withIndices
    ? `O[o] = ${convert('acc', ct, outType)}; OI[o] = i32(ai);`
    : isArg ? `O[o] = ${convert('i32(ai)', 'i32', outType)};` : `O[o] = ${convert('acc', ct, outType)};`;
  const step = ordered
    ? `if (first || better(acc, ai, v, i)) { acc = v; ai = i; first = false; }`
    : `acc = cmb(acc, v);`;
  const init = ordered ? `var acc = ${ct}(0); var ai = 0u; var first = true;` : `var acc = ${ident}; var ai = 0u;`;
  const common = `${HEADER}${MATH}${outDecl}
${ordered ? better : ''}
fn cmb(a: ${ct}, b: ${ct}) -> ${ct} { return ${comb}; }
fn base_of(o: u32) -> u32 {
  var r = o; var off = prm(${P_OFF}u);
  for (var d = i32(prm(${P_NK}u)) - 1; d >= 0; d--) { let s = prm(${P_KS}u + u32(d)); off += (r % s) * prm(${P_KST}u + u32(d)); r = r / s; }
  return off;
}
fn at(base: u32, i: u32) -> ${ct} {
  var r = i; var off = base;
  for (var d = i32(prm(${P_NR}u)) - 1; d >= 0; d--) { let s = prm(${P_RS}u + u32(d)); off += (r % s) * prm(${P_RST}u + u32(d)); r = r / s; }
  return ${load('X[off]')};
}`;
  if (!perGroup)
    return `${common}
@compute @workgroup_size(${WG})
fn main(${GID}) {
  let o = gid.x + gid.y * nwg.x * ${WG}u;
  if (o >= prm(${P_NOUT}u)) { return; }
  let base = base_of(o);
  ${init}
  for (var i = 0u; i < prm(${P_INNER}u); i++) { let v = at(base, i); ${step} }
  ${write}
}`;
  const merge = ordered
    ? `let j = lid + s; if (sf[j] == 0u && (sf[lid] != 0u || better(sv[lid], si[lid], sv[j], si[j]))) { sv[lid] = sv[j]; si[lid] = si[j]; sf[lid] = 0u; }`
    : `sv[lid] = cmb(sv[lid], sv[lid + s]);`;
  return `${common}
var<workgroup> sv: array<${ct}, ${WG}>;
var<workgroup> si: array<u32, ${WG}>;
var<workgroup> sf: array<u32, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let o = wid.x + wid.y * nwg.x;
  if (o >= prm(${P_NOUT}u)) { return; }
  let base = base_of(o);
  ${init}
  for (var i = lid; i < prm(${P_INNER}u); i += ${WG}u) { let v = at(base, i); ${step} }
  sv[lid] = acc; si[lid] = ai; sf[lid] = ${ordered ? 'select(0u, 1u, first)' : '0u'};
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { ${merge} }
    workgroupBarrier();
  }
  if (lid == 0u) { let acc = sv[0]; let ai = si[0]; ${write} }
}`;
}

function run(op: Op, x: Tensor, dims: number[], outs: Tensor[], withIndices: boolean): void {
  const nOut = outs[0].numel();
  if (nOut === 0) return;
  const keep = x._shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const k = coalesce(keep.map((d) => x._shape[d]), [keep.map((d) => x._strides[d])]);
  const r = coalesce(dims.map((d) => x._shape[d]), [dims.map((d) => x._strides[d])]);
  if (k.shape.length > MAXD || r.shape.length > MAXD) throw new Error(`WebGPU: reductions over views with more than ${MAXD} non-mergeable dims are not supported`);
  const inner = dims.reduce((a, d) => a * x._shape[d], 1);
  const params = new Uint32Array(PARAM_WORDS);
  params[P_NOUT] = nOut;
  params[P_INNER] = inner;
  params[P_NK] = k.shape.length;
  params[P_NR] = r.shape.length;
  params[P_OFF] = x._offset;
  k.shape.forEach((s, i) => ((params[P_KS + i] = s), (params[P_KST + i] = k.strides[0][i])));
  r.shape.forEach((s, i) => ((params[P_RS + i] = s), (params[P_RST + i] = r.strides[0][i])));
  const perGroup = inner >= 64;
  const code = shader(op, wtype(x.dtype), wtype(outs[0].dtype), withIndices, perGroup);
  const bindings = [...outs.map((o) => ({ buffer: bufferOf(o._storage) })), { buffer: bufferOf(x._storage) }];
  dispatch(code, bindings, params, perGroup ? nOut : Math.ceil(nOut / WG));
  checkOutput(op, outs[0]);
}

registerKernel('reduce', 'webgpu', (op: Op, x: Tensor, dims: number[], outShape: number[], outDtype: DType) => {
  const out = empty(outShape, outDtype);
  if (x.numel() === 0 && out.numel() > 0) {
    if (op !== 'sum' && op !== 'prod' && op !== 'all' && op !== 'any') throw new Error(`${op}(): Expected reduction dim to be specified for input.numel() == 0.`);
  }
  run(op, x, dims, [out], false);
  return out;
});

registerKernel('reduce_with_indices', 'webgpu', (op: 'max' | 'min', x: Tensor, dim: number, outShape: number[]) => {
  const values = empty(outShape, x.dtype);
  const indices = empty(outShape, int64);
  run(op, x, [dim], [values, indices], true);
  return [values, indices];
});
