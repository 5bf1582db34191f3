// The strided elementwise engine every map-like kernel uses (unary, binary, where, cast, copy,
// contiguous, full): views are coalesced (size-1 dims dropped, mergeable dims merged), each
// operand is read dense or through strides, and tensors larger than one binding are processed
// in boxes (`tiles`: slabs of rows, or tiles for a transposed copy), each binding only the
// window it touches.
import { Tensor } from '../../tensor';
import { allocStorage, bufferOf, ELEM } from './buffers';
import { gpu, maxBinding } from './context';
import { checkOutput } from './debug';
import { dispatch, PARAM_WORDS, type Binding } from './queue';
import { FLAT, GID, HEADER, MATH, WG, convert, groupsFor, scalarBits, wtype, type WType } from './wgsl';

export const MAXD = 8;
// Parameter block layout (u32 words).
const P_N = 0, P_NDIM = 1, P_OFF = 2, P_SCALAR = 6, P_SHAPE = 10, P_STRIDES = P_SHAPE + MAXD;

/** One input of a map kernel: a view (buffer, strides broadcast to the output shape) or a scalar. */
export type MapInput =
  | { kind: 'view'; t: Tensor; strides: number[]; offset: number; type: WType; compute: WType }
  | { kind: 'scalar'; value: number; compute: WType };

export interface MapSpec {
  /** Names the op in debug messages. */
  op: string;
  /** WGSL expression over the inputs' names (`a`, `b`, `c`); of type `resultType`. */
  expr: string;
  names: string[];
  inputs: MapInput[];
  resultType: WType | 'bool';
  /** The output: a fresh dense tensor, or a strided destination (copy_). */
  out: Tensor;
  outStrides: number[];
  outOffset: number;
  outType: WType;
}

/** A dense copy of a view (same dtype), through a fresh buffer. */
function copyOf(t: Tensor): Tensor {
  const out = new (t.constructor as typeof Tensor)(allocStorage(t.dtype, t.numel()), t._shape);
  const ty = wtype(t.dtype);
  runMap({ op: 'contiguous', expr: 'a', names: ['a'], inputs: [{ kind: 'view', t, strides: t._strides, offset: t._offset, type: ty, compute: ty }], resultType: ty, out, outStrides: out._strides, outOffset: 0, outType: ty });
  return out;
}

/** Strides of `t` read as if broadcast to `shape` (0 on broadcast dims). */
export function broadcastStrides(t: Tensor, shape: readonly number[]): number[] {
  const n = shape.length, k = t._shape.length;
  const res = new Array<number>(n).fill(0);
  for (let i = 0; i < k; i++) {
    const o = n - k + i;
    res[o] = t._shape[i] === 1 && shape[o] !== 1 ? 0 : t._strides[i];
  }
  return res;
}

/** Drops size-1 dims and merges dims that are contiguous in every operand. */
export function coalesce(shape: readonly number[], strides: number[][]): { shape: number[]; strides: number[][] } {
  const s: number[] = [];
  const st: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = s.length - 1;
    if (last >= 0 && strides.every((str, k) => st[k][last] === str[d] * shape[d])) {
      s[last] *= shape[d];
      strides.forEach((str, k) => (st[k][last] = str[d]));
    } else {
      s.push(shape[d]);
      strides.forEach((str, k) => st[k].push(str[d]));
    }
  }
  return { shape: s, strides: st };
}

function isDense(shape: number[], strides: number[]): boolean {
  return shape.length === 0 || (shape.length === 1 && strides[0] === 1);
}

function shaderFor(spec: MapSpec, dense: boolean[], outDense: boolean, alias: boolean[]): string {
  const viewIdx: number[] = [];
  const decls: string[] = [`@group(0) @binding(1) var<storage, read_write> O: array<${spec.outType}>;`];
  let binding = 2;
  spec.inputs.forEach((inp, k) => {
    if (inp.kind === 'view' && !alias[k]) {
      decls.push(`@group(0) @binding(${binding++}) var<storage, read> I${k}: array<${inp.type}>;`);
      viewIdx.push(k);
    }
  });
  const needStrided = !outDense || spec.inputs.some((inp, k) => inp.kind === 'view' && !dense[k] && !alias[k]);
  const lines: string[] = [];
  if (needStrided) {
    lines.push(`var r = gi; var oi = prm(${P_OFF}u);`);
    spec.inputs.forEach((inp, k) => inp.kind === 'view' && !dense[k] && !alias[k] && lines.push(`var i${k} = prm(${P_OFF + 1 + k}u);`));
    lines.push(`for (var d = i32(prm(${P_NDIM}u)) - 1; d >= 0; d--) {`);
    lines.push(`  let sz = prm(${P_SHAPE}u + u32(d)); let q = r % sz; r = r / sz;`);
    if (!outDense) lines.push(`  oi += q * prm(${P_STRIDES}u + u32(d));`);
    spec.inputs.forEach((inp, k) => inp.kind === 'view' && !dense[k] && !alias[k] && lines.push(`  i${k} += q * prm(${P_STRIDES + MAXD * (k + 1)}u + u32(d));`));
    lines.push('}');
  }
  if (outDense) lines.push(`let oidx = prm(${P_OFF}u) + gi;`);
  else lines.push('let oidx = oi;');
  spec.inputs.forEach((inp, k) => {
    const name = spec.names[k];
    if (inp.kind === 'scalar') lines.push(`let ${name} = bitcast<${inp.compute}>(prm(${P_SCALAR + k}u));`);
    else {
      const idx = alias[k] ? 'oidx' : dense[k] ? `prm(${P_OFF + 1 + k}u) + gi` : `i${k}`;
      lines.push(`let ${name} = ${convert(`${alias[k] ? 'O' : `I${k}`}[${idx}]`, inp.type, inp.compute)};`);
    }
  });
  lines.push(`O[oidx] = ${convert(`(${spec.expr})`, spec.resultType, spec.outType)};`);
  return `${HEADER}${MATH}${decls.join('\n')}
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(${P_N}u)) { return; }
  ${lines.join('\n  ')}
}`;
}

/** The element window a strided box of an operand touches, its start aligned down for binding. */
export function windowOf(start: number, shape: readonly number[], strides: readonly number[], align: number): { base: number; end: number } {
  let end = start + 1;
  shape.forEach((n, d) => (end += Math.max(0, n - 1) * Math.abs(strides[d])));
  return { base: Math.floor(start / align) * align, end };
}

/** A binding of `elems` elements of `t` from its offset: the whole buffer, or its window when the buffer exceeds a binding. */
export function bindWindow(t: Tensor, elems: number): [Binding, number] {
  const buf = bufferOf(t._storage);
  const limit = Math.floor(maxBinding() / ELEM);
  if (buf.size <= limit * ELEM) return [{ buffer: buf }, t._offset];
  const align = gpu().storageAlign / ELEM;
  const base = Math.floor(t._offset / align) * align;
  return [{ buffer: buf, offset: base * ELEM, size: (t._offset + Math.max(elems, 1) - base) * ELEM }, t._offset - base];
}

/** A box of an index space: its first index per dim and its extent. */
export interface Box {
  start: number[];
  shape: number[];
}

/**
 * Splits the index space `shape` into boxes whose window in every operand fits one storage
 * binding of `limit` elements: the operand that overflows most is halved along its dim of
 * largest extent in memory, recursively (dense tensors: slabs of rows; a transposed copy: tiles).
 */
export function tiles(shape: readonly number[], operands: { offset: number; strides: readonly number[] }[], limit: number, align: number): Box[] {
  const out: Box[] = [];
  const visit = (box: Box) => {
    let worst = -1, excess = 0;
    operands.forEach((o, j) => {
      const start = o.offset + box.start.reduce((a, st, d) => a + st * o.strides[d], 0);
      const w = windowOf(start, box.shape, o.strides, align);
      const e = w.end - w.base - limit;
      if (e > excess) {
        excess = e;
        worst = j;
      }
    });
    if (worst < 0) {
      out.push(box);
      return;
    }
    const st = operands[worst].strides;
    let dim = -1, ext = 0;
    box.shape.forEach((n, d) => {
      const e = (n - 1) * Math.abs(st[d]);
      if (n > 1 && e > ext) {
        ext = e;
        dim = d;
      }
    });
    if (dim < 0) throw new Error(`WebGPU: one element window is larger than a storage binding (${limit * ELEM} bytes)`);
    const h = Math.ceil(box.shape[dim] / 2);
    const a = { start: [...box.start], shape: [...box.shape] }, b = { start: [...box.start], shape: [...box.shape] };
    a.shape[dim] = h;
    b.start[dim] += h;
    b.shape[dim] -= h;
    visit(a);
    visit(b);
  };
  visit({ start: shape.map(() => 0), shape: [...shape] });
  return out;
}

interface Operand {
  buffer: GPUBuffer;
  offset: number;
  strides: number[];
}

/** Runs a map kernel over `shape` (the output's shape). */
export function runMap(spec: MapSpec): void {
  const shape = spec.out._shape;
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const outBuf = bufferOf(spec.out._storage);
  // An input in the output's buffer (in-place ops) is read through the output binding when it is
  // the very same view (each invocation reads then writes its own element); any other overlap is
  // copied first, since invocations run in no particular order.
  const alias = spec.inputs.map((inp) => inp.kind === 'view' && bufferOf(inp.t._storage) === outBuf);
  spec.inputs.forEach((inp, k) => {
    if (!alias[k] || inp.kind !== 'view') return;
    const same = inp.offset === spec.outOffset && inp.type === spec.outType && inp.strides.every((s, d) => s === spec.outStrides[d] || shape[d] === 1);
    if (same) return;
    alias[k] = false;
    spec.inputs[k] = { ...inp, t: copyOf(inp.t), offset: 0, strides: [] };
    const t = (spec.inputs[k] as { t: Tensor }).t;
    (spec.inputs[k] as { strides: number[] }).strides = broadcastStrides(t, shape);
  });
  const ops: Operand[] = [{ buffer: outBuf, offset: spec.outOffset, strides: spec.outStrides }];
  const viewK: number[] = [];
  spec.inputs.forEach((inp, k) => {
    if (inp.kind === 'view' && !alias[k]) {
      ops.push({ buffer: bufferOf(inp.t._storage), offset: inp.offset, strides: inp.strides });
      viewK.push(k);
    }
  });
  const co = coalesce(shape, ops.map((o) => o.strides));
  if (co.shape.length > MAXD) throw new Error(`WebGPU: views with more than ${MAXD} non-mergeable dims are not supported`);
  const dense = spec.inputs.map(() => true);
  viewK.forEach((k, j) => (dense[k] = isDense(co.shape, co.strides[j + 1])));
  const outDense = isDense(co.shape, co.strides[0]);
  const code = shaderFor(spec, dense, outDense, alias);
  const scalars = spec.inputs.map((inp) => (inp.kind === 'scalar' ? scalarBits(inp.value, inp.compute) : 0));

  const limit = Math.floor(maxBinding() / ELEM);
  const cs = co.shape.length ? co.shape : [1];
  const cst = co.strides.map((s) => (s.length ? s : [0]));
  const fitsWhole = ops.every((o) => o.buffer.size <= limit * ELEM);
  const align = gpu().storageAlign / ELEM;
  const boxes = fitsWhole ? [{ start: cs.map(() => 0), shape: cs }] : tiles(cs, ops.map((o, j) => ({ offset: o.offset, strides: cst[j] })), limit, align);
  for (const box of boxes) {
    const params = new Uint32Array(PARAM_WORDS);
    const bindings: Binding[] = [];
    ops.forEach((o, j) => {
      const start = o.offset + box.start.reduce((a, st, d) => a + st * cst[j][d], 0);
      const word = P_OFF + (j === 0 ? 0 : 1 + viewK[j - 1]);
      if (fitsWhole) {
        bindings.push({ buffer: o.buffer });
        params[word] = start;
      } else {
        const w = windowOf(start, box.shape, cst[j], align);
        bindings.push({ buffer: o.buffer, offset: w.base * ELEM, size: (w.end - w.base) * ELEM });
        params[word] = start - w.base;
      }
    });
    const m = box.shape.reduce((a, b) => a * b, 1);
    params[P_N] = m;
    params[P_NDIM] = cs.length;
    box.shape.forEach((d, i) => (params[P_SHAPE + i] = d));
    cst[0].forEach((s, i) => (params[P_STRIDES + i] = s));
    viewK.forEach((k, j) => cst[j + 1].forEach((s, i) => (params[P_STRIDES + MAXD * (k + 1) + i] = s)));
    scalars.forEach((v, k) => (params[P_SCALAR + k] = v));
    dispatch(code, bindings, params, groupsFor(m));
  }
  checkOutput(spec.op, spec.out);
}
