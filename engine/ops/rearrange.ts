// Rearranging ops built from views and gathers: broadcast_to, movedim/moveaxis, repeat_interleave,
// take, tril_indices/triu_indices, meshgrid. Composites of existing ops, so every backend has them
// and their gradients come from the ops they are made of.
import { parseArgs } from '../args';
import { int64 } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { tensor } from './creation';
import { requireCpu } from './lanes';

const err = (name: string, msg: string) => Object.assign(new Error(msg), { name });

/** `torch.broadcast_to(x, shape)`: a broadcast view (as `expand`). @example torch.broadcast_to(torch.tensor([1, 2]), [3, 2]) */
export function broadcast_to(x: Tensor, shape: number[]): Tensor {
  const lead = shape.length - x.ndim;
  if (lead < 0) throw err('RuntimeError', `The expanded size of the tensor (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  x._shape.forEach((s, i) => {
    const t = shape[i + lead];
    if (s !== 1 && t !== -1 && s !== t)
      throw err('RuntimeError', `The expanded size of the tensor (${t}) must match the existing size (${s}) at non-singleton dimension ${i + lead}.  Target sizes: [${shape.join(', ')}].  Tensor sizes: [${x._shape.join(', ')}]`);
  });
  return x.expand(shape);
}

/**
 * Moves dims `source` to positions `destination` (ints or lists); the others keep their order.
 * @example torch.movedim(img, 0, -1).shape // torch.Size([8, 8, 3])
 */
export function movedim(x: Tensor, source: number | number[], destination: number | number[]): Tensor {
  const src = (Array.isArray(source) ? source : [source]).map((d) => normDim(d, x.ndim));
  const dst = (Array.isArray(destination) ? destination : [destination]).map((d) => normDim(d, x.ndim));
  if (src.length !== dst.length)
    throw err('RuntimeError', `movedim: Invalid source or destination dims: source (${JSON.stringify(source)} dims) should contain the same number of dims as destination (${JSON.stringify(destination)} dims)`);
  if (new Set(src).size !== src.length) throw err('RuntimeError', `movedim: repeated dim in \`source\` (${JSON.stringify(source)})`);
  if (new Set(dst).size !== dst.length) throw err('RuntimeError', `movedim: repeated dim in \`destination\` (${JSON.stringify(destination)})`);
  const perm = new Array<number>(x.ndim).fill(-1);
  src.forEach((s, i) => (perm[dst[i]] = s));
  const rest = x._shape.map((_, i) => i).filter((i) => !src.includes(i));
  for (let i = 0, k = 0; i < perm.length; i++) if (perm[i] < 0) perm[i] = rest[k++];
  return x.permute(perm);
}
/** Alias of `movedim` (NumPy's name). */
export const moveaxis = movedim;

/**
 * Repeats each element `repeats` times (an int, or a tensor of per-element counts) along `dim`
 * (the flattened input when omitted). `torch.repeat_interleave(counts)` alone gives
 * `0` repeated counts[0] times, `1` counts[1] times, …
 * @example torch.repeat_interleave(torch.tensor([1, 2]), 2)  // tensor([1, 1, 2, 2])
 */
export function repeat_interleave(x: Tensor, ...args: unknown[]): Tensor {
  if (!args.length || (args.length === 1 && typeof args[0] === 'object' && !(args[0] instanceof Tensor) && !Array.isArray(args[0]) && !('repeats' in (args[0] as object)))) {
    if (x.ndim > 1) throw err('RuntimeError', 'repeat_interleave only accept 1D vector as repeat');
    return repeat_interleave(tensor(Array.from({ length: x.numel() }, (_, i) => i), { dtype: int64 }), x);
  }
  const { repeats, dim } = parseArgs<{ repeats: number | Tensor | number[]; dim: number | null; output_size: number | null }>('repeat_interleave', args, ['repeats', 'dim', 'output_size'], { dim: null });
  const src = dim === null ? x.reshape([-1]) : x;
  const d = dim === null ? 0 : normDim(dim, x.ndim);
  const n = src._shape[d];
  let counts: number[];
  if (typeof repeats === 'number') counts = new Array<number>(n).fill(repeats);
  else {
    if (repeats instanceof Tensor) requireCpu('repeat_interleave (with a tensor of repeats)', repeats);
    counts = repeats instanceof Tensor ? Array.from(repeats._cpuContiguous(), Number) : repeats;
    if (counts.length === 1) counts = new Array<number>(n).fill(counts[0]);
    if (counts.length !== n) throw err('RuntimeError', `repeats must have the same size as input along dim, but got repeats.size(0) = ${counts.length} and input.size(${d}) = ${n}`);
  }
  if (counts.some((c) => c < 0)) throw err('RuntimeError', 'repeats can not be negative');
  const idx: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) idx.push(i);
  });
  return src.index_select(d, tensor(idx, { dtype: int64, device: x.device }));
}

/**
 * Elements of `x` treated as 1-D, at `index` (negative counts from the end); the result has index's shape.
 * @example torch.take(x, torch.tensor([0, 5]))
 */
export function take(x: Tensor, index: Tensor): Tensor {
  const flat = x.reshape([-1]);
  return index.ndim === 0 ? flat.index(index.reshape([1])).reshape([]) : flat.index(index.reshape([-1])).reshape(index._shape);
}

function triIndices(lower: boolean, row: number, col: number, offset: number, opts: { dtype?: unknown; device?: unknown }): Tensor {
  const rs: number[] = [], cs: number[] = [];
  for (let r = 0; r < row; r++)
    for (let c = 0; c < col; c++)
      if (lower ? c - r <= offset : c - r >= offset) {
        rs.push(r);
        cs.push(c);
      }
  return tensor([rs, cs], { dtype: (opts.dtype as never) ?? int64, device: opts.device as never });
}
/** The [row, col] indices (2×N, int64) of the lower triangle of a row×col matrix. @example torch.tril_indices(3, 3) */
export function tril_indices(row: number, col: number, ...args: unknown[]): Tensor {
  const { offset, dtype, device } = parseArgs<{ offset: number; dtype: unknown; device: unknown; layout: unknown }>('tril_indices', args, ['offset', 'dtype', 'device', 'layout'], { offset: 0 });
  return triIndices(true, row, col, offset, { dtype, device });
}
/** The [row, col] indices (2×N, int64) of the upper triangle. @example torch.triu_indices(3, 3, 1) */
export function triu_indices(row: number, col: number, ...args: unknown[]): Tensor {
  const { offset, dtype, device } = parseArgs<{ offset: number; dtype: unknown; device: unknown; layout: unknown }>('triu_indices', args, ['offset', 'dtype', 'device', 'layout'], { offset: 0 });
  return triIndices(false, row, col, offset, { dtype, device });
}

/**
 * Coordinate grids from 1-D tensors: `indexing: 'ij'` (the default, matrix indexing) or `'xy'`
 * (Cartesian: the first two outputs' dims swapped).
 * @example const [X, Y] = torch.meshgrid(torch.arange(3), torch.arange(2), { indexing: 'xy' })
 */
export function meshgrid(...args: unknown[]): Tensor[] {
  let opts: { indexing?: string } = {};
  if (args.length && !(args[args.length - 1] instanceof Tensor) && !Array.isArray(args[args.length - 1])) opts = args.pop() as { indexing?: string };
  for (const k of Object.keys(opts)) if (k !== 'indexing') throw new TypeError(`meshgrid() got an unexpected keyword argument '${k}'`);
  const ts = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as Tensor[];
  const indexing = opts.indexing ?? 'ij';
  if (indexing !== 'ij' && indexing !== 'xy') throw err('RuntimeError', `torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
  for (const t of ts) if (t.ndim > 1) throw err('RuntimeError', `torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${t}`);
  const swap = indexing === 'xy' && ts.length >= 2;
  const order = swap ? [1, 0, ...ts.slice(2).map((_, i) => i + 2)] : ts.map((_, i) => i);
  const shape = order.map((i) => ts[i].numel());
  return ts.map((t, i) => {
    const at = order.indexOf(i);
    const view = shape.map((s, k) => (k === at ? s : 1));
    return t.reshape(view).expand(shape);
  });
}

declare module '../tensor' {
  interface Tensor {
    /** A broadcast view of this tensor. @example t.broadcast_to([4, 2, 3]).shape // torch.Size([4, 2, 3]) */
    broadcast_to(shape: number[]): Tensor;
    /** Moves dims to new positions. @example img.movedim(0, -1) */
    movedim(source: number | number[], destination: number | number[]): Tensor;
    moveaxis(source: number | number[], destination: number | number[]): Tensor;
    /** Repeats each element. @example t.repeat_interleave(2) */
    repeat_interleave(repeats: number | Tensor | number[], dim?: number | null | { dim?: number | null; output_size?: number }, opts?: { output_size?: number }): Tensor;
    /** Elements at flat indices. */
    take(index: Tensor): Tensor;
  }
}
const P = Tensor.prototype;
P.broadcast_to = function (s) { return broadcast_to(this, s); };
P.movedim = function (s, d) { return movedim(this, s, d); };
P.moveaxis = P.movedim;
P.repeat_interleave = function (...a: unknown[]) { return repeat_interleave(this, ...a); };
P.take = function (i) { return take(this, i); };
