// The seed lesson's fast paths (bench/README.md, "One epoch of the seed lesson") give the same bits
// as the ops they stand for: TanhBackward0 as one kernel, `p.add_(d, {alpha})` without its
// temporary, mse_loss's MseLossBackward0 recorded without an inner graph, and backward formulas
// that skip gradients no input wants. Each is compared with the unfused composition, bit for bit.
import { describe, expect, it } from 'vitest';
import { torch, F, nn } from './index';
import type { Tensor } from './tensor';

type Dyn = any;
const T = torch as Dyn;
const bitsOf = (t: Tensor): number[] => Array.from(t.detach().contiguous().cpu_data() as ArrayLike<number>);

/** Values with every kind of rounding: wide, tiny, near tanh's saturation, signed zeros. */
function values(n: number, dtype: Dyn): Dyn {
  T.manual_seed(n);
  const t = T.randn([n], { dtype }).mul(3);
  const d = t.cpu_data() as Float32Array;
  if (n > 4) {
    d[0] = 0;
    d[1] = -0;
    d[2] = 9.5;
    d[3] = -1e-8;
  }
  return t;
}

describe.each([
  ['float32', 5],
  ['float32', 100], // ≥ 64: where the element-wise kernels take their float32 paths
  ['float64', 5],
  ['float64', 100],
])('%s, %i values', (dt, n) => {
  const dtype = T[dt];

  it('TanhBackward0 (one kernel) equals g·(1 − y²) as three ops', () => {
    const x = values(n, dtype).requires_grad_(true);
    const g = values(n + 1, dtype).narrow(0, 0, n);
    const y = x.tanh();
    expect(y.grad_fn.name()).toBe('TanhBackward0');
    y.backward(g);
    const yd = x.detach().tanh();
    expect(bitsOf(x.grad)).toEqual(bitsOf(g.mul(yd.mul(yd).neg().add(1))));
  });

  it('tanh double backward (create_graph) still differentiates through the formula', () => {
    const x = values(n, dtype).requires_grad_(true);
    const [gx] = T.autograd.grad(x.tanh().sum(), x, { create_graph: true });
    expect(gx.grad_fn).not.toBeNull();
    gx.sum().backward();
    const y = x.detach().tanh();
    // d/dx (1 − tanh²) = −2·tanh·(1 − tanh²)
    const want = y.mul(-2).mul(y.mul(y).neg().add(1));
    const got = bitsOf(x.grad), ref = bitsOf(want);
    for (let i = 0; i < n; i++) expect(got[i]).toBeCloseTo(ref[i], dt === 'float32' ? 5 : 12);
  });

  it('p.add_(d, {alpha}) (no temporary) equals p.add_(d.mul(alpha))', () => {
    const p = values(n, dtype), d = values(n + 2, dtype).narrow(0, 1, n);
    for (const alpha of [-1e-3, 0.1, -7, 1 / 3]) {
      const a = p.clone().add_(d, { alpha });
      const b = p.clone().add_(d.mul(alpha));
      expect(bitsOf(a)).toEqual(bitsOf(b));
    }
  });

  it('add_ with alpha reading an overlapping view of its own storage reads the old values', () => {
    const base = values(n + 1, dtype);
    const want = base.clone();
    want.narrow(0, 1, n).add_(base.narrow(0, 0, n).clone().mul(2));
    base.narrow(0, 1, n).add_(base.narrow(0, 0, n), { alpha: 2 });
    expect(bitsOf(base)).toEqual(bitsOf(want));
  });

  it.each(['mean', 'sum', 'none'])('mse_loss (%s): gradients equal the composition sub·square·reduction', (reduction) => {
    const reduce = (l: Tensor) => (reduction === 'mean' ? l.mean() : reduction === 'sum' ? l.sum() : l);
    for (const which of ['input', 'target', 'both']) {
      const x0 = values(n, dtype).reshape([n, 1]), t0 = values(n + 3, dtype).narrow(0, 0, n).reshape([n, 1]);
      const x = x0.clone().requires_grad_(which !== 'target'), t = t0.clone().requires_grad_(which !== 'input');
      const loss = F.mse_loss(x, t, { reduction });
      expect(loss.grad_fn!.name()).toBe('MseLossBackward0');
      const g = reduction === 'none' ? values(n + 5, dtype).narrow(0, 0, n).reshape([n, 1]) : undefined;
      loss.backward(g);
      const xr = x0.clone().requires_grad_(which !== 'target'), tr = t0.clone().requires_grad_(which !== 'input');
      const ref = reduce(xr.sub(tr).square());
      ref.backward(g);
      expect(bitsOf(loss)).toEqual(bitsOf(ref));
      if (which !== 'target') expect(bitsOf(x.grad!)).toEqual(bitsOf(xr.grad!));
      else expect(x.grad).toBeNull();
      if (which !== 'input') expect(bitsOf(t.grad!)).toEqual(bitsOf(tr.grad!));
      else expect(t.grad).toBeNull();
    }
  });

  it('mse_loss double backward (create_graph) equals the composition', () => {
    const x0 = values(n, dtype), t0 = values(n + 3, dtype).narrow(0, 0, n);
    const x = x0.clone().requires_grad_(true), xr = x0.clone().requires_grad_(true);
    const [g1] = T.autograd.grad(F.mse_loss(x.mul(x), t0), x, { create_graph: true });
    const [g2] = T.autograd.grad(xr.mul(xr).sub(t0).square().mean(), xr, { create_graph: true });
    expect(bitsOf(g1)).toEqual(bitsOf(g2));
    g1.sum().backward();
    g2.sum().backward();
    expect(bitsOf(x.grad)).toEqual(bitsOf(xr.grad));
  });
});

describe('the fast paths keep their edges', () => {
  it('mse_loss with a float64 gradient for a float32 loss promotes as the inner graph does', () => {
    const x = T.tensor([1.5, -2, 0.25], { requires_grad: true }), t = T.tensor([0.5, 1, 2]);
    const xr = T.tensor([1.5, -2, 0.25], { requires_grad: true });
    const g = T.tensor(0.3, { dtype: T.float64 });
    F.mse_loss(x, t).backward(g);
    xr.sub(t).square().mean().backward(g);
    expect(x.grad.dtype).toBe(xr.grad.dtype);
    expect(bitsOf(x.grad)).toEqual(bitsOf(xr.grad));
  });

  it('mse_loss(x, x) and broadcast shapes still take the general path', () => {
    const x = T.tensor([[1.5], [-2]], { requires_grad: true });
    F.mse_loss(x, x).backward();
    expect(x.grad.cpu_tolist()).toEqual([[0], [0]]);
    const y = T.tensor([[1.0, 2.0]]);
    const z = T.tensor([[1.5], [-2]], { requires_grad: true });
    const loss: Dyn = F.mse_loss(z, y); // warns about broadcasting, as PyTorch
    loss.backward();
    expect(loss.grad_fn.name()).toBe('MseLossBackward0');
    expect(z.grad.shape).toEqual([2, 1]);
  });

  it('a first layer computes no gradient for its input batch', () => {
    const lin = nn.Linear(1, 3) as Dyn;
    const x = T.tensor([[1.5], [2.5]]);
    lin(x).sum().backward();
    expect(x.grad).toBeNull();
    expect(bitsOf(lin.weight.grad)).toEqual([4, 4, 4]);
  });
});
