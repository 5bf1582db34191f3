// Conv2d.
import { RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { Tensor } from '../tensor';
import * as F from './functional';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

type IntPair = number | number[];
const pair = (v: IntPair): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1] ?? v[0]]);

export interface Conv2dOptions extends FactoryKw {
  stride?: IntPair;
  padding?: IntPair | 'same' | 'valid';
  dilation?: IntPair;
  groups?: number;
  bias?: boolean;
  padding_mode?: 'zeros' | 'reflect' | 'replicate' | 'circular';
}

/**
 * 2-D convolution over [N, C, H, W] (or [C, H, W]) inputs; padding may be 'same' or 'valid'.
 * @example nn.Conv2d(3, 64, 3, {padding: 1})
 */
export class Conv2d extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  in_channels: number;
  out_channels: number;
  kernel_size: [number, number];
  stride: [number, number];
  padding: [number, number] | 'same' | 'valid';
  dilation: [number, number];
  groups: number;
  padding_mode: string;
  constructor(in_channels: number, out_channels: number, kernel_size: IntPair | (Conv2dOptions & { kernel_size: IntPair }), stride?: IntPair | Conv2dOptions, padding?: IntPair | 'same' | 'valid' | Conv2dOptions, dilation?: IntPair | Conv2dOptions, groups?: number | Conv2dOptions, bias?: boolean | Conv2dOptions, padding_mode?: string | Conv2dOptions, opts?: Conv2dOptions);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ in_channels: number; out_channels: number; kernel_size: IntPair } & Required<Omit<Conv2dOptions, keyof FactoryKw>> & FactoryKw>(
      'Conv2d', args, ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode', 'device', 'dtype'],
      { stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, padding_mode: 'zeros' });
    if (o.groups <= 0) throw new RuntimeError('groups must be a positive integer');
    if (o.in_channels % o.groups !== 0) throw new RuntimeError('in_channels must be divisible by groups');
    if (o.out_channels % o.groups !== 0) throw new RuntimeError('out_channels must be divisible by groups');
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(o.padding_mode))
      throw new RuntimeError(`padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='${o.padding_mode}'`);
    if (typeof o.padding === 'string' && o.padding !== 'same' && o.padding !== 'valid')
      throw new ValueError(`Invalid padding string '${o.padding}', should be one of ['valid', 'same']`);
    this.in_channels = o.in_channels;
    this.out_channels = o.out_channels;
    this.kernel_size = pair(o.kernel_size);
    this.stride = pair(o.stride);
    if (o.padding === 'same' && this.stride.some((s) => s !== 1)) throw new RuntimeError("padding='same' is not supported for strided convolutions");
    this.padding = typeof o.padding === 'string' ? o.padding : pair(o.padding);
    this.dilation = pair(o.dilation);
    this.groups = o.groups;
    this.padding_mode = o.padding_mode;
    this.weight = emptyParam([o.out_channels, o.in_channels / o.groups, ...this.kernel_size], o);
    if (o.bias) this.bias = emptyParam([o.out_channels], o);
    else this.register_parameter('bias', null);
    this.reset_parameters();
    placeModule(this, o);
  }
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  forward(input: Tensor): Tensor {
    const unbatched = input.ndim === 3;
    if (input.ndim !== 3 && input.ndim !== 4)
      throw new RuntimeError(`Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [${input._shape.join(', ')}]`);
    let x = unbatched ? input.unsqueeze(0) : input;
    let padding: [number, number] | 'same' | 'valid' = this.padding;
    if (this.padding_mode !== 'zeros') {
      const p = this.padding === 'valid' ? [0, 0] : this.padding === 'same' ? this.kernel_size.map((k, i) => Math.floor((this.dilation[i] * (k - 1)) / 2)) : this.padding;
      x = F.pad(x, [p[1], p[1], p[0], p[0]], { mode: this.padding_mode });
      padding = [0, 0];
    }
    const out = F.conv2d(x, this.weight, this.bias, this.stride, padding, this.dilation, this.groups);
    return unbatched ? out.squeeze(0) : out;
  }
  extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}`;
    if (typeof this.padding === 'string' || this.padding.some((p) => p !== 0)) s += `, padding=${py(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${py(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.padding_mode !== 'zeros') s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}
