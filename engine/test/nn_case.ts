// Runs one golden layer/loss/functional case (golden/nn.json) on a device. Shared by nn.test.ts
// and the Dawn runner (gpu_check.ts).
import {
  call, decodeArg, expectGrad, expectTensor, F, gradTol, makeTensor, MissingOp, nn, tolFor, withKw, type Dyn, type Encoded,
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

export async function runNNCase(c: NNCase, device: string): Promise<void> {
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
