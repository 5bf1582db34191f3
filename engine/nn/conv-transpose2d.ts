// The ConvTranspose2d module on the engine's conv_transpose2d op. Weights and repr are PyTorch's.
import { parseArgs } from '../args';
import { conv_transpose2d } from '../ops/conv';
import type { Tensor } from '../tensor';
import { checkGroups, pair, resetConv, type Ints } from './conv1d';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';
import { transposeOutputPadding } from './conv-transpose1d';

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
  /** `output_size` ([H, W] or the whole shape) picks the output_padding, as PyTorch's (it was ignored: a silently smaller output). */
  forward(input: Tensor, output_size?: number[] | { output_size?: number[] | null } | null): Tensor {
    const os = output_size != null && !Array.isArray(output_size) ? output_size.output_size : output_size;
    const op = transposeOutputPadding(input, os, this);
    return conv_transpose2d(input, this.weight, this.bias, this.stride, this.padding, op, this.groups, this.dilation);
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
