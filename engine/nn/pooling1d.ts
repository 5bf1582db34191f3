// The 1-D pools (MaxPool1d, AvgPool1d, AdaptiveAvgPool1d) on the engine's pool ops; reprs are PyTorch's.
import { parseArgs } from '../args';
import { adaptive_avg_pool1d, avg_pool1d } from '../ops/pool';
import { max_pool1d } from './functional-pool-extra';
import type { Tensor } from '../tensor';
import { single, type Ints } from './conv1d';
import { Module } from './module';
import { py } from './pyrepr';

/**
 * Max over windows of [N, C, L] (or [C, L]); stride defaults to kernel_size; `return_indices` gives `[output, indices]`.
 * @example nn.MaxPool1d(2)(torch.randn(1, 2, 6)).shape
 */
export class MaxPool1d extends Module {
  kernel_size: number;
  stride: number;
  padding: number;
  dilation: number;
  return_indices: boolean;
  ceil_mode: boolean;
  constructor(kernel_size: Ints, stride?: Ints | null | { stride?: Ints | null; padding?: Ints; dilation?: Ints; return_indices?: boolean; ceil_mode?: boolean }, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ kernel_size: Ints; stride: Ints | null; padding: Ints; dilation: Ints; return_indices: boolean; ceil_mode: boolean }>('MaxPool1d', args,
      ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'], { stride: null, padding: 0, dilation: 1, return_indices: false, ceil_mode: false });
    this.kernel_size = single(o.kernel_size)[0];
    this.stride = single(o.stride ?? o.kernel_size)[0];
    this.padding = single(o.padding)[0];
    this.dilation = single(o.dilation)[0];
    this.return_indices = o.return_indices;
    this.ceil_mode = o.ceil_mode;
  }
  forward(input: Tensor): Tensor {
    return max_pool1d(input, this.kernel_size, this.stride, this.padding, this.dilation, this.ceil_mode, this.return_indices) as Tensor;
  }
  extra_repr(): string {
    return `kernel_size=${this.kernel_size}, stride=${this.stride}, padding=${this.padding}, dilation=${this.dilation}, ceil_mode=${py(this.ceil_mode)}`;
  }
}

/**
 * Mean over windows of [N, C, L] (or [C, L]); stride defaults to kernel_size.
 * @example nn.AvgPool1d(3, {stride: 2})(torch.randn(1, 2, 7)).shape
 */
export class AvgPool1d extends Module {
  kernel_size: [number];
  stride: [number];
  padding: [number];
  ceil_mode: boolean;
  count_include_pad: boolean;
  constructor(kernel_size: Ints, stride?: Ints | null | { stride?: Ints | null; padding?: Ints; ceil_mode?: boolean; count_include_pad?: boolean }, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ kernel_size: Ints; stride: Ints | null; padding: Ints; ceil_mode: boolean; count_include_pad: boolean }>('AvgPool1d', args,
      ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad'], { stride: null, padding: 0, ceil_mode: false, count_include_pad: true });
    this.kernel_size = single(o.kernel_size);
    this.stride = single(o.stride ?? o.kernel_size);
    this.padding = single(o.padding);
    this.ceil_mode = o.ceil_mode;
    this.count_include_pad = o.count_include_pad;
  }
  forward(input: Tensor): Tensor {
    return avg_pool1d(input, this.kernel_size[0], this.stride[0], this.padding[0], this.ceil_mode, this.count_include_pad);
  }
  extra_repr(): string {
    return `kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}, padding=${py(this.padding)}`;
  }
}

/** Average pooling of [N, C, L] to `output_size` positions. @example nn.AdaptiveAvgPool1d(2)(torch.randn(1, 2, 7)).shape */
export class AdaptiveAvgPool1d extends Module {
  output_size: number;
  constructor(output_size: Ints | { output_size: Ints }) {
    super();
    const o = parseArgs<{ output_size: Ints }>('AdaptiveAvgPool1d', [output_size], ['output_size'], {});
    this.output_size = single(o.output_size)[0];
  }
  forward(input: Tensor): Tensor {
    return adaptive_avg_pool1d(input, this.output_size);
  }
  extra_repr(): string {
    return `output_size=${this.output_size}`;
  }
}
