// cat, stack, split, chunk, unbind, repeat, tile, flip, roll: values, errors, gradients.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';
import type { Tensor } from '../tensor';
import { gradcheck, prng } from '../test/gradcheck';

const f64 = { dtype: torch.float64 };
function rand(shape: number[], seed = 1): Tensor {
  const r = prng(seed);
  return torch.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r()), f64).reshape(shape);
}
const enc = (t: Tensor) => ({ shape: [...t.shape], dtype: 'float64' as const, data: Array.from(t.cpu_data()) });
const a = () => torch.arange(6).reshape(2, 3);

describe('cat and stack', () => {
  it('values, dims, promotion and the legacy empty rule', () => {
    expect(torch.cat([a(), a().add(10)], 1).cpu_tolist()).toEqual([[0, 1, 2, 10, 11, 12], [3, 4, 5, 13, 14, 15]]);
    expect(torch.cat([a(), a()], { dim: -2 }).shape.equals([4, 3])).toBe(true);
    expect(torch.cat([a(), torch.ones(1, 3)]).dtype).toBe(torch.float32);
    expect(torch.cat([a(), torch.zeros(0)]).shape.equals([2, 3])).toBe(true);
    expect(torch.stack([a(), a()], 2).shape.equals([2, 3, 2])).toBe(true);
    expect(torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])], 1).cpu_tolist()).toEqual([[1, 3], [2, 4]]);
    expect(torch.hstack([a(), a()]).shape.equals([2, 6])).toBe(true);
    expect(torch.vstack([torch.tensor([1, 2]), torch.tensor([3, 4])]).cpu_tolist()).toEqual([[1, 2], [3, 4]]);
  });
  it('errors', () => {
    expect(() => torch.cat([torch.ones(2, 2), torch.ones(3, 3)], 1)).toThrow('Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.');
    expect(() => torch.cat([torch.ones(2, 2), torch.ones(2)])).toThrow('Tensors must have same number of dimensions: got 2 and 1');
    expect(() => torch.cat([])).toThrow('torch.cat(): expected a non-empty list of Tensors');
    expect(() => torch.cat([torch.tensor(1)])).toThrow('zero-dimensional tensor (at position 0) cannot be concatenated');
    expect(() => torch.stack([torch.ones(2, 3), torch.ones(2, 4)])).toThrow('stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1');
  });
  it('grad_fn names and gradcheck', async () => {
    const x = torch.ones(2, { requires_grad: true });
    expect(String(torch.cat([x, x]).grad_fn)).toBe('<CatBackward0>');
    expect(String(torch.stack([x, x]).grad_fn)).toBe('<StackBackward0>');
    await gradcheck(([p, q]) => torch.cat([p, q, p], 1), [{ value: enc(rand([2, 3], 1)), differentiable: true }, { value: enc(rand([2, 1], 2)), differentiable: true }]);
    await gradcheck(([p, q]) => torch.stack([p, q], -1), [{ value: enc(rand([2, 3], 3)), differentiable: true }, { value: enc(rand([2, 3], 4)), differentiable: true }]);
  });
});

describe('split, chunk, unbind', () => {
  it('views of the right sizes', () => {
    const t = torch.arange(10).reshape(5, 2);
    expect(t.split(2).map((p) => p.shape[0])).toEqual([2, 2, 1]);
    expect(t.split([1, 4]).map((p) => p.cpu_tolist())).toEqual([[[0, 1]], [[2, 3], [4, 5], [6, 7], [8, 9]]]);
    expect(t.chunk(3).map((p) => p.shape[0])).toEqual([2, 2, 1]);
    expect(torch.arange(6).chunk(4).map((p) => p.numel())).toEqual([2, 2, 2]);
    expect(t.unbind(1).map((p) => p.cpu_tolist())).toEqual([[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]]);
    expect(t.split(2)[1]._storage).toBe(t._storage);
    expect(() => t.split([1, 2])).toThrow("split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at dimension 0), but got split_sizes=[1, 2]");
  });
  it('gradients flow back through the pieces', async () => {
    await gradcheck(([p]) => { const [u, v] = p.chunk(2, 1); return u.mul(v); }, [{ value: enc(rand([3, 4], 5)), differentiable: true }]);
  });
});

describe('repeat, tile, flip, roll', () => {
  it('values (as PyTorch)', () => {
    expect(torch.tensor([1, 2]).repeat(2, 2).cpu_tolist()).toEqual([[1, 2, 1, 2], [1, 2, 1, 2]]);
    expect(a().tile(2).cpu_tolist()).toEqual([[0, 1, 2, 0, 1, 2], [3, 4, 5, 3, 4, 5]]);
    expect(a().flip(0, 1).cpu_tolist()).toEqual([[5, 4, 3], [2, 1, 0]]);
    expect(torch.flip(a(), [1]).cpu_tolist()).toEqual([[2, 1, 0], [5, 4, 3]]);
    expect(torch.roll(a(), 1, 1).cpu_tolist()).toEqual([[2, 0, 1], [5, 3, 4]]);
    expect(torch.roll(a(), -1).cpu_tolist()).toEqual([[1, 2, 3], [4, 5, 0]]);
    expect(() => torch.tensor([1, 2]).repeat(2)).not.toThrow();
    expect(() => a().repeat(2)).toThrow('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  });
  it('gradcheck', async () => {
    expect(String(rand([2]).requires_grad_().repeat(2).grad_fn)).toBe('<RepeatBackward0>');
    await gradcheck(([p]) => p.repeat(2, 1, 3), [{ value: enc(rand([2, 3], 6)), differentiable: true }]);
    await gradcheck(([p]) => p.flip(1).mul(p), [{ value: enc(rand([2, 3], 7)), differentiable: true }]);
    await gradcheck(([p]) => torch.roll(p, [1, -1], [0, 1]), [{ value: enc(rand([2, 3], 8)), differentiable: true }]);
  });
});
