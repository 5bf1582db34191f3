// The torch.* function forms and the op families of issue 15 §2 against PyTorch 1.13
// (golden/ops_more.json, from scripts/golden/ops_more.py): values, dtypes, shapes and gradients
// on every backend, and float64 finite-difference gradchecks on the CPU.
import { describe, expect, it } from 'vitest';
import golden from './golden/ops_more.json';
import { gradcheck } from './gradcheck';
import { backends, T } from './harness';
import { goldenOpSuites } from './golden-op-suites';
import type { OpCase } from './op_case';

const cases = golden.cases as unknown as OpCase[];
const devices = await backends();

goldenOpSuites('more ops', cases, devices);

describe('answers that are JS booleans', () => {
  it('torch.equal and torch.allclose', () => {
    const a = T.tensor([1, 2, 3]);
    expect(T.equal(a, T.tensor([1, 2, 3]))).toBe(true);
    expect(T.equal(a, T.tensor([1, 2, 4]))).toBe(false);
    expect(T.equal(a, T.tensor([[1, 2, 3]]))).toBe(false);
    expect(a.equal(T.tensor([1, 2, 3]))).toBe(true);
    expect(T.equal(a, T.tensor([1, 2, 3], { dtype: T.float32 }))).toBe(true);
    expect(() => T.allclose(a, T.tensor([1, 2, 3], { dtype: T.float32 }))).toThrow('Long did not match Float');
    const f = T.tensor([1, 2, 3], { dtype: T.float32 });
    expect(T.allclose(f, f.add(1e-6))).toBe(true);
    expect(T.allclose(f, f.add(1e-3))).toBe(false);
    expect(T.allclose(f, f.add(1e-3), { atol: 1e-2 })).toBe(true);
    expect(T.allclose(T.tensor([NaN]), T.tensor([NaN]))).toBe(false);
    expect(T.allclose(T.tensor([NaN]), T.tensor([NaN]), { equal_nan: true })).toBe(true);
  });
  it('values, indices = torch.max(x, 1) destructures, and has .values/.indices', async () => {
    const x = T.tensor([[1, 5, 2], [7, 0, 3]]);
    const [values, indices] = T.max(x, 1);
    expect(await values.tolist()).toEqual([5, 7]);
    expect(await indices.tolist()).toEqual([1, 0]);
    expect(await T.min(x, { dim: 0, keepdim: true }).indices.tolist()).toEqual([[0, 1, 0]]);
    expect(String(T.max(x, 1))).toContain('torch.return_types.max(');
  });
});

describe('linalg beyond the goldens', () => {
  it('det of a singular matrix has the cofactor gradient (finite differences; PyTorch 1.13 gives 0 there)', async () => {
    await gradcheck((xs) => T.linalg.det(xs[0]), [{ value: { shape: [2, 2], dtype: 'float64', data: [1, 2, 2, 4] }, differentiable: true }]);
    const a = T.tensor([[1, 2], [2, 4]], { dtype: T.float64, requires_grad: true });
    T.linalg.det(a).backward();
    expect(await a.grad.tolist()).toEqual([[4, -2], [-2, 1]]);
  });
  it('singular inputs raise PyTorch errors; the nuclear norm of a rank-1 matrix is its one singular value', () => {
    expect(() => T.linalg.inv(T.zeros(2, 2))).toThrow('linalg.inv: The diagonal element 1 is zero, the inversion could not be completed because the input matrix is singular.');
    expect(() => T.linalg.solve(T.zeros(2, 2), T.ones(2))).toThrow('torch.linalg.solve: The solver failed because the input matrix is singular.');
    expect(() => T.linalg.inv(T.zeros(2, 3))).toThrow('linalg.inv: A must be batches of square matrices, but they are 2 by 3 matrices');
    // (values and gradients vs PyTorch: engine/test/linalg.node.test.ts)
    expect(T.linalg.matrix_norm(T.ones(2, 2), 'nuc').cpu_item()).toBeCloseTo(2, 6);
  });
});
