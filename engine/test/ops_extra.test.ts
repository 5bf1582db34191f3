// The torch.* names added past the seed (golden/ops_extra.json, from scripts/golden/ops_extra.py)
// against PyTorch 1.13: values, dtypes, shapes and gradients on every backend (CPU-only ops are
// known gaps on WebGPU), float64 finite-difference gradchecks, and PyTorch's errors for bad input.
import { describe, expect, it } from 'vitest';
import golden from './golden/ops_extra.json';
import { backends, T } from './harness';
import { goldenOpSuites } from './golden-op-suites';
import type { OpCase } from './op_case';

const cases = golden.cases as unknown as OpCase[];
const devices = await backends();

goldenOpSuites('extra ops', cases, devices);

describe('extra ops: errors and options as PyTorch', () => {
  it('rejects bad input with PyTorch messages', () => {
    expect(() => T.fliplr(T.zeros(3))).toThrow('Input must be >= 2-d.');
    expect(() => T.rot90(T.zeros(3))).toThrow('expected total dims >= 2, but got total dims = 1');
    expect(() => T.bincount(T.tensor([-1]))).toThrow('bincount only supports 1-d non-negative integral inputs.');
    expect(() => T.bincount(T.tensor([1.5]))).toThrow(`"bincount_cpu" not implemented for 'Float'`);
    expect(() => T.cross(T.zeros(2, 3), T.zeros(3))).toThrow('linalg.cross: inputs must have the same number of dimensions.');
    expect(() => T.cdist(T.zeros(2, 3), T.zeros(2, 4))).toThrow('X1 and X2 must have the same number of columns. X1: 3 X2: 4');
    expect(() => T.tensordot(T.zeros(2, 3), T.zeros(4, 5), 1)).toThrow('contracted dimensions need to match');
    expect(() => T.tensor([1, 2]).log_()).toThrow("result type Float can't be cast to the desired output type Long");
  });
  it('refuses `-` on bool tensors with PyTorch words, in every form (values in real PyTorch 1.13)', () => {
    const b = T.tensor([true, false]);
    const u8 = T.tensor([1, 2], { dtype: T.uint8 });
    const one = 'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.';
    const two = 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.';
    const neg = 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.';
    for (const f of [() => u8.sub(b), () => b.sub(u8), () => b.sub(1), () => T.sub(T.tensor([1.5]), b), () => T.tensor([1.5]).sub(true), () => T.rsub(b, 1), () => u8.clone().sub_(b)]) expect(f).toThrow(one);
    for (const f of [() => b.sub(b), () => b.clone().sub_(b), () => b.sub(true)]) expect(f).toThrow(two);
    for (const f of [() => b.neg(), () => b.negative(), () => T.neg(b), () => b.clone().neg_()]) expect(f).toThrow(neg);
    // what stays allowed: ~, logical_not, xor, and bool + bool
    expect(b.logical_not().cpu_tolist()).toEqual([false, true]);
    expect(b.add(b).cpu_tolist()).toEqual([true, false]);
  });
  it('torch.dist(a, b, p) and a.dist(b) as PyTorch 1.13: values, gradient, grad_fn, dtype error', () => {
    const a = T.tensor([[1, 2, 3], [4, 5, 6]], { dtype: T.float32, requires_grad: true });
    const b = T.tensor([[0, 2, 1], [4, 1, 6]], { dtype: T.float32 });
    const d = T.dist(a, b);
    expect(d.cpu_item()).toBeCloseTo(4.5826, 4);
    expect(String(d.grad_fn)).toBe('<DistBackward0>');
    d.backward();
    const g = a.grad!.cpu_tolist() as number[][];
    [[0.2182, 0, 0.4364], [0, 0.8729, 0]].forEach((row, i) => row.forEach((v, j) => expect(g[i][j]).toBeCloseTo(v, 4)));
    const c = a.detach();
    expect(T.dist(c, b, 1).cpu_item()).toBe(7);
    expect(c.dist(b, { p: Infinity }).cpu_item()).toBe(4);
    expect(T.dist(c, b, 0).cpu_item()).toBe(3);
    expect(T.dist(c, T.tensor([1, 1, 1], { dtype: T.float32 }), 3).cpu_item()).toBeCloseTo(6.0822, 4);
    expect(() => T.dist(T.tensor([1, 2]), T.tensor([1, 2]))).toThrow('norm(): input dtype should be either floating point or complex. Got Long instead.');
  });
  it('torch.rsub(input, other, {alpha}) is other - alpha * input, with its gradient', () => {
    const x = T.tensor([1.5, 2], { requires_grad: true });
    expect(T.rsub(T.tensor([1, 2]), 10).cpu_tolist()).toEqual([9, 8]);
    const r = T.rsub(x, x.detach().mul(3), { alpha: 2 });
    expect(r.cpu_tolist()).toEqual([1.5, 2]);
    r.sum().backward();
    expect(x.grad!.cpu_tolist()).toEqual([-2, -2]);
    expect(() => T.rsub(x, 1, { beta: 1 })).toThrow("rsub() got an unexpected keyword argument 'beta'");
  });
  it('checks keyword names', () => {
    expect(() => T.tan(T.zeros(1), { foo: 1 })).toThrow("tan() got an unexpected keyword argument 'foo'");
    expect(() => T.rot90(T.zeros(2, 2), { kk: 1 })).toThrow("rot90() got an unexpected keyword argument 'kk'");
    expect(() => T.histc(T.zeros(2), { bin: 1 })).toThrow("histc() got an unexpected keyword argument 'bin'");
    expect(() => T.nan_to_num(T.zeros(2), { inf: 1 })).toThrow("nan_to_num() got an unexpected keyword argument 'inf'");
  });
  it('in-place forms write back and keep the graph', async () => {
    const x = T.tensor([1.5, 2.5], { requires_grad: true });
    const y = x.mul(1);
    y.log_();
    y.sum().backward();
    expect(await x.grad.tolist()).toEqual([expect.closeTo(1 / 1.5, 6), expect.closeTo(1 / 2.5, 6)]);
    const z = T.tensor([NaN, 1]);
    expect(z.nan_to_num_(5)).toBe(z);
    expect(await z.tolist()).toEqual([5, 1]);
  });
  it('poisson samples have the rate as their mean; seed() returns a seed that reproduces', async () => {
    T.manual_seed(1);
    const s = T.poisson(T.full([20000], 3.5, { dtype: T.float32 }));
    expect(await s.mean().item()).toBeCloseTo(3.5, 1);
    expect(await s.var().item()).toBeCloseTo(3.5, 0);
    const seed = T.seed();
    const a = await T.rand(3).tolist();
    T.manual_seed(seed);
    expect(await T.rand(3).tolist()).toEqual(a);
    const r = T.randint_like(T.zeros(50, { dtype: T.float32 }), 2, 5);
    expect(r.dtype).toBe(T.float32);
    expect(await r.ge(2).logical_and(r.lt(5)).all().item()).toBe(true);
  });
});
