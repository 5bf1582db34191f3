// Runs one golden op case (golden/ops.json) on a device: outputs, dtypes, requires_grad and
// input gradients. Shared by ops.test.ts and the Dawn runner (gpu_check.ts).
import {
  decodeArg, expectGrad, expectTensor, gradTol, makeTensor, outputsOf, T, tolFor, type Dyn, type Encoded, type Tol,
} from './harness';
import { OPS } from './ops_table';

export interface OpCase {
  id: string;
  op: string;
  inputs: Encoded[];
  args: unknown[];
  kwargs: Record<string, unknown>;
  outputs: Encoded[];
  multi: boolean;
  /** Whether each output requires grad in PyTorch (inputs require grad when `grads` is present). */
  requires_grad: boolean[];
  tol?: Tol;
  /** Inputs on a kink or tie: the gradient is PyTorch's subgradient convention (no gradcheck). */
  nondifferentiable?: boolean;
  upstream?: (Encoded | null)[];
  grads?: (Encoded | null)[];
}


/** Runs one golden op case on `device` and checks outputs and gradients. */
export async function runOpCase(c: OpCase, device: string): Promise<void> {
  const op = OPS[c.op];
  if (!op) throw new Error(`no table entry for op '${c.op}' (engine/test/ops_table.ts)`);
  const wantGrad = !!c.grads;
  const xs = c.inputs.map((e, i) => makeTensor(e, { device, requires_grad: wantGrad && c.grads![i] !== null && e.dtype.startsWith('float') }));
  const args = decodeArg(c.args, { device }) as unknown[];
  const kwargs = decodeArg(c.kwargs, { device }) as Record<string, unknown>;
  const res = op(T, xs, args, kwargs);
  const outs = outputsOf(res);
  if (!c.multi && outs.length !== 1) throw new Error(`expected one tensor, got ${outs.length}`);
  if (outs.length !== c.outputs.length) throw new Error(`expected ${c.outputs.length} outputs, got ${outs.length}`);
  for (let i = 0; i < outs.length; i++) {
    const tol = tolFor(c.op, c.outputs[i].dtype, c.tol, device);
    await expectTensor(outs[i], c.outputs[i], tol, c.multi ? `output ${i}` : 'output');
    if (!!outs[i].requires_grad !== c.requires_grad[i])
      throw new Error(`${c.multi ? `output ${i}` : 'output'}.requires_grad is ${outs[i].requires_grad}, PyTorch's is ${c.requires_grad[i]}`);
  }
  if (!wantGrad) return;
  const ups = (c.upstream ?? []).map((u) => (u ? makeTensor(u, { device }) : null));
  if (outs.length === 1) {
    outs[0].backward(ups[0]);
  } else {
    let loss: Dyn = null;
    outs.forEach((o, i) => {
      if (!ups[i]) return;
      const term = o.mul(ups[i]).sum();
      loss = loss === null ? term : loss.add(term);
    });
    loss.backward();
  }
  for (let i = 0; i < xs.length; i++) {
    if (!c.inputs[i].dtype.startsWith('float')) continue;
    const tol = gradTol(tolFor(c.op, c.inputs[i].dtype, c.tol, device));
    await expectGrad(xs[i].grad, c.grads![i], tol, `grad of input ${i}`);
  }
}
