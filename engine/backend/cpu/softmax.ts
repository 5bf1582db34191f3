// CPU softmax / log_softmax along one dim, numerically stable (the row max is subtracted first).
import { Device } from '../../device';
import type { DType } from '../../dtype';
import { Tensor } from '../../tensor';
import { registerKernel } from '../registry';

/** x viewed as [outer, n, inner] (dense) → out of the same shape, reduced along n. */
registerKernel('softmax', 'cpu', (x: Tensor, dim: number, log: boolean, dtype: DType): Tensor => {
  const X = x._cpuContiguous();
  const out = Tensor._empty(x._shape, dtype, Device.cpu);
  const O = out._storage.data!;
  const n = x.ndim === 0 ? 1 : x._shape[dim];
  const inner = x._shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const outer = x.ndim === 0 ? 1 : x._shape.slice(0, dim).reduce((a, b) => a * b, 1);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = -Infinity;
      for (let k = 0, p = base; k < n; k++, p += inner) if (X[p] > m || X[p] !== X[p]) m = X[p];
      if (m === -Infinity) m = 0; // an all -inf row gives nan (0/0) as PyTorch, not -inf - -inf
      let s = 0;
      for (let k = 0, p = base; k < n; k++, p += inner) {
        const e = Math.exp(X[p] - m);
        if (!log) O[p] = e;
        s += e;
      }
      if (log) {
        // (x - m) - log(s), not x - (m + log(s)): m + log(s) rounds log(s) away when |m| is huge
        const ls = Math.log(s);
        for (let k = 0, p = base; k < n; k++, p += inner) O[p] = X[p] - m - ls;
      } else {
        const r = 1 / s;
        for (let k = 0, p = base; k < n; k++, p += inner) O[p] *= r;
      }
    }
  }
  return out;
});
