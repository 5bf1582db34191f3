// Masks, triangles and diagonals: masked_fill/select, nonzero, tril/triu, diagonal/diag/trace.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { record, withGradMode } from '../autograd';
import { getKernel } from '../backend/registry';
import { bool } from '../dtype';
import { broadcastShapes, normDim } from '../size';
import { Tensor } from '../tensor';
import { arange, zeros } from './creation';
import { index } from './indexing';
import { checkLeaf, recordInplace } from './inplace';
import { checkInterrupt } from './util';
import { checkScalarFits } from './int-range';

function checkMask(fn: string, mask: Tensor): void {
  if (mask.dtype !== bool) throw new RuntimeError(`${fn} only supports boolean masks, but got mask with dtype ${mask.dtype.name === 'int64' ? 'long' : mask.dtype.name}`);
}

/**
 * Elements where `mask` (bool, broadcast to x) is true replaced by `value`.
 * @example scores.masked_fill(mask, -Infinity)
 */
export function masked_fill(x: Tensor, mask: Tensor, value: number | Tensor): Tensor {
  checkMask('masked_fill_', mask);
  // as ATen's expand_outplace(mask, self): the mismatch names the mask first; a larger mask broadcasts x
  const shape = broadcastShapes(mask._shape, x._shape);
  if (shape.length !== x.ndim || shape.some((s, i) => s !== x._shape[i])) x = x.expand(shape);
  if (value instanceof Tensor && value.ndim !== 0)
    throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  if (!(value instanceof Tensor)) checkScalarFits(value, x.dtype);
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
  checkMask('masked_fill_', mask);
  // in place the mask broadcasts to self: ATen names self first, and a larger mask is refused
  const shape = broadcastShapes(self._shape, mask._shape);
  if (shape.length !== self.ndim || shape.some((s, i) => s !== self._shape[i]))
    throw new RuntimeError(`output with shape [${self._shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
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
const diagonalOf = (fn: string, args: unknown[]): number => parseArgs<{ diagonal: number }>(fn, args, ['diagonal'], { diagonal: 0 }).diagonal;
/** The lower triangle (j ≤ i + diagonal) of the last two dims; zeros elsewhere. @example torch.tril(torch.ones(3, 3)) */
export function tril(x: Tensor, ...args: (number | { diagonal?: number })[]): Tensor {
  return triangle(x, diagonalOf('tril', args), true);
}
/** The upper triangle (j ≥ i + diagonal) of the last two dims; zeros elsewhere. @example torch.triu(m, {diagonal: 1}) */
export function triu(x: Tensor, ...args: (number | { diagonal?: number })[]): Tensor {
  return triangle(x, diagonalOf('triu', args), false);
}
// ---- diagonals --------------------------------------------------------------------------------------

/** The diagonal of dims (d1, d2) at `offset`, as a raw view (outside autograd). */
function diagView(x: Tensor, offset: number, d1: number, d2: number): Tensor {
  const n = Math.max(0, offset >= 0 ? Math.min(x._shape[d1], x._shape[d2] - offset) : Math.min(x._shape[d1] + offset, x._shape[d2]));
  const start = n === 0 ? x._offset : x._offset + (offset >= 0 ? offset * x._strides[d2] : -offset * x._strides[d1]);
  const keep = x._shape.map((_, i) => i).filter((i) => i !== d1 && i !== d2);
  const t = new Tensor(x._storage, [...keep.map((i) => x._shape[i]), n], [...keep.map((i) => x._strides[i]), x._strides[d1] + x._strides[d2]], start);
  t._viewOf(x);
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

// ---- Tensor methods -------------------------------------------------------------------------------------

declare module '../tensor' {
  interface Tensor {
    /** Replaces elements where `mask` is true. @example scores.masked_fill(mask, -Infinity) */
    masked_fill(mask: Tensor, value: number | Tensor): Tensor;
    masked_fill_(mask: Tensor, value: number | Tensor): Tensor;
    masked_select(mask: Tensor): Tensor;
    nonzero(opts?: { as_tuple?: boolean }): Tensor;
    argwhere(): Tensor;
    tril(diagonal?: number | { diagonal?: number }): Tensor;
    triu(diagonal?: number | { diagonal?: number }): Tensor;
    /** The diagonal as a view. @example m.diagonal() */
    diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
    diag(diagonal?: number): Tensor;
    trace(): Tensor;
  }
}
const P = Tensor.prototype;
P.masked_fill = function (m, v) { return masked_fill(this, m, v); };
P.masked_fill_ = function (m, v) { return masked_fill_(this, m, v); };
P.masked_select = function (m) { return masked_select(this, m); };
P.nonzero = function (o) { return nonzero(this, o as { as_tuple?: false }); };
P.argwhere = function () { return argwhere(this); };
P.tril = function (d) { return d === undefined ? tril(this) : tril(this, d); };
P.triu = function (d) { return d === undefined ? triu(this) : triu(this, d); };
P.diagonal = function (o = 0, d1 = 0, d2 = 1) { return diagonal(this, o, d1, d2); };
P.diag = function (k = 0) { return diag(this, k); };
P.trace = function () { return trace(this); };
