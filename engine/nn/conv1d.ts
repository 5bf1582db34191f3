// Conv1d and ConvTranspose2d modules, and the 1-D pools (MaxPool1d, AvgPool1d, AdaptiveAvgPool1d),
// on the engine's conv1d / conv_transpose2d / pool ops. Weights and reprs are PyTorch's.
import { parseArgs } from '../args';
import { conv1d, conv_transpose2d } from '../ops/conv';
import { adaptive_avg_pool1d, avg_pool1d, max_pool1d } from '../ops/pool';
import { pad } from '../ops/padding';
import type { Tensor } from '../tensor';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

type Ints = number | number[];
const single = (v: Ints): [number] => [typeof v === 'number' ? v : v[0]];
const pair = (v: Ints): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1] ?? v[0]]);

/** PyTorch's _ConvNd.reset_parameters: kaiming_uniform(a = √5) weight, U(±1/√fan_in) bias. */
function resetConv(weight: Parameter, bias: Parameter | null): void {
  init.kaiming_uniform_(weight, { a: Math.sqrt(5) });
  if (bias) {
    const [fanIn] = init._calculate_fan_in_and_fan_out(weight);
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    init.uniform_(bias, -bound, bound);
  }
}

function checkGroups(o: { in_channels: number; out_channels: number; groups: number }): void {
  if (o.groups <= 0) throw new Error('groups must be a positive integer');
  if (o.in_channels % o.groups !== 0) throw new Error('in_channels must be divisible by groups');
  if (o.out_channels % o.groups !== 0) throw new Error('out_channels must be divisible by groups');
}

export interface Conv1dOptions extends FactoryKw {
  stride?: Ints;
  padding?: Ints | 'same' | 'valid';
  dilation?: Ints;
  groups?: number;
  bias?: boolean;
  padding_mode?: 'zeros' | 'reflect' | 'replicate' | 'circular';
}

/**
 * 1-D convolution over [N, C, L] (or [C, L]) inputs.
 * @example const conv = nn.Conv1d(3, 8, 3, {padding: 1}); conv(torch.randn(2, 3, 10)).shape
 */
export class Conv1d extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  in_channels: number;
  out_channels: number;
  kernel_size: [number];
  stride: [number];
  padding: [number] | 'same' | 'valid';
  dilation: [number];
  groups: number;
  padding_mode: string;
  constructor(in_channels: number, out_channels: number, kernel_size: Ints, stride?: Ints | Conv1dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ in_channels: number; out_channels: number; kernel_size: Ints } & Required<Omit<Conv1dOptions, keyof FactoryKw>> & FactoryKw>(
      'Conv1d', args, ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode', 'device', 'dtype'],
      { stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, padding_mode: 'zeros' });
    checkGroups(o);
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(o.padding_mode))
      throw new Error(`padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='${o.padding_mode}'`);
    if (typeof o.padding === 'string' && o.padding !== 'same' && o.padding !== 'valid') throw new Error(`Invalid padding string '${o.padding}', should be one of ['valid', 'same']`);
    this.in_channels = o.in_channels;
    this.out_channels = o.out_channels;
    this.kernel_size = single(o.kernel_size);
    this.stride = single(o.stride);
    if (o.padding === 'same' && this.stride[0] !== 1) throw new Error("padding='same' is not supported for strided convolutions");
    this.padding = typeof o.padding === 'string' ? o.padding : single(o.padding);
    this.dilation = single(o.dilation);
    this.groups = o.groups;
    this.padding_mode = o.padding_mode;
    this.weight = emptyParam([o.out_channels, o.in_channels / o.groups, this.kernel_size[0]], o);
    if (o.bias) this.bias = emptyParam([o.out_channels], o);
    else this.register_parameter('bias', null);
    resetConv(this.weight, this.bias);
    placeModule(this, o);
  }
  forward(input: Tensor): Tensor {
    if (this.padding_mode === 'zeros') return conv1d(input, this.weight, this.bias, this.stride, this.padding, this.dilation, this.groups);
    const p = this.padding === 'valid' ? 0 : this.padding === 'same' ? Math.floor((this.dilation[0] * (this.kernel_size[0] - 1)) / 2) : this.padding[0];
    const x = input.ndim === 2 ? pad(input.unsqueeze(0), [p, p], { mode: this.padding_mode }).squeeze(0) : pad(input, [p, p], { mode: this.padding_mode });
    return conv1d(x, this.weight, this.bias, this.stride, 0, this.dilation, this.groups);
  }
  extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}`;
    if (typeof this.padding === 'string' || this.padding[0] !== 0) s += `, padding=${py(this.padding)}`;
    if (this.dilation[0] !== 1) s += `, dilation=${py(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.padding_mode !== 'zeros') s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}

export interface ConvTranspose2dOptions extends FactoryKw {
  stride?: Ints;
  padding?: Ints;
  output_padding?: Ints;
  groups?: number;
  bias?: boolean;
  dilation?: Ints;
  padding_mode?: 'zeros';
}

/**
 * Transposed 2-D convolution (upsampling); weight [in, out/groups, kh, kw].
 * @example const up = nn.ConvTranspose2d(4, 2, 2, {stride: 2}); up(torch.randn(1, 4, 3, 3)).shape
 */
export class ConvTranspose2d extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  in_channels: number;
  out_channels: number;
  kernel_size: [number, number];
  stride: [number, number];
  padding: [number, number];
  output_padding: [number, number];
  dilation: [number, number];
  groups: number;
  padding_mode: string;
  constructor(in_channels: number, out_channels: number, kernel_size: Ints, stride?: Ints | ConvTranspose2dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ in_channels: number; out_channels: number; kernel_size: Ints } & Required<Omit<ConvTranspose2dOptions, keyof FactoryKw>> & FactoryKw>(
      'ConvTranspose2d', args, ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation', 'padding_mode', 'device', 'dtype'],
      { stride: 1, padding: 0, output_padding: 0, groups: 1, bias: true, dilation: 1, padding_mode: 'zeros' });
    checkGroups(o);
    if (o.padding_mode !== 'zeros') throw new Error('Only "zeros" padding mode is supported for ConvTranspose2d');
    this.in_channels = o.in_channels;
    this.out_channels = o.out_channels;
    this.kernel_size = pair(o.kernel_size);
    this.stride = pair(o.stride);
    this.padding = pair(o.padding);
    this.output_padding = pair(o.output_padding);
    this.dilation = pair(o.dilation);
    this.groups = o.groups;
    this.padding_mode = o.padding_mode;
    this.weight = emptyParam([o.in_channels, o.out_channels / o.groups, ...this.kernel_size], o);
    if (o.bias) this.bias = emptyParam([o.out_channels], o);
    else this.register_parameter('bias', null);
    resetConv(this.weight, this.bias);
    placeModule(this, o);
  }
  forward(input: Tensor): Tensor {
    return conv_transpose2d(input, this.weight, this.bias, this.stride, this.padding, this.output_padding, this.groups, this.dilation);
  }
  extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}`;
    if (this.padding.some((p) => p !== 0)) s += `, padding=${py(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${py(this.dilation)}`;
    if (this.output_padding.some((p) => p !== 0)) s += `, output_padding=${py(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    return s;
  }
}

/**
 * Max over windows of [N, C, L] (or [C, L]); stride defaults to kernel_size.
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
    if (o.return_indices) throw new Error('MaxPool1d: return_indices is not supported in Torchlit');
    this.kernel_size = single(o.kernel_size)[0];
    this.stride = single(o.stride ?? o.kernel_size)[0];
    this.padding = single(o.padding)[0];
    this.dilation = single(o.dilation)[0];
    this.return_indices = o.return_indices;
    this.ceil_mode = o.ceil_mode;
  }
  forward(input: Tensor): Tensor {
    return max_pool1d(input, this.kernel_size, this.stride, this.padding, this.dilation, this.ceil_mode);
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
