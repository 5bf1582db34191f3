// The variable inspector's lines for what a lesson keeps in its scope, with the real engine.
import { describe, expect, it } from 'vitest';
import { torch, nn, optim, utils } from '../../engine/index';
import { describeVariable } from './variables';
import { formatValue } from './format';
import { pyClassProxy } from './py-class';
import { createViews } from './views/index';
import type { ViewsHost } from './views/host';

const host: ViewsHost = { display: () => ({ update: () => {} }), now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };

describe('describeVariable', () => {
  it('names a model with its children and parameter count', () => {
    const seq = nn.Sequential({ hidden: nn.Linear(1, 8), act: nn.Tanh(), out: nn.Linear(8, 1) });
    expect(describeVariable('seq', seq)).toMatchObject({ type: 'Module(Sequential)', numel: 25, summary: 'Sequential · 3 children · 25 params' });
    seq.hidden.weight.requires_grad_(false);
    expect(describeVariable('seq', seq).summary).toBe('Sequential · 3 children · 25 params · 8 frozen');
  });

  it('says which optimizer, its hyperparameters and its groups', () => {
    const a = nn.Linear(2, 2);
    const b = nn.Linear(2, 1);
    expect(describeVariable('opt', optim.SGD(a.parameters(), { lr: 1e-3, momentum: 0.9 }))).toMatchObject({ type: 'SGD', summary: 'SGD · lr 0.001 · momentum 0.9 · 2 tensors' });
    const groups = optim.SGD([{ params: a.parameters() }, { params: b.parameters(), lr: 0.1 }], { lr: 1e-3, momentum: 0.9 });
    expect(describeVariable('opt', groups).summary).toBe('SGD · lr 0.001 · momentum 0.9 · 2 param groups');
    expect(describeVariable('adam', optim.Adam(a.parameters())).summary).toBe('Adam · lr 0.001 · betas (0.9, 0.999) · 2 tensors');
  });

  it('summarises a DataLoader, a dataset, a scheduler, a device and a monitor', () => {
    const ds = new utils.data.TensorDataset(torch.zeros([10_000, 2]), torch.zeros([10_000]));
    expect(describeVariable('ds', ds)).toMatchObject({ type: 'TensorDataset', summary: 'TensorDataset · 10,000 samples' });
    const dl = new utils.data.DataLoader(ds, { batch_size: 64, shuffle: true });
    expect(describeVariable('dl', dl)).toMatchObject({ type: 'DataLoader', summary: 'batch 64 · 157 batches · shuffle' });
    const opt = optim.SGD(nn.Linear(1, 1).parameters(), { lr: 0.1 });
    const sched = optim.lr_scheduler.StepLR(opt, { step_size: 1, gamma: 0.5 });
    opt.step();
    sched.step();
    expect(describeVariable('sched', sched)).toMatchObject({ type: 'StepLR', summary: 'StepLR · epoch 1 · lr 0.05' });
    expect(describeVariable('dev', torch.device('cpu'))).toMatchObject({ type: 'device', summary: 'cpu' });
    const model = nn.Sequential(nn.Linear(1, 4), nn.Linear(4, 1));
    const mon = createViews(host).monitor(model);
    mon.epoch({ loss: 1 });
    mon.epoch({ loss: 0.5 });
    expect(describeVariable('mon', mon)).toMatchObject({ type: 'monitor', summary: '2 epochs · 4 parameters' });
  });

  it('keeps plain values in their JS form and names classes and functions', () => {
    expect(describeVariable('n', 3)).toMatchObject({ type: 'number', summary: '3' });
    class Net extends nn.Module {}
    expect(describeVariable('Net', Net)).toMatchObject({ type: 'class', summary: 'class Net' });
    expect(describeVariable('f', function loss_fn() {})).toMatchObject({ type: 'function', summary: 'function loss_fn' });
  });

  it("names a cell's class as a class (the wrapper that lets a cell call Net() without new)", () => {
    class Net extends nn.Module {}
    const wrapped = pyClassProxy(Net);
    expect(describeVariable('Net', wrapped)).toMatchObject({ type: 'class', summary: 'class Net' });
    expect(formatValue(wrapped)).toBe('[class Net]');
    expect((wrapped as unknown as () => unknown)()).toBeInstanceOf(Net);
  });
});
