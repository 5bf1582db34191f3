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
  /** One upstream gradient per output, when the layer returns several (RNNs: output, h_n[, c_n]). */
  upstreams?: Encoded[];
  /** The module is called as m(x, [h0, c0]) with inputs [x, h0, c0] (LSTM, LSTMCell). */
  hx_pair?: boolean;
  /** PyTorch 2.x's repr where it differs from 1.13's. */
  repr_current?: string;
  grads?: { inputs: (Encoded | null)[]; params?: Record<string, Encoded> };
  /** Keyword arguments of the module's call (masks, offsets), passed as the trailing options object. */
  forward_kwargs?: Record<string, unknown>;
  /** PyTorch's grad_fn.name() of the (first) output. */
  grad_fn?: string;
  state_after?: Record<string, Encoded>;
}


/** Arguments that are modules, written {"$module": [name, args, kwargs]} (a TransformerDecoder's layer and norm). */
function decodeModules(a: unknown): unknown {
  if (Array.isArray(a)) return a.map(decodeModules);
  if (a !== null && typeof a === 'object' && '$module' in a) {
    const [name, args, kwargs] = (a as { $module: [string, unknown[], Record<string, unknown>] }).$module;
    return call(nn, 'nn', name, withKw(decodeModules(args) as unknown[], kwargs));
  }
  return a;
}

/** Builds the case's module with its weights and mode, on `device`. */
export function buildModule(c: NNCase, device: string): Dyn {
  if (!nn) throw new MissingOp('nn');
  const kwargs = decodeArg(c.kwargs, { device }) as Record<string, unknown>;
  const m = call(nn, 'nn', c.module!, withKw(decodeModules(decodeArg(c.args, { device })) as unknown[], kwargs));
  const state = Object.fromEntries(Object.entries(c.state ?? {}).map(([k, v]) => [k, makeTensor(v)]));
  if (Object.keys(state).length) call(m, c.module!, 'load_state_dict', [state]);
  const placed = device === 'cpu' ? m : call(m, c.module!, 'to', [device]);
  call(placed, c.module!, c.train ? 'train' : 'eval', []);
  return placed;
}

/** A layer's result as a flat list of tensors: RNNs return [output, h_n] or [output, [h_n, c_n]]. */
export function flatOutputs(out: Dyn): Dyn[] {
  return Array.isArray(out) ? out.flatMap(flatOutputs) : [out];
}

export async function runNNCase(c: NNCase, device: string): Promise<void> {
  const name = c.kind === 'module' ? c.module! : c.fn!;
  const xs = c.inputs.map((e, i) => makeTensor(e, { device, requires_grad: c.requires_grad[i] }));
  let m: Dyn = null;
  let out: Dyn;
  if (c.kind === 'module') {
    m = buildModule(c, device);
    if (typeof m !== 'function' && typeof m?.forward !== 'function') throw new Error(`nn.${name}(...) is not callable`);
    const args: unknown[] = c.hx_pair ? [xs[0], [xs[1], xs[2]]] : [...xs];
    if (c.forward_kwargs) args.push(decodeArg(c.forward_kwargs, { device }));
    out = typeof m === 'function' ? m(...args) : m.forward(...args);
  } else {
    if (!F) throw new MissingOp('F (torch.nn.functional)');
    out = call(F, 'F', name, withKw([...xs, ...(decodeArg(c.args, { device }) as unknown[])], decodeArg(c.kwargs, { device }) as Record<string, unknown>));
  }
  const tol = tolFor(name, c.outputs[0].dtype, undefined, device);
  const outs = flatOutputs(out);
  if (outs.length !== c.outputs.length) throw new Error(`${outs.length} output tensors, PyTorch returns ${c.outputs.length}`);
  for (let i = 0; i < outs.length; i++) await expectTensor(outs[i], c.outputs[i], tol, outs.length > 1 ? `output ${i}` : 'output');
  if (c.grads) {
    if (c.upstreams) {
      // Σ_i <out_i, u_i>: the same gradients as PyTorch's autograd.backward(outs, upstreams)
      let total: Dyn = null;
      outs.forEach((o, i) => {
        const term = o.mul(makeTensor(c.upstreams![i], { device })).sum();
        total = total === null ? term : total.add(term);
      });
      total.backward();
    } else if (c.upstream) out.backward(makeTensor(c.upstream, { device }));
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
