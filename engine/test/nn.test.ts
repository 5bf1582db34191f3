// nn layers, losses and functionals against PyTorch 1.13 (golden/nn.json, from
// scripts/golden/nn_layers.py): outputs and gradients w.r.t. inputs and parameters with the
// weights loaded explicitly, and BatchNorm's running statistics after a training-mode forward.
import { describe, it } from 'vitest';
import golden from './golden/nn.json';
import { backends, call, dtypesOf, F, knownGap, MissingOp, nn, T } from './harness';
import { buildModule, runNNCase, type NNCase } from './nn_case';

const cases = golden.cases as unknown as NNCase[];
const devices = await backends();

describe.each(devices)('nn vs PyTorch on %s', (device) => {
  for (const c of cases) {
    const gap = knownGap(device, dtypesOf([...c.inputs, ...c.outputs]), c as { fn?: string; args?: unknown; kwargs?: unknown });
    if (gap) it.skip(`${c.id} [known gap: ${gap}]`, () => {});
    else it(c.id, () => runNNCase(c, device));
  }
});

describe('module reprs and state_dict keys vs PyTorch', () => {
  for (const c of cases.filter((c) => c.kind === 'module')) {
    it(c.id, () => {
      const m = buildModule(c, 'cpu');
      const keys = Object.keys(call(m, c.module!, 'state_dict', []) as object);
      if (keys.join(',') !== c.state_dict_keys!.join(',')) throw new Error(`state_dict() keys [${keys.join(', ')}], PyTorch's [${c.state_dict_keys!.join(', ')}]`);
      // PyTorch 2.x's repr where it differs from 1.13's (e.g. Softplus's float defaults)
      const want = c.repr_current ?? c.repr;
      if (String(m) !== want) throw new Error(`String(module) is\n${String(m)}\nPyTorch's repr is\n${want}`);
    });
  }
});

describe('nn basics', () => {
  it('Dropout in training mode zeroes about p of the elements and scales the rest by 1/(1-p)', async () => {
    const p = 0.3;
    const drop = nn.Dropout(p);
    drop.train();
    const x = T.ones(200, 100);
    const y = Array.from((await drop(x).data()) as Float32Array);
    const zeros = y.filter((v) => v === 0).length / y.length;
    if (Math.abs(zeros - p) > 0.02) throw new Error(`zeroed fraction ${zeros}, expected about ${p}`);
    const kept = y.filter((v) => v !== 0);
    if (!kept.every((v) => Math.abs(v - 1 / (1 - p)) < 1e-6)) throw new Error(`survivors are not scaled to ${1 / (1 - p)}: e.g. ${kept[0]}`);
  });
  it('exports nn, F and torch.nn', () => {
    if (!nn) throw new MissingOp('nn');
    if (!F) throw new MissingOp('F');
    if (!T.nn) throw new MissingOp('torch.nn');
  });
  it('modules are callable, with and without new', async () => {
    const a = nn.Linear(2, 1);
    const b = new nn.Linear(2, 1);
    const x = T.ones(3, 2);
    for (const m of [a, b]) {
      if (typeof m !== 'function') throw new Error('nn.Linear(2, 1) is not callable: model(x) must run forward');
      const y = m(x);
      if (String(y.shape) !== 'torch.Size([3, 1])') throw new Error(`model(x).shape is ${String(y.shape)}`);
    }
  });
});
