// The Conv1d module on the engine's conv1d op (weights and repr are PyTorch's), and the argument
// and init helpers it shares with ConvTranspose2d (conv-transpose2d.ts) and the 1-D pools (pooling1d.ts).
import { parseArgs } from '../args';
import { conv1d } from '../ops/conv';
import { pad } from '../ops/padding';
import type { Tensor } from '../tensor';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './factory';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

export type Ints = number | number[];
export const single = (v: Ints): [number] => [typeof v === 'number' ? v : v[0]];
export const pair = (v: Ints): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1] ?? v[0]]);

/** PyTorch's _ConvNd.reset_parameters: kaiming_uniform(a = √5) weight, U(±1/√fan_in) bias. */
export function resetConv(weight: Parameter, bias: Parameter | null): void {
  init.kaiming_uniform_(weight, { a: Math.sqrt(5) });
  if (bias) {
    const [fanIn] = init._calculate_fan_in_and_fan_out(weight);
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    init.uniform_(bias, -bound, bound);
  }
}

export function checkGroups(o: { in_channels: number; out_channels: number; groups: number }): void {
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
