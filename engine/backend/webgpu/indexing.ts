// WebGPU indexing kernels: gather / scatter_ along a dim, advanced indexing (`index`) and its
// write (`index_put_`). Each invocation computes one element's source and destination offsets
// from shapes and strides; accumulating writes use atomics (a compare-exchange loop for f32),
// so duplicate indices add up. Out-of-range indices cannot be reported synchronously from the
// GPU: reads give 0 and writes are skipped (the CPU backend throws). `nonzero` needs the count of
// true elements before it can allocate, i.e. a readback, so it is refused with a clear error.
// An indexed tensor larger than one storage binding is bound in windows, one dispatch each.
import type { Tensor } from '../../tensor';
import type { IndexPlan } from '../kernels';
import { registerKernel } from '../registry';
import { bufferOf, ELEM } from './buffers';
import { gpu, maxBinding } from './context';
import { checkOutput } from './debug';
import { empty } from './memory';
import { dispatch, PARAM_WORDS, type Binding } from './queue';
import { windowOf } from './strided';
import { FLAT, GID, HEADER, WG, groupsFor, convert, scalarBits, wtype, type WType } from './wgsl';

const MAXD = 8;

function atomicDecl(t: WType, binding: number): string {
  return t === 'f32'
    ? `@group(0) @binding(${binding}) var<storage, read_write> XA: array<atomic<u32>>;
fn acc_add(p: u32, v: f32) {
  var old = atomicLoad(&XA[p]);
  loop {
    let r = atomicCompareExchangeWeak(&XA[p], old, bitcast<u32>(bitcast<f32>(old) + v));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}`
    : `@group(0) @binding(${binding}) var<storage, read_write> XA: array<atomic<${t === 'u32' ? 'u32' : 'i32'}>>;
fn acc_add(p: u32, v: ${t === 'u32' ? 'u32' : 'i32'}) { atomicAdd(&XA[p], v); }`;
}

/**
 * The bindings that cover the indexed tensor's buffer: the whole buffer, or (larger than one
 * binding) aligned windows, one dispatch each; an invocation reads or writes only when its
 * element lies in [lo, hi), so every element is handled by exactly one window.
 */
function windows(x: Tensor): { binding: Binding; lo: number; hi: number }[] {
  const buf = bufferOf(x._storage);
  const limit = Math.floor(maxBinding() / ELEM);
  if (buf.size <= limit * ELEM) return [{ binding: { buffer: buf }, lo: 0, hi: 0xffffffff }];
  const align = gpu().storageAlign / ELEM;
  const w = windowOf(x._offset, x._shape, x._strides, align);
  const chunk = Math.floor(limit / align) * align;
  const out: { binding: Binding; lo: number; hi: number }[] = [];
  for (let lo = w.base; lo < w.end; lo += chunk) {
    const hi = Math.min(w.end, lo + chunk);
    out.push({ binding: { buffer: buf, offset: lo * ELEM, size: (hi - lo) * ELEM }, lo, hi });
  }
  return out;
}

/** Index, source and output tensors are bound whole: refuse clearly when one exceeds a binding. */
function mustFit(op: string, ...ts: Tensor[]): void {
  const limit = maxBinding();
  for (const t of ts)
    if (bufferOf(t._storage).size > limit) throw new Error(`WebGPU ${op}: an index, source or result tensor of ${t.numel() * ELEM} bytes exceeds one storage binding (${limit} bytes); only the indexed tensor may be larger`);
}

function checkDims(n: number): void {
  if (n > MAXD) throw new Error(`WebGPU indexing supports tensors of up to ${MAXD} dims`);
}

// ---- gather / scatter_ ------------------------------------------------------------------------
// params: 0 n, 1 ndim, 2 xoff, 3 ioff, 4 dsize, 5 xstride_d, 6 srcoff, 7 scalar, 8.. shape, 16.. xstr, 24.. istr, 32.. srcstr, 40 window lo, 41 window hi
const GS_SHAPE = 8, GS_X = 16, GS_I = 24, GS_S = 32;
/** The window of the indexed tensor's buffer this dispatch binds: [lo, hi) in elements (bound from lo). */
const GS_W = 40;

const walk = (extra: string) => `
  var r = gi; var xo = prm(2u); var io = prm(3u); ${extra ? 'var so = prm(6u);' : ''}
  for (var d = i32(prm(1u)) - 1; d >= 0; d--) {
    let s = prm(${GS_SHAPE}u + u32(d)); let q = r % s; r = r / s;
    xo += q * prm(${GS_X}u + u32(d)); io += q * prm(${GS_I}u + u32(d)); ${extra ? `so += q * prm(${GS_S}u + u32(d));` : ''}
  }
  let v = I[io];`;

function gsParams(n: number, shape: number[], xStr: number[], xOff: number, index: Tensor, dsize: number, dstride: number): Uint32Array {
  const p = new Uint32Array(PARAM_WORDS);
  p[0] = n; p[1] = shape.length; p[2] = xOff; p[3] = index._offset; p[4] = dsize; p[5] = dstride;
  shape.forEach((s, i) => ((p[GS_SHAPE + i] = s), (p[GS_X + i] = xStr[i]), (p[GS_I + i] = index._strides[i])));
  return p;
}

registerKernel('gather', 'webgpu', (x: Tensor, d: number, index: Tensor): Tensor => {
  checkDims(index.ndim);
  const out = empty(index._shape, x.dtype);
  const n = out.numel();
  if (n === 0) return out;
  const t = wtype(x.dtype);
  const code = `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<${t}>;
@group(0) @binding(2) var<storage, read> X: array<${t}>;
@group(0) @binding(3) var<storage, read> I: array<i32>;
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  ${walk('')}
  if (v < 0 || u32(v) >= prm(4u)) { O[gi] = ${t}(0); return; }
  let p = xo + u32(v) * prm(5u);
  if (p >= prm(${GS_W}u) && p < prm(${GS_W + 1}u)) { O[gi] = X[p - prm(${GS_W}u)]; }
}`;
  const xStr = index._shape.map((_, i) => (i === d ? 0 : x._strides[i]));
  const p = gsParams(n, index._shape, xStr, x._offset, index, x._shape[d], x._strides[d]);
  mustFit('gather', out, index);
  for (const w of windows(x)) {
    p[GS_W] = w.lo;
    p[GS_W + 1] = w.hi;
    dispatch(code, [{ buffer: bufferOf(out._storage) }, w.binding, { buffer: bufferOf(index._storage) }], p, groupsFor(n));
  }
  checkOutput('gather', out);
  return out;
});

registerKernel('scatter_', 'webgpu', (self: Tensor, d: number, index: Tensor, src: Tensor | number, reduce: 'set' | 'add'): Tensor => {
  checkDims(index.ndim);
  const n = index.numel();
  if (n === 0) return self;
  const t = wtype(self.dtype);
  const isT = typeof src !== 'number';
  const st = isT ? wtype((src as Tensor).dtype) : t;
  const srcDecl = isT ? `@group(0) @binding(3) var<storage, read> S: array<${st}>;` : '';
  const value = isT ? convert('S[so]', st, t) : `bitcast<${t}>(prm(7u))`;
  const write = reduce === 'add' ? `acc_add(p, ${value});` : `atomicStore(&XA[p], ${t === 'f32' ? `bitcast<u32>(${value})` : value});`;
  const code = `${HEADER}
${atomicDecl(t, 1)}
@group(0) @binding(2) var<storage, read> I: array<i32>;
${srcDecl}
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  ${walk(isT ? 'src' : '')}
  if (v < 0 || u32(v) >= prm(4u)) { return; }
  let q = xo + u32(v) * prm(5u);
  if (q < prm(${GS_W}u) || q >= prm(${GS_W + 1}u)) { return; }
  let p = q - prm(${GS_W}u);
  ${write}
}`;
  const xStr = index._shape.map((_, i) => (i === d ? 0 : self._strides[i]));
  const p = gsParams(n, index._shape, xStr, self._offset, index, self._shape[d], self._strides[d]);
  const bindings = [{ buffer: bufferOf(self._storage) }, { buffer: bufferOf(index._storage) }];
  if (isT) {
    const s = src as Tensor;
    p[6] = s._offset;
    index._shape.forEach((_, i) => (p[GS_S + i] = s._strides[i] ?? 0));
    bindings.push({ buffer: bufferOf(s._storage) });
  } else p[7] = scalarBits(src as number, t);
  mustFit('scatter_', index, ...(isT ? [src as Tensor] : []));
  for (const w of windows(self)) {
    p[GS_W] = w.lo;
    p[GS_W + 1] = w.hi;
    bindings[0] = w.binding;
    dispatch(code, bindings, p, groupsFor(n));
  }
  return self;
});

// ---- advanced indexing -----------------------------------------------------------------------
const MAXI = 3;
// params: 0 n, 1 ndim, 2 xoff, 3 k, 4.. ioff[3], 7.. advSize[3], 10.. advStride[3], 13 voff, 14.. shape[8], 22.. xstr[8], 30.. istr[3][8], 54.. vstr[8], 62 window lo, 63 window hi
const IX_SHAPE = 14, IX_X = 22, IX_I = 30, IX_V = 54, IX_W = 62;

function indexShader(t: WType, k: number, put: 'none' | 'set' | 'add', vt: WType): string {
  const idxDecl = Array.from({ length: k }, (_, j) => `@group(0) @binding(${j + 3}) var<storage, read> I${j}: array<i32>;`).join('\n');
  const io = Array.from({ length: k }, (_, j) => `var io${j} = prm(${4 + j}u);`).join(' ');
  const ioStep = Array.from({ length: k }, (_, j) => `io${j} += q * prm(${IX_I + MAXD * j}u + u32(d));`).join(' ');
  const adv = Array.from({ length: k }, (_, j) => `
  { var v = I${j}[io${j}]; let sz = i32(prm(${7 + j}u));
    if (v < 0) { v += sz; }
    if (v < 0 || v >= sz) { ${put === 'none' ? `O[gi] = ${t}(0); ` : ''}return; }
    xo += u32(v) * prm(${10 + j}u); }`).join('');
  const head = put === 'none'
    ? `@group(0) @binding(1) var<storage, read_write> O: array<${t}>;\n@group(0) @binding(2) var<storage, read> X: array<${t}>;`
    : `${put === 'add' ? atomicDecl(t, 1) : `@group(0) @binding(1) var<storage, read_write> X: array<${t}>;`}\n@group(0) @binding(2) var<storage, read> V: array<${vt}>;`;
  const body = put === 'none'
    ? `O[gi] = X[xo - prm(${IX_W}u)];`
    : put === 'add' ? `acc_add(xo - prm(${IX_W}u), ${convert('V[vo]', vt, t)});` : `X[xo - prm(${IX_W}u)] = ${convert('V[vo]', vt, t)};`;
  return `${HEADER}
${head}
${idxDecl}
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  var r = gi; var xo = prm(2u); var vo = prm(13u); ${io}
  for (var d = i32(prm(1u)) - 1; d >= 0; d--) {
    let s = prm(${IX_SHAPE}u + u32(d)); let q = r % s; r = r / s;
    xo += q * prm(${IX_X}u + u32(d)); vo += q * prm(${IX_V}u + u32(d)); ${ioStep}
  }
  ${adv}
  if (xo < prm(${IX_W}u) || xo >= prm(${IX_W + 1}u)) { return; }
  ${body}
}`;
}

function indexParams(x: Tensor, plan: IndexPlan, values?: Tensor): { p: Uint32Array; shape: number[]; n: number } {
  const k = plan.indices.length;
  if (k > MAXI) throw new Error(`WebGPU indexing supports up to ${MAXI} index tensors at once`);
  const shape = [...plan.before.map((d) => x._shape[d]), ...plan.bshape, ...plan.after.map((d) => x._shape[d])];
  checkDims(shape.length);
  const nb = plan.before.length, nB = plan.bshape.length;
  const p = new Uint32Array(PARAM_WORDS);
  const n = shape.reduce((a, b) => a * b, 1);
  p[0] = n; p[1] = shape.length; p[2] = x._offset; p[3] = k;
  plan.indices.forEach((ix, j) => {
    const d = plan.adv[j];
    p[4 + j] = ix._offset;
    p[7 + j] = x._shape[d];
    p[10 + j] = x._strides[d];
    // the index tensor read over bshape (broadcast: stride 0 on size-1 dims)
    const off = ix.ndim - nB;
    for (let i = 0; i < nB; i++) {
      const si = i + off;
      p[IX_I + MAXD * j + nb + i] = si >= 0 && ix._shape[si] !== 1 ? ix._strides[si] : 0;
    }
  });
  plan.before.forEach((d, i) => (p[IX_X + i] = x._strides[d]));
  plan.after.forEach((d, i) => (p[IX_X + nb + nB + i] = x._strides[d]));
  shape.forEach((s, i) => (p[IX_SHAPE + i] = s));
  if (values) {
    p[13] = values._offset;
    const off = values.ndim - shape.length;
    shape.forEach((s, i) => (p[IX_V + i] = i + off >= 0 && values._shape[i + off] !== 1 ? values._strides[i + off] : 0));
  }
  return { p, shape, n };
}

registerKernel('index', 'webgpu', (x: Tensor, plan: IndexPlan): Tensor => {
  const { p, shape, n } = indexParams(x, plan);
  const out = empty(shape, x.dtype);
  if (n === 0) return out;
  const t = wtype(x.dtype);
  mustFit('index', out, ...plan.indices);
  for (const w of windows(x)) {
    p[IX_W] = w.lo;
    p[IX_W + 1] = w.hi;
    const bindings = [{ buffer: bufferOf(out._storage) }, w.binding, ...plan.indices.map((ix) => ({ buffer: bufferOf(ix._storage) }))];
    dispatch(indexShader(t, plan.indices.length, 'none', t), bindings, p, groupsFor(n));
  }
  checkOutput('index', out);
  return out;
});

registerKernel('index_put_', 'webgpu', (x: Tensor, plan: IndexPlan, values: Tensor, accumulate: boolean): Tensor => {
  const { p, n } = indexParams(x, plan, values);
  if (n === 0) return x;
  const t = wtype(x.dtype);
  mustFit('index_put_', values, ...plan.indices);
  for (const w of windows(x)) {
    p[IX_W] = w.lo;
    p[IX_W + 1] = w.hi;
    const bindings = [w.binding, { buffer: bufferOf(values._storage) }, ...plan.indices.map((ix) => ({ buffer: bufferOf(ix._storage) }))];
    dispatch(indexShader(t, plan.indices.length, accumulate ? 'add' : 'set', wtype(values.dtype)), bindings, p, groupsFor(n));
  }
  return x;
});

registerKernel('nonzero', 'webgpu', () => {
  throw new Error(
    'nonzero() and boolean-mask indexing on WebGPU need the number of true elements before allocating, which is a GPU readback (async in the browser): ' +
      'use torch.where(mask, x, 0), or move the mask first with `await torch.webgpu.to_cpu(mask)`',
  );
});
