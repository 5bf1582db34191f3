// torch.nn.functional activations. Written with public tensor ops (so autograd and every backend
// come free); the branches are picked with `where`, not multiplied, so a kink gets PyTorch's
// one-sided gradient and an overflowing branch that is not taken cannot leak NaN into the result.
import { RuntimeError } from '../errors';
import { warn } from '../warnings';
import { parseArgs } from '../args';
import { rand } from '../ops/creation';
import { normDim } from '../size';
import { fused, withGradMode } from '../autograd';
import { gelu as geluOp, silu as siluOp, softplus as softplusOp, where } from '../ops/elementwise';
import { inplace as inplaceOp, inplaceOf } from '../ops/inplace';
import { log_softmax as logSoftmaxOp, softmax as softmaxOp } from '../ops/softmax';
import type { DTypeLike } from '../dtype';
import type { Tensor } from '../tensor';

/** An activation's options, with the trailing `inplace` flag PyTorch's activations take. */
function opts<T extends object>(fn: string, args: unknown[], names: string[], defaults: Partial<T>): T {
  return parseArgs<T>(fn, args, names, defaults);
}

/**
 * `f(input)`, or with `inplace` written into `input` and returned (its version counter moves, so a graph
 * that saved it refuses backward, as PyTorch's), the node renamed to PyTorch's in-place one (`EluBackward1`).
 */
function maybeInplace(input: Tensor, inplace: boolean | undefined, f: (x: Tensor) => Tensor, inplaceName?: string): Tensor {
  if (!inplace) return f(input);
  // an activation keeps a float input's dtype, so no dtype probe (inplaceOf's): f runs once
  const out = input.dtype.is_floating_point ? inplaceOp(input, f) : inplaceOf(input, f);
  if (inplaceName && out.grad_fn) out.grad_fn._name = inplaceName;
  return out;
}

/**
 * max(0, x). With `{inplace: true}` (PyTorch's `torch.relu_`) it overwrites `input` and returns it:
 * the version counter moves and the gradient goes through ReluBackward0, which saves the result.
 * @example F.relu(torch.tensor([-1, 2])) // tensor([0, 2])
 */
export function relu(input: Tensor, ...args: unknown[]): Tensor {
  const { inplace } = opts<{ inplace: boolean }>('relu', args, ['inplace'], { inplace: false });
  return inplace ? input.relu_() : input.relu();
}
/** `F.relu_(x)`: relu in place, as `F.relu(x, {inplace: true})`. @example F.relu_(torch.tensor([-1, 2])) // tensor([0, 2]) */
export function relu_(input: Tensor): Tensor {
  return input.relu_();
}
/**
 * Clamps to [min_val, max_val] (default [-1, 1]); no gradient at or beyond the bounds, as PyTorch.
 * @example F.hardtanh(x, -2, 2)
 */
export function hardtanh(input: Tensor, ...args: unknown[]): Tensor {
  const { min_val, max_val, inplace } = opts<{ min_val: number; max_val: number; inplace: boolean }>('hardtanh', args, ['min_val', 'max_val', 'inplace'], { min_val: -1, max_val: 1 });
  if (min_val > max_val) throw new RuntimeError('min_val cannot be greater than max_val');
  // x itself in between (NaN passes through), the bound outside; at a bound the value is x detached
  // one node, as PyTorch's: grad_fn HardtanhBackward0
  return maybeInplace(input, inplace, (t) => fused('HardtanhBackward0', [t], (x) => where(x!.lt(min_val), min_val, where(x!.le(min_val), x!.detach(), where(x!.ge(max_val), max_val, x!)))));
}
/** min(max(0, x), 6): `hardtanh(x, 0, 6)`. */
export function relu6(input: Tensor, ...args: unknown[]): Tensor {
  const { inplace } = opts<{ inplace: boolean }>('relu6', args, ['inplace'], {});
  return hardtanh(input, 0, 6, { inplace });
}
export function tanh(input: Tensor): Tensor {
  return input.tanh();
}
export function sigmoid(input: Tensor): Tensor {
  return input.sigmoid();
}
/** GELU; `{approximate: 'tanh'}` for the tanh form. @example F.gelu(x, {approximate: 'tanh'}) */
export function gelu(input: Tensor, ...args: unknown[]): Tensor {
  const { approximate } = opts<{ approximate: 'none' | 'tanh' }>('gelu', args, ['approximate'], { approximate: 'none' });
  if (approximate !== 'none' && approximate !== 'tanh') throw new RuntimeError(`approximate argument must be either none or tanh.`);
  return geluOp(input, { approximate });
}
/** x·sigmoid(x) (Swish). */
export function silu(input: Tensor, ...args: unknown[]): Tensor {
  const { inplace } = opts<{ inplace: boolean }>('silu', args, ['inplace'], {});
  return maybeInplace(input, inplace, siluOp);
}
/** x·tanh(softplus(x)). */
export function mish(input: Tensor, ...args: unknown[]): Tensor {
  const { inplace } = opts<{ inplace: boolean }>('mish', args, ['inplace'], {});
  return maybeInplace(input, inplace, (t) => fused('MishBackward0', [t], (x) => x!.mul(softplusOp(x!).tanh())));
}
/**
 * log(1 + exp(beta·x)) / beta, and x itself where beta·x > threshold (defaults 1 and 20).
 * @example F.softplus(x, {beta: 2})
 */
export function softplus(input: Tensor, ...args: unknown[]): Tensor {
  const { beta, threshold } = opts<{ beta: number; threshold: number }>('softplus', args, ['beta', 'threshold'], { beta: 1, threshold: 20 });
  // one node, as PyTorch's: grad_fn SoftplusBackward0
  return fused('SoftplusBackward0', [input], (x) => {
    const bx = beta === 1 ? x! : x!.mul(beta);
    // softplusOp switches to identity at 20 itself; the threshold choice is made here
    const soft = softplusOp(where(bx.gt(threshold), 0, bx));
    return where(bx.gt(threshold), x!, beta === 1 ? soft : soft.div(beta));
  });
}
/** x where x > 0, else alpha·(exp(x) − 1) (alpha defaults to 1). */
export function elu(input: Tensor, ...args: unknown[]): Tensor {
  const { alpha, inplace } = opts<{ alpha: number; inplace: boolean }>('elu', args, ['alpha', 'inplace'], { alpha: 1 });
  // the exponential only sees x ≤ 0, so a large x cannot overflow into the untaken branch's gradient
  return maybeInplace(input, inplace, (t) => fused('EluBackward0', [t], (x) => where(x!.gt(0), x!, x!.clamp(null, 0).expm1().mul(alpha))), 'EluBackward1');
}
/** scale·elu(x, alpha) with PyTorch's SELU constants. */
export function selu(input: Tensor, ...args: unknown[]): Tensor {
  const { inplace } = opts<{ inplace: boolean }>('selu', args, ['inplace'], {});
  return maybeInplace(input, inplace, (t) => fused('EluBackward0', [t], (x) => elu(x!, 1.6732632423543772).mul(1.0507009873554805)), 'EluBackward1');
}
/** max(0, x) + min(0, alpha·(exp(x/alpha) − 1)). */
export function celu(input: Tensor, ...args: unknown[]): Tensor {
  const { alpha, inplace } = opts<{ alpha: number; inplace: boolean }>('celu', args, ['alpha', 'inplace'], { alpha: 1 });
  if (alpha === 0) throw new RuntimeError('ZeroDivisionError: alpha cannot be 0 for CELU');
  return maybeInplace(input, inplace, (t) => fused('CeluBackward0', [t], (x) => where(x!.gt(0), x!, x!.clamp(null, 0).div(alpha).expm1().mul(alpha))), 'CeluBackward1');
}
/** x where x > 0, else negative_slope·x (default 0.01). */
export function leaky_relu(input: Tensor, ...args: unknown[]): Tensor {
  const { negative_slope, inplace } = opts<{ negative_slope: number; inplace: boolean }>('leaky_relu', args, ['negative_slope', 'inplace'], { negative_slope: 0.01 });
  const f = (t: Tensor) => fused('LeakyReluBackward0', [t], (x) => where(x!.gt(0), x!, x!.mul(negative_slope)));
  const out = maybeInplace(input, inplace, f, 'LeakyReluBackward1');
  if (inplace && negative_slope < 0 && out.grad_fn) {
    // PyTorch's in-place backward recovers the input from the output's sign: it refuses a negative slope
    out.grad_fn.backward = () => {
      throw new RuntimeError('In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope');
    };
  }
  return out;
}
/**
 * x where x > 0, else weight·x; `weight` has one value or one per channel (dim 1).
 * @example F.prelu(x, torch.tensor([0.25]))
 */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  const n = weight.numel();
  let w = weight;
  if (n !== 1) {
    const C = input.ndim >= 2 ? input._shape[1] : 1;
    if (n !== C)
      throw new RuntimeError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${C}.`);
    w = weight.reshape(input._shape.map((d, i) => (i === 1 ? d : 1)));
  } else if (weight.ndim > 0) w = weight.reshape([]);
  // one node, PreluBackward0, whose inputs are the input and the weight as given (not its reshape)
  return fused('PreluBackward0', [input, weight], (x, wt) => where(x!.gt(0), x!, x!.mul(w === weight ? wt! : wt!.reshape(w._shape))));
}
/**
 * Randomized leaky ReLU: x where x > 0, else a·x, with a drawn uniformly from [lower, upper] for each
 * element in training and (lower + upper)/2 otherwise (`training` defaults to false, as in PyTorch).
 * @example F.rrelu(x); F.rrelu(x, {training: true})
 */
export function rrelu(input: Tensor, ...args: unknown[]): Tensor {
  const o = opts<{ lower: number; upper: number; training: boolean; inplace: boolean }>('rrelu', args, ['lower', 'upper', 'training', 'inplace'], { lower: 1 / 8, upper: 1 / 3, training: false });
  if (o.lower > o.upper) throw new RuntimeError('Lower bound should be less than or equal to the upper bound');
  return maybeInplace(input, o.inplace, (t) => {
    // the noise is drawn once, outside the node, so a double backward sees the same slopes
    const a = o.training ? rand(t._shape, { dtype: t.dtype, device: t.device }).mul_(o.upper - o.lower).add_(o.lower) : (o.lower + o.upper) / 2;
    return fused('RreluWithNoiseBackward0', [t], (x) => where(x!.gt(0), x!, x!.mul(a)));
  });
}
/** `F.rrelu_(x)`: rrelu in place. */
export function rrelu_(input: Tensor, ...args: unknown[]): Tensor {
  const o = opts<{ lower: number; upper: number; training: boolean }>('rrelu_', args, ['lower', 'upper', 'training'], { lower: 1 / 8, upper: 1 / 3, training: false });
  return rrelu(input, { ...o, inplace: true });
}
/**
 * Gated linear unit: the input halved along `dim` (default −1) into a and b, a·sigmoid(b).
 * @example F.glu(torch.randn(2, 6)).shape // torch.Size([2, 3])
 */
export function glu(input: Tensor, ...args: unknown[]): Tensor {
  const { dim } = opts<{ dim: number }>('glu', args, ['dim'], { dim: -1 });
  if (input.ndim === 0) throw new RuntimeError('glu does not support scalars because halving size must be even');
  const d = normDim(dim, input.ndim);
  const n = input._shape[d];
  if (n % 2) throw new RuntimeError(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  return fused('GluBackward0', [input], (x) => x!.narrow(d, 0, n / 2).mul(x!.narrow(d, n / 2, n / 2).sigmoid()));
}
/** x·relu6(x + 3)/6, with PyTorch's gradient at ±3. */
export function hardswish(input: Tensor, ...args: unknown[]): Tensor {
  const { inplace } = opts<{ inplace: boolean }>('hardswish', args, ['inplace'], {});
  return maybeInplace(input, inplace, (t) => fused('HardswishBackward0', [t], (x) => where(x!.lt(-3), x!.mul(0), where(x!.le(3), x!.mul(x!.add(3)).div(6), x!))));
}
/** relu6(x + 3)/6. */
export function hardsigmoid(input: Tensor, ...args: unknown[]): Tensor {
  const { inplace } = opts<{ inplace: boolean }>('hardsigmoid', args, ['inplace'], {});
  return maybeInplace(input, inplace, (t) => fused('HardsigmoidBackward0', [t], (x) => where(x!.le(-3), x!.mul(0).detach(), where(x!.ge(3), x!.mul(0).add(1).detach(), x!.div(6).add(0.5)))));
}
/** log(sigmoid(x)), computed stably as −softplus(−x). */
export function logsigmoid(input: Tensor): Tensor {
  return fused('LogSigmoidBackward0', [input], (x) => softplusOp(x!.neg()).neg());
}
/** x/(1 + |x|). */
export function softsign(input: Tensor): Tensor {
  return input.div(input.abs().add(1));
}
/** x − tanh(x). */
export function tanhshrink(input: Tensor): Tensor {
  return input.sub(input.tanh());
}
/** x where |x| > lambd (default 0.5), else 0. @example F.hardshrink(x, 0.5) */
export function hardshrink(input: Tensor, ...args: unknown[]): Tensor {
  const { lambd } = opts<{ lambd: number }>('hardshrink', args, ['lambd'], { lambd: 0.5 });
  return fused('HardshrinkBackward0', [input], (x) => where(x!.abs().gt(lambd), x!, 0));
}
/** x − lambd above lambd (default 0.5), x + lambd below −lambd, else 0. @example F.softshrink(x, 0.5) */
export function softshrink(input: Tensor, ...args: unknown[]): Tensor {
  const { lambd } = opts<{ lambd: number }>('softshrink', args, ['lambd'], { lambd: 0.5 });
  if (lambd < 0) throw new RuntimeError(`lambda must be greater or equal to 0, but found to be ${lambd}.`);
  return fused('SoftshrinkBackward0', [input], (x) => where(x!.gt(lambd), x!.sub(lambd), where(x!.lt(-lambd), x!.add(lambd), 0)));
}
/** x where x > threshold, else value. */
export function threshold(input: Tensor, ...args: unknown[]): Tensor {
  const o = opts<{ threshold: number; value: number; inplace: boolean }>('threshold', args, ['threshold', 'value', 'inplace'], {});
  if (o.threshold === undefined || o.value === undefined) throw new TypeError("threshold() missing required arguments: 'threshold' and 'value'");
  return maybeInplace(input, o.inplace, (t) => fused('ThresholdBackward0', [t], (x) => where(x!.gt(o.threshold), x!, o.value)), 'ThresholdBackward1');
}

/**
 * F.softmax's (dim, _stacklevel, dtype), as the op's {dim, dtype}. Without `dim`, PyTorch's
 * deprecated implicit choice (dim 0 for 0-, 1- and 3-d input, else 1) and its warning.
 */
function softmaxArgs(fn: string, input: Tensor, args: unknown[]): [{ dim: number; dtype?: DTypeLike }] {
  const o = parseArgs<{ dim: number | null; _stacklevel: number; dtype: DTypeLike | null }>(fn, args, ['dim', '_stacklevel', 'dtype'], { dim: null, dtype: null });
  let dim = o.dim;
  if (dim === null || dim === undefined) {
    warn(`Implicit dimension choice for ${fn} has been deprecated. Change the call to include dim=X as an argument.`);
    dim = input.ndim === 0 || input.ndim === 1 || input.ndim === 3 ? 0 : 1;
  }
  return [o.dtype ? { dim, dtype: o.dtype } : { dim }];
}
/** Softmax over `dim`. @example F.softmax(logits, 1); F.softmax(logits, {dim: 1}) */
export function softmax(input: Tensor, ...args: unknown[]): Tensor {
  return softmaxOp(input, ...softmaxArgs('softmax', input, args));
}
/** softmax(−x) over `dim`. @example F.softmin(x, 1) */
export function softmin(input: Tensor, ...args: unknown[]): Tensor {
  return softmaxOp(input.neg(), ...softmaxArgs('softmin', input, args));
}
/** log(softmax(x)) over `dim`, computed stably. */
export function log_softmax(input: Tensor, ...args: unknown[]): Tensor {
  return logSoftmaxOp(input, ...softmaxArgs('log_softmax', input, args));
}

/**
 * Samples from the Gumbel-softmax distribution: softmax((logits + Gumbel noise) / tau), or its
 * one-hot argmax with a straight-through gradient when `hard`.
 * @example F.gumbel_softmax(torch.randn(2, 5), { tau: 0.5, hard: true }).sum(-1) // tensor([1., 1.])
 */
export function gumbel_softmax(logits: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ tau: number; hard: boolean; eps: number; dim: number }>('gumbel_softmax', args, ['tau', 'hard', 'eps', 'dim'], { tau: 1, hard: false, eps: 1e-10, dim: -1 });
  const g = withGradMode(false, () => logits.new_empty(logits._shape).exponential_().log().neg());
  const y = logits.add(g).div(o.tau).softmax(o.dim);
  if (!o.hard) return y;
  const idx = y.detach().argmax(o.dim, { keepdim: true });
  const hard = y.new_zeros(y._shape).scatter(o.dim, idx, 1);
  return hard.sub(y.detach()).add(y);
}
