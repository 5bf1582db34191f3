// Finite-difference gradient checks (float64, CPU) for every differentiable op of the golden
// suites: each ops.json case with gradients, each nn.json functional case, and the nn.json layer
// cases through their functional forms (weights become differentiable inputs).
import { describe, it } from 'vitest';
import opsGolden from './golden/ops.json';
import nnGolden from './golden/nn.json';
import { gradcheck, type GradInput } from './gradcheck';
import { call, decodeArg, F, MissingOp, nn, T, withKw, type Dyn, type Encoded } from './harness';
import { OPS } from './ops_table';
import type { OpCase } from './op_case';
import { flatOutputs, type NNCase } from './nn_case';

const isFloat = (e: Encoded) => e.dtype === 'float32' || e.dtype === 'float64';
const F64 = { floatAs: 'float64' as const };

function fcall(name: string, args: unknown[], kwargs: Record<string, unknown> = {}): Dyn {
  if (!F) throw new MissingOp('F (torch.nn.functional)');
  return call(F, 'F', name, withKw(args, kwargs));
}

describe('gradcheck ops (float64, cpu)', () => {
  for (const c of (opsGolden.cases as unknown as OpCase[]).filter((c) => c.grads)) {
    if (c.nondifferentiable) {
      it.skip(`${c.id} [not applicable: inputs on a kink or tie; ops.test.ts checks PyTorch's subgradient]`, () => {});
      continue;
    }
    it(c.id, async () => {
      const args = decodeArg(c.args, F64) as unknown[];
      const kwargs = decodeArg(c.kwargs, F64) as Record<string, unknown>;
      const inputs: GradInput[] = c.inputs.map((value) => ({ value, differentiable: isFloat(value) }));
      await gradcheck((xs) => OPS[c.op](T, xs, args, kwargs), inputs);
    });
  }
});

/** Cases whose inputs sit exactly on a kink (or Softplus's threshold): finite differences straddle it. */
const onKink = (id: string) => /kinks$|\/bounds$|\/at_(beta|delta)$|^Softplus\/large$|clamped_var$/.test(id);

/** A layer case as a call of F with its parameters as extra inputs, or why it has no gradient to check. */
function asFunctional(c: NNCase): { f: (xs: Dyn[]) => unknown; inputs: GradInput[] } | string {
  const args = decodeArg(c.args, F64) as unknown[];
  const kw = decodeArg(c.kwargs, F64) as Record<string, unknown>;
  const st = c.state ?? {};
  const data: GradInput[] = c.inputs.map((value, i) => ({ value, differentiable: c.requires_grad[i] }));
  const param = (k: string): GradInput[] => (st[k] ? [{ value: st[k], differentiable: true }] : []);
  const buffer = (k: string): GradInput[] => (st[k] ? [{ value: st[k], differentiable: false }] : []);
  const losses: Record<string, string> = {
    MSELoss: 'mse_loss', L1Loss: 'l1_loss', CrossEntropyLoss: 'cross_entropy', NLLLoss: 'nll_loss',
    BCELoss: 'binary_cross_entropy', BCEWithLogitsLoss: 'binary_cross_entropy_with_logits',
    SmoothL1Loss: 'smooth_l1_loss', HuberLoss: 'huber_loss', KLDivLoss: 'kl_div', NLLLoss2d: 'nll_loss',
  };
  const acts: Record<string, string> = {
    GELU: 'gelu', LeakyReLU: 'leaky_relu', ReLU: 'relu', Tanh: 'tanh', Sigmoid: 'sigmoid', Softmax: 'softmax', LogSoftmax: 'log_softmax',
    ELU: 'elu', CELU: 'celu', SELU: 'selu', SiLU: 'silu', Mish: 'mish', Hardswish: 'hardswish', Hardsigmoid: 'hardsigmoid', LogSigmoid: 'logsigmoid',
    Softsign: 'softsign', Tanhshrink: 'tanhshrink', ReLU6: 'relu6', Hardtanh: 'hardtanh', Threshold: 'threshold', Softplus: 'softplus', Softmin: 'softmin',
  };
  const pools: Record<string, string> = { MaxPool2d: 'max_pool2d', AvgPool2d: 'avg_pool2d', AdaptiveAvgPool2d: 'adaptive_avg_pool2d', AdaptiveMaxPool2d: 'adaptive_max_pool2d',
    MaxPool1d: 'max_pool1d', AvgPool1d: 'avg_pool1d', AdaptiveAvgPool1d: 'adaptive_avg_pool1d' };
  // checked through the layer itself, its parameters swapped for differentiable inputs
  const viaModule = ['RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell', 'Conv1d', 'ConvTranspose2d', 'LayerNorm', 'GroupNorm'];
  const m = c.module!;
  // finite differences straddle a kink there; nn.test.ts checks PyTorch's one-sided gradient instead
  if (onKink(c.id)) return 'inputs on a kink (nn.test.ts checks the one-sided gradient)';
  if (m === 'PReLU') return { f: (xs) => fcall('prelu', xs), inputs: [...data, ...param('weight')] };
  if (viaModule.includes(m)) {
    const names = Object.keys(st);
    const n = c.inputs.length;
    const f = (xs: Dyn[]) => {
      const mod = call(nn, 'nn', m, withKw(args, kw)).double();
      names.forEach((k, i) => mod._parameters.set(k, xs[n + i]));
      mod.train(!!c.train);
      return flatOutputs(c.hx_pair ? mod(xs[0], [xs[1], xs[2]]) : mod(...xs.slice(0, n)));
    };
    return { f, inputs: [...data, ...names.map((k) => ({ value: st[k], differentiable: true }))] };
  }
  if (m === 'Linear') return { f: (xs) => fcall('linear', xs), inputs: [...data, ...param('weight'), ...param('bias')] };
  if (m === 'Conv2d') {
    const { bias: _b, ...rest } = kw;
    return { f: (xs) => fcall('conv2d', [xs[0], xs[1], xs[2] ?? null], rest), inputs: [...data, ...param('weight'), ...param('bias')] };
  }
  if (m === 'BatchNorm1d' || m === 'BatchNorm2d') {
    const { affine: _a, ...rest } = kw;
    const inputs = [...data, ...buffer('running_mean'), ...buffer('running_var'), ...param('weight'), ...param('bias')];
    return { f: (xs) => fcall('batch_norm', [xs[0], xs[1], xs[2], xs[3] ?? null, xs[4] ?? null], { training: !!c.train, ...rest }), inputs };
  }
  // padding_idx rows get no gradient by definition (as in PyTorch), so finite differences disagree there.
  if (m === 'Embedding' && 'padding_idx' in kw) return 'padding_idx rows have no gradient by definition';
  if (m === 'Embedding') return { f: (xs) => fcall('embedding', xs, kw), inputs: [...data.map((d) => ({ ...d, differentiable: false })), ...param('weight')] };
  if (pools[m]) return { f: (xs) => fcall(pools[m], [...xs, ...args], kw), inputs: data };
  if (acts[m]) return { f: (xs) => fcall(acts[m], [...xs, ...args], kw), inputs: data };
  if (losses[m]) {
    const opts = args.length ? { weight: args[0], ...kw } : kw;
    return { f: (xs) => fcall(losses[m], xs, opts), inputs: data };
  }
  return 'nothing to differentiate (Dropout, Flatten, Identity)';
}

describe('gradcheck nn (float64, cpu)', () => {
  for (const c of (nnGolden.cases as unknown as NNCase[]).filter((c) => c.grads)) {
    if (c.kind === 'functional' && onKink(c.id)) {
      it.skip(`${c.id} [not applicable: inputs on a kink; nn.test.ts checks PyTorch's one-sided gradient]`, () => {});
      continue;
    }
    if (c.kind === 'functional') {
      it(c.id, async () => {
        const args = decodeArg(c.args, F64) as unknown[];
        const kwargs = decodeArg(c.kwargs, F64) as Record<string, unknown>;
        const inputs = c.inputs.map((value, i) => ({ value, differentiable: c.requires_grad[i] && isFloat(value) }));
        await gradcheck((xs) => fcall(c.fn!, [...xs, ...args], kwargs), inputs);
      });
      continue;
    }
    const fc = asFunctional(c);
    if (typeof fc === 'string') it.skip(`${c.id} [not applicable: ${fc}]`, () => {});
    else it(c.id, () => gradcheck(fc.f, fc.inputs));
  }
});
