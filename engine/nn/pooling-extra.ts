// The pooling modules past MaxPool/AvgPool/AdaptiveAvgPool: MaxUnpool1d/2d/3d, LPPool1d/2d,
// AdaptiveMaxPool1d, AdaptiveAvgPool3d, AdaptiveMaxPool3d and LocalResponseNorm, on the F functions of
// functional-pool-extra.ts. Constructor arguments and reprs are PyTorch's.
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import * as P from './functional-pool-extra';
import { Module } from './module';
import { py, pyFloat } from './pyrepr';

type Ints = number | number[];
const tuple = (v: Ints, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.length === 1 ? new Array<number>(n).fill(v[0]) : [...v]);

abstract class MaxUnpoolNd extends Module {
  kernel_size: number[];
  stride: number[];
  padding: number[];
  constructor(name: string, n: number, args: unknown[]) {
    super();
    const o = parseArgs<{ kernel_size: Ints; stride: Ints | null; padding: Ints }>(name, args, ['kernel_size', 'stride', 'padding'], { stride: null, padding: 0 });
    this.kernel_size = tuple(o.kernel_size, n);
    this.stride = tuple(o.stride ?? o.kernel_size, n);
    this.padding = tuple(o.padding, n);
  }
  extra_repr(): string {
    return `kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}, padding=${py(this.padding)}`;
  }
}
type UnpoolKw = { stride?: Ints | null; padding?: Ints };

/**
 * The inverse of MaxPool1d (with `return_indices: true`): values back at their indices, zeros elsewhere.
 * @example const pool = nn.MaxPool1d(2, {return_indices: true}), unpool = nn.MaxUnpool1d(2); const [y, i] = pool(torch.randn(1, 1, 4)); unpool(y, i)
 */
export class MaxUnpool1d extends MaxUnpoolNd {
  constructor(kernel_size: Ints, stride?: Ints | null | UnpoolKw, padding?: Ints | UnpoolKw);
  constructor(...args: unknown[]) { super('MaxUnpool1d', 1, args); }
  forward(input: Tensor, indices: Tensor, output_size: number[] | null = null): Tensor {
    return P.max_unpool1d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}
/**
 * The inverse of MaxPool2d (with `return_indices: true`), as in autoencoders: values back at their indices, zeros elsewhere.
 * @example const pool = nn.MaxPool2d(2, {return_indices: true}), unpool = nn.MaxUnpool2d(2); const [y, i] = pool(torch.randn(1, 1, 4, 4)); unpool(y, i).shape // torch.Size([1, 1, 4, 4])
 */
export class MaxUnpool2d extends MaxUnpoolNd {
  constructor(kernel_size: Ints, stride?: Ints | null | UnpoolKw, padding?: Ints | UnpoolKw);
  constructor(...args: unknown[]) { super('MaxUnpool2d', 2, args); }
  forward(input: Tensor, indices: Tensor, output_size: number[] | null = null): Tensor {
    return P.max_unpool2d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}
/** The inverse of MaxPool3d (with `return_indices: true`). @example nn.MaxUnpool3d(2) */
export class MaxUnpool3d extends MaxUnpoolNd {
  constructor(kernel_size: Ints, stride?: Ints | null | UnpoolKw, padding?: Ints | UnpoolKw);
  constructor(...args: unknown[]) { super('MaxUnpool3d', 3, args); }
  forward(input: Tensor, indices: Tensor, output_size: number[] | null = null): Tensor {
    return P.max_unpool3d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

abstract class LPPoolNd extends Module {
  norm_type: number;
  kernel_size: Ints;
  stride: Ints | null;
  ceil_mode: boolean;
  constructor(name: string, args: unknown[]) {
    super();
    const o = parseArgs<{ norm_type: number; kernel_size: Ints; stride: Ints | null; ceil_mode: boolean }>(name, args, ['norm_type', 'kernel_size', 'stride', 'ceil_mode'], { stride: null, ceil_mode: false });
    this.norm_type = o.norm_type;
    this.kernel_size = o.kernel_size;
    this.stride = o.stride;
    this.ceil_mode = o.ceil_mode;
  }
  extra_repr(): string {
    return `norm_type=${py(this.norm_type)}, kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}, ceil_mode=${py(this.ceil_mode)}`;
  }
}
type LPKw = { stride?: Ints | null; ceil_mode?: boolean };
/** Power-average pooling `(Σ x^p)^(1/p)` over windows of [N, C, L]. @example nn.LPPool1d(2, 3)(torch.randn(1, 2, 6)).shape // torch.Size([1, 2, 2]) */
export class LPPool1d extends LPPoolNd {
  constructor(norm_type: number, kernel_size: Ints, stride?: Ints | null | LPKw, ceil_mode?: boolean | LPKw);
  constructor(...args: unknown[]) { super('LPPool1d', args); }
  forward(input: Tensor): Tensor { return P.lp_pool1d(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode); }
}
/** Power-average pooling `(Σ x^p)^(1/p)` over windows of [N, C, H, W]. @example nn.LPPool2d(2, 2)(torch.randn(1, 2, 4, 4)).shape // torch.Size([1, 2, 2, 2]) */
export class LPPool2d extends LPPoolNd {
  constructor(norm_type: number, kernel_size: Ints, stride?: Ints | null | LPKw, ceil_mode?: boolean | LPKw);
  constructor(...args: unknown[]) { super('LPPool2d', args); }
  forward(input: Tensor): Tensor { return P.lp_pool2d(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode); }
}

type OutSize = number | (number | null)[];
abstract class AdaptivePool extends Module {
  output_size: OutSize;
  return_indices: boolean;
  constructor(name: string, args: unknown[], withIndices: boolean) {
    super();
    const o = parseArgs<{ output_size: OutSize; return_indices: boolean }>(name, args, withIndices ? ['output_size', 'return_indices'] : ['output_size'], { return_indices: false });
    this.output_size = o.output_size;
    this.return_indices = o.return_indices;
  }
  extra_repr(): string {
    return `output_size=${py(this.output_size)}`;
  }
}
/**
 * Max pooling of [N, C, L] to `output_size` positions; `return_indices` gives `[output, indices]`.
 * @example nn.AdaptiveMaxPool1d(3)(torch.randn(1, 2, 7)).shape // torch.Size([1, 2, 3])
 */
export class AdaptiveMaxPool1d extends AdaptivePool {
  constructor(output_size: Ints | { output_size: Ints; return_indices?: boolean }, return_indices?: boolean);
  constructor(...args: unknown[]) { super('AdaptiveMaxPool1d', args, true); }
  forward(input: Tensor): Tensor {
    return P.adaptive_max_pool1d(input, this.output_size as Ints, this.return_indices) as Tensor;
  }
}
/** Average pooling of [N, C, D, H, W] to a fixed size (null keeps that dim). @example nn.AdaptiveAvgPool3d([2, null, 3]) */
export class AdaptiveAvgPool3d extends AdaptivePool {
  constructor(output_size: OutSize | { output_size: OutSize });
  constructor(...args: unknown[]) { super('AdaptiveAvgPool3d', args, false); }
  forward(input: Tensor): Tensor {
    return P.adaptive_avg_pool3d(input, this.output_size);
  }
}
/** Max pooling of [N, C, D, H, W] to a fixed size; `return_indices` gives `[output, indices]`. @example nn.AdaptiveMaxPool3d(2) */
export class AdaptiveMaxPool3d extends AdaptivePool {
  constructor(output_size: OutSize | { output_size: OutSize; return_indices?: boolean }, return_indices?: boolean);
  constructor(...args: unknown[]) { super('AdaptiveMaxPool3d', args, true); }
  forward(input: Tensor): Tensor {
    return P.adaptive_max_pool3d(input, this.output_size, this.return_indices) as Tensor;
  }
}

/**
 * Local response normalisation across channels (AlexNet).
 * @example nn.LocalResponseNorm(2)(torch.randn(1, 4, 3, 3)).shape // torch.Size([1, 4, 3, 3])
 */
export class LocalResponseNorm extends Module {
  declare size: number;
  declare alpha: number;
  declare beta: number;
  declare k: number;
  constructor(size: number, alpha?: number | { alpha?: number; beta?: number; k?: number }, beta?: number, k?: number);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ size: number; alpha: number; beta: number; k: number }>('LocalResponseNorm', args, ['size', 'alpha', 'beta', 'k'], { alpha: 1e-4, beta: 0.75, k: 1 });
    Object.assign(this, { size: o.size, alpha: o.alpha, beta: o.beta, k: o.k });
  }
  forward(input: Tensor): Tensor {
    return P.local_response_norm(input, this.size, this.alpha, this.beta, this.k);
  }
  extra_repr(): string {
    return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`;
  }
}
