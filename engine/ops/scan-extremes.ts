// cummax / cummin: running extremes along a dim with where they were (CPU loops over lanes,
// ops/lanes.ts; the gradient scatters back to those indices).
import { record } from '../autograd';
import { parseArgs } from '../args';
import { int64 } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { mapLanes } from './lanes';
import { ReturnTypes } from './reduce';

function cumExtreme(kind: 'cummax' | 'cummin', x: Tensor, args: unknown[]): ReturnTypes {
  const { dim } = parseArgs<{ dim: number }>(kind, args, ['dim']);
  if (dim === undefined) throw new TypeError(`${kind}() missing 1 required positional arguments: "dim"`);
  const d = x.ndim === 0 ? normDim(dim, 1) : normDim(dim, x.ndim);
  const better = kind === 'cummax' ? (a: number, b: number) => a >= b : (a: number, b: number) => a <= b;
  const [values, indices] = mapLanes(kind, x.detach(), d, [{ dtype: x.dtype }, { dtype: int64 }], (s, [v, ix], n) => {
    let best = s[0], at = 0;
    for (let i = 0; i < n; i++) {
      // a NaN wins and stays (PyTorch), ties move to the later index
      if (s[i] !== s[i] || (best === best && better(s[i], best))) {
        best = s[i];
        at = i;
      }
      v[i] = best;
      ix[i] = at;
    }
  });
  record(values, kind === 'cummax' ? 'CummaxBackward0' : 'CumminBackward0', [x], (g) =>
    [x.ndim === 0 ? g : x.new_zeros(x._shape, { dtype: g.dtype }).scatter_add(d, indices, g)]);
  return new ReturnTypes(kind, values, indices);
}

/** Running maximum along `dim` and where it was: a `(values, indices)` pair. @example const [v, i] = torch.cummax(x, 0) */
export const cummax = (x: Tensor, ...args: unknown[]): ReturnTypes => cumExtreme('cummax', x, args);
/** Running minimum along `dim`: a `(values, indices)` pair. @example torch.cummin(x, 0).values */
export const cummin = (x: Tensor, ...args: unknown[]): ReturnTypes => cumExtreme('cummin', x, args);

declare module '../tensor' {
  interface Tensor {
    cummax(dim: number | { dim: number }): ReturnTypes;
    cummin(dim: number | { dim: number }): ReturnTypes;
  }
}
const P = Tensor.prototype;
P.cummax = function (...a: unknown[]) { return cummax(this, ...a); };
P.cummin = function (...a: unknown[]) { return cummin(this, ...a); };
