// nn layers, losses and functionals against PyTorch 1.13 (golden/nn.json, from
// scripts/golden/nn_layers.py): outputs and gradients w.r.t. inputs and parameters with the
// weights loaded explicitly, and BatchNorm's running statistics after a training-mode forward.
import { describe, it } from 'vitest';
import golden from './golden/nn.json';
import {
  backends, call, decodeArg, dtypesOf, expectGrad, expectTensor, F, gradTol, knownGap, makeTensor, MissingOp, nn, T, tolFor,
  withKw, type Dyn, type Encoded,
} from './harness';

export interface NNCase {
  id: string;
  kind: 'module' | 'functional';
  module?: string;
  fn?: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  /** PyTorch's repr(module) and state_dict key order. */
  repr?: string;
  state_dict_keys?: string[];
  state?: Record<string, Encoded>;
  train?: boolean;
  inputs: Encoded[];
  requires_grad: boolean[];
  outputs: Encoded[];
  upstream?: Encoded | null;
  grads?: { inputs: (Encoded | null)[]; params?: Record<string, Encoded> };
  state_after?: Record<string, Encoded>;
}

const cases = golden.cases as unknown as NNCase[];
const devices = await backends();

/** Builds the case's module with its weights and mode, on `device`. */
export function buildModule(c: NNCase, device: string): Dyn {
  if (!nn) throw new MissingOp('nn');
  const kwargs = decodeArg(c.kwargs, { device }) as Record<string, unknown>;
  const m = call(nn, 'nn', c.module!, withKw(decodeArg(c.args, { device }) as unknown[], kwargs));
  const state = Object.fromEntries(Object.entries(c.state ?? {}).map(([k, v]) => [k, makeTensor(v)]));
  if (Object.keys(state).length) call(m, c.module!, 'load_state_dict', [state]);
  const placed = device === 'cpu' ? m : call(m, c.module!, 'to', [device]);
  call(placed, c.module!, c.train ? 'train' : 'eval', []);
  return placed;
}

async function runNNCase(c: NNCase, device: string): Promise<void> {
  const name = c.kind === 'module' ? c.module! : c.fn!;
  const xs = c.inputs.map((e, i) => makeTensor(e, { device, requires_grad: c.requires_grad[i] }));
  let m: Dyn = null;
  let out: Dyn;
  if (c.kind === 'module') {
    m = buildModule(c, device);
    if (typeof m !== 'function' && typeof m?.forward !== 'function') throw new Error(`nn.${name}(...) is not callable`);
    out = typeof m === 'function' ? m(...xs) : m.forward(...xs);
  } else {
    if (!F) throw new MissingOp('F (torch.nn.functional)');
    out = call(F, 'F', name, withKw([...xs, ...(decodeArg(c.args, { device }) as unknown[])], decodeArg(c.kwargs, { device }) as Record<string, unknown>));
  }
  const tol = tolFor(name, c.outputs[0].dtype, undefined, device);
  await expectTensor(out, c.outputs[0], tol, 'output');
  if (c.grads) {
    if (c.upstream) out.backward(makeTensor(c.upstream, { device }));
    else out.backward();
    const gt = gradTol(tol);
    for (let i = 0; i < xs.length; i++)
      if (c.requires_grad[i]) await expectGrad(xs[i].grad, c.grads.inputs[i], gt, `grad of input ${i}`);
    if (c.grads.params && m) {
      const params = new Map<string, Dyn>(call(m, name, 'named_parameters', []) as [string, Dyn][]);
      for (const [pname, g] of Object.entries(c.grads.params)) {
        if (!params.has(pname)) throw new Error(`module has no parameter '${pname}' (has ${[...params.keys()].join(', ')})`);
        await expectGrad(params.get(pname).grad, g, gt, `grad of ${pname}`);
      }
    }
  }
  if (c.state_after && m) {
    const sd = call(m, name, 'state_dict', []) as Record<string, Dyn>;
    for (const [k, v] of Object.entries(c.state_after)) {
      if (!(k in sd)) throw new Error(`state_dict() lacks '${k}' (has ${Object.keys(sd).join(', ')})`);
      await expectTensor(sd[k], v, tolFor(name, v.dtype, undefined, device), `state_dict()['${k}'] after forward`);
    }
  }
}

describe.each(devices)('nn vs PyTorch on %s', (device) => {
  for (const c of cases) {
    const gap = knownGap(device, dtypesOf([...c.inputs, ...c.outputs]));
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
      if (String(m) !== c.repr) throw new Error(`String(module) is\n${String(m)}\nPyTorch's repr is\n${c.repr}`);
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
