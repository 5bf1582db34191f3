// Indexing: values from PyTorch 1.13 for basic/advanced indexing, index_put_, gather/scatter,
// masks, nonzero, embedding, one_hot, pad, tril/triu; errors; finite-difference gradients.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';
import type { Tensor } from '../tensor';
import { gradcheck, prng } from '../test/gradcheck';

const f64 = { dtype: torch.float64 };
const x = () => torch.arange(24).reshape(2, 3, 4);
const S = torch.slice;
function rand(shape: number[], seed = 1): Tensor {
  const r = prng(seed);
  return torch.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r()), f64).reshape(shape);
}
const enc = (t: Tensor) => ({ shape: [...t.shape], dtype: t.dtype === torch.int64 ? ('int64' as const) : ('float64' as const), data: Array.from(t.cpu_data()) });
const idx = (v: number[] | number[][]) => torch.tensor(v);

describe('t.index', () => {
  it('basic indexing gives views', () => {
    const t = x();
    const v = t.index(1, '1:', null, -1);
    expect(v.cpu_tolist()).toEqual([[19], [23]]);
    expect(v._storage).toBe(t._storage);
    expect(t.index('...', S(null, null, 2)).cpu_tolist()).toEqual([[[0, 2], [4, 6], [8, 10]], [[12, 14], [16, 18], [20, 22]]]);
    expect([...t.index(':', '1:', null, -1).shape]).toEqual([2, 2, 1]);
    expect(t.index(S(1)).shape.equals([1, 3, 4])).toBe(true); // slice(stop), as Python
  });
  it('advanced indexing follows PyTorch (ints select first; separated index tensors lead)', () => {
    expect(x().index(1, ':', idx([0, 3])).cpu_tolist()).toEqual([[12, 15], [16, 19], [20, 23]]);
    expect(x().index(idx([0, 1]), ':', idx([1, 2])).cpu_tolist()).toEqual([[1, 5, 9], [14, 18, 22]]);
    expect(x().index(x().remainder(5).eq(0)).cpu_tolist()).toEqual([0, 5, 10, 15, 20]);
    expect(x().index([1, 0], 2).cpu_tolist()).toEqual([[20, 21, 22, 23], [8, 9, 10, 11]]);
    expect([...x().index(null, idx([0, 1]), ':', idx([0, 1])).shape]).toEqual([2, 1, 3]);
    expect([...x().index(':', []).shape]).toEqual([2, 0, 4]);
  });
  it('errors', () => {
    expect(() => x().index(5)).toThrow('index 5 is out of bounds for dimension 0 with size 2');
    expect(() => x().index(idx([7]))).toThrow('index 7 is out of bounds for dimension 0 with size 2');
    expect(() => x().index(1, 2, 3, 4)).toThrow('too many indices for tensor of dimension 3');
    expect(() => x().index(torch.ones(3, { dtype: torch.bool }))).toThrow('The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 0');
    expect(() => x().index('...', '...')).toThrow('an index can only have a single ellipsis');
  });
  it('index_put_ and index_set_', () => {
    const t = torch.zeros(3, 4);
    t.index_put_([idx([0, 2]), idx([1, 3])], torch.tensor([5, 6], { dtype: torch.float32 }));
    expect(t.cpu_tolist()).toEqual([[0, 5, 0, 0], [0, 0, 0, 0], [0, 0, 0, 6]]);
    t.index_put_([idx([1, 1])], torch.tensor(1.5), { accumulate: true });
    expect(t.index(1).cpu_tolist()).toEqual([3, 3, 3, 3]);
    t.index_set_(':', 0, -1);
    expect(t.index(':', 0).cpu_tolist()).toEqual([-1, -1, -1]);
    expect(() => t.index_put_([idx([0])], torch.ones(2))).toThrow('shape mismatch: value tensor of shape [2] cannot be broadcast to indexing result of shape [1, 4]');
    const leaf = torch.zeros(2, { requires_grad: true });
    expect(() => leaf.index_put_([idx([0])], 1)).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
  });
  it('index_put_ on a non-leaf passes gradients to both the old tensor and the values', () => {
    const a = torch.ones(3, { requires_grad: true });
    const v = torch.tensor(2.0, { requires_grad: true });
    const b = a.mul(3);
    b.index_put_([idx([1])], v);
    b.mul(torch.tensor([1, 2, 3], { dtype: torch.float32 })).sum().backward();
    expect(a.grad!.cpu_tolist()).toEqual([3, 0, 9]);
    expect(v.grad!.cpu_item()).toBe(2);
  });
});

describe('gather, scatter, index_select, index_add, masks', () => {
  it('values', () => {
    const src = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 });
    expect(torch.zeros(2, 4).scatter(1, idx([1, 3, 0, 0]).reshape(2, 2), src).cpu_tolist()).toEqual([[0, 1, 0, 2], [4, 0, 0, 0]]);
    expect(torch.zeros(2, 4).scatter_add(1, idx([1, 3, 0, 0]).reshape(2, 2), src).cpu_tolist()).toEqual([[0, 1, 0, 2], [7, 0, 0, 0]]);
    expect(torch.zeros(2, 3).scatter_(0, idx([[1, 0, 1]]), 5).cpu_tolist()).toEqual([[0, 5, 0], [5, 0, 5]]);
    expect(src.gather(1, idx([[1, 1], [0, 1]])).cpu_tolist()).toEqual([[2, 2], [3, 4]]);
    expect(x().index_select(2, idx([3, 0])).index(0).cpu_tolist()).toEqual([[3, 0], [7, 4], [11, 8]]);
    expect(torch.zeros(3, 2).index_add_(0, idx([0, 0, 2]), torch.ones(3, 2), { alpha: 2 }).cpu_tolist()).toEqual([[4, 4], [0, 0], [2, 2]]);
    expect(torch.tensor([[1, 2], [3, 4]]).masked_select(torch.tensor([true, false])).cpu_tolist()).toEqual([1, 3]);
    expect((torch.nonzero(torch.tensor([[0, 1], [2, 0]])) as Tensor).cpu_tolist()).toEqual([[0, 1], [1, 0]]);
    expect((torch.nonzero(torch.tensor([[0, 1], [2, 0]]), { as_tuple: true }) as Tensor[]).map((t) => t.cpu_tolist())).toEqual([[0, 1], [1, 0]]);
    const m = torch.ones(2, 2).masked_fill(torch.tensor([[true, false], [false, true]]), -Infinity);
    expect(m.cpu_tolist()).toEqual([[-Infinity, 1], [1, -Infinity]]);
  });
  it('errors', () => {
    expect(() => x().gather(1, torch.zeros(2, 3, { dtype: torch.int64 }))).toThrow('Index tensor must have the same number of dimensions as input tensor');
    expect(() => x().gather(1, torch.zeros(2, 3, 4, { dtype: torch.int32 }))).toThrow('gather(): Expected dtype int64 for index');
    expect(() => x().gather(1, torch.full([1, 1, 1], 3, { dtype: torch.int64 }))).toThrow('index 3 is out of bounds for dimension 1 with size 3');
    // ATen's TORCH_CHECK: gather/scatter's bound errors are RuntimeErrors (t[5]'s is an IndexError)
    for (const f of [() => x().gather(1, torch.full([1, 1, 1], -1, { dtype: torch.int64 })), () => torch.zeros(3).scatter_(0, idx([5]), 1)])
      expect(f).toThrow(expect.objectContaining({ name: 'RuntimeError', message: expect.stringMatching(/^index (-1|5) is out of bounds for dimension \d with size 3$/) }));
    expect(() => x().float().masked_fill(torch.zeros(4, { dtype: torch.int64 }), 1)).toThrow('masked_fill_ only supports boolean masks, but got mask with dtype long');
  });
  it('grad_fn names', () => {
    const a = rand([3, 4]).requires_grad_();
    expect(String(a.gather(1, idx([[0], [1], [2]])).grad_fn)).toBe('<GatherBackward0>');
    expect(String(a.index_select(0, idx([0])).grad_fn)).toBe('<IndexSelectBackward0>');
    expect(String(a.index(idx([0, 2])).grad_fn)).toBe('<IndexBackward0>');
    expect(String(a.masked_fill(a.gt(0), 0).grad_fn)).toBe('<MaskedFillBackward0>');
    expect(String(torch.pad(a, [1, 1]).grad_fn)).toBe('<ConstantPadNdBackward0>');
    expect(String(torch.embedding(a, idx([0])).grad_fn)).toBe('<EmbeddingBackward0>');
  });
});

describe('embedding, one_hot, pad, tril/triu', () => {
  it('torch.embedding(weight, indices, padding_idx) as PyTorch (weight first; -1 = no padding) skips padding_idx in the gradient', () => {
    const w = torch.arange(12, f64).reshape(4, 3).requires_grad_();
    const e = torch.embedding(w, torch.tensor([[0, 2], [0, 1]]), 0);
    expect(e.cpu_tolist()).toEqual([[[0, 1, 2], [6, 7, 8]], [[0, 1, 2], [3, 4, 5]]]);
    e.sum().backward();
    expect(w.grad!.cpu_tolist()).toEqual([[0, 0, 0], [1, 1, 1], [1, 1, 1], [0, 0, 0]]);
    w.grad = null;
    torch.embedding(w, torch.tensor([3, 3, 1]), -1).sum().backward();
    expect(w.grad!.cpu_tolist()).toEqual([[0, 0, 0], [1, 1, 1], [0, 0, 0], [2, 2, 2]]);
    expect(() => torch.embedding(w, idx([4]))).toThrow('index out of range in self');
    // the F form keeps the indices first
    expect(torch.nn.functional.embedding(idx([1]), w).cpu_tolist()).toEqual([[3, 4, 5]]);
  });
  it('one_hot', () => {
    const o = torch.one_hot(idx([0, 2]), 3);
    expect(o.dtype).toBe(torch.int64);
    expect(o.cpu_tolist()).toEqual([[1, 0, 0], [0, 0, 1]]);
    expect(torch.one_hot(idx([1, 3])).shape.equals([2, 4])).toBe(true);
    expect(() => torch.one_hot(idx([3]), 2)).toThrow('Class values must be smaller than num_classes.');
    expect(() => torch.one_hot(idx([-1]), 2)).toThrow('Class values must be non-negative.');
  });
  it('pad modes (values from PyTorch)', () => {
    const t = torch.arange(6, f64).reshape(1, 1, 2, 3);
    expect(torch.pad(t, [1, 2, 1, 0], 'reflect').cpu_tolist()).toEqual([[[[4, 3, 4, 5, 4, 3], [1, 0, 1, 2, 1, 0], [4, 3, 4, 5, 4, 3]]]]);
    expect(torch.pad(t, [1, 2, 1, 0], 'replicate').cpu_tolist()).toEqual([[[[0, 0, 1, 2, 2, 2], [0, 0, 1, 2, 2, 2], [3, 3, 4, 5, 5, 5]]]]);
    expect(torch.pad(t, [1, 2, 1, 0], 'circular').cpu_tolist()).toEqual([[[[5, 3, 4, 5, 3, 4], [2, 0, 1, 2, 0, 1], [5, 3, 4, 5, 3, 4]]]]);
    expect(torch.pad(torch.arange(6, f64).reshape(2, 3), [-1, 1], 'constant', 9).cpu_tolist()).toEqual([[1, 2, 9], [4, 5, 9]]);
  });
  it('tril / triu', () => {
    expect(torch.arange(9).reshape(3, 3).triu(1).cpu_tolist()).toEqual([[0, 1, 2], [0, 0, 5], [0, 0, 0]]);
    expect(torch.tril(torch.arange(9).reshape(3, 3), -1).cpu_tolist()).toEqual([[0, 0, 0], [3, 0, 0], [6, 7, 0]]);
  });
});

describe('indexing gradcheck (float64)', () => {
  const gc = (f: (xs: Tensor[]) => Tensor, inputs: [Tensor, boolean][]) => gradcheck(f as never, inputs.map(([t, d]) => ({ value: enc(t), differentiable: d })));
  it('advanced index with duplicates', () => gc(([a]) => a.index(idx([1, 1, 0]), ':', idx([2, 2, 0])), [[rand([2, 3, 4]), true]]));
  it('bool mask', () => gc(([a]) => a.index(a.detach().gt(0)), [[rand([3, 4], 2), true]]));
  it('gather', () => gc(([a, i]) => a.gather(1, i), [[rand([3, 4], 3), true], [idx([0, 3, 3, 1, 2, 0]).reshape(3, 2), false]]));
  it('scatter and scatter_add', () => gc(([a, s]) => a.scatter(0, idx([[1, 0, 2]]), s).add(a.scatter_add(0, idx([[2, 2, 2]]), s)), [[rand([3, 3], 4), true], [rand([1, 3], 5), true]]));
  it('index_select and index_add', () => gc(([a, s]) => a.index_select(0, idx([2, 0, 2])).sum().add(a.index_add(0, idx([1, 1]), s).pow(2).sum()), [[rand([3, 2], 6), true], [rand([2, 2], 7), true]]));
  it('index_put_ with accumulate', () => gc(([a, v]) => a.mul(1).index_put_([idx([0, 0, 2])], v, { accumulate: true }), [[rand([3, 2], 8), true], [rand([3, 2], 9), true]]));
  it('masked_fill, tril, pad', () => gc(([a]) => torch.pad(a.masked_fill(torch.tensor([true, false, false]), 2).tril(), [1, 2, 0, 1], 'reflect'), [[rand([3, 3], 10), true]]));
  it('constant pad with cropping', () => gc(([a]) => torch.pad(a, [-1, 2, 1, -1], 'constant', 3), [[rand([3, 4], 11), true]]));
});

describe('diagonal, diag, trace, take_along_dim, index_fill', () => {
  const m = () => torch.arange(12, f64).reshape(3, 4);
  it('values (from PyTorch)', () => {
    expect(m().diagonal().cpu_tolist()).toEqual([0, 5, 10]);
    expect(m().diagonal(1).cpu_tolist()).toEqual([1, 6, 11]);
    expect(m().diagonal(-1).cpu_tolist()).toEqual([4, 9]);
    expect(torch.arange(24, f64).reshape(2, 3, 4).diagonal(0, 1, 2).cpu_tolist()).toEqual([[0, 5, 10], [12, 17, 22]]);
    expect(torch.diag(torch.tensor([1, 2], f64), 1).cpu_tolist()).toEqual([[0, 1, 0], [0, 0, 2], [0, 0, 0]]);
    expect(m().trace().cpu_item()).toBe(15);
    expect(torch.take_along_dim(m(), idx([[0], [3], [1]]), 1).cpu_tolist()).toEqual([[0], [7], [9]]);
    expect(m().index_fill(1, idx([0, 2]), -1).cpu_tolist()).toEqual([[-1, 1, -1, 3], [-1, 5, -1, 7], [-1, 9, -1, 11]]);
    const t = m();
    expect(t.diagonal()._storage).toBe(t._storage);
  });
  it('gradcheck', async () => {
    const one = (f: (a: Tensor) => Tensor, t: Tensor) => gradcheck(([a]) => f(a) as never, [{ value: enc(t), differentiable: true }]);
    await one((a) => a.diagonal(1).narrow(0, 0, 2).mul(a.diagonal(-1)), rand([3, 4], 31));
    await one((a) => torch.diag(a, -1), rand([3], 32));
    await one((a) => a.mul(1).index_fill_(0, idx([1]), 2), rand([3, 2], 33));
    await one((a) => torch.take_along_dim(a, idx([[2, 0]]), 1), rand([3, 4], 34));
  });
});
