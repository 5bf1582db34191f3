// Rearranging ops past the seed, composed of views, flips, cat and index_select (so every backend
// runs them and autograd comes free): dstack, tensor_split, fliplr, flipud, rot90, diag_embed,
// broadcast_tensors, cartesian_prod, combinations.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { int64 } from '../dtype';
import { broadcastShapes, normDim } from '../size';
import { Tensor } from '../tensor';
import { eye, tensor } from './creation';
import { cat, flip, stack } from './join';
import { pad } from './padding';
import { meshgrid, movedim } from './rearrange';

function atleast3d(t: Tensor): Tensor {
  if (t.ndim === 0) return t.reshape([1, 1, 1]);
  if (t.ndim === 1) return t.reshape([1, t._shape[0], 1]);
  if (t.ndim === 2) return t.unsqueeze(2);
  return t;
}

/** Stacks along the third dim (depth), after making each tensor at least 3-D. @example torch.dstack([a, b]) */
export function dstack(tensors: Tensor[]): Tensor {
  if (!tensors.length) throw new RuntimeError('dstack expects a non-empty TensorList');
  return cat(tensors.map(atleast3d), 2);
}

/**
 * Splits into `sections` near-equal views (the first `size % sections` one longer) or at the given
 * indices, along `dim`.
 * @example const [a, b, c] = torch.tensor_split(torch.arange(7), 3)
 */
export function tensor_split(x: Tensor, ...args: unknown[]): Tensor[] {
  const { indices_or_sections: ios, dim } = parseArgs<{ indices_or_sections: number | number[] | Tensor; dim: number }>('tensor_split', args, ['indices_or_sections', 'dim'], { dim: 0 });
  if (x.ndim === 0) throw new RuntimeError('tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims');
  const d = normDim(dim, x.ndim);
  const n = x._shape[d];
  const out: Tensor[] = [];
  if (typeof ios === 'number') {
    if (!Number.isInteger(ios) || ios <= 0) throw new RuntimeError(`number of sections must be larger than 0, got ${ios}`);
    const base = Math.floor(n / ios), extra = n % ios;
    let start = 0;
    for (let i = 0; i < ios; i++) {
      const len = base + (i < extra ? 1 : 0);
      out.push(x.narrow(d, start, len));
      start += len;
    }
    return out;
  }
  const idx = ios instanceof Tensor ? (ios.cpu_tolist() as number[]) : ios;
  let start = 0;
  for (const i of [...idx, n]) {
    const s = Math.min(Math.max(start, 0), n);
    const e = Math.min(Math.max(i < 0 ? i + n : i, s), n);
    out.push(x.narrow(d, s, e - s));
    start = i < 0 ? i + n : i;
  }
  return out;
}

/** Flips left-right (dim 1). @example torch.fliplr(torch.eye(2)) */
export function fliplr(x: Tensor): Tensor {
  if (x.ndim < 2) throw new RuntimeError('Input must be >= 2-d.');
  return flip(x, [1]);
}
/** Flips up-down (dim 0). @example torch.flipud(torch.arange(3)) */
export function flipud(x: Tensor): Tensor {
  if (x.ndim < 1) throw new RuntimeError('Input must be >= 1-d.');
  return flip(x, [0]);
}

/**
 * Rotates by 90° `k` times in the plane of `dims` (from the first towards the second axis).
 * @example torch.rot90(torch.arange(4).view(2, 2), 1, [0, 1])
 */
export function rot90(x: Tensor, ...args: unknown[]): Tensor {
  const { k, dims } = parseArgs<{ k: number; dims: number[] }>('rot90', args, ['k', 'dims'], { k: 1, dims: [0, 1] });
  if (dims.length !== 2) throw new RuntimeError(`expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (x.ndim < 2) throw new RuntimeError(`expected total dims >= 2, but got total dims = ${x.ndim}`);
  const [d0, d1] = dims.map((d) => normDim(d, x.ndim));
  if (d0 === d1) throw new RuntimeError(`expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  const m = ((k % 4) + 4) % 4;
  if (m === 1) return flip(x, [d1]).transpose(d0, d1);
  if (m === 2) return flip(x, [d0, d1]);
  if (m === 3) return flip(x, [d0]).transpose(d0, d1);
  return x.clone();
}

/**
 * Batches of diagonal matrices from the last dim of `input` (on diagonal `offset`, in the plane of
 * `dim1`, `dim2` of the output).
 * @example torch.diag_embed(torch.tensor([[1., 2.], [3., 4.]])).shape // torch.Size([2, 2, 2])
 */
export function diag_embed(x: Tensor, ...args: unknown[]): Tensor {
  const { offset, dim1, dim2 } = parseArgs<{ offset: number; dim1: number; dim2: number }>('diag_embed', args, ['offset', 'dim1', 'dim2'], { offset: 0, dim1: -2, dim2: -1 });
  const nd = x.ndim + 1;
  const a = normDim(dim1, nd), b = normDim(dim2, nd);
  if (a === b) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const src = x.ndim === 0 ? x.reshape([1]) : x;
  const n = src._shape[src.ndim - 1];
  const D = src.unsqueeze(-1).mul(eye(n, { dtype: x.dtype, device: x.device }));
  const o = Math.abs(offset);
  const P = offset > 0 ? pad(D, [o, 0, 0, o]) : offset < 0 ? pad(D, [0, o, o, 0]) : D;
  return movedim(P, [nd - 2, nd - 1], [a, b]);
}

/** Broadcast views of the tensors to one shape. @example const [a2, b2] = torch.broadcast_tensors(a, b) */
export function broadcast_tensors(...tensors: (Tensor | Tensor[])[]): Tensor[] {
  const ts = (tensors.length === 1 && Array.isArray(tensors[0]) ? tensors[0] : tensors) as Tensor[];
  const shape = ts.reduce<number[]>((s, t) => broadcastShapes(s, t._shape), []);
  return ts.map((t) => t.expand(shape));
}

/** The Cartesian product of 1-D tensors, one row per combination. @example torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4])) */
export function cartesian_prod(...tensors: Tensor[]): Tensor {
  for (const t of tensors) if (t.ndim !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape [${t._shape.join(', ')}]`);
  if (tensors.length === 1) return tensors[0];
  return stack(meshgrid(...tensors, { indexing: 'ij' }).map((g) => g.flatten()), 1);
}

/**
 * The length-`r` combinations of a 1-D tensor's elements (with repeats when `with_replacement`),
 * one row each, in lexicographic order of positions.
 * @example torch.combinations(torch.tensor([1, 2, 3]), 2)
 */
export function combinations(x: Tensor, ...args: unknown[]): Tensor {
  const { r, with_replacement } = parseArgs<{ r: number; with_replacement: boolean }>('combinations', args, ['r', 'with_replacement'], { r: 2, with_replacement: false });
  if (x.ndim !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape [${x._shape.join(', ')}]`);
  if (r < 0) throw new RuntimeError(`Expect a non-negative number, but got ${r}`);
  if (r === 0) return x.new_empty([0]);
  const n = x._shape[0];
  const rows: number[][] = [];
  const cur: number[] = [];
  const rec = (start: number) => {
    if (cur.length === r) return void rows.push([...cur]);
    for (let i = start; i < n; i++) {
      cur.push(i);
      rec(with_replacement ? i : i + 1);
      cur.pop();
    }
  };
  rec(0);
  if (!rows.length) return x.new_empty([0, r]);
  const idx = tensor(rows, { dtype: int64, device: x.device });
  return x.index_select(0, idx.flatten()).view([rows.length, r]);
}

declare module '../tensor' {
  interface Tensor {
    /** Near-equal views, or views split at indices. @example t.tensor_split(3) */
    tensor_split(indices_or_sections: number | number[] | Tensor, dim?: number | { dim?: number }): Tensor[];
    fliplr(): Tensor;
    flipud(): Tensor;
    rot90(k?: number, dims?: number[]): Tensor;
    diag_embed(offset?: number, dim1?: number, dim2?: number): Tensor;
  }
}
const P = Tensor.prototype;
P.tensor_split = function (...a: unknown[]) { return tensor_split(this, ...a); };
P.fliplr = function () { return fliplr(this); };
P.flipud = function () { return flipud(this); };
P.rot90 = function (...a: unknown[]) { return rot90(this, ...a); };
P.diag_embed = function (...a: unknown[]) { return diag_embed(this, ...a); };
