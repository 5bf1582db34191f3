// Indexing: t.index(...) with PyTorch's semantics (ints, slices, null, '...', boolean masks,
// index tensors), index_put_, gather/scatter, index_select/index_add_, masked_fill/select,
// nonzero, embedding, one_hot, pad, tril/triu.
//
// Basic indexing (ints, slices, null, '...') gives views through the shape ops; advanced
// indexing (tensors, masks) copies through the 'index' kernel. Integers are applied as
// `select` first, as PyTorch does, so `x.index(1, ':', idx)` keeps idx's dims in place.
import { IndexError, RuntimeError } from '../errors';
import { isGradEnabled, needsGrad, record, withGradMode } from '../autograd';
import { parseArgs } from '../args';
import type { IndexPlan } from '../backend/cpu/indexing';
import { getKernel } from '../backend/registry';
import { bool, int32, int64 } from '../dtype';
import { broadcastShapes, normDim } from '../size';
import { Tensor, type NestedArray } from '../tensor';
import { arange, tensor, zeros } from './creation';
import { sliceDim } from './shape';
import { checkInterrupt, sameDevice, sumToShape } from './util';

// ---- slices ---------------------------------------------------------------------------------------

/** Python's `slice(start, stop, step)`; print form `slice(1, None, 2)`. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
  toString(): string {
    const f = (v: number | null) => (v === null ? 'None' : String(v));
    return `slice(${f(this.start)}, ${f(this.stop)}, ${f(this.step)})`;
  }
}

/**
 * A slice for `t.index(...)`, as Python's: `slice(stop)` or `slice(start, stop, step)`.
 * @example x.index(torch.slice(null, null, 2), 0) // x[::2, 0]
 */
export function slice(start?: number | null, stop?: number | null, step?: number | null): Slice {
  if (stop === undefined && step === undefined) return new Slice(null, start ?? null, null);
  return new Slice(start ?? null, stop ?? null, step ?? null);
}

function parseSliceString(s: string): Slice {
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.trim() !== '' && !/^\s*-?\d+\s*$/.test(p)))
    throw new TypeError(`invalid index string '${s}': use '...', or a slice such as ':', '1:3', '::2'`);
  const num = (p: string | undefined) => (p === undefined || p.trim() === '' ? null : Number(p));
  return new Slice(num(parts[0]), num(parts[1]), num(parts[2]));
}

/** One item of `t.index(...)`. */
export type IndexItem = number | boolean | null | string | Slice | Tensor | NestedArray[];

type Norm = { kind: 'int'; v: number } | { kind: 'slice'; s: Slice } | { kind: 'none' } | { kind: 'ellipsis' } | { kind: 'tensor'; t: Tensor };

function normalize(item: IndexItem, device: Tensor['device']): Norm {
  if (item === null || item === undefined) return { kind: 'none' };
  if (typeof item === 'number') {
    if (!Number.isInteger(item)) throw new TypeError(`only integers, slices, null, '...', and long or bool tensors are valid indices (got ${item})`);
    return { kind: 'int', v: item };
  }
  if (typeof item === 'boolean') return { kind: 'tensor', t: tensor(item, { dtype: bool, device }) };
  if (typeof item === 'string') return item === '...' ? { kind: 'ellipsis' } : { kind: 'slice', s: parseSliceString(item) };
  if (item instanceof Slice) return { kind: 'slice', s: item };
  if (item instanceof Tensor) return { kind: 'tensor', t: item };
  if (Array.isArray(item)) return { kind: 'tensor', t: tensor(item as NestedArray[], { device, dtype: item.length === 0 ? int64 : undefined }) };
  throw new TypeError(`only integers, slices, null, '...', and long or bool tensors are valid indices (got ${String(item)})`);
}

/** The basic-indexed view and the advanced index tensors (with the view dims they index). */
interface Parsed {
  view: Tensor;
  adv: { dim: number; t: Tensor }[];
}

function parseIndex(x: Tensor, items: IndexItem[]): Parsed {
  const norm = items.map((it) => normalize(it, x.device));
  let consumed = 0, ellipses = 0;
  for (const n of norm) {
    if (n.kind === 'int' || n.kind === 'slice') consumed++;
    else if (n.kind === 'tensor') {
      if (n.t.dtype === bool && n.t.ndim === 0) continue;
      consumed += n.t.dtype === bool ? n.t.ndim : 1;
    } else if (n.kind === 'ellipsis') ellipses++;
  }
  if (ellipses > 1) throw new RuntimeError('an index can only have a single ellipsis (...)');
  if (consumed > x.ndim) throw new IndexError(`too many indices for tensor of dimension ${x.ndim}`);
  let cur = x;
  let dim = 0;
  const adv: { dim: number; t: Tensor }[] = [];
  for (const n of norm) {
    switch (n.kind) {
      case 'int':
        cur = cur.select(dim, n.v);
        break;
      case 'slice': {
        const { start, stop, step } = n.s;
        if (!(start === null && stop === null && (step === null || step === 1))) cur = sliceDim(cur, dim, start, stop, step ?? 1);
        dim++;
        break;
      }
      case 'none':
        cur = cur.unsqueeze(dim);
        dim++;
        break;
      case 'ellipsis':
        dim += x.ndim - consumed;
        break;
      case 'tensor': {
        const t = n.t;
        if (t.dtype === bool && t.ndim === 0) {
          // x[True] adds a dim of size 1; x[False] one of size 0
          cur = cur.unsqueeze(dim);
          adv.push({ dim, t: zeros(t.cpu_item() ? [1] : [0], { dtype: int64, device: x.device }) });
          dim++;
        } else if (t.dtype === bool) {
          for (let k = 0; k < t.ndim; k++)
            if (t._shape[k] !== cur._shape[dim + k])
              throw new RuntimeError(`The shape of the mask [${t._shape.join(', ')}] at index ${k} does not match the shape of the indexed tensor [${cur._shape.join(', ')}] at index ${dim + k}`);
          const nz = getKernel('nonzero', t.device.type)(t) as Tensor;
          for (let k = 0; k < t.ndim; k++) adv.push({ dim: dim + k, t: nz.select(1, k) });
          dim += t.ndim;
        } else {
          if (t.dtype !== int64 && t.dtype !== int32) throw new RuntimeError('tensors used as indices must be long, int, byte or bool tensors');
          adv.push({ dim, t });
          dim++;
        }
        break;
      }
    }
  }
  return { view: cur, adv };
}

function planOf(view: Tensor, adv: { dim: number; t: Tensor }[]): IndexPlan {
  let bshape: number[] = [];
  for (const a of adv) {
    try {
      bshape = broadcastShapes(bshape, a.t._shape);
    } catch {
      throw new RuntimeError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${adv.map((b) => `[${b.t._shape.join(', ')}]`).join(', ')}`);
    }
  }
  const dims = adv.map((a) => a.dim);
  const adjacent = dims.every((d, i) => i === 0 || d === dims[i - 1] + 1);
  const rest = view._shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const before = adjacent ? rest.filter((i) => i < dims[0]) : [];
  const after = rest.filter((i) => !before.includes(i));
  const indices = adv.map((a) => (a.t._shape.length === bshape.length && a.t._shape.every((s, i) => s === bshape[i]) ? a.t : a.t.expand(bshape)));
  return { before, adv: dims, after, indices, bshape };
}

function planShape(view: Tensor, plan: IndexPlan): number[] {
  return [...plan.before.map((d) => view._shape[d]), ...plan.bshape, ...plan.after.map((d) => view._shape[d])];
}

/** Advanced indexing of `view` (autograd: IndexBackward0, scattering the gradient back). */
function indexAdvanced(view: Tensor, plan: IndexPlan): Tensor {
  checkInterrupt();
  const out = getKernel('index', view.device.type)(view, plan) as Tensor;
  return record(out, 'IndexBackward0', [view], (g) => [indexPutInto(zeros(view._shape, { dtype: g.dtype, device: g.device }), plan, g, true)]);
}

function indexPutInto(dst: Tensor, plan: IndexPlan, values: Tensor, accumulate: boolean): Tensor {
  getKernel('index_put_', dst.device.type)(dst, plan, values.detach(), accumulate);
  return dst;
}

/**
 * PyTorch's `t[...]`: integers (negative from the end), slices (`torch.slice(1, null, 2)` or
 * strings `':'`, `'1:3'`, `'::2'`), `null` (a new axis), `'...'`, boolean masks and int64 index
 * tensors (or arrays). Basic indexing returns a view; advanced indexing copies.
 * @example x.index(0), x.index(':', 1), x.index('...', null), x.index(x.gt(0)), x.index([0, 2])
 */
export function index(x: Tensor, ...items: IndexItem[]): Tensor {
  const { view, adv } = parseIndex(x, items);
  if (adv.length === 0) return view === x ? x.view(x._shape) : view;
  return indexAdvanced(view, planOf(view, adv));
}

// ---- in-place with autograd -----------------------------------------------------------------------

/**
 * Records an in-place op on `self`: the old `self` (its graph position) becomes an input, so the
 * gradient reaches what `self` was computed from. Throws PyTorch's error for leaves that require grad.
 */
function recordInplace(self: Tensor, name: string, others: Tensor[], backward: (g: Tensor) => (Tensor | null)[]): void {
  self._version++;
  if (!needsGrad(self, ...others)) return;
  const old = new Tensor(self._storage, self._shape, self._strides, self._offset);
  old.grad_fn = self.grad_fn;
  old._requires_grad = self._requires_grad;
  record(self, name, [old, ...others], backward);
}

function checkLeaf(self: Tensor): void {
  if (!isGradEnabled()) return;
  if (self.is_leaf && self.requires_grad) throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
  if (self._base && self._base.is_leaf && self._base.requires_grad)
    throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
}

/**
 * `t[indices] = values` (or `+=` with `accumulate`), in place; `indices` is an array of index items.
 * @example x.index_put_([torch.tensor([0, 2])], torch.tensor(1.0))
 */
export function index_put_(self: Tensor, ...args: unknown[]): Tensor {
  const { indices, values, accumulate } = parseArgs<{ indices: IndexItem[]; values: Tensor | number; accumulate: boolean }>('index_put_', args, ['indices', 'values', 'accumulate'], { accumulate: false });
  checkLeaf(self);
  const items = Array.isArray(indices) ? indices : [indices];
  const { view, adv } = withGradMode(false, () => parseIndex(self, items));
  const v = values instanceof Tensor ? values : tensor(values, { dtype: self.dtype, device: self.device });
  sameDevice(self, v);
  const plan = adv.length ? withGradMode(false, () => planOf(view, adv)) : null;
  const shape = plan ? planShape(view, plan) : view._shape;
  let ve: Tensor;
  try {
    broadcastShapes(shape, v._shape);
    ve = withGradMode(false, () => v.detach().expand(shape));
  } catch {
    throw new RuntimeError(`shape mismatch: value tensor of shape [${v._shape.join(', ')}] cannot be broadcast to indexing result of shape [${shape.join(', ')}]`);
  }
  checkInterrupt();
  if (plan) indexPutInto(view, plan, ve, accumulate);
  else {
    const src = accumulate ? withGradMode(false, () => view.add(ve)) : ve;
    getKernel('copy_', self.device.type)(view, src.dtype === self.dtype ? src : src.to(self.dtype));
  }
  const vs = v._shape;
  recordInplace(self, accumulate ? 'IndexPutBackward0' : 'IndexPutBackward0', values instanceof Tensor ? [values] : [], (g) => {
    const gSelf = accumulate ? g : index_put_(g.clone(), items, 0);
    const gv = values instanceof Tensor ? sumToShape(index(g, ...items), vs) : null;
    return [gSelf, gv];
  });
  return self;
}

/** Out-of-place `index_put`. */
export function index_put(self: Tensor, ...args: unknown[]): Tensor {
  return index_put_(self.clone(), ...args);
}

// ---- gather / scatter ---------------------------------------------------------------------------

function checkIndexTensor(fn: string, x: Tensor, d: number, idx: Tensor, src?: Tensor): void {
  if (idx.dtype !== int64) throw new RuntimeError(`${fn}(): Expected dtype int64 for index`);
  if (idx.ndim !== x.ndim && !(idx.ndim <= 1 && x.ndim <= 1)) throw new RuntimeError('Index tensor must have the same number of dimensions as input tensor');
  for (let k = 0; k < idx.ndim; k++) {
    if (k !== d && idx._shape[k] > x._shape[k])
      throw new RuntimeError(`Size does not match at dimension ${k} expected index [${idx._shape.join(', ')}] to be smaller than self [${x._shape.join(', ')}] apart from dimension ${d}`);
    if (src && idx._shape[k] > src._shape[k])
      throw new RuntimeError(`Size does not match at dimension ${k} expected index [${idx._shape.join(', ')}] to be smaller than src [${src._shape.join(', ')}] apart from dimension ${d}`);
  }
}

/**
 * `out[i][j] = x[i][index[i][j]]` along `dim` (for dim 1); out has index's shape.
 * @example logp.gather(1, target.unsqueeze(1))
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normDim(dim, x.ndim);
  checkIndexTensor('gather', x, d, index);
  checkInterrupt();
  const out = getKernel('gather', x.device.type)(x, d, index) as Tensor;
  return record(out, 'GatherBackward0', [x], (g) => [zeros(x._shape, { dtype: g.dtype, device: g.device }).scatter_add_(d, index, g)]);
}

function scatterImpl(self: Tensor, d: number, index: Tensor, src: Tensor | number, reduce: 'set' | 'add', name: string): Tensor {
  checkLeaf(self);
  checkIndexTensor(name === 'ScatterAddBackward0' ? 'scatter_add' : 'scatter', self, d, index, src instanceof Tensor ? src : undefined);
  if (src instanceof Tensor && src.dtype !== self.dtype)
    throw new RuntimeError(`scatter(): Expected self.dtype to be equal to src.dtype`);
  checkInterrupt();
  getKernel('scatter_', self.device.type)(self, d, index, src instanceof Tensor ? src.detach() : Number(src), reduce);
  recordInplace(self, name, src instanceof Tensor ? [src] : [], (g) => [
    reduce === 'add' ? g : g.scatter(d, index, 0),
    src instanceof Tensor ? gather(g, d, index) : null,
  ]);
  return self;
}

/** In place: `self[i][index[i][j]] = src[i][j]` along `dim` (src a tensor or a number). */
export function scatter_(self: Tensor, dim: number, index: Tensor, src: Tensor | number, opts: { reduce?: 'add' } = {}): Tensor {
  const d = normDim(dim, self.ndim);
  if (opts.reduce === 'add') return scatterImpl(self, d, index, src, 'add', 'ScatterAddBackward0');
  return scatterImpl(self, d, index, src, 'set', typeof src === 'number' ? 'ScatterBackward1' : 'ScatterBackward0');
}
/** Out-of-place `scatter`. @example torch.zeros(2, 4).scatter(1, idx, 1) */
export function scatter(self: Tensor, dim: number, index: Tensor, src: Tensor | number, opts: { reduce?: 'add' } = {}): Tensor {
  return scatter_(self.clone(), dim, index, src, opts);
}
/** In place: `self[i][index[i][j]] += src[i][j]` along `dim`. */
export function scatter_add_(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatterImpl(self, normDim(dim, self.ndim), index, src, 'add', 'ScatterAddBackward0');
}
export function scatter_add(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatter_add_(self.clone(), dim, index, src);
}

// ---- index_select / index_add ---------------------------------------------------------------------

function dimPlan(x: Tensor, d: number, idx: Tensor): IndexPlan {
  const rest = x._shape.map((_, i) => i).filter((i) => i !== d);
  return { before: rest.filter((i) => i < d), adv: [d], after: rest.filter((i) => i > d), indices: [idx.ndim === 0 ? idx.reshape([1]) : idx], bshape: [idx.numel()] };
}

function checkDimIndex(fn: string, x: Tensor, d: number, idx: Tensor): void {
  if (idx.dtype !== int64 && idx.dtype !== int32) throw new RuntimeError(`${fn}(): Expected dtype int32 or int64 for index`);
  if (idx.ndim > 1) throw new RuntimeError(`${fn}(): Index is supposed to be a vector`);
  if (idx.device.type !== 'cpu') return; // device kernels check their own bounds
  const n = x.ndim === 0 ? 1 : x._shape[d];
  const I = idx._cpuContiguous();
  for (let i = 0; i < I.length; i++) if (I[i] < 0 || I[i] >= n) throw new IndexError(`INDICES element is out of DATA bounds, id=${I[i]} axis_dim=${n}`);
}

/**
 * The slices of `x` at `index` (1-D int64) along `dim`.
 * @example x.index_select(0, torch.tensor([2, 0]))
 */
export function index_select(x: Tensor, dim: number, idx: Tensor): Tensor {
  const d = normDim(dim, x.ndim);
  checkDimIndex('index_select', x, d, idx);
  checkInterrupt();
  const out = getKernel('index', x.device.type)(x, dimPlan(x, d, idx)) as Tensor;
  if (idx.ndim === 0 && x.ndim === 0) return record(out.reshape([]), 'IndexSelectBackward0', [x], (g) => [g.clone()]);
  return record(out, 'IndexSelectBackward0', [x], (g) => [zeros(x._shape, { dtype: g.dtype, device: g.device }).index_add_(d, idx, g)]);
}

/** In place: adds `alpha·source` slices into `self` at `index` along `dim` (duplicates accumulate). */
export function index_add_(self: Tensor, dim: number, idx: Tensor, source: Tensor, opts: { alpha?: number } = {}): Tensor {
  const alpha = opts.alpha ?? 1;
  const d = normDim(dim, self.ndim);
  checkLeaf(self);
  checkDimIndex('index_add_', self, d, idx);
  const plan = dimPlan(self, d, idx);
  const shape = planShape(self, plan);
  if (source.numel() !== shape.reduce((a, b) => a * b, 1))
    throw new RuntimeError(`index_add_(): Source/destination tensor must have same slice shapes. Destination slice shape: ${self._shape.filter((_, i) => i !== d).join(' ')} at dimension ${d} and source slice shape: ${source._shape.filter((_, i) => i !== d).join(' ')} at dimension 0.`);
  checkInterrupt();
  const src = withGradMode(false, () => (alpha === 1 ? source : source.mul(alpha)).reshape(shape));
  indexPutInto(self, plan, src, true);
  recordInplace(self, 'IndexAddBackward0', [source], (g) => [g, index_select(g, d, idx).mul(alpha).reshape(source._shape)]);
  return self;
}
export function index_add(self: Tensor, dim: number, idx: Tensor, source: Tensor, opts: { alpha?: number } = {}): Tensor {
  return index_add_(self.clone(), dim, idx, source, opts);
}

// ---- masks -------------------------------------------------------------------------------------------

function checkMask(fn: string, mask: Tensor): void {
  if (mask.dtype !== bool) throw new RuntimeError(`${fn} only supports boolean masks, but got mask with dtype ${mask.dtype.name === 'int64' ? 'long' : mask.dtype.name}`);
}

/**
 * Elements where `mask` (bool, broadcast to x) is true replaced by `value`.
 * @example scores.masked_fill(mask, -Infinity)
 */
export function masked_fill(x: Tensor, mask: Tensor, value: number | Tensor): Tensor {
  checkMask('masked_fill_', mask);
  const shape = broadcastShapes(x._shape, mask._shape);
  if (shape.length !== x.ndim || shape.some((s, i) => s !== x._shape[i]))
    throw new RuntimeError(`The size of tensor a (${x._shape[x.ndim - 1]}) must match the size of tensor b (${mask._shape[mask.ndim - 1]}) at non-singleton dimension ${x.ndim - 1}`);
  if (value instanceof Tensor && value.ndim !== 0)
    throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  checkInterrupt();
  const v = value instanceof Tensor ? value.detach() : value;
  const out = getKernel('where', x.device.type)(mask, v instanceof Tensor ? v.to(x.dtype) : v, x, x.dtype) as Tensor;
  return record(out, 'MaskedFillBackward0', value instanceof Tensor ? [x, value] : [x], (g) => [
    g.masked_fill(mask, 0),
    value instanceof Tensor ? g.mul(mask.to(g.dtype)).sum() : null,
  ]);
}

/** In-place `masked_fill`. */
export function masked_fill_(self: Tensor, mask: Tensor, value: number | Tensor): Tensor {
  checkLeaf(self);
  const r = withGradMode(false, () => masked_fill(self, mask, value));
  getKernel('copy_', self.device.type)(self, r);
  recordInplace(self, 'MaskedFillBackward0', value instanceof Tensor ? [value] : [], (g) => [
    g.masked_fill(mask, 0),
    value instanceof Tensor ? g.mul(mask.to(g.dtype)).sum() : null,
  ]);
  return self;
}

/** The elements where `mask` is true, as a 1-D copy. @example x.masked_select(x.gt(0)) */
export function masked_select(x: Tensor, mask: Tensor): Tensor {
  checkMask('masked_select:', mask);
  const shape = broadcastShapes(x._shape, mask._shape);
  const xe = x._shape.length === shape.length && x._shape.every((s, i) => s === shape[i]) ? x : x.expand(shape);
  const out = index(xe, mask.expand(shape));
  if (out.grad_fn) out.grad_fn._name = 'MaskedSelectBackward0';
  return out;
}

/**
 * Indices of the non-zero elements: int64 [n, ndim], or one 1-D tensor per dim with `{as_tuple: true}`.
 * @example torch.nonzero(torch.tensor([0, 3, 0, 5])) // [[1], [3]]
 */
export function nonzero(x: Tensor, opts: { as_tuple: true }): Tensor[];
export function nonzero(x: Tensor, opts?: { as_tuple?: false }): Tensor;
export function nonzero(x: Tensor, opts: { as_tuple?: boolean } = {}): Tensor | Tensor[] {
  const nz = getKernel('nonzero', x.device.type)(x.detach()) as Tensor;
  if (!opts.as_tuple) return nz;
  if (x.ndim === 0) return [nz.reshape([-1])];
  return Array.from({ length: x.ndim }, (_, k) => nz.select(1, k).contiguous());
}
/** `nonzero` as [n, ndim]. */
export function argwhere(x: Tensor): Tensor {
  return nonzero(x);
}

// ---- embedding, one_hot -----------------------------------------------------------------------

/**
 * Rows of `weight` ([num_embeddings, dim]) looked up by the int64 `input`; the gradient skips `padding_idx`.
 * @example F.embedding(tokens, emb.weight)
 */
export function embedding(input: Tensor, weight: Tensor, padding_idx: number | null = null): Tensor {
  if (input.dtype !== int64 && input.dtype !== int32)
    throw new RuntimeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${input.dtype} instead (while checking arguments for embedding)`);
  if (weight.ndim !== 2) throw new RuntimeError("'weight' must be 2-D");
  const flat = input.reshape([-1]);
  const n = weight._shape[0];
  if (flat.device.type === 'cpu') {
    const I = flat._cpuContiguous();
    for (let i = 0; i < I.length; i++) if (I[i] < 0 || I[i] >= n) throw new IndexError('index out of range in self');
  }
  const pad = padding_idx === null || padding_idx === undefined ? null : padding_idx < 0 ? padding_idx + n : padding_idx;
  checkInterrupt();
  const rows = getKernel('index', weight.device.type)(weight, dimPlan(weight, 0, flat)) as Tensor;
  const out = rows.view([...input._shape, weight._shape[1]]);
  return record(out, 'EmbeddingBackward0', [weight], (g) => {
    const g2 = g.reshape([-1, weight._shape[1]]);
    const gw = zeros(weight._shape, { dtype: g.dtype, device: g.device });
    const src = pad === null ? g2 : g2.masked_fill(flat.eq(pad).unsqueeze(1), 0);
    return [gw.index_add_(0, flat, src)];
  });
}

/**
 * One-hot encoding of an int64 tensor: int64 [..., num_classes] (num_classes = max + 1 when -1).
 * @example F.one_hot(torch.tensor([0, 2]), 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function one_hot(x: Tensor, num_classes = -1): Tensor {
  if (x.dtype !== int64) throw new RuntimeError('one_hot is only applicable to index tensor.');
  if (x.device.type !== 'cpu') {
    // device values cannot be read synchronously: no range check, and num_classes is required
    if (num_classes === -1) throw new RuntimeError(`one_hot on ${x.device} needs num_classes (the classes cannot be counted without reading the tensor back)`);
    return x.unsqueeze(-1).eq(arange(num_classes, { device: x.device })).to(int64);
  }
  const data = x._cpuContiguous();
  let max = -1, min = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] > max) max = data[i];
    if (data[i] < min) min = data[i];
  }
  if (min < 0) throw new RuntimeError('Class values must be non-negative.');
  let c = num_classes;
  if (c === -1) {
    if (data.length === 0) throw new RuntimeError('Can not infer total number of classes from empty tensor.');
    c = max + 1;
  } else if (max >= c) throw new RuntimeError('Class values must be smaller than num_classes.');
  return x.unsqueeze(-1).eq(arange(c, { device: x.device })).to(int64);
}

// ---- pad ---------------------------------------------------------------------------------------------

/**
 * Pads the last dims: `pad = [left, right, top, bottom, …]` (last dim first), as F.pad.
 * Modes: 'constant' (negative pads crop), 'reflect', 'replicate', 'circular'.
 * @example F.pad(x, [1, 1, 2, 0]), F.pad(img, [1, 1, 1, 1], 'reflect')
 */
export function pad(x: Tensor, ...args: unknown[]): Tensor {
  const { pad: p, mode, value } = parseArgs<{ pad: number[]; mode: string; value: number | null }>('pad', args, ['pad', 'mode', 'value'], { mode: 'constant', value: 0 });
  if (p.length % 2 !== 0) throw new RuntimeError('Padding length must be divisible by 2');
  if (p.length / 2 > x.ndim) throw new RuntimeError(`Padding length should be less than or equal to two times the input dimension but got padding length ${p.length} and input of dimension ${x.ndim}`);
  const k = p.length / 2;
  const dims = Array.from({ length: k }, (_, i) => x.ndim - 1 - i);
  if (mode === 'constant') return constantPad(x, dims, p, value ?? 0);
  let r = x;
  dims.forEach((d, i) => {
    const l = p[2 * i], rr = p[2 * i + 1];
    if (l === 0 && rr === 0) return;
    const n = x._shape[d];
    if (mode === 'reflect' && (l >= n || rr >= n))
      throw new RuntimeError(`Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${rr}) at dimension ${d} of input [${x._shape.join(', ')}]`);
    const src: number[] = [];
    for (let j = -l; j < n + rr; j++) {
      if (mode === 'reflect') src.push(j < 0 ? -j : j >= n ? 2 * (n - 1) - j : j);
      else if (mode === 'replicate') src.push(Math.min(Math.max(j, 0), n - 1));
      else if (mode === 'circular') src.push(((j % n) + n) % n);
      else throw new RuntimeError(`Unrecognised padding mode ${mode}`);
    }
    r = index_select(r, d, tensor(src, { dtype: int64, device: x.device }));
  });
  if (r.grad_fn) r.grad_fn._name = mode === 'reflect' ? `ReflectionPad${k}DBackward0` : mode === 'replicate' ? `ReplicationPad${k}DBackward0` : r.grad_fn._name;
  return r;
}

function constantPad(x: Tensor, dims: number[], p: number[], value: number): Tensor {
  const shape = [...x._shape];
  dims.forEach((d, i) => {
    shape[d] = x._shape[d] + p[2 * i] + p[2 * i + 1];
    if (shape[d] < 0)
      throw new RuntimeError(`The input size ${x._shape[d]}, plus negative padding ${p[2 * i]} and ${p[2 * i + 1]} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`);
  });
  checkInterrupt();
  const out = getKernel('full', x.device.type)(shape, value, x.dtype) as Tensor;
  // the overlap of input and output, per padded dim
  let src = x.detach(), dst = out;
  dims.forEach((d, i) => {
    const l = p[2 * i], r = p[2 * i + 1];
    const s0 = Math.max(0, -l), len = x._shape[d] - s0 - Math.max(0, -r);
    if (len <= 0) {
      src = src.narrow(d, 0, 0);
      dst = dst.narrow(d, 0, 0);
      return;
    }
    src = src.narrow(d, s0, len);
    dst = rawNarrow(dst, d, Math.max(0, l), len);
  });
  if (src.numel() > 0) getKernel('copy_', x.device.type)(dst, src);
  return record(out, 'ConstantPadNdBackward0', [x], (g) => [constantPad(g, dims, p.map((v) => -v), 0)]);
}

function rawNarrow(x: Tensor, d: number, start: number, len: number): Tensor {
  const shape = [...x._shape];
  shape[d] = len;
  const t = new Tensor(x._storage, shape, x._strides, x._offset + start * x._strides[d]);
  t._base = x;
  return t;
}

// ---- tril / triu ---------------------------------------------------------------------------------------

function triangle(x: Tensor, diagonal: number, lower: boolean): Tensor {
  if (x.ndim < 2) throw new RuntimeError(`${lower ? 'tril' : 'triu'}: input tensor must have at least 2 dimensions`);
  const r = x._shape[x.ndim - 2], c = x._shape[x.ndim - 1];
  const rows = arange(r, { device: x.device }).unsqueeze(1).add(diagonal);
  const cols = arange(c, { device: x.device });
  const keep = lower ? cols.le(rows) : cols.ge(rows);
  checkInterrupt();
  const out = getKernel('where', x.device.type)(keep, x.detach(), 0, x.dtype) as Tensor;
  return record(out, lower ? 'TrilBackward0' : 'TriuBackward0', [x], (g) => [triangle(g, diagonal, lower)]);
}
/** The lower triangle (j ≤ i + diagonal) of the last two dims; zeros elsewhere. @example torch.tril(torch.ones(3, 3)) */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return triangle(x, diagonal, true);
}
/** The upper triangle (j ≥ i + diagonal) of the last two dims; zeros elsewhere. */
export function triu(x: Tensor, diagonal = 0): Tensor {
  return triangle(x, diagonal, false);
}

// ---- diagonals, take_along_dim, index_fill ------------------------------------------------------------

/** The diagonal of dims (d1, d2) at `offset`, as a raw view (outside autograd). */
function diagView(x: Tensor, offset: number, d1: number, d2: number): Tensor {
  const n = Math.max(0, offset >= 0 ? Math.min(x._shape[d1], x._shape[d2] - offset) : Math.min(x._shape[d1] + offset, x._shape[d2]));
  const start = n === 0 ? x._offset : x._offset + (offset >= 0 ? offset * x._strides[d2] : -offset * x._strides[d1]);
  const keep = x._shape.map((_, i) => i).filter((i) => i !== d1 && i !== d2);
  const t = new Tensor(x._storage, [...keep.map((i) => x._shape[i]), n], [...keep.map((i) => x._strides[i]), x._strides[d1] + x._strides[d2]], start);
  t._base = x._base ?? x;
  return t;
}

/**
 * The diagonal (a view) of the 2-D slices on dims `dim1`, `dim2`; it becomes the last dim.
 * @example torch.diagonal(m), x.diagonal(1)
 */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const d1 = normDim(dim1, x.ndim), d2 = normDim(dim2, x.ndim);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const out = diagView(x, offset, d1, d2);
  return record(out, 'DiagonalBackward0', [x], (g) => {
    const z = zeros(x._shape, { dtype: g.dtype, device: g.device });
    getKernel('copy_', g.device.type)(diagView(z, offset, d1, d2), g.detach());
    return [z];
  });
}

/** A 1-D input becomes a square matrix with it on the `diagonal`; a 2-D input gives its diagonal (a copy). */
export function diag(x: Tensor, diagonal_ = 0): Tensor {
  if (x.ndim === 2) return diagonal(x, diagonal_).clone();
  if (x.ndim !== 1) throw new RuntimeError('diag(): Supports 1D or 2D tensors. Got ' + x.ndim + 'D');
  const n = x._shape[0] + Math.abs(diagonal_);
  const out = zeros([n, n], { dtype: x.dtype, device: x.device });
  getKernel('copy_', x.device.type)(diagView(out, diagonal_, 0, 1), x.detach());
  return record(out, 'DiagBackward0', [x], (g) => [diagonal(g, diagonal_).clone()]);
}

/** Sum of the main diagonal of a 2-D tensor. */
export function trace(x: Tensor): Tensor {
  if (x.ndim !== 2) throw new RuntimeError('trace: expected a matrix, but got tensor with dim ' + x.ndim);
  return diagonal(x).sum();
}

/**
 * `gather` with broadcasting: picks `x` values at `indices` along `dim` (flattened when dim is omitted).
 * @example torch.take_along_dim(x, x.argmax(1, {keepdim: true}), 1)
 */
export function take_along_dim(x: Tensor, indices: Tensor, dim?: number | null): Tensor {
  if (dim === undefined || dim === null) return gather(x.reshape([-1]), 0, indices.reshape([-1]));
  const d = normDim(dim, x.ndim);
  if (indices.ndim !== x.ndim) throw new RuntimeError('torch.take_along_dim(): input and indices should have the same number of dimensions, but got ' + x.ndim + ' dimensions for input, and ' + indices.ndim + ' dimensions for indices');
  const bx = [...x._shape], bi = [...indices._shape];
  bx[d] = 1;
  bi[d] = 1;
  const b = broadcastShapes(bx, bi);
  const xs = [...b], is = [...b];
  xs[d] = x._shape[d];
  is[d] = indices._shape[d];
  return gather(x.expand(xs), d, indices.expand(is));
}

/** In place: fills the slices at `index` along `dim` with `value`. @example x.index_fill_(1, torch.tensor([0, 2]), -1) */
export function index_fill_(self: Tensor, dim: number, idx: Tensor, value: number | Tensor): Tensor {
  const d = normDim(dim, self.ndim);
  checkLeaf(self);
  checkDimIndex('index_fill_', self, d, idx);
  if (value instanceof Tensor && value.ndim !== 0) throw new RuntimeError(`index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  const plan = dimPlan(self, d, idx);
  const v = value instanceof Tensor ? value.detach().to(self.dtype) : tensor(value, { dtype: self.dtype, device: self.device });
  checkInterrupt();
  indexPutInto(self, plan, v.expand(planShape(self, plan)), false);
  recordInplace(self, 'IndexFillBackward0', value instanceof Tensor ? [value] : [], (g) => [
    index_fill_(g.clone(), d, idx, 0),
    value instanceof Tensor ? index_select(g, d, idx).sum() : null,
  ]);
  return self;
}
export function index_fill(self: Tensor, dim: number, idx: Tensor, value: number | Tensor): Tensor {
  return index_fill_(self.clone(), dim, idx, value);
}

// ---- Tensor methods -------------------------------------------------------------------------------------

declare module '../tensor' {
  interface Tensor {
    /**
     * PyTorch's `t[...]`. @example x.index(0), x.index(':', torch.slice(1, null, 2)), x.index(mask), x.index('...', null)
     */
    index(...items: IndexItem[]): Tensor;
    /** `t[indices] = values` in place. @example x.index_put_([idx], torch.tensor(0.0)) */
    index_put_(indices: IndexItem[], values: Tensor | number, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    index_put(indices: IndexItem[], values: Tensor | number, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    /** `t[...idx] = value` in place, the convenient form: `x.index_set_(0, ':', 1.5)`. */
    index_set_(...itemsThenValue: (IndexItem | number | Tensor)[]): Tensor;
    gather(dim: number, index: Tensor): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | number, opts?: { reduce?: 'add' }): Tensor;
    scatter_(dim: number, index: Tensor, src: Tensor | number, opts?: { reduce?: 'add' }): Tensor;
    scatter_add(dim: number, index: Tensor, src: Tensor): Tensor;
    scatter_add_(dim: number, index: Tensor, src: Tensor): Tensor;
    index_select(dim: number, index: Tensor): Tensor;
    index_add_(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number }): Tensor;
    index_add(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number }): Tensor;
    /** Replaces elements where `mask` is true. @example scores.masked_fill(mask, -Infinity) */
    masked_fill(mask: Tensor, value: number | Tensor): Tensor;
    masked_fill_(mask: Tensor, value: number | Tensor): Tensor;
    masked_select(mask: Tensor): Tensor;
    nonzero(opts?: { as_tuple?: boolean }): Tensor;
    argwhere(): Tensor;
    tril(diagonal?: number): Tensor;
    triu(diagonal?: number): Tensor;
    /** The diagonal as a view. @example m.diagonal() */
    diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
    diag(diagonal?: number): Tensor;
    trace(): Tensor;
    take_along_dim(indices: Tensor, dim?: number | null): Tensor;
    index_fill_(dim: number, index: Tensor, value: number | Tensor): Tensor;
    index_fill(dim: number, index: Tensor, value: number | Tensor): Tensor;
  }
}
const P = Tensor.prototype;
P.index = function (...items) { return index(this, ...items); };
P.index_put_ = function (...a: unknown[]) { return index_put_(this, ...(typeof a[2] === 'boolean' ? [a[0], a[1], { accumulate: a[2] }] : a)); };
P.index_put = function (...a: unknown[]) { return index_put(this, ...(typeof a[2] === 'boolean' ? [a[0], a[1], { accumulate: a[2] }] : a)); };
P.index_set_ = function (...a) {
  if (a.length < 1) throw new TypeError('index_set_(...indices, value): the value is missing');
  return index_put_(this, a.slice(0, -1) as IndexItem[], a[a.length - 1] as Tensor | number);
};
P.gather = function (d, i) { return gather(this, d, i); };
P.scatter = function (d, i, s, o) { return scatter(this, d, i, s, o); };
P.scatter_ = function (d, i, s, o) { return scatter_(this, d, i, s, o); };
P.scatter_add = function (d, i, s) { return scatter_add(this, d, i, s); };
P.scatter_add_ = function (d, i, s) { return scatter_add_(this, d, i, s); };
P.index_select = function (d, i) { return index_select(this, d, i); };
P.index_add_ = function (d, i, s, o) { return index_add_(this, d, i, s, o); };
P.index_add = function (d, i, s, o) { return index_add(this, d, i, s, o); };
P.masked_fill = function (m, v) { return masked_fill(this, m, v); };
P.masked_fill_ = function (m, v) { return masked_fill_(this, m, v); };
P.masked_select = function (m) { return masked_select(this, m); };
P.nonzero = function (o) { return nonzero(this, o as { as_tuple?: false }); };
P.argwhere = function () { return argwhere(this); };
P.tril = function (k = 0) { return tril(this, k); };
P.triu = function (k = 0) { return triu(this, k); };
P.diagonal = function (o = 0, d1 = 0, d2 = 1) { return diagonal(this, o, d1, d2); };
P.diag = function (k = 0) { return diag(this, k); };
P.trace = function () { return trace(this); };
P.take_along_dim = function (i, d) { return take_along_dim(this, i, d); };
P.index_fill_ = function (d, i, v) { return index_fill_(this, d, i, v); };
P.index_fill = function (d, i, v) { return index_fill(this, d, i, v); };
