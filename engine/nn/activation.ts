// Activation modules.
import { AssertionError, RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { Tensor } from '../tensor';
import * as F from './functional';
import { Module } from './module';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import * as init from './init';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

function inplaceArg(name: string, args: unknown[]): boolean {
  return parseArgs<{ inplace: boolean }>(name, args, ['inplace'], { inplace: false }).inplace;
}

/** max(0, x). `nn.ReLU({inplace: true})` (repr `ReLU(inplace=True)`) overwrites its input, as PyTorch's. */
export class ReLU extends Module {
  inplace: boolean;
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super();
    this.inplace = inplaceArg('ReLU', args);
  }
  forward(input: Tensor): Tensor {
    return F.relu(input, { inplace: this.inplace });
  }
  extra_repr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}
export class ReLU6 extends ReLU {
  forward(input: Tensor): Tensor {
    return F.relu6(input, { inplace: this.inplace });
  }
}
/** Modules whose only option is `inplace` (honoured: the input is overwritten and returned, as PyTorch's). */
abstract class InplaceActivation extends Module {
  inplace: boolean;
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super();
    this.inplace = inplaceArg(this._get_name(), args);
  }
  extra_repr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}
/** x·tanh(softplus(x)). @example nn.Mish() */
export class Mish extends InplaceActivation {
  forward(input: Tensor): Tensor {
    return F.mish(input, { inplace: this.inplace });
  }
}
/** x·relu6(x + 3)/6. @example nn.Hardswish() */
export class Hardswish extends InplaceActivation {
  forward(input: Tensor): Tensor {
    return F.hardswish(input, { inplace: this.inplace });
  }
}
/** relu6(x + 3)/6. */
export class Hardsigmoid extends InplaceActivation {
  forward(input: Tensor): Tensor {
    return F.hardsigmoid(input, { inplace: this.inplace });
  }
}
/** scale·elu(x) with PyTorch's SELU constants. */
export class SELU extends InplaceActivation {
  forward(input: Tensor): Tensor {
    return F.selu(input, { inplace: this.inplace });
  }
}
/** log(sigmoid(x)), stably. @example nn.LogSigmoid() */
export class LogSigmoid extends Module {
  forward(input: Tensor): Tensor {
    return F.logsigmoid(input);
  }
}
/** x/(1 + |x|). */
export class Softsign extends Module {
  forward(input: Tensor): Tensor {
    return F.softsign(input);
  }
}
/** x where |x| > lambd (default 0.5), else 0. @example nn.Hardshrink(0.5)  // Hardshrink(0.5) */
export class Hardshrink extends Module {
  lambd: number;
  constructor(lambd?: number | { lambd?: number });
  constructor(...args: unknown[]) {
    super();
    this.lambd = parseArgs<{ lambd: number }>(this._get_name(), args, ['lambd'], { lambd: 0.5 }).lambd;
  }
  forward(input: Tensor): Tensor {
    return F.hardshrink(input, this.lambd);
  }
  extra_repr(): string {
    return String(this.lambd);
  }
}
/** x − lambd above lambd (default 0.5), x + lambd below −lambd, else 0. @example nn.Softshrink(0.3)  // Softshrink(0.3) */
export class Softshrink extends Hardshrink {
  forward(input: Tensor): Tensor {
    return F.softshrink(input, this.lambd);
  }
}
/** x − tanh(x). */
export class Tanhshrink extends Module {
  forward(input: Tensor): Tensor {
    return F.tanhshrink(input);
  }
}
/**
 * x where x > 0, else alpha·(exp(x) − 1).
 * @example nn.ELU({alpha: 0.5})  // ELU(alpha=0.5)
 */
export class ELU extends Module {
  alpha: number;
  inplace: boolean;
  constructor(alpha?: number | { alpha?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ alpha: number; inplace: boolean }>(this._get_name(), args, ['alpha', 'inplace'], { alpha: 1, inplace: false });
    this.alpha = o.alpha;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.elu(input, this.alpha, { inplace: this.inplace });
  }
  extra_repr(): string {
    return `alpha=${py(this.alpha, true)}${this.inplace ? ', inplace=True' : ''}`;
  }
}
/** max(0, x) + min(0, alpha·(exp(x/alpha) − 1)). */
export class CELU extends ELU {
  forward(input: Tensor): Tensor {
    return F.celu(input, this.alpha, { inplace: this.inplace });
  }
}
/**
 * Clamps to [min_val, max_val] (default [-1, 1]).
 * @example nn.Hardtanh(-2, 2)  // Hardtanh(min_val=-2.0, max_val=2.0)
 */
export class Hardtanh extends Module {
  min_val: number;
  max_val: number;
  inplace: boolean;
  constructor(min_val?: number | { min_val?: number; max_val?: number; inplace?: boolean }, max_val?: number, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ min_val: number; max_val: number; inplace: boolean; min_value: null; max_value: null }>('Hardtanh', args, ['min_val', 'max_val', 'inplace', 'min_value', 'max_value'], { min_val: -1, max_val: 1, inplace: false });
    if (o.min_value != null || o.max_value != null) throw new RuntimeError('Hardtanh: min_value and max_value are deprecated in PyTorch; use min_val and max_val');
    if (o.max_val <= o.min_val) throw new AssertionError('max_val must be greater than min_val');
    this.min_val = o.min_val;
    this.max_val = o.max_val;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.hardtanh(input, this.min_val, this.max_val, { inplace: this.inplace });
  }
  extra_repr(): string {
    return `min_val=${py(this.min_val, true)}, max_val=${py(this.max_val, true)}${this.inplace ? ', inplace=True' : ''}`;
  }
}
/**
 * log(1 + exp(beta·x))/beta, linear above `threshold`.
 * @example nn.Softplus({beta: 2})  // Softplus(beta=2.0, threshold=20.0)
 */
export class Softplus extends Module {
  beta: number;
  threshold: number;
  constructor(beta?: number | { beta?: number; threshold?: number }, threshold?: number);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ beta: number; threshold: number }>('Softplus', args, ['beta', 'threshold'], { beta: 1, threshold: 20 });
    this.beta = o.beta;
    this.threshold = o.threshold;
  }
  forward(input: Tensor): Tensor {
    return F.softplus(input, this.beta, this.threshold);
  }
  extra_repr(): string {
    // PyTorch 2's float defaults (1.13 printed beta=1, threshold=20)
    return `beta=${py(this.beta, true)}, threshold=${py(this.threshold, true)}`;
  }
}
/** x where x > threshold, else value. @example nn.Threshold(0.1, 20) */
export class Threshold extends Module {
  threshold: number;
  value: number;
  inplace: boolean;
  constructor(threshold: number | { threshold: number; value: number; inplace?: boolean }, value?: number, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ threshold: number; value: number; inplace: boolean }>('Threshold', args, ['threshold', 'value', 'inplace'], { inplace: false });
    if (typeof o.threshold !== 'number' || typeof o.value !== 'number') throw new TypeError("Threshold() missing 2 required positional arguments: 'threshold' and 'value'");
    this.threshold = o.threshold;
    this.value = o.value;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.threshold(input, this.threshold, this.value, { inplace: this.inplace });
  }
  extra_repr(): string {
    return `threshold=${py(this.threshold, true)}, value=${py(this.value, true)}${this.inplace ? ', inplace=True' : ''}`;
  }
}
export class Tanh extends Module {
  forward(input: Tensor): Tensor {
    return input.tanh();
  }
}
export class Sigmoid extends Module {
  forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
}
/** x·sigmoid(x). @example nn.SiLU() */
export class SiLU extends InplaceActivation {
  forward(input: Tensor): Tensor {
    return F.silu(input, { inplace: this.inplace });
  }
}
export class GELU extends Module {
  approximate: 'none' | 'tanh';
  constructor(approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' });
  constructor(...args: unknown[]) {
    super();
    this.approximate = parseArgs<{ approximate: 'none' | 'tanh' }>('GELU', args, ['approximate'], { approximate: 'none' }).approximate;
  }
  forward(input: Tensor): Tensor {
    return F.gelu(input, { approximate: this.approximate });
  }
  extra_repr(): string {
    return `approximate='${this.approximate}'`;
  }
}
export class LeakyReLU extends Module {
  negative_slope: number;
  inplace: boolean;
  /** `nn.LeakyReLU(0.2, true)`, `nn.LeakyReLU(0.2, {inplace: true})` (DCGAN's `inplace=True`) or `nn.LeakyReLU({negative_slope: 0.2})`. */
  constructor(...args: [negative_slope?: number | { negative_slope?: number; inplace?: boolean }, inplace?: boolean | { inplace?: boolean }]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ negative_slope: number; inplace: boolean }>('LeakyReLU', args, ['negative_slope', 'inplace'], { negative_slope: 0.01, inplace: false });
    this.negative_slope = o.negative_slope;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.leaky_relu(input, this.negative_slope, { inplace: this.inplace });
  }
  extra_repr(): string {
    return `negative_slope=${py(this.negative_slope, true)}${this.inplace ? ', inplace=True' : ''}`;
  }
}
/**
 * Randomized leaky ReLU: in training a negative input is scaled by a slope drawn from [lower, upper]
 * for each element; in eval by (lower + upper)/2.
 * @example nn.RReLU(), nn.RReLU(0.1, 0.3)
 */
export class RReLU extends Module {
  lower: number;
  upper: number;
  inplace: boolean;
  constructor(...args: [lower?: number | { lower?: number; upper?: number; inplace?: boolean }, upper?: number, inplace?: boolean]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ lower: number; upper: number; inplace: boolean }>('RReLU', args, ['lower', 'upper', 'inplace'], { lower: 1 / 8, upper: 1 / 3, inplace: false });
    this.lower = o.lower;
    this.upper = o.upper;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.rrelu(input, this.lower, this.upper, this.training, this.inplace);
  }
  extra_repr(): string {
    return `lower=${py(this.lower, true)}, upper=${py(this.upper, true)}${this.inplace ? ', inplace=True' : ''}`;
  }
}
/** Gated linear unit: the input halved along `dim` (default −1) into a and b, a·sigmoid(b). @example nn.GLU(), nn.GLU(1) */
export class GLU extends Module {
  dim: number;
  constructor(dim?: number | { dim?: number });
  constructor(...args: unknown[]) {
    super();
    this.dim = parseArgs<{ dim: number }>('GLU', args, ['dim'], { dim: -1 }).dim;
  }
  forward(input: Tensor): Tensor {
    return F.glu(input, this.dim);
  }
  extra_repr(): string {
    return `dim=${this.dim}`;
  }
}
class SoftmaxBase extends Module {
  dim: number | null;
  constructor(dim?: number | null | { dim?: number | null });
  constructor(...args: unknown[]) {
    super();
    this.dim = parseArgs<{ dim: number | null }>(this._get_name(), args, ['dim'], { dim: null }).dim;
  }
  _dim(input: Tensor): number {
    // PyTorch's legacy choice when dim is None
    return this.dim ?? (input.ndim === 0 || input.ndim === 1 || input.ndim === 3 ? 0 : 1);
  }
  extra_repr(): string {
    return `dim=${py(this.dim)}`;
  }
}
/** Softmax over `dim`. @example nn.Softmax({dim: 1}) */
export class Softmax extends SoftmaxBase {
  forward(input: Tensor): Tensor {
    return F.softmax(input, this._dim(input));
  }
}
/** Softmax of −x over `dim`. @example nn.Softmin({dim: 1}) */
export class Softmin extends SoftmaxBase {
  forward(input: Tensor): Tensor {
    return F.softmin(input, this._dim(input));
  }
}
export class LogSoftmax extends SoftmaxBase {
  forward(input: Tensor): Tensor {
    return F.log_softmax(input, this._dim(input));
  }
}

/**
 * x where x > 0, else a·x with a learnable `weight` (one value, or one per channel), initialised to `init` (0.25).
 * @example nn.PReLU(), nn.PReLU({num_parameters: 3})
 */
export class PReLU extends Module {
  declare weight: Parameter;
  num_parameters: number;
  constructor(num_parameters?: number | ({ num_parameters?: number; init?: number } & FactoryKw), init?: number, opts?: FactoryKw);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ num_parameters: number; init: number } & FactoryKw>('PReLU', args, ['num_parameters', 'init', 'device', 'dtype'], { num_parameters: 1, init: 0.25 });
    this.num_parameters = o.num_parameters;
    this.weight = emptyParam([o.num_parameters], o);
    init.constant_(this.weight, o.init);
    placeModule(this, o);
  }
  forward(input: Tensor): Tensor {
    return F.prelu(input, this.weight);
  }
  extra_repr(): string {
    return `num_parameters=${this.num_parameters}`;
  }
}
