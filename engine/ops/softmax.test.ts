// softmax / log_softmax: values, stability at large magnitudes, dims, errors, gradcheck.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';
import type { Tensor } from '../tensor';
import { gradcheck, prng } from '../test/gradcheck';

const f64 = { dtype: torch.float64 };
function rand(shape: number[], seed = 1, scale = 1): Tensor {
  const r = prng(seed);
  return torch.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r() * scale), f64).reshape(shape);
}
const enc = (t: Tensor) => ({ shape: [...t.shape], dtype: 'float64' as const, data: Array.from(t.cpu_data()) });

describe('softmax', () => {
  it('values (PyTorch: softmax([1, 2, 3]) = [0.0900, 0.2447, 0.6652])', () => {
    const y = torch.softmax(torch.tensor([1, 2, 3], f64), 0).cpu_data();
    [0.09003057317038046, 0.24472847105479764, 0.6652409557748219].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 14));
    const l = torch.tensor([1, 2, 3], f64).log_softmax(0).cpu_data();
    [-2.4076059644443806, -1.4076059644443804, -0.4076059644443803].forEach((v, i) => expect(l[i]).toBeCloseTo(v, 14));
  });
  it('is stable for large logits', () => {
    const x = torch.tensor([[1000, 1001], [-1000, -1001]], { dtype: torch.float32 });
    expect(Array.from(x.softmax(1).cpu_data()).every(Number.isFinite)).toBe(true);
    const l = x.log_softmax(1).cpu_data();
    expect(l[0]).toBeCloseTo(-1.3132616, 5);
    expect(l[3]).toBeCloseTo(-1.3132616, 5);
  });
  it('sums to one along any dim', () => {
    const x = rand([2, 3, 4], 2, 5);
    for (const d of [0, 1, 2, -1]) {
      const s = x.softmax(d).sum(d).cpu_data();
      s.forEach((v) => expect(v).toBeCloseTo(1, 12));
    }
  });
  it('errors and names', () => {
    expect(() => torch.softmax(torch.tensor([1, 2]), 0)).toThrow(`"softmax_lastdim_kernel_impl" not implemented for 'Long'`);
    expect(torch.softmax(torch.tensor([1, 2]), 0, { dtype: torch.float64 }).dtype).toBe(torch.float64);
    expect(() => torch.softmax(torch.ones(2, 3), 2)).toThrow('Dimension out of range (expected to be in range of [-2, 1], but got 2)');
    const x = torch.ones(2, 3, { requires_grad: true });
    expect(String(x.softmax(1).grad_fn)).toBe('<SoftmaxBackward0>');
    expect(String(x.log_softmax(1).grad_fn)).toBe('<LogSoftmaxBackward0>');
  });
  it('gradcheck (float64)', async () => {
    await gradcheck(([x]) => torch.softmax(x, 1), [{ value: enc(rand([3, 4, 2], 3, 3)), differentiable: true }]);
    await gradcheck(([x]) => torch.log_softmax(x, 0), [{ value: enc(rand([3, 4], 4, 3)), differentiable: true }]);
  });
});
