// select / narrow / slicing: second derivatives through their backward (create_graph) and the index check.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';
import type { Tensor } from '../tensor';

describe('double backward through select, narrow and slices', () => {
  it("x[0] * x[1]: the gradient keeps its graph (PyTorch's SelectBackwardBackward0 under AddBackward0)", () => {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true, dtype: torch.float32 });
    const y = x.select(0, 0).mul(x.select(0, 1)).mul(x.narrow(0, 2, 1).sum()).add(x.index('1:').pow(2).sum());
    const [g] = torch.autograd.grad(y, x, null, { create_graph: true }) as Tensor[];
    // y = x0 x1 x2 + x1² + x2²: g = [x1 x2, x0 x2 + 2 x1, x0 x1 + 2 x2]
    expect(g.cpu_tolist()).toEqual([6, 7, 8]);
    expect(g.grad_fn).not.toBeNull();
    const rows = [0, 1, 2].map((i) => (torch.autograd.grad(g.select(0, i), x, null, { retain_graph: true }) as Tensor[])[0].cpu_tolist());
    expect(rows).toEqual([[0, 3, 2], [3, 2, 1], [2, 1, 2]]);
  });
  it('select refuses an index that is not an integer instead of reading garbage', () => {
    const x = torch.zeros(3, 2);
    expect(() => x.select(0, 0.5)).toThrow("select(): argument 'index' (position 2) must be int, not float");
    expect(x.select(0, torch.tensor(2) as never).shape).toEqual([2]);
  });
});

describe('an iterable as an index (Python sequence)', () => {
  it("input.index(range(n), target): the tutorials' nll picks one entry per row", () => {
    const input = torch.arange(12, { dtype: torch.float32 }).view(3, 4);
    const range3 = { *[Symbol.iterator]() { yield 0; yield 1; yield 2; } };
    expect(input.index(range3 as never, torch.tensor([3, 0, 1])).cpu_tolist()).toEqual([3, 4, 9]);
  });
});
