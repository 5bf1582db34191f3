// Optimizer mechanics: param groups, zero_grad, state_dict round trip, errors, schedulers.
import { describe, expect, it } from 'vitest';
import { F, nn, optim, torch } from '../index';

function problem() {
  torch.manual_seed(0);
  const model = nn.Linear(3, 2);
  const x = torch.randn(8, 3), y = torch.randn(8, 2);
  const step = (opt: optim.Optimizer) => {
    opt.zero_grad();
    const loss = F.mse_loss(model(x), y);
    loss.backward();
    opt.step();
    return Number(loss.cpu_item());
  };
  return { model, step };
}

describe('optim', () => {
  it('works with and without new; param groups take their own lr and the rest from defaults', () => {
    const { model } = problem();
    const opt = optim.SGD([{ params: [model.weight], lr: 0.1 }, { params: [model.bias!] }], { lr: 0.01, momentum: 0.9 });
    expect(opt.param_groups.map((g) => [g.lr, g.momentum])).toEqual([[0.1, 0.9], [0.01, 0.9]]);
    expect(new optim.Adam(model.parameters())).toBeInstanceOf(optim.Adam);
    expect(() => optim.SGD([], { lr: 0.1 })).toThrow(expect.objectContaining({ name: 'ValueError', message: 'optimizer got an empty parameter list' }));
    // the module instead of model.parameters(), a tensor instead of a list: Python's/PyTorch's TypeErrors
    expect(() => (optim.SGD as unknown as (...a: unknown[]) => unknown)(nn.Linear(2, 1), { lr: 0.1 })).toThrow(expect.objectContaining({ name: 'TypeError', message: "'Linear' object is not iterable" }));
    expect(() => (optim.SGD as unknown as (...a: unknown[]) => unknown)(torch.zeros(2, { dtype: torch.float64 }), { lr: 0.1 })).toThrow(
      'params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.DoubleTensor');
    expect(() => optim.Adam(model.parameters(), { lr: -1 })).toThrow('Invalid learning rate: -1');
  });

  it('zero_grad sets grads to null by default, zeros with set_to_none: false', () => {
    const { model, step } = problem();
    const opt = optim.SGD(model.parameters(), { lr: 0.1 });
    step(opt);
    const g = model.weight.grad!;
    opt.zero_grad({ set_to_none: false });
    expect(model.weight.grad).toBe(g); // zeroed in place, as PyTorch
    expect(g.cpu_tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
    model.zero_grad(false);
    expect(model.weight.grad).toBe(g);
    opt.zero_grad();
    expect(model.weight.grad).toBeNull();
  });

  it('backward accumulates into an existing .grad in place (a reference sees the sum), as AccumulateGrad', () => {
    const w = torch.tensor([1, 2, 3], { requires_grad: true });
    w.mul(2).sum().backward();
    const g = w.grad!;
    expect(g.cpu_tolist()).toEqual([2, 2, 2]);
    w.mul(w).sum().backward();
    expect(w.grad).toBe(g);
    expect(g.cpu_tolist()).toEqual([4, 6, 8]);
    expect(g.requires_grad).toBe(false);
    // with create_graph the sum is a new tensor with a graph of its own (not in place)
    w.mul(w).sum().backward(null, { create_graph: true });
    // identity, not expect().not.toBe: vitest deep-compares unequal objects by iterating them, and a tensor's 0-d elements refuse iteration (as PyTorch's)
    expect(w.grad === g).toBe(false);
    expect(w.grad!.cpu_tolist()).toEqual([6, 10, 14]);
    expect(g.cpu_tolist()).toEqual([4, 6, 8]);
  });

  it('updates in place, without recording autograd', () => {
    const { model, step } = problem();
    const w = model.weight;
    const before = w.cpu_tolist();
    step(optim.SGD(model.parameters(), { lr: 0.1 }));
    expect(model.weight).toBe(w);
    expect(w.is_leaf).toBe(true);
    expect(w.grad_fn).toBeNull();
    expect(w.cpu_tolist()).not.toEqual(before);
  });

  it('state_dict / load_state_dict resume Adam exactly', () => {
    const a = problem();
    const optA = optim.Adam(a.model.parameters(), { lr: 0.05 });
    for (let i = 0; i < 3; i++) a.step(optA);
    const sd = optA.state_dict();
    expect(sd.param_groups[0].params).toEqual([0, 1]);
    expect(Object.keys(sd.state[0])).toEqual(['step', 'exp_avg', 'exp_avg_sq']);
    const b = problem();
    b.model.load_state_dict(a.model.state_dict());
    const optB = optim.Adam(b.model.parameters(), { lr: 0.05 });
    optB.load_state_dict(sd);
    const la = a.step(optA), lb = b.step(optB);
    expect(lb).toBe(la);
    expect(b.model.weight.cpu_tolist()).toEqual(a.model.weight.cpu_tolist());
  });

  it('maximize ascends', () => {
    const p = nn.Parameter(torch.tensor([1.5]));
    const opt = optim.SGD([p], { lr: 0.5, maximize: true });
    p.mul(2).sum().backward();
    opt.step();
    expect(p.cpu_tolist()).toEqual([2.5]);
  });

  it('lr schedulers: StepLR, ExponentialLR, CosineAnnealingLR, with and without new', () => {
    const p = nn.Parameter(torch.zeros(1));
    const opt = optim.SGD([p], { lr: 1 });
    const s = optim.lr_scheduler.StepLR(opt, { step_size: 2, gamma: 0.5 });
    const lrs: number[] = [];
    for (let i = 0; i < 5; i++) {
      lrs.push(opt.param_groups[0].lr);
      opt.step();
      s.step();
    }
    expect(lrs).toEqual([1, 1, 0.5, 0.5, 0.25]);
    const opt2 = optim.SGD([p], { lr: 1 });
    const e = new optim.lr_scheduler.ExponentialLR(opt2, 0.5);
    e.step();
    expect(e.get_last_lr()).toEqual([0.5]);
    const opt3 = optim.SGD([p], { lr: 1 });
    const c = optim.lr_scheduler.CosineAnnealingLR(opt3, { T_max: 2 });
    c.step();
    c.step();
    expect(c.get_last_lr()[0]).toBeCloseTo(0, 12);
  });

  it('LambdaLR takes lr_lambda positionally or by name, one per group, and keeps it out of state_dict', () => {
    const p = nn.Parameter(torch.zeros(1)), q = nn.Parameter(torch.zeros(1));
    const opt = optim.SGD([{ params: [p] }, { params: [q], lr: 0.5 }], { lr: 1 });
    const s = optim.lr_scheduler.LambdaLR(opt, { lr_lambda: [(e: number) => 0.5 ** e, (e: number) => e + 1] });
    s.step();
    s.step();
    expect(s.get_last_lr()).toEqual([0.25, 1.5]);
    const sd = s.state_dict();
    expect('lr_lambdas' in sd).toBe(false);
    expect(sd.last_epoch).toBe(2);
    const s2 = optim.lr_scheduler.LambdaLR(opt, (e: number) => e);
    s2.load_state_dict(sd);
    s2.step();
    expect(s2.get_last_lr()).toEqual([3, 1.5]);
    expect(() => optim.lr_scheduler.LambdaLR(opt, [(e: number) => e])).toThrow('Expected 2 lr_lambdas, but got 1');
    expect(() => optim.lr_scheduler.LambdaLR(opt, { lr_lambda: (e: number) => e, gamma: 2 } as never)).toThrow("LambdaLR() got an unexpected keyword argument 'gamma'");
  });

  it('ReduceLROnPlateau reads a CPU tensor metric; OneCycleLR needs momentum or betas', () => {
    const p = nn.Parameter(torch.zeros(1));
    const opt = optim.SGD([p], { lr: 1 });
    const s = optim.lr_scheduler.ReduceLROnPlateau(opt, { patience: 0, factor: 0.5 });
    s.step(torch.tensor(1.0));
    s.step(torch.tensor(2.0));
    expect(s.get_last_lr()).toEqual([0.5]);
    expect(() => optim.lr_scheduler.OneCycleLR(optim.Adagrad([p]), { max_lr: 1, total_steps: 10 })).toThrow('optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
    const adam = optim.Adam([p], { lr: 0.1 });
    optim.lr_scheduler.OneCycleLR(adam, { max_lr: 1, total_steps: 10 });
    expect(adam.param_groups[0].betas).toEqual([0.95, 0.999]);
  });
});
