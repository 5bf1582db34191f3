// ReduceLROnPlateau(verbose=True) prints each reduction as PyTorch does (helper hY's probes).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nn, optim, torch } from '../index';

describe('ReduceLROnPlateau verbose', () => {
  afterEach(() => vi.restoreAllMocks());
  it("prints PyTorch's line for each reduction (it printed nothing)", () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: unknown) => void lines.push(String(m)));
    // w = nn.Parameter(torch.ones(1)); opt = optim.SGD([w], lr=0.1)
    // sch = optim.lr_scheduler.ReduceLROnPlateau(opt, patience=0, verbose=True); for v in [1., 2., 3.]: sch.step(torch.tensor(v))
    const opt = optim.SGD([nn.Parameter(torch.ones(1))], { lr: 0.1 });
    const sch = optim.lr_scheduler.ReduceLROnPlateau(opt, { patience: 0, verbose: true });
    for (const v of [1, 2, 3]) sch.step(torch.tensor(v));
    expect(lines).toEqual(['Epoch 00002: reducing learning rate of group 0 to 1.0000e-02.', 'Epoch 00003: reducing learning rate of group 0 to 1.0000e-03.']);
    expect(opt.param_groups[0].lr).toBeCloseTo(0.001, 12);
    // without verbose: nothing
    const quiet = optim.lr_scheduler.ReduceLROnPlateau(optim.SGD([nn.Parameter(torch.ones(1))], { lr: 0.1 }), { patience: 0 });
    for (const v of [1, 2, 3]) quiet.step(v);
    expect(lines.length).toBe(2);
  });
});
