// The float32 2×2 max-pool fast path (branch-free, on ordered int keys) against the general
// branchy loop (float64 input takes it): the same values and argmax indices, ties, ±0, ±inf and
// NaN included, and the same gradients.
import { describe, expect, it } from 'vitest';
import { torch, F } from '../../index';

const T = torch as any;
const FF = F as any;

describe('max_pool2d 2×2, float32 fast path vs the general loop', () => {
  it('same values and indices on random data with ties, signed zeros, infinities and NaNs', () => {
    T.manual_seed(3);
    const x = T.randn([3, 4, 10, 12]);
    const d = x._storage.data as Float32Array;
    // ties of equal maxima, −0 against +0 (either order), ±inf, NaN in each window slot
    const special = [[0, 5, 5, 1, 2], [24, -0, 0, -1, -2], [48, 0, -0, -3, -1], [72, Infinity, 1, Infinity, 0], [96, -Infinity, -Infinity, -Infinity, -Infinity], [120, 1, NaN, 2, NaN], [144, 1, 2, 3, NaN], [168, NaN, 9, 9, 9]];
    for (let k = 0; k < special.length; k++) {
      const [base, a, b, c, e] = special[k];
      const s = k * 24 * 10 + base; // a window's top-left corner in plane k
      d[s] = a;
      d[s + 1] = b;
      d[s + 12] = c;
      d[s + 13] = e;
    }
    const [o32, i32] = FF.max_pool2d(x, 2, { return_indices: true });
    const [o64, i64] = FF.max_pool2d(x.double(), 2, { return_indices: true });
    expect(Array.from(i32.cpu_data())).toEqual(Array.from(i64.cpu_data()));
    const a = Array.from(o32.cpu_data() as Float32Array), b = Array.from(o64.float().cpu_data() as Float32Array);
    for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i]), `output ${i}: ${a[i]} vs ${b[i]}`).toBe(true);
  });

  it('gradients go to the same elements', () => {
    T.manual_seed(4);
    const x = T.randn([2, 3, 8, 6]).requires_grad_();
    const g = T.randn([2, 3, 4, 3]);
    FF.max_pool2d(x, 2).backward(g);
    const x64 = x.detach().double().requires_grad_();
    FF.max_pool2d(x64, 2).backward(g.double());
    expect(Array.from(x.grad.cpu_data())).toEqual(Array.from(x64.grad.float().cpu_data()));
  });
});
