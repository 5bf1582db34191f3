// WebGPU reductions. The input is read in place through strides: kept dims index the output,
// reduced dims the run each output reduces. Long runs use one workgroup per output (strided
// partial results, then a shared-memory tree); short runs one invocation per output.
// max/min propagate NaN and pick the first index on ties, as the CPU backend.
// Operands larger than one storage binding are split (kept dims: slices of the output; reduced
// dims: partial results combined elementwise), each piece binding only its window.
import { int64, type DType } from '../../dtype';
import { Tensor } from '../../tensor';
import type { ReduceOp } from '../kernels';
import { registerKernel } from '../registry';
import { bufferOf, ELEM } from './buffers';
import { gpu, maxBinding } from './context';
import { checkOutput } from './debug';
import { empty } from './memory';
import { dispatch, PARAM_WORDS, type Binding } from './queue';
import { broadcastStrides, coalesce, MAXD, runMap, windowOf, type MapInput } from './strided';
import { convert, computeOf, GID, HEADER, MATH, WG, wtype, type WType } from './wgsl';

type Op = ReduceOp;
// parameter words
const P_NOUT = 0, P_INNER = 1, P_NK = 2, P_NR = 3, P_OFF = 4, P_OOFF = 5, P_IOFF = 6, P_KS = 8, P_KST = P_KS + MAXD, P_RS = P_KST + MAXD, P_RST = P_RS + MAXD, P_OST = P_RST + MAXD;

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
    ? `O[oo] = ${convert('acc', ct, outType)}; OI[oo - prm(${P_OOFF}u) + prm(${P_IOFF}u)] = i32(ai);`
    : isArg ? `O[oo] = ${convert('i32(ai)', 'i32', outType)};` : `O[oo] = ${convert('acc', ct, outType)};`;
  const step = ordered
    ? `if (first || better(acc, ai, v, i)) { acc = v; ai = i; first = false; }`
    : `acc = cmb(acc, v);`;
  const init = ordered ? `var acc = ${ct}(0); var ai = 0u; var first = true;` : `var acc = ${ident}; var ai = 0u;`;
  const common = `${HEADER}${MATH}${outDecl}
${ordered ? better : ''}
fn cmb(a: ${ct}, b: ${ct}) -> ${ct} { return ${comb}; }
// the input offset of output o's run, and o's offset in the output
fn base_of(o: u32) -> vec2<u32> {
  var r = o; var off = vec2<u32>(prm(${P_OFF}u), prm(${P_OOFF}u));
  for (var d = i32(prm(${P_NK}u)) - 1; d >= 0; d--) {
    let s = prm(${P_KS}u + u32(d)); let q = r % s; r = r / s;
    off += q * vec2<u32>(prm(${P_KST}u + u32(d)), prm(${P_OST}u + u32(d)));
  }
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
  let bo = base_of(o); let base = bo.x; let oo = bo.y;
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
  let bo = base_of(o); let base = bo.x; let oo = bo.y;
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

const view = (t: Tensor, shape: number[], strides: number[], offset: number) => new Tensor(t._storage, shape, strides, offset);
const narrow = (t: Tensor, d: number, start: number, len: number) => {
  const shape = [...t._shape];
  shape[d] = len;
  return view(t, shape, [...t._strides], t._offset + start * t._strides[d]);
};

/** Reduces `x` over `dims` into `outs` (values, and indices when `withIndices`), fresh and dense. */
function run(op: Op, x: Tensor, dims: number[], outs: Tensor[], withIndices: boolean): void {
  if (outs[0].numel() === 0) return;
  const sorted = [...dims].sort((a, b) => a - b);
  const keep = x._shape.map((_, i) => i).filter((i) => !sorted.includes(i));
  const kshape = keep.map((d) => x._shape[d]);
  const kstr = new Array<number>(kshape.length);
  for (let i = kshape.length - 1, s = 1; i >= 0; i--) {
    kstr[i] = s;
    s *= kshape[i];
  }
  // the outputs as views over the kept dims, so that pieces of a split write their slices
  exec(op, x, sorted, keep, outs.map((o) => view(o, kshape, kstr, o._offset)), withIndices);
  checkOutput(op, outs[0]);
}

function fitsBinding(t: Tensor, limit: number, align: number): boolean {
  const w = windowOf(t._offset, t._shape, t._strides, align);
  return w.end - w.base <= limit;
}

/**
 * One dispatch when every operand fits a storage binding (or its window does); else the input is
 * split along its dim of largest extent in memory: a kept dim splits the outputs too; a reduced
 * dim gives two partial results, combined elementwise (sum, prod, max with first-index ties…).
 */
function exec(op: Op, x: Tensor, dims: number[], keep: number[], outs: Tensor[], withIndices: boolean): void {
  const limit = Math.floor(maxBinding() / ELEM);
  const align = gpu().storageAlign / ELEM;
  const whole = [x, ...outs].every((t) => bufferOf(t._storage).size <= limit * ELEM);
  if (whole || [x, ...outs].every((t) => fitsBinding(t, limit, align))) {
    dispatchReduce(op, x, dims, keep, outs, withIndices, whole, align);
    return;
  }
  const ext = (t: Tensor, d: number) => (t._shape[d] - 1) * t._strides[d];
  let d = -1;
  if (!outs.every((o) => fitsBinding(o, limit, align))) {
    // an output too large for a binding: split the kept dim of largest extent in the output
    let best = 0;
    keep.forEach((kd, k) => {
      const e = ext(outs[0], k);
      if (x._shape[kd] > 1 && e > best) {
        best = e;
        d = kd;
      }
    });
  } else {
    let best = 0;
    x._shape.forEach((n, i) => {
      const e = ext(x, i);
      if (n > 1 && e > best) {
        best = e;
        d = i;
      }
    });
    // indices count over the reduced dims in row-major order: split the first one that is > 1,
    // so that the second piece's indices are a constant shift
    const ordered = op !== 'sum' && op !== 'prod' && op !== 'all' && op !== 'any' && op !== 'amax' && op !== 'amin';
    if (d >= 0 && dims.includes(d) && ordered) d = dims.find((r) => x._shape[r] > 1) ?? d;
  }
  if (d < 0) throw new Error(`WebGPU: a reduction operand is larger than a storage binding (${limit * ELEM} bytes) and cannot be split`);
  const n = x._shape[d], h = Math.ceil(n / 2);
  const k = keep.indexOf(d);
  if (k >= 0) {
    exec(op, narrow(x, d, 0, h), dims, keep, outs.map((o) => narrow(o, k, 0, h)), withIndices);
    exec(op, narrow(x, d, h, n - h), dims, keep, outs.map((o) => narrow(o, k, h, n - h)), withIndices);
    return;
  }
  // a reduced dim: two partial results, then combined into outs
  const kshape = outs[0]._shape;
  const isArg = op === 'argmax' || op === 'argmin';
  const indexed = withIndices || isArg;
  const vop: Op = op === 'argmax' ? 'max' : op === 'argmin' ? 'min' : op;
  const part = (): Tensor[] => (indexed ? [empty(kshape, isArg ? x.dtype : outs[0].dtype), empty(kshape, int64)] : [empty(kshape, outs[0].dtype)]);
  const pa = part(), pb = part();
  exec(vop, narrow(x, d, 0, h), dims, keep, pa, indexed);
  exec(vop, narrow(x, d, h, n - h), dims, keep, pb, indexed);
  const shift = h * dims.filter((r) => r > d).reduce((a, r) => a * x._shape[r], 1);
  combine(vop, pa, pb, outs, isArg, shift);
  for (const t of [...pa, ...pb]) t.dispose();
}

/** outs = combine(a, b) elementwise: the partial reductions of two pieces of the reduced dims. */
function combine(op: Op, a: Tensor[], b: Tensor[], outs: Tensor[], isArg: boolean, shift: number): void {
  const shape = outs[0]._shape;
  const inp = (t: Tensor, compute: WType): MapInput => ({ kind: 'view', t, strides: broadcastStrides(t, shape), offset: t._offset, type: wtype(t.dtype), compute });
  const map = (out: Tensor, expr: string, inputs: MapInput[], resultType: WType | 'bool') =>
    runMap({ op: `${op} (combine)`, expr, names: ['a', 'b', 'ia', 'ib'].slice(0, inputs.length), inputs, resultType, out, outStrides: out._strides, outOffset: out._offset, outType: wtype(out.dtype) });
  const ct = computeOf(wtype(a[0].dtype));
  if (op === 'max' || op === 'min') {
    const nan = (v: string) => (ct === 'f32' ? `isnan_(${v})` : 'false');
    // b replaces a when it is strictly better (ties keep a: the first index), NaN first
    const take = `((${nan('b')} && !${nan('a')}) || (!${nan('a')} && b ${op === 'max' ? '>' : '<'} a))`;
    const idx = [inp(a[0], ct), inp(b[0], ct), inp(a[1], 'i32'), inp(b[1], 'i32')];
    if (isArg) {
      map(outs[0], `select(ia, ib + ${shift}, ${take})`, idx, 'i32');
      return;
    }
    map(outs[1], `select(ia, ib + ${shift}, ${take})`, idx, 'i32');
    map(outs[0], `select(a, b, ${take})`, [inp(a[0], ct), inp(b[0], ct)], ct);
    return;
  }
  const expr =
    op === 'sum' ? 'a + b'
    : op === 'prod' ? 'a * b'
    : op === 'all' ? 'select(0, 1, a != 0 && b != 0)'
    : op === 'any' ? 'select(0, 1, a != 0 || b != 0)'
    : ct === 'f32' ? `select(${op === 'amax' ? 'max' : 'min'}(a, b), a + b, isnan_(a) || isnan_(b))`
    : `${op === 'amax' ? 'max' : 'min'}(a, b)`;
  const c = op === 'all' || op === 'any' ? 'i32' : computeOf(wtype(outs[0].dtype));
  map(outs[0], expr, [inp(a[0], c), inp(b[0], c)], c);
}

function dispatchReduce(op: Op, x: Tensor, dims: number[], keep: number[], outs: Tensor[], withIndices: boolean, whole: boolean, align: number): void {
  const nOut = outs[0].numel();
  if (nOut === 0) return;
  const k = coalesce(keep.map((d) => x._shape[d]), [keep.map((d) => x._strides[d]), [...outs[0]._strides]]);
  const r = coalesce(dims.map((d) => x._shape[d]), [dims.map((d) => x._strides[d])]);
  if (k.shape.length > MAXD || r.shape.length > MAXD) throw new Error(`WebGPU: reductions over views with more than ${MAXD} non-mergeable dims are not supported`);
  const inner = dims.reduce((a, d) => a * x._shape[d], 1);
  const params = new Uint32Array(PARAM_WORDS);
  const bind = (t: Tensor): [Binding, number] => {
    if (whole) return [{ buffer: bufferOf(t._storage) }, 0];
    const w = windowOf(t._offset, t._shape, t._strides, align);
    return [{ buffer: bufferOf(t._storage), offset: w.base * ELEM, size: (w.end - w.base) * ELEM }, w.base];
  };
  const [bx, xBase] = bind(x);
  const bo = outs.map(bind);
  params[P_NOUT] = nOut;
  params[P_INNER] = inner;
  params[P_NK] = k.shape.length;
  params[P_NR] = r.shape.length;
  params[P_OFF] = x._offset - xBase;
  params[P_OOFF] = outs[0]._offset - bo[0][1];
  if (withIndices) params[P_IOFF] = outs[1]._offset - bo[1][1];
  k.shape.forEach((s, i) => ((params[P_KS + i] = s), (params[P_KST + i] = k.strides[0][i]), (params[P_OST + i] = k.strides[1][i])));
  r.shape.forEach((s, i) => ((params[P_RS + i] = s), (params[P_RST + i] = r.strides[0][i])));
  const perGroup = inner >= 64;
  const code = shader(op, wtype(x.dtype), wtype(outs[0].dtype), withIndices, perGroup);
  dispatch(code, [...bo.map(([b]) => b), bx], params, perGroup ? nOut : Math.ceil(nOut / WG));
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
