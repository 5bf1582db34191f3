// Reductions that skip elements, composed of public ops (every backend): nanmean (skips NaN),
// count_nonzero (counts what is not zero).
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import { int64, scalarTypeName, toDType, type DTypeLike } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';

type Dim = number | number[] | null;

/** Mean of the non-NaN elements (NaN where all are NaN). @example torch.nanmean(torch.tensor([1., NaN, 3.])) // tensor(2.) */
export function nanmean(x: Tensor, ...args: unknown[]): Tensor {
  const { dim, keepdim, dtype } = parseArgs<{ dim: Dim; keepdim: boolean; dtype: DTypeLike | null }>('nanmean', args, ['dim', 'keepdim', 'dtype'], { dim: null, keepdim: false, dtype: null });
  if (!x.dtype.is_floating_point && !dtype) throw new RuntimeError(`nanmean(): expected input to have floating point or complex dtype but got ${scalarTypeName(x.dtype)}`);
  const src = dtype ? x.to(toDType(dtype)) : x;
  const ok = src.isnan().logical_not();
  const n = ok.sum(dim, { keepdim });
  const r = src.detach().where(ok, 0).sum(dim, { keepdim }).div(n);
  // as PyTorch (nansum's gradient is g·mask, a product): an all-NaN slice sends NaN back (∞·0)
  return record(r, 'DivBackward0', [src], (g) => {
    let gk = g.div(n);
    if (!keepdim && src.ndim) for (const d of [...(dim === null ? src._shape.map((_, i) => i) : Array.isArray(dim) ? dim : [dim])].map((d) => normDim(d, src.ndim)).sort((a, b) => a - b)) gk = gk.unsqueeze(d);
    return [gk.mul(ok.to(g.dtype))];
  });
}

/** How many elements are non-zero (int64), overall or along `dim`. @example torch.count_nonzero(torch.tensor([0, 1, 2])) // tensor(2) */
export function count_nonzero(x: Tensor, ...args: unknown[]): Tensor {
  const { dim } = parseArgs<{ dim: Dim }>('count_nonzero', args, ['dim'], { dim: null });
  return x.ne(0).sum(dim).to(int64);
}

declare module '../tensor' {
  interface Tensor {
    nanmean(dim?: Dim | { dim?: Dim; keepdim?: boolean; dtype?: DTypeLike }, keepdim?: boolean): Tensor;
    count_nonzero(dim?: Dim | { dim?: Dim }): Tensor;
  }
}
const P = Tensor.prototype;
P.nanmean = function (...a: unknown[]) { return nanmean(this, ...a); };
P.count_nonzero = function (...a: unknown[]) { return count_nonzero(this, ...a); };
