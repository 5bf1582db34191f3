// Products and combinations of a 1-D tensor's elements, as index_select / meshgrid compositions
// (every backend, autograd free): cartesian_prod, combinations.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { int64 } from '../dtype';
import type { Tensor } from '../tensor';
import { tensor } from './creation';
import { stack } from './join';
import { meshgrid } from './rearrange';

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
