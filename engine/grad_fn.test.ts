// grad_fn names and the graph walk of PyTorch's 60-minute blitz (`loss.grad_fn.next_functions[0][0]`),
// as PyTorch 1.13 prints them (/usr/bin/python3: nn.Linear(3, 2) on [2, 3], [3], [4, 2, 3] inputs).
import { describe, expect, it } from 'vitest';
import { torch, nn, F } from './index';
import { gradcheck } from './test/gradcheck';
import type { Encoded } from './test/harness';

const names = (fn: { next_functions: [{ name(): string } | null, number][] } | null) => fn!.next_functions.map(([n, i]) => [n ? n.name() : null, i]);

describe('grad_fn of fused ops as PyTorch', () => {
  const lin = nn.Linear(3, 2);
  it('Linear: Addmm for 2-D input, View → Addmm for 3-D, Add for 1-D', () => {
    const y = lin(torch.ones(2, 3).requires_grad_());
    expect(y.grad_fn!.name()).toBe('AddmmBackward0');
    expect(names(y.grad_fn)).toEqual([['torch::autograd::AccumulateGrad', 0], ['torch::autograd::AccumulateGrad', 0], ['TBackward0', 0]]);
    expect(String(y.grad_fn!.next_functions[0][0])).toBe('<AccumulateGrad>');
    expect((y.grad_fn!.next_functions[0][0] as unknown as { variable: unknown }).variable).toBe(lin.bias);
    const y3 = lin(torch.ones(4, 2, 3));
    expect(y3.grad_fn!.name()).toBe('ViewBackward0');
    expect(names(y3.grad_fn)).toEqual([['AddmmBackward0', 0]]);
    expect(y3.shape).toEqual([4, 2, 2]);
    expect(lin(torch.ones(3)).grad_fn!.name()).toBe('AddBackward0');
    expect(names(lin(torch.ones(2, 3)).grad_fn)).toEqual([['torch::autograd::AccumulateGrad', 0], [null, 0], ['TBackward0', 0]]);
    const l2 = nn.Linear(3, 2, { bias: false });
    expect(l2(torch.ones(2, 3)).grad_fn!.name()).toBe('MmBackward0');
  });
  it('losses: MseLoss, BinaryCrossEntropyWithLogits, NllLoss after LogSoftmax', () => {
    const y = lin(torch.ones(2, 3));
    expect(F.mse_loss(y, torch.zeros(2, 2)).grad_fn!.name()).toBe('MseLossBackward0');
    expect(String(nn.MSELoss()(y, torch.zeros(2, 2)).grad_fn)).toBe('<MseLossBackward0>');
    expect(F.binary_cross_entropy_with_logits(y, torch.zeros(2, 2)).grad_fn!.name()).toBe('BinaryCrossEntropyWithLogitsBackward0');
    const ce = F.cross_entropy(y, torch.tensor([0, 1]));
    expect(ce.grad_fn!.name()).toBe('NllLossBackward0');
    expect(names(ce.grad_fn)).toEqual([['LogSoftmaxBackward0', 0]]);
    expect(names(ce.grad_fn!.next_functions[0][0] as never)).toEqual([['AddmmBackward0', 0]]);
  });
  it('blitz graph walk: leaves end in AccumulateGrad, constants in null', () => {
    const a = torch.ones(2).requires_grad_();
    const b = a.mul(2).sum();
    expect(names(b.grad_fn)).toEqual([['MulBackward0', 0]]);
    const mulNode = b.grad_fn!.next_functions[0][0] as unknown as { next_functions: [{ variable: unknown } | null, number][] };
    expect(mulNode.next_functions.length).toBe(1);
    expect(mulNode.next_functions[0][0]!.variable).toBe(a);
    const c = a.mul(torch.ones(2));
    expect(names(c.grad_fn)).toEqual([['torch::autograd::AccumulateGrad', 0], [null, 0]]);
    expect(c.grad_fn!.next_functions[0][0]).toBe(a.add(1).grad_fn!.next_functions[0][0]);
  });
  it('fused losses keep their gradients (float64 gradcheck, also through a second derivative)', async () => {
    const enc = (shape: number[], data: number[]): Encoded => ({ shape, dtype: 'float64', data }) as Encoded;
    const xv = enc([3, 4], [0.3, -1.2, 0.8, 2.1, -0.5, 0.1, 1.7, -2.2, 0.9, -0.4, 0.6, 1.1]);
    const tv = enc([3, 4], [0.1, 0.9, 0.4, 0.3, 0.5, 0.2, 0.8, 0.6, 0.7, 0.05, 0.95, 0.35]);
    const inputs = [{ value: xv, differentiable: true }, { value: tv, differentiable: true }];
    await gradcheck(([x, t]) => F.mse_loss(x, t), inputs);
    await gradcheck(([x, t]) => F.binary_cross_entropy_with_logits(x, t, { pos_weight: torch.full([4], 2.5, { dtype: torch.float64 }) }), inputs);
    await gradcheck(([x]) => F.cross_entropy(x, torch.tensor([0, 3, 1]), { label_smoothing: 0.1, weight: torch.tensor([1, 2, 0.5, 1], { dtype: torch.float64 }) }), inputs.slice(0, 1));
    const x = torch.tensor([[1, 2], [3, 5]], { dtype: torch.float64 }).requires_grad_();
    const t = torch.zeros(2, 2, { dtype: torch.float64 });
    const [g] = torch.autograd.grad(F.mse_loss(x, t, { reduction: 'sum' }), x, null, { create_graph: true });
    expect(g!.cpu_tolist()).toEqual([[2, 4], [6, 10]]);
    const [gg] = torch.autograd.grad(g!.pow(2).sum(), x);
    expect(gg!.cpu_tolist()).toEqual([[8, 16], [24, 40]]);
  });
});
