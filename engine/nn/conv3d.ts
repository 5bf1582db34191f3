// F.conv3d and nn.Conv3d, composed of the 2-D convolution: the kd depth slices each output depth
// reads are gathered (index_select) and folded into the channels, and the output depths into the
// batch, so one conv2d computes every (output depth, kernel depth) pair:
//   x [N, C, D, H, W] → [N·oD, C·kd, H, W],  weight [O, C/g, kd, kh, kw] → [O, C/g·kd, kh, kw].
// Groups stay contiguous in the folded channels (channel c·kd + k), so `groups` carries over.
// Every piece has CPU and WebGPU kernels and a gradient, so conv3d runs and trains on both; the
// result is one ConvolutionBackward0 node as PyTorch's.
import { parseArgs } from '../args';
import { fused } from '../autograd';
import { RuntimeError, ValueError } from '../errors';
import { conv2d } from '../ops/conv';
import { tensor } from '../ops/creation';
import { pad } from '../ops/padding';
import { int64 } from '../dtype';
import type { Tensor } from '../tensor';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './factory';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

type Ints = number | number[];
type Triple = [number, number, number];
const triple = (v: Ints, name: string): Triple => {
  const p = typeof v === 'number' ? [v, v, v] : [...v];
  if (p.length === 1) p.push(p[0], p[0]);
  if (p.length !== 3 || p.some((n) => !Number.isInteger(n)))
    throw new RuntimeError(`expected ${name} to be a single integer value or a list of 3 values to match the convolution dimensions, but got ${name}=[${p.join(', ')}]`);
  return p as Triple;
};

export interface Conv3dFnOptions {
  bias?: Tensor | null;
  stride?: Ints;
  padding?: Ints | 'same' | 'valid';
  dilation?: Ints;
  groups?: number;
}

/**
 * 3-D convolution (cross-correlation) of `input` [N, C, D, H, W] (or [C, D, H, W]) with
 * `weight` [O, C/groups, kd, kh, kw]; stride, padding (ints, triples, 'same', 'valid'), dilation, groups.
 * @example F.conv3d(torch.randn(1, 2, 4, 5, 5), torch.randn(3, 2, 3, 3, 3), null, {padding: 1}).shape // torch.Size([1, 3, 4, 5, 5])
 */
export function conv3d(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<Required<Conv3dFnOptions>>('conv3d', args, ['bias', 'stride', 'padding', 'dilation', 'groups'], { bias: null, stride: 1, padding: 0, dilation: 1, groups: 1 });
  if (input.ndim !== 4 && input.ndim !== 5) throw new RuntimeError(`Expected 4D (unbatched) or 5D (batched) input to conv3d, but got input of size: [${input._shape.join(', ')}]`);
  if (weight.ndim !== 5) throw new RuntimeError(`weight should have 5 dimensions for conv3d, but got weight of size [${weight._shape.join(', ')}]`);
  const unbatched = input.ndim === 4;
  const xShape = unbatched ? [1, ...input._shape] : input._shape;
  const [N, C, D, H, W] = xShape;
  const [O, Cg, kd, kh, kw] = weight._shape;
  const groups = o.groups;
  if (!Number.isInteger(groups) || groups < 1) throw new RuntimeError('non-positive groups is not supported');
  if (O % groups !== 0) throw new RuntimeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${weight._shape.join(', ')}] instead`);
  if (C !== Cg * groups)
    throw new RuntimeError(`Given groups=${groups}, weight of size [${weight._shape.join(', ')}], expected input[${xShape.join(', ')}] to have ${Cg * groups} channels, but got ${C} channels instead`);
  if (o.bias && (o.bias.ndim !== 1 || o.bias._shape[0] !== O))
    throw new RuntimeError(`Given weight of size [${weight._shape.join(', ')}], expected bias to be 1-dimensional with ${O} elements, but got bias of size [${o.bias._shape.join(', ')}] instead`);
  const [sd, sh, sw] = triple(o.stride, 'stride');
  const [dd, dh, dw] = triple(o.dilation, 'dilation');
  if (sd < 1 || sh < 1 || sw < 1) throw new RuntimeError('non-positive stride is not supported');
  let front: number, back: number, hw: [number, number] | 'same';
  if (o.padding === 'same') {
    if (sd !== 1 || sh !== 1 || sw !== 1) throw new RuntimeError("padding='same' is not supported for strided convolutions");
    front = Math.floor((dd * (kd - 1)) / 2);
    back = dd * (kd - 1) - front;
    hw = 'same';
  } else if (o.padding === 'valid') [front, back, hw] = [0, 0, [0, 0]];
  else if (typeof o.padding === 'string') throw new ValueError(`Invalid padding string '${o.padding}', should be one of {'valid', 'same'}`);
  else {
    const [pd, ph, pw] = triple(o.padding, 'padding');
    if (pd < 0 || ph < 0 || pw < 0) throw new RuntimeError('negative padding is not supported');
    [front, back, hw] = [pd, pd, [ph, pw]];
  }
  const padHW = hw === 'same' ? [dh * (kh - 1), dw * (kw - 1)] : [2 * hw[0], 2 * hw[1]];
  const eff = [dd * (kd - 1) + 1, dh * (kh - 1) + 1, dw * (kw - 1) + 1];
  const padded = [D + front + back, H + padHW[0], W + padHW[1]];
  if (padded.some((p, i) => p < eff[i]))
    throw new RuntimeError(`Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${eff.join(' x ')}). Kernel size can't be greater than actual input size`);
  const oD = Math.floor((padded[0] - eff[0]) / sd) + 1;
  // depth index of (output depth od, kernel depth k) in the depth-padded input
  const idx: number[] = [];
  for (let od = 0; od < oD; od++) for (let k = 0; k < kd; k++) idx.push(od * sd + k * dd);
  // unbatched input is unsqueezed outside the node (grad_fn SqueezeBackward1, as PyTorch's)
  const out = fused('ConvolutionBackward0', [unbatched ? input.unsqueeze(0) : input, weight, o.bias], (inp, wt, b) => {
    let x = inp!;
    if (front || back) x = pad(x, [0, 0, 0, 0, front, back]);
    const slices = x.index_select(2, tensor(idx, { dtype: int64, device: x.device })).reshape([N, C, oD, kd, H, W]).permute([0, 2, 1, 3, 4, 5]).reshape([N * oD, C * kd, H, W]);
    const out2 = conv2d(slices, wt!.reshape([O, Cg * kd, kh, kw]), b ?? null, [sh, sw], hw, [dh, dw], groups);
    const [, , oH, oW] = out2._shape;
    return out2.reshape([N, oD, O, oH, oW]).permute([0, 2, 1, 3, 4]).contiguous();
  });
  return unbatched ? out.squeeze(0) : out;
}

export interface Conv3dOptions extends FactoryKw {
  stride?: Ints;
  padding?: Ints | 'same' | 'valid';
  dilation?: Ints;
  groups?: number;
  bias?: boolean;
  padding_mode?: 'zeros' | 'reflect' | 'replicate' | 'circular';
}

/**
 * 3-D convolution over [N, C, D, H, W] (or [C, D, H, W]) volumes; weight [out, in/groups, kd, kh, kw].
 * @example nn.Conv3d(1, 4, 3, {padding: 1})(torch.randn(2, 1, 4, 6, 6)).shape // torch.Size([2, 4, 4, 6, 6])
 */
export class Conv3d extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  in_channels: number;
  out_channels: number;
  kernel_size: Triple;
  stride: Triple;
  padding: Triple | 'same' | 'valid';
  dilation: Triple;
  groups: number;
  padding_mode: string;
  constructor(in_channels: number, out_channels: number, kernel_size: Ints, stride?: Ints | Conv3dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ in_channels: number; out_channels: number; kernel_size: Ints } & Required<Omit<Conv3dOptions, keyof FactoryKw>> & FactoryKw>(
      'Conv3d', args, ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode', 'device', 'dtype'],
      { stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, padding_mode: 'zeros' });
    if (o.groups <= 0) throw new ValueError('groups must be a positive integer');
    if (o.in_channels % o.groups !== 0) throw new ValueError('in_channels must be divisible by groups');
    if (o.out_channels % o.groups !== 0) throw new ValueError('out_channels must be divisible by groups');
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(o.padding_mode))
      throw new ValueError(`padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='${o.padding_mode}'`);
    if (typeof o.padding === 'string' && o.padding !== 'same' && o.padding !== 'valid')
      throw new ValueError(`Invalid padding string '${o.padding}', should be one of ['valid', 'same']`);
    this.in_channels = o.in_channels;
    this.out_channels = o.out_channels;
    this.kernel_size = triple(o.kernel_size, 'kernel_size');
    this.stride = triple(o.stride, 'stride');
    if (o.padding === 'same' && this.stride.some((s) => s !== 1)) throw new ValueError("padding='same' is not supported for strided convolutions");
    this.padding = typeof o.padding === 'string' ? o.padding : triple(o.padding, 'padding');
    this.dilation = triple(o.dilation, 'dilation');
    this.groups = o.groups;
    this.padding_mode = o.padding_mode;
    this.weight = emptyParam([o.out_channels, o.in_channels / o.groups, ...this.kernel_size], o);
    if (o.bias) this.bias = emptyParam([o.out_channels], o);
    else this.register_parameter('bias', null);
    this.reset_parameters();
    placeModule(this, o);
  }
  /** PyTorch's _ConvNd.reset_parameters: kaiming_uniform(a = √5) weight, U(±1/√fan_in) bias. */
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  forward(input: Tensor): Tensor {
    if (this.padding_mode === 'zeros') return conv3d(input, this.weight, this.bias, this.stride, this.padding, this.dilation, this.groups);
    // PyTorch pads with padding_mode first (per side: floor(total/2) before, the rest after for 'same'), then convolves unpadded
    const total = this.kernel_size.map((k, i) => (this.padding === 'valid' ? 0 : this.padding === 'same' ? this.dilation[i] * (k - 1) : 2 * this.padding[i]));
    const p = [2, 1, 0].flatMap((i) => [Math.floor(total[i] / 2), total[i] - Math.floor(total[i] / 2)]);
    const x = input.ndim === 4 ? pad(input.unsqueeze(0), p, { mode: this.padding_mode }).squeeze(0) : pad(input, p, { mode: this.padding_mode });
    return conv3d(x, this.weight, this.bias, this.stride, 0, this.dilation, this.groups);
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
