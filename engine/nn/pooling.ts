// MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, AdaptiveMaxPool2d.
import { parseArgs } from '../args';
import { Tensor } from '../tensor';
import * as F from './functional';
import { Module } from './module';
import { py } from './pyrepr';

type IntPair = number | number[];

/**
 * Max over kernel windows; stride defaults to kernel_size.
 * @example nn.MaxPool2d(2)  // MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
 */
export class MaxPool2d extends Module {
  kernel_size: IntPair;
  stride: IntPair;
  padding: IntPair;
  dilation: IntPair;
  return_indices: boolean;
  ceil_mode: boolean;
  constructor(kernel_size: IntPair, stride?: IntPair | null | { stride?: IntPair | null; padding?: IntPair; dilation?: IntPair; return_indices?: boolean; ceil_mode?: boolean }, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ kernel_size: IntPair; stride: IntPair | null; padding: IntPair; dilation: IntPair; return_indices: boolean; ceil_mode: boolean }>(
      'MaxPool2d', args, ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'], { stride: null, padding: 0, dilation: 1, return_indices: false, ceil_mode: false });
    this.kernel_size = o.kernel_size;
    this.stride = o.stride ?? o.kernel_size;
    this.padding = o.padding;
    this.dilation = o.dilation;
    this.return_indices = o.return_indices;
    this.ceil_mode = o.ceil_mode;
  }
  forward(input: Tensor): Tensor {
    return F.max_pool2d(input, this.kernel_size, this.stride, this.padding, this.dilation, { ceil_mode: this.ceil_mode, return_indices: this.return_indices });
  }
  extra_repr(): string {
    return `kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}, padding=${py(this.padding)}, dilation=${py(this.dilation)}, ceil_mode=${py(this.ceil_mode)}`;
  }
}

/** Mean over kernel windows; stride defaults to kernel_size. */
export class AvgPool2d extends Module {
  kernel_size: IntPair;
  stride: IntPair;
  padding: IntPair;
  ceil_mode: boolean;
  count_include_pad: boolean;
  divisor_override: number | null;
  constructor(kernel_size: IntPair, stride?: IntPair | null | { stride?: IntPair | null; padding?: IntPair; ceil_mode?: boolean; count_include_pad?: boolean; divisor_override?: number | null }, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ kernel_size: IntPair; stride: IntPair | null; padding: IntPair; ceil_mode: boolean; count_include_pad: boolean; divisor_override: number | null }>(
      'AvgPool2d', args, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null });
    this.kernel_size = o.kernel_size;
    this.stride = o.stride ?? o.kernel_size;
    this.padding = o.padding;
    this.ceil_mode = o.ceil_mode;
    this.count_include_pad = o.count_include_pad;
    this.divisor_override = o.divisor_override;
  }
  forward(input: Tensor): Tensor {
    return F.avg_pool2d(input, this.kernel_size, this.stride, this.padding, this.ceil_mode, this.count_include_pad, this.divisor_override);
  }
  extra_repr(): string {
    return `kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}, padding=${py(this.padding)}`;
  }
}

/**
 * Average pooling to a fixed output size (None keeps that input dim).
 * @example nn.AdaptiveAvgPool2d([7, 7])
 */
export class AdaptiveAvgPool2d extends Module {
  output_size: number | (number | null)[];
  constructor(output_size: number | (number | null)[] | { output_size: number | (number | null)[] }) {
    super();
    this.output_size = typeof output_size === 'object' && output_size !== null && !Array.isArray(output_size) ? output_size.output_size : output_size;
  }
  forward(input: Tensor): Tensor {
    return F.adaptive_avg_pool2d(input, this.output_size);
  }
  extra_repr(): string {
    return `output_size=${py(this.output_size)}`;
  }
}

/**
 * Max pooling to a fixed output size (None keeps that input dim); `return_indices` gives `[output, indices]`.
 * @example nn.AdaptiveMaxPool2d([2, 2])
 */
export class AdaptiveMaxPool2d extends Module {
  output_size: number | (number | null)[];
  return_indices: boolean;
  constructor(output_size: number | (number | null)[] | { output_size: number | (number | null)[]; return_indices?: boolean }, return_indices?: boolean);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ output_size: number | (number | null)[]; return_indices: boolean }>('AdaptiveMaxPool2d', args, ['output_size', 'return_indices'], { return_indices: false });
    this.output_size = o.output_size;
    this.return_indices = o.return_indices;
  }
  forward(input: Tensor): Tensor {
    return F.adaptive_max_pool2d(input, this.output_size, this.return_indices);
  }
  extra_repr(): string {
    return `output_size=${py(this.output_size)}`;
  }
}
