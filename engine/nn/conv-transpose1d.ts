// ConvTranspose1d and F.conv_transpose1d (the 2-D transposed convolution over a height of 1), and
// the output_size → output_padding rule the transposed convolutions share (PyTorch's _output_padding).
import { parseArgs } from '../args';
import { fused } from '../autograd';
import { RuntimeError, ValueError } from '../errors';
import { conv_transpose2d } from '../ops/conv';
import type { Tensor } from '../tensor';
import { checkGroups, resetConv, single, type Ints } from './conv1d';
import { emptyParam, placeModule, type FactoryKw } from './factory';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

/**
 * Transposed 1-D convolution over [N, C_in, L] (or [C_in, L]); weight [C_in, C_out/groups, k].
 * @example F.conv_transpose1d(torch.randn(1, 2, 5), torch.randn(2, 3, 3), null, 2).shape // torch.Size([1, 3, 11])
 */
export function conv_transpose1d(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ bias: Tensor | null; stride: Ints; padding: Ints; output_padding: Ints; groups: number; dilation: Ints }>('conv_transpose1d', args,
    ['bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'], { bias: null, stride: 1, padding: 0, output_padding: 0, groups: 1, dilation: 1 });
  if (input.ndim !== 2 && input.ndim !== 3) throw new RuntimeError(`Expected 2D (unbatched) or 3D (batched) input to conv_transpose1d, but got input of size: [${input._shape.join(', ')}]`);
  if (weight.ndim !== 3) throw new RuntimeError(`weight should have 3 dimensions for conv_transpose1d, but got weight of size [${weight._shape.join(', ')}]`);
  // unbatched input goes through a batch of one, as ATen (SqueezeBackward1 on top)
  if (input.ndim === 2) return conv_transpose1d(input.unsqueeze(0), weight, o).squeeze(0);
  const [s] = single(o.stride), [p] = single(o.padding), [op] = single(o.output_padding), [d] = single(o.dilation);
  return fused('ConvolutionBackward0', [input, weight, o.bias], (x, w, b) =>
    conv_transpose2d(x!.unsqueeze(-2), w!.unsqueeze(-2), b ?? null, [1, s], [0, p], [0, op], o.groups, [1, d]).squeeze(-2));
}

/**
 * PyTorch's _ConvTransposeNd._output_padding: the output_padding that makes a transposed
 * convolution's output `output_size` (spatial, or with the batch/channel dims), checked against the
 * sizes the stride allows. Without output_size, the module's own output_padding.
 */
export function transposeOutputPadding(input: Tensor, outputSize: number[] | null | undefined, m: { stride: number[]; padding: number[]; kernel_size: number[]; dilation: number[]; output_padding: number[] }): number[] {
  if (outputSize == null) return m.output_padding;
  const n = m.kernel_size.length;
  const nonSpatial = input.ndim === n + 2 ? 2 : 1;
  let os = [...outputSize];
  if (os.length === nonSpatial + n) os = os.slice(nonSpatial);
  if (os.length !== n) throw new ValueError(`ConvTranspose${n}D: for ${input.ndim}D input, output_size must have ${n} or ${nonSpatial + n} elements (got ${os.length})`);
  const min = os.map((_, d) => (input._shape[d + nonSpatial] - 1) * m.stride[d] - 2 * m.padding[d] + m.dilation[d] * (m.kernel_size[d] - 1) + 1);
  const max = min.map((v, d) => v + m.stride[d] - 1);
  os.forEach((s, d) => {
    if (s < min[d] || s > max[d])
      throw new ValueError(`requested an output size of [${os.join(', ')}], but valid sizes range from [${min.join(', ')}] to [${max.join(', ')}] (for an input of torch.Size([${input._shape.slice(2).join(', ')}]))`);
  });
  return os.map((s, d) => s - min[d]);
}

export interface ConvTranspose1dOptions extends FactoryKw {
  stride?: Ints;
  padding?: Ints;
  output_padding?: Ints;
  groups?: number;
  bias?: boolean;
  dilation?: Ints;
  padding_mode?: 'zeros';
}

/**
 * What ConvTranspose1d/2d/3d share (PyTorch's _ConvTransposeNd): the arguments, the weight
 * [in, out/groups, ...kernel], forward's `output_size`, the repr. A subclass gives its tuple form
 * and its op.
 */
export abstract class ConvTransposeNd extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  declare in_channels: number;
  declare out_channels: number;
  declare kernel_size: number[];
  declare stride: number[];
  declare padding: number[];
  declare output_padding: number[];
  declare dilation: number[];
  declare groups: number;
  declare padding_mode: string;
  /** The op on this module's weights, with the output_padding forward picked. */
  protected abstract convolve(input: Tensor, output_padding: number[]): Tensor;
  protected init(name: string, args: unknown[], tuple: (v: Ints) => number[]): void {
    const o = parseArgs<{ in_channels: number; out_channels: number; kernel_size: Ints } & Required<Omit<ConvTranspose1dOptions, keyof FactoryKw>> & FactoryKw>(
      name, args, ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation', 'padding_mode', 'device', 'dtype'],
      { stride: 1, padding: 0, output_padding: 0, groups: 1, bias: true, dilation: 1, padding_mode: 'zeros' });
    checkGroups(o);
    if (o.padding_mode !== 'zeros') throw new ValueError(`Only "zeros" padding mode is supported for ${name}`);
    this.in_channels = o.in_channels;
    this.out_channels = o.out_channels;
    this.kernel_size = tuple(o.kernel_size);
    this.stride = tuple(o.stride);
    this.padding = tuple(o.padding);
    this.output_padding = tuple(o.output_padding);
    this.dilation = tuple(o.dilation);
    this.groups = o.groups;
    this.padding_mode = o.padding_mode;
    this.weight = emptyParam([o.in_channels, o.out_channels / o.groups, ...this.kernel_size], o);
    if (o.bias) this.bias = emptyParam([o.out_channels], o);
    else this.register_parameter('bias', null);
    resetConv(this.weight, this.bias);
    placeModule(this, o);
  }
  /** `output_size` (the spatial sizes, or the whole shape) picks the output_padding, as PyTorch's (it was ignored: a silently smaller output). */
  forward(input: Tensor, output_size?: number[] | { output_size?: number[] | null } | null): Tensor {
    const os = output_size != null && !Array.isArray(output_size) ? output_size.output_size : output_size;
    return this.convolve(input, transposeOutputPadding(input, os, this));
  }
  extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}`;
    if (this.padding.some((v) => v !== 0)) s += `, padding=${py(this.padding)}`;
    if (this.dilation.some((v) => v !== 1)) s += `, dilation=${py(this.dilation)}`;
    if (this.output_padding.some((v) => v !== 0)) s += `, output_padding=${py(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    return s;
  }
}

/**
 * Transposed 1-D convolution (upsampling a sequence); weight [in, out/groups, k].
 * @example nn.ConvTranspose1d(4, 2, 3, {stride: 2})(torch.randn(1, 4, 5)).shape // torch.Size([1, 2, 11])
 */
export class ConvTranspose1d extends ConvTransposeNd {
  declare kernel_size: [number];
  declare stride: [number];
  declare padding: [number];
  declare output_padding: [number];
  declare dilation: [number];
  constructor(in_channels: number, out_channels: number, kernel_size: Ints, stride?: Ints | ConvTranspose1dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    this.init('ConvTranspose1d', args, single);
  }
  protected convolve(input: Tensor, output_padding: number[]): Tensor {
    return conv_transpose1d(input, this.weight, this.bias, this.stride, this.padding, output_padding, this.groups, this.dilation);
  }
}
