// fill_ / zero_ on every backend and layout, against PyTorch 1.13 (values printed there, quoted).
// On WebGPU fill_ once did nothing at all (its fast path wrote into a CPU array the device tensor
// does not have), which gave optim.Rprop wrong steps there; a strided CPU fill over inf/NaN gave
// NaN (it was computed as old·0 + value).
import { describe, expect, it } from 'vitest';
import { backends } from './harness';
import { torch } from '../index';

const devices = await backends();

describe.each(devices)('fill_ and zero_ on %s', (device) => {
  it('a clone, zeros_like and a strided view are filled', async () => {
    const p = torch.tensor([0.5, -0.3, 0.2, 0.1]).to(device);
    expect(await p.clone().fill_(5).tolist()).toEqual([5, 5, 5, 5]);
    expect(await p.detach().clone().zero_().tolist()).toEqual([0, 0, 0, 0]);
    expect(await torch.zeros_like(p).fill_(3).tolist()).toEqual([3, 3, 3, 3]);
    expect(await p.tolist()).toEqual([0.5, -0.30000001192092896, 0.20000000298023224, 0.10000000149011612]);
    // PyTorch: c = tensor([[inf, nan], [1., 2.]]); c.t()[0].fill_(5) → tensor([[5., nan], [5., 2.]])
    const c = torch.tensor([[Infinity, NaN], [1, 2]]).to(device);
    c.t().index(0).fill_(5);
    expect(await c.tolist()).toEqual([[5, NaN], [5, 2]]);
    // an int64 tensor truncates (tensor([2, 2, 2])), a bool tensor takes true
    expect(await torch.ones(3, { dtype: torch.int64 }).to(device).fill_(2.7).tolist()).toEqual([2, 2, 2]);
    expect(await torch.zeros(2, { dtype: torch.bool }).to(device).fill_(true).tolist()).toEqual([true, true]);
    // a 0-dim tensor value
    expect(await torch.zeros(2, 2).to(device).fill_(torch.tensor(1.5).to(device)).tolist()).toEqual([[1.5, 1.5], [1.5, 1.5]]);
  });

  it("records PyTorch's nodes: FillBackward2, FillBackward3 (a tensor value gets the gradient's sum), ZeroBackward0", async () => {
    const a = torch.ones(3, { requires_grad: true, device }).clone();
    a.fill_(2);
    expect(a.grad_fn!.name()).toBe('FillBackward2');
    const v = torch.tensor(3.0, { requires_grad: true });
    const b = torch.ones(3, { requires_grad: true }).clone();
    b.fill_(v);
    expect(b.grad_fn!.name()).toBe('FillBackward3');
    b.mul(torch.tensor([1, 2, 3])).sum().backward();
    expect(v.grad!.cpu_item()).toBe(6); // PyTorch: tensor(6.)
    const x = torch.ones(3, { requires_grad: true, device });
    const z = x.mul(2);
    z.zero_();
    expect(z.grad_fn!.name()).toBe('ZeroBackward0');
    z.add(x).sum().backward();
    expect(await x.grad!.tolist()).toEqual([1, 1, 1]); // the zeroed part passes no gradient
    expect(() => torch.ones(3).fill_(torch.ones(2))).toThrow('fill_ only supports 0-dimension value tensor but got tensor with 1 dimensions.');
  });
});

describe('optimizer state starts at zero', () => {
  it('even where a parameter holds inf (it was p·0 = NaN)', () => {
    // PyTorch: p = tensor([inf, 1.]); Adam([p], lr=0.1); p.grad = tensor([.5, .5]); step()
    // state exp_avg → tensor([0.0500, 0.0500]), exp_avg_sq → tensor([0.0003, 0.0003])
    const p = torch.tensor([Infinity, 1], { requires_grad: true });
    const opt = torch.optim.Adam([p], { lr: 0.1 });
    p.grad = torch.tensor([0.5, 0.5]);
    opt.step();
    const st = opt.state.get(p) as Record<string, { cpu_data(): ArrayLike<number> }>;
    expect(Array.from(st.exp_avg.cpu_data()).map((v) => +v.toFixed(4))).toEqual([0.05, 0.05]);
    expect(Array.from(st.exp_avg_sq.cpu_data()).every(Number.isFinite)).toBe(true);
  });
});
