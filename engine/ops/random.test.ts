// In-place random fills, bernoulli/multinomial/normal, tensors over typed arrays, and iteration.
// Random draws are checked by their statistics (PyTorch's generator is not reproduced bit for bit).
import { describe, expect, it } from 'vitest';
import { torch } from '../index';

const stats = (t: ReturnType<typeof torch.zeros>) => {
  const d = Array.from(t.cpu_data(), Number);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const v = d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length;
  return { mean, std: Math.sqrt(v), min: Math.min(...d), max: Math.max(...d) };
};

describe('in-place random', () => {
  it('normal_, uniform_, exponential_, bernoulli_ draw from their distributions', () => {
    torch.manual_seed(0);
    const n = torch.zeros(20000).normal_(3, 2);
    expect(stats(n).mean).toBeCloseTo(3, 1);
    expect(stats(n).std).toBeCloseTo(2, 1);
    const u = torch.zeros(20000).uniform_(-1, 3);
    expect(stats(u).min).toBeGreaterThanOrEqual(-1);
    expect(stats(u).max).toBeLessThan(3);
    expect(stats(u).mean).toBeCloseTo(1, 1);
    const e = torch.zeros(20000).exponential_(4);
    expect(stats(e).mean).toBeCloseTo(0.25, 1);
    expect(stats(e).min).toBeGreaterThanOrEqual(0);
    const b = torch.zeros(20000).bernoulli_(0.3);
    expect(new Set(b.cpu_data()).size).toBe(2);
    expect(stats(b).mean).toBeCloseTo(0.3, 1);
    const r = torch.zeros(1000, { dtype: torch.int64 }).random_(2, 5);
    expect(stats(r).min).toBe(2);
    expect(stats(r).max).toBe(4);
  });
  it('returns the tensor itself, writes through views, and follows the seed', () => {
    const t = torch.zeros(4, 4);
    expect(t.normal_()).toBe(t);
    t.narrow(0, 0, 2).fill_(7);
    t.select(1, 0).uniform_(10, 11);
    expect(t.cpu_tolist()).toSatisfy((rows: number[][]) => rows.every((r) => r[0] >= 10 && r[0] < 11));
    torch.manual_seed(5);
    const a = torch.empty(5).normal_().cpu_tolist();
    torch.manual_seed(5);
    expect(torch.empty(5).normal_().cpu_tolist()).toEqual(a);
  });
  it('refuses a leaf that requires grad outside no_grad, as PyTorch', () => {
    const w = torch.zeros(3, { requires_grad: true });
    expect(() => w.normal_()).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    torch.no_grad(() => w.uniform_(0, 1));
    expect(w.requires_grad).toBe(true);
  });
  it('bad parameters raise', () => {
    expect(() => torch.zeros(2).normal_(0, -1)).toThrow('normal expects std >= 0.0');
    expect(() => torch.zeros(2).bernoulli_(1.5)).toThrow(/p to be in \[0, 1\]/);
    expect(() => torch.zeros(2).uniform_(2, 1)).toThrow('from=2 > to=1');
  });
});

describe('bernoulli, multinomial, normal', () => {
  it('bernoulli draws per-element probabilities', () => {
    const p = torch.tensor([0, 1, 0, 1], { dtype: torch.float32 });
    expect(torch.bernoulli(p).cpu_tolist()).toEqual([0, 1, 0, 1]);
    expect(torch.bernoulli(torch.full([3], 0.5)).dtype).toBe(torch.float32);
  });
  it('multinomial samples categories, without replacement by default', () => {
    const w = torch.tensor([[0, 0, 5, 0], [1, 1, 1, 1]], { dtype: torch.float32 });
    const s = torch.multinomial(w, 1);
    expect(s.dtype).toBe(torch.int64);
    expect([...s.shape]).toEqual([2, 1]);
    expect((s.cpu_tolist() as number[][])[0][0]).toBe(2);
    const all = torch.multinomial(torch.ones(4), 4).cpu_tolist() as number[];
    expect([...all].sort()).toEqual([0, 1, 2, 3]);
    expect(() => torch.multinomial(torch.ones(2), 3)).toThrow('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
    expect((torch.multinomial(torch.tensor([0, 1], { dtype: torch.float32 }), 6, true).cpu_tolist() as number[]).every((v) => v === 1)).toBe(true);
  });
  it('normal with numbers and a size, or tensors', () => {
    expect([...torch.normal(0, 1, [2, 3]).shape]).toEqual([2, 3]);
    const m = torch.normal(torch.full([20000], 5), 0.5);
    expect(stats(m).mean).toBeCloseTo(5, 1);
    expect(stats(m).std).toBeCloseTo(0.5, 1);
  });
});

describe('tensors over typed arrays', () => {
  it('as_tensor / from_numpy share a matching typed array', () => {
    const a = new Float32Array([1, 2, 3, 4]);
    const t = torch.from_numpy(a);
    a[0] = 9;
    expect(t.cpu_tolist()).toEqual([9, 2, 3, 4]);
    t.view(2, 2).select(1, 1).fill_(0);
    expect(Array.from(a)).toEqual([9, 0, 3, 0]);
    const s = torch.as_tensor(a);
    expect(s.dtype).toBe(torch.float32);
    a[2] = -1;
    expect((s.cpu_tolist() as number[])[2]).toBe(-1);
    expect(torch.as_tensor(new Int32Array([1, 2])).dtype).toBe(torch.int32);
    expect(torch.as_tensor(new Float64Array([1])).dtype).toBe(torch.float64);
  });
  it('as_tensor copies to another dtype, returns a tensor as is, and takes nested arrays', () => {
    const a = new Float32Array([1.5, 2]);
    const t = torch.as_tensor(a, { dtype: torch.float64 });
    a[0] = 0;
    expect(t.cpu_tolist()).toEqual([1.5, 2]);
    const x = torch.ones(2);
    expect(torch.as_tensor(x)).toBe(x);
    expect(torch.as_tensor([[1, 2]]).dtype).toBe(torch.int64);
  });
  it('Uint8Array/Int16Array share memory as uint8/int16; unsupported element types raise a TypeError naming them', () => {
    expect(String(torch.from_numpy(new Uint8Array(3)).dtype)).toBe('torch.uint8');
    expect(String(torch.as_tensor(new Int16Array(3)).dtype)).toBe('torch.int16');
    expect(() => torch.from_numpy(new Uint16Array(3))).toThrow(/torch.uint16 tensors are not supported in Torchlit/);
    expect(() => torch.as_tensor(new Uint8ClampedArray(3))).toThrow(TypeError);
    expect(torch.as_tensor(new Uint8Array([255, 1]), { dtype: torch.float32 }).cpu_tolist()).toEqual([255, 1]);
  });
});

describe('iteration as a Python sequence', () => {
  it('for..of iterates the first dim; destructuring unpacks; __len__ is len()', () => {
    const t = torch.tensor([[1, 2], [3, 4], [5, 6]]);
    const rows = [];
    for (const row of t) rows.push(row.cpu_tolist());
    expect(rows).toEqual([[1, 2], [3, 4], [5, 6]]);
    const [a, b] = torch.tensor([7, 8]);
    expect(a.ndim).toBe(0);
    expect(a.cpu_item() + b.cpu_item()).toBe(15);
    expect(t.__len__()).toBe(3);
    expect([...torch.zeros(0, 2)]).toEqual([]);
  });
  it('a 0-d tensor is not iterable (a TypeError, as PyTorch), and deep equality of tensors still works', () => {
    expect(() => [...torch.tensor(3)]).toThrow(TypeError);
    expect(() => {
      const [a] = torch.tensor(3);
      return a;
    }).toThrow(TypeError);
    const g = torch.tensor([1, 2]);
    expect(torch.tensor([1, 2])).not.toBe(g);
    expect(() => torch.tensor(3).__len__()).toThrow(TypeError);
  });
  it('rows are views that carry gradients', () => {
    const x = torch.ones(2, 3, { requires_grad: true });
    const [r0, r1] = x;
    r0.mul(2).add(r1).sum().backward();
    expect(x.grad!.cpu_tolist()).toEqual([[2, 2, 2], [1, 1, 1]]);
  });
});
