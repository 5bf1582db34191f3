// Indexing: t.index(...) with PyTorch's semantics (ints, slices, null, '...', boolean masks,
// index tensors), index_put_, index_select/index_add_/index_fill_.
// gather/scatter live in gather-scatter.ts, masks and triangles in masks.ts, pad/one_hot/embedding
// in padding.ts; their shared helpers in index-plan.ts and inplace.ts.
//
// Basic indexing (ints, slices, null, '...') gives views through the shape ops; advanced
// indexing (tensors, masks) copies through the 'index' kernel. Integers are applied as
// `select` first, as PyTorch does, so `x.index(1, ':', idx)` keeps idx's dims in place.
import { IndexError, RuntimeError } from '../errors';
import { isGradEnabled, record, withGradMode } from '../autograd';
import { parseArgs } from '../args';
import type { IndexPlan } from '../backend/kernels';
import { getKernel } from '../backend/registry';
import { bool, int32, int64, uint8 } from '../dtype';
import { warn } from '../warnings';
import { broadcastShapes, normDim } from '../size';
import { Tensor, type NestedArray } from '../tensor';
import { tensor, zeros } from './creation';
import { checkDimIndex, dimPlan, indexPutInto, planShape } from './index-plan';
import { checkLeaf, checkNoOverlap, checkNoPartialOverlap, recordInplace } from './inplace';
import { sliceDim } from './shape';
import { checkInterrupt, sameDevice, sumToShape } from './util';
import { checkScalarFits } from './int-range';

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
 * @example x.index(torch.slice(null, null, 2), 0).shape // torch.Size([2])
 */
export function slice(start?: number | null, stop?: number | null, step?: number | null): Slice {
  if (stop === undefined && step === undefined) return new Slice(null, start ?? null, null);
  return new Slice(start ?? null, stop ?? null, step ?? null);
}

export function parseSliceString(s: string): Slice {
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
    // PyTorch's IndexError for `x[1.5]` (and `x[1.0]`: a float is never an index there; a JS number that is whole is an int)
    if (!Number.isInteger(item)) throw new IndexError('only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)');
    return { kind: 'int', v: item };
  }
  if (typeof item === 'boolean') return { kind: 'tensor', t: tensor(item, { dtype: bool, device }) };
  if (typeof item === 'string') return item === '...' ? { kind: 'ellipsis' } : { kind: 'slice', s: parseSliceString(item) };
  if (item instanceof Slice) return { kind: 'slice', s: item };
  if (item instanceof Tensor) return { kind: 'tensor', t: item };
  if (Array.isArray(item)) return { kind: 'tensor', t: tensor(item as NestedArray[], { device, dtype: item.length === 0 ? int64 : undefined }) };
  // a Python sequence: a cell's `range(n)` (the tutorials' `input[range(n), target]`), a Set of ints
  if (typeof item === 'object' && typeof (item as Iterable<unknown>)[Symbol.iterator] === 'function') return normalize([...(item as Iterable<unknown>)] as NestedArray[], device);
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
  for (const [pos, n] of norm.entries()) {
    switch (n.kind) {
      case 'int': {
        // PyTorch names the item's position in the index (`x[0, 3]`: dimension 1), not `cur`'s dim
        const size = cur._shape[dim];
        if (n.v < -size || n.v >= size) throw new IndexError(`index ${n.v} is out of bounds for dimension ${pos} with size ${size}`);
        cur = cur.select(dim, n.v);
        break;
      }
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
        // a uint8 tensor is a mask, as PyTorch's (deprecated there, with this warning); it was refused
        const t = n.t.dtype === uint8 ? (warn('indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool instead.'), n.t.to(bool)) : n.t;
        if (t.ndim === 0 && (t.dtype === int64 || t.dtype === int32) && t.device.type === 'cpu') {
          // a 0-d integer tensor is an integer (PyTorch's applySelect): `x[torch.tensor(1)]` is a view,
          // SelectBackward0 (it was an advanced-index copy: writes to it did not reach x)
          const v = t.cpu_item(), size = cur._shape[dim];
          if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${pos} with size ${size}`);
          cur = cur.select(dim, v);
        } else if (t.dtype === bool && t.ndim === 0) {
          // x[True] adds a dim of size 1; x[False] one of size 0
          cur = cur.unsqueeze(dim);
          adv.push({ dim, t: zeros(t.cpu_item() ? [1] : [0], { dtype: int64, device: x.device }) });
          dim++;
        } else if (t.dtype === bool) {
          for (let k = 0; k < t.ndim; k++)
            if (t._shape[k] !== cur._shape[dim + k])
              throw new IndexError(`The shape of the mask [${t._shape.join(', ')}] at index ${k} does not match the shape of the indexed tensor [${cur._shape.join(', ')}] at index ${dim + k}`);
          const nz = getKernel('nonzero', t.device.type)(t) as Tensor;
          for (let k = 0; k < t.ndim; k++) adv.push({ dim: dim + k, t: nz.select(1, k) });
          dim += t.ndim;
        } else {
          if (t.dtype !== int64 && t.dtype !== int32) throw new IndexError('tensors used as indices must be long, int, byte or bool tensors');
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


/** Advanced indexing of `view` (autograd: IndexBackward0, scattering the gradient back). */
function indexAdvanced(view: Tensor, plan: IndexPlan): Tensor {
  checkInterrupt();
  const out = getKernel('index', view.device.type)(view, plan) as Tensor;
  return record(out, 'IndexBackward0', [view], (g) => [indexPutInto(zeros(view._shape, { dtype: g.dtype, device: g.device }), plan, g, true)]);
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

/**
 * `t[indices] = values` (or `+=` with `accumulate`), in place; `indices` is an array of index items.
 * @example x.index_put_([torch.tensor([0, 2])], torch.tensor(1.0))
 */
export function index_put_(self: Tensor, ...args: unknown[]): Tensor {
  const { indices, values, accumulate } = parseArgs<{ indices: IndexItem[]; values: Tensor | number; accumulate: boolean }>('index_put_', args, ['indices', 'values', 'accumulate'], { accumulate: false });
  const items = Array.isArray(indices) ? indices : [indices];
  // PyTorch's `t[i] = v` with an int, slice, None, '...' or 0-d tensor in the index writes through a
  // view of `t` (copy_ into `t[basic]`): CopySlices, and a leaf's error names "a view of a leaf"
  const throughView = items.some((it) => !Array.isArray(it) && !(it instanceof Tensor && it.ndim > 0));
  if (throughView && isGradEnabled() && self.is_leaf && self.requires_grad)
    throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  checkLeaf(self);
  const { view, adv } = withGradMode(false, () => parseIndex(self, items));
  if (!(values instanceof Tensor)) checkScalarFits(values, self.dtype);
  const v = values instanceof Tensor ? values : tensor(values, { dtype: self.dtype, device: self.device });
  sameDevice(self, v);
  const plan = adv.length ? withGradMode(false, () => planOf(view, adv)) : null;
  const shape = plan ? planShape(view, plan) : view._shape;
  let ve: Tensor;
  // only a copy_ into a view: PyTorch's expand error (`x[0] = torch.ones(2)` into a row of 3)
  // PyTorch drops the value's leading 1s first (`x[0] = torch.ones(1, 3)` into a row of 3)
  let vt = v.detach();
  while (vt.ndim > shape.length && vt._shape[0] === 1) vt = withGradMode(false, () => vt.squeeze(0));
  if (!plan) ve = withGradMode(false, () => vt.expand(shape));
  else try {
    broadcastShapes(shape, vt._shape);
    ve = withGradMode(false, () => vt.expand(shape));
  } catch {
    throw new RuntimeError(`shape mismatch: value tensor of shape [${v._shape.join(', ')}] cannot be broadcast to indexing result of shape [${shape.join(', ')}]`);
  }
  // PyTorch: index_put_'s value may share no memory with self; a copy_ into a view, none of the view's but all of it
  if (values instanceof Tensor) (plan ? checkNoOverlap : checkNoPartialOverlap)(plan ? self : view, values);
  checkInterrupt();
  if (plan) indexPutInto(view, plan, ve, accumulate);
  else {
    const src = accumulate ? withGradMode(false, () => view.add(ve)) : ve;
    getKernel('copy_', self.device.type)(view, src.dtype === self.dtype ? src : src.to(self.dtype));
  }
  const vs = v._shape;
  recordInplace(self, throughView ? 'CopySlices' : 'IndexPutBackward0', values instanceof Tensor ? [values] : [], (g) => {
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

// ---- index_select / index_add ---------------------------------------------------------------------

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
  checkNoOverlap(self, source);
  checkInterrupt();
  const src = withGradMode(false, () => (alpha === 1 ? source : source.mul(alpha)).reshape(shape));
  indexPutInto(self, plan, src, true);
  recordInplace(self, 'IndexAddBackward0', [source], (g) => [g, index_select(g, d, idx).mul(alpha).reshape(source._shape)]);
  return self;
}
export function index_add(self: Tensor, dim: number, idx: Tensor, source: Tensor, opts: { alpha?: number } = {}): Tensor {
  return index_add_(self.clone(), dim, idx, source, opts);
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
    index_select(dim: number, index: Tensor): Tensor;
    index_add_(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number }): Tensor;
    index_add(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number }): Tensor;
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
P.index_select = function (d, i) { return index_select(this, d, i); };
P.index_add_ = function (d, i, s, o) { return index_add_(this, d, i, s, o); };
P.index_add = function (d, i, s, o) { return index_add(this, d, i, s, o); };
P.index_fill_ = function (d, i, v) { return index_fill_(this, d, i, v); };
P.index_fill = function (d, i, v) { return index_fill(this, d, i, v); };
