// gather / scatter along a dim (and take_along_dim, gather with broadcasting).
import { NotImplementedError, RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { record } from '../autograd';
import { getKernel } from '../backend/registry';
import { int64 } from '../dtype';
import { broadcastShapes, normDim } from '../size';
import { Tensor } from '../tensor';
import { zeros } from './creation';
import { checkLeaf, checkNoOverlap, recordInplace } from './inplace';
import { checkInterrupt } from './util';

function checkIndexTensor(fn: string, x: Tensor, d: number, idx: Tensor, src?: Tensor): void {
  if (idx.dtype !== int64) throw new RuntimeError(`${fn}(): Expected dtype int64 for index`);
  // ATen's words: gather names its input, scatter/scatter_add `self`
  if (idx.ndim !== x.ndim && !(idx.ndim <= 1 && x.ndim <= 1)) throw new RuntimeError(`Index tensor must have the same number of dimensions as ${fn === 'gather' ? 'input' : 'self'} tensor`);
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
  if (src instanceof Tensor) checkNoOverlap(self, src);
  checkInterrupt();
  getKernel('scatter_', self.device.type)(self, d, index, src instanceof Tensor ? src.detach() : Number(src), reduce);
  recordInplace(self, name, src instanceof Tensor ? [src] : [], (g) => [
    reduce === 'add' ? g : g.scatter(d, index, 0),
    src instanceof Tensor ? gather(g, d, index) : null,
  ]);
  return self;
}

type ScatterOpts = { reduce?: 'add' | 'multiply' | null };

/**
 * PyTorch's `scatter_(dim, index, src, reduce=None)` / `scatter_(dim, index, value, reduce=None)`: every
 * argument positional or by name (`{value: 1}`, `{src}`); an unknown option is Python's TypeError.
 */
function scatterArgs(fn: string, args: unknown[]): { dim: number; index: Tensor; src: Tensor | number; reduce: string | null } {
  const a = parseArgs<{ dim: number; index: Tensor; src?: Tensor | number; value?: Tensor | number; reduce?: string | null }>(fn, args, ['dim', 'index', 'src', 'reduce', 'value']);
  if (a.src !== undefined && a.value !== undefined) throw new TypeError(`${fn}() got multiple values for argument 'src'`);
  const src = a.src ?? a.value;
  if (src === undefined) throw new TypeError(`${fn}() missing 1 required positional argument: 'src'`);
  if (typeof src !== 'number' && typeof src !== 'boolean' && !(src instanceof Tensor)) throw new TypeError(`${fn}(): argument 'src' must be Tensor or a number, not ${typeof src}`);
  if (a.reduce === 'multiply') throw new NotImplementedError(`${fn}(reduce='multiply') is not implemented in Torchlit (see docs/pytorch-coverage.md)`);
  if (a.reduce != null && a.reduce !== 'add') throw new RuntimeError(`reduce argument must be either add or multiply.`);
  return { dim: a.dim, index: a.index, src: typeof src === 'boolean' ? Number(src) : src, reduce: a.reduce ?? null };
}

/**
 * In place: `self[i][index[i][j]] = src[i][j]` along `dim` (src a tensor or a number, also by name: `{value: 1}`).
 * @example torch.zeros(3).scatter_(0, torch.tensor(1), {value: 1})  // tensor([0., 1., 0.])
 */
export function scatter_(self: Tensor, ...args: unknown[]): Tensor {
  const { dim, index, src, reduce } = scatterArgs('scatter_', args);
  const d = normDim(dim, self.ndim);
  if (reduce === 'add') return scatterImpl(self, d, index, src, 'add', 'ScatterAddBackward0');
  return scatterImpl(self, d, index, src, 'set', typeof src === 'number' ? 'ScatterBackward1' : 'ScatterBackward0');
}
/** Out-of-place `scatter`. @example torch.zeros(2, 4).scatter(1, torch.tensor([[1], [3]]), 1) */
export function scatter(self: Tensor, ...args: unknown[]): Tensor {
  scatterArgs('scatter', args);
  return scatter_(self.clone(), ...args);
}
/** In place: `self[i][index[i][j]] += src[i][j]` along `dim`. */
export function scatter_add_(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatterImpl(self, normDim(dim, self.ndim), index, src, 'add', 'ScatterAddBackward0');
}
export function scatter_add(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatter_add_(self.clone(), dim, index, src);
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

// ---- Tensor methods -------------------------------------------------------------------------------------

declare module '../tensor' {
  interface Tensor {
    gather(dim: number, index: Tensor): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | number, opts?: ScatterOpts): Tensor;
    scatter(dim: number, index: Tensor, opts: ScatterOpts & { value?: number; src?: Tensor | number }): Tensor;
    scatter_(dim: number, index: Tensor, src: Tensor | number, opts?: ScatterOpts): Tensor;
    scatter_(dim: number, index: Tensor, opts: ScatterOpts & { value?: number; src?: Tensor | number }): Tensor;
    scatter_add(dim: number, index: Tensor, src: Tensor): Tensor;
    scatter_add_(dim: number, index: Tensor, src: Tensor): Tensor;
    take_along_dim(indices: Tensor, dim?: number | null): Tensor;
  }
}
const P = Tensor.prototype;
P.gather = function (d, i) { return gather(this, d, i); };
P.scatter = function (...a: unknown[]) { return scatter(this, ...a); };
P.scatter_ = function (...a: unknown[]) { return scatter_(this, ...a); };
P.scatter_add = function (d, i, s) { return scatter_add(this, d, i, s); };
P.scatter_add_ = function (d, i, s) { return scatter_add_(this, d, i, s); };
P.take_along_dim = function (i, d) { return take_along_dim(this, i, d); };
