// conv2d (NCHW, or unbatched CHW): stride, padding (ints, pairs, 'same', 'valid'), dilation,
// groups; conv1d and conv_transpose2d on the same kernels. The op checks shapes with PyTorch's
// messages and computes the geometry; kernels ('conv2d', 'conv2d_backward_input',
// 'conv2d_backward_weight') do the arithmetic. conv_transpose2d is conv2d's input gradient.
import { RuntimeError, ValueError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import type { ConvGeom } from '../backend/kernels';
import { getKernel } from '../backend/registry';
import { Tensor } from '../tensor';
import { scalarTypeName } from '../dtype';
import { binaryRaw } from './raw';
import { checkInterrupt, sameDevice } from './util';

type Pair = number | [number, number] | number[];
const pair = (v: Pair, name: string): [number, number] => {
  const p = typeof v === 'number' ? [v, v] : [...v];
  if (p.length === 1) p.push(p[0]);
  if (p.length !== 2 || p.some((n) => !Number.isInteger(n))) throw new RuntimeError(`expected ${name} to be a single integer value or a list of 2 values to match the convolution dimensions, but got ${name}=[${p.join(', ')}]`);
  return p as [number, number];
};

export interface Conv2dOptions {
  bias?: Tensor | null;
  stride?: Pair;
  padding?: Pair | 'same' | 'valid';
  dilation?: Pair;
  groups?: number;
}

/** C++'s names of the dtypes, as PyTorch's convolution messages print them. */
const CTYPE: Record<string, string> = { float32: 'float', float64: 'double', int64: 'long int', int32: 'int', bool: 'bool', uint8: 'unsigned char', int8: 'signed char', int16: 'short int' };

/**
 * PyTorch's dtype checks of a convolution (`Conv2d` on a float64 or uint8 batch): the bias is named
 * first when there is one, else the weight's scalar type.
 */
function checkConvDtypes(input: Tensor, weight: Tensor, bias: Tensor | null | undefined): void {
  if (bias && bias.dtype !== input.dtype) throw new RuntimeError(`Input type (${CTYPE[input.dtype.name]}) and bias type (${CTYPE[bias.dtype.name]}) should be the same`);
  if (weight.dtype !== input.dtype) throw new RuntimeError(`expected scalar type ${scalarTypeName(input.dtype)} but found ${scalarTypeName(weight.dtype)}`);
}

/**
 * 2-D convolution (cross-correlation, as PyTorch) of `input` [N, C, H, W] (or [C, H, W]) with
 * `weight` [O, C/groups, kh, kw].
 * @example F.conv2d(imgs, torch.randn([4, 3, 3, 3]), torch.zeros([4]), {padding: 1}).shape // torch.Size([2, 4, 8, 8])
 */
export function conv2d(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<Required<Conv2dOptions>>('conv2d', args, ['bias', 'stride', 'padding', 'dilation', 'groups'], { bias: null, stride: 1, padding: 0, dilation: 1, groups: 1 });
  if (input.ndim !== 3 && input.ndim !== 4) throw new RuntimeError(`Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [${input._shape.join(', ')}]`);
  if (weight.ndim !== 4) throw new RuntimeError(`weight should have 4 dimensions for conv2d, but got weight of size [${weight._shape.join(', ')}]`);
  sameDevice(input, weight, o.bias);
  checkConvDtypes(input, weight, o.bias);
  const unbatched = input.ndim === 3;
  const x = unbatched ? input.unsqueeze(0) : input;
  const [N, C, H, W] = x._shape;
  const [O, Cg, kh, kw] = weight._shape;
  const groups = o.groups;
  if (!Number.isInteger(groups) || groups < 1) throw new RuntimeError('non-positive groups is not supported');
  if (O % groups !== 0) throw new RuntimeError('Given groups=' + groups + ', expected weight to be divisible by ' + groups + ' at dimension 0, but got weight of size [' + weight._shape.join(', ') + '] instead');
  if (C !== Cg * groups)
    throw new RuntimeError(`Given groups=${groups}, weight of size [${weight._shape.join(', ')}], expected input[${x._shape.join(', ')}] to have ${Cg * groups} channels, but got ${C} channels instead`);
  if (o.bias && (o.bias.ndim !== 1 || o.bias._shape[0] !== O))
    throw new RuntimeError(`Given weight of size [${weight._shape.join(', ')}], expected bias to be 1-dimensional with ${O} elements, but got bias of size [${o.bias._shape.join(', ')}] instead`);
  const [sh, sw] = pair(o.stride, 'stride');
  const [dh, dw] = pair(o.dilation, 'dilation');
  if (sh < 1 || sw < 1) throw new RuntimeError('non-positive stride is not supported');
  let pt: number, pb: number, pl: number, pr: number;
  if (o.padding === 'same') {
    if (sh !== 1 || sw !== 1) throw new RuntimeError("padding='same' is not supported for strided convolutions");
    const th = dh * (kh - 1), tw = dw * (kw - 1);
    [pt, pb, pl, pr] = [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  } else if (o.padding === 'valid') [pt, pb, pl, pr] = [0, 0, 0, 0];
  else if (typeof o.padding === 'string') throw new ValueError(`Invalid padding string '${o.padding}', should be one of {'valid', 'same'}`);
  else {
    const [ph, pw] = pair(o.padding, 'padding');
    if (ph < 0 || pw < 0) throw new RuntimeError('negative padding is not supported');
    [pt, pb, pl, pr] = [ph, ph, pw, pw];
  }
  const effH = dh * (kh - 1) + 1, effW = dw * (kw - 1) + 1;
  if (H + pt + pb < effH || W + pl + pr < effW)
    throw new RuntimeError(`Calculated padded input size per channel: (${H + pt + pb} x ${W + pl + pr}). Kernel size: (${effH} x ${effW}). Kernel size can't be greater than actual input size`);
  const geom: ConvGeom = {
    N, C, H, W, O, kh, kw, groups, sh, sw, pt, pl, dh, dw,
    oH: Math.floor((H + pt + pb - effH) / sh) + 1,
    oW: Math.floor((W + pl + pr - effW) / sw) + 1,
  };
  checkInterrupt();
  const bias = o.bias;
  const out = getKernel('conv2d', x.device.type)(x.detach(), weight.detach(), bias ? bias.detach() : null, geom) as Tensor;
  const inputs = bias ? [x, weight, bias] : [x, weight];
  record(out, 'ConvolutionBackward0', inputs, (g) => {
    const gc = g.contiguous();
    return [
      x.requires_grad ? conv2dInputGrad(gc, weight, geom) : null,
      weight.requires_grad ? conv2dWeightGrad(x, gc, geom) : null,
      bias && bias.requires_grad ? g.sum([0, 2, 3]) : null,
    ];
  });
  return unbatched ? out.squeeze(0) : out;
}

/** dL/dinput of a conv2d (a transposed convolution of the output gradient). */
function conv2dInputGrad(g: Tensor, weight: Tensor, geom: ConvGeom): Tensor {
  checkInterrupt();
  const gx = getKernel('conv2d_backward_input', g.device.type)(g.detach(), weight.detach(), geom) as Tensor;
  // differentiable in g and weight for double backward: not recorded (first-order gradients only)
  return gx;
}

/** dL/dweight of a conv2d. */
function conv2dWeightGrad(x: Tensor, g: Tensor, geom: ConvGeom): Tensor {
  checkInterrupt();
  return getKernel('conv2d_backward_weight', g.device.type)(x.detach(), g.detach(), geom) as Tensor;
}

/**
 * 1-D convolution of `input` [N, C, L] (or [C, L]) with `weight` [O, C/groups, k], as conv2d over a height of 1.
 * @example F.conv1d(torch.randn([2, 3, 10]), torch.randn([4, 3, 3]), null, {padding: 1}).shape // torch.Size([2, 4, 10])
 */
export function conv1d(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ bias: Tensor | null; stride: Pair; padding: Pair | 'same' | 'valid'; dilation: Pair; groups: number }>('conv1d', args, ['bias', 'stride', 'padding', 'dilation', 'groups'], { bias: null, stride: 1, padding: 0, dilation: 1, groups: 1 });
  if (input.ndim !== 2 && input.ndim !== 3) throw new RuntimeError(`Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [${input._shape.join(', ')}]`);
  if (weight.ndim !== 3) throw new RuntimeError(`weight should have 3 dimensions for conv1d, but got weight of size [${weight._shape.join(', ')}]`);
  const one = (v: Pair): number => (typeof v === 'number' ? v : v[0]);
  const padding = typeof o.padding === 'string' ? o.padding : [0, one(o.padding)];
  const out = conv2d(input.unsqueeze(-2), weight.unsqueeze(2), o.bias, [1, one(o.stride)], padding, [1, one(o.dilation)], o.groups);
  return out.squeeze(-2);
}

/**
 * Transposed 2-D convolution ("deconvolution"): the gradient of conv2d with respect to its input.
 * `weight` is [C_in, C_out/groups, kh, kw]; output size (H−1)·stride − 2·padding + dilation·(k−1) + output_padding + 1.
 * @example F.conv_transpose2d(imgs, torch.randn([3, 6, 4, 4]), null, {stride: 2, padding: 1}).shape // torch.Size([2, 6, 16, 16])
 */
export function conv_transpose2d(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ bias: Tensor | null; stride: Pair; padding: Pair; output_padding: Pair; groups: number; dilation: Pair }>('conv_transpose2d', args, ['bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'], { bias: null, stride: 1, padding: 0, output_padding: 0, groups: 1, dilation: 1 });
  if (input.ndim !== 3 && input.ndim !== 4) throw new RuntimeError(`Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: [${input._shape.join(', ')}]`);
  if (weight.ndim !== 4) throw new RuntimeError(`weight should have 4 dimensions for conv_transpose2d, but got weight of size [${weight._shape.join(', ')}]`);
  sameDevice(input, weight, o.bias);
  checkConvDtypes(input, weight, null); // the transposed convolution names the weight first (1.13)
  if (o.bias && o.bias.dtype !== input.dtype) throw new RuntimeError(`expected scalar type ${scalarTypeName(input.dtype)} but found ${scalarTypeName(o.bias.dtype)}`);
  const unbatched = input.ndim === 3;
  const x = unbatched ? input.unsqueeze(0) : input;
  const [N, Cin, H, W] = x._shape;
  const [Wi, Cog, kh, kw] = weight._shape;
  const groups = o.groups;
  if (Wi !== Cin)
    throw new RuntimeError(`Given transposed=1, weight of size [${weight._shape.join(', ')}], expected input[${x._shape.join(', ')}] to have ${Wi} channels, but got ${Cin} channels instead`);
  if (Cin % groups !== 0) throw new RuntimeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${weight._shape.join(', ')}] instead`);
  const Cout = Cog * groups;
  if (o.bias && (o.bias.ndim !== 1 || o.bias._shape[0] !== Cout))
    throw new RuntimeError(`Given transposed=1, weight of size [${weight._shape.join(', ')}], expected bias to be 1-dimensional with ${Cout} elements, but got bias of size [${o.bias._shape.join(', ')}] instead`);
  const [sh, sw] = pair(o.stride, 'stride'), [ph, pw] = pair(o.padding, 'padding'), [dh, dw] = pair(o.dilation, 'dilation');
  const [oph, opw] = pair(o.output_padding, 'output_padding');
  if (oph >= Math.max(sh, dh) || opw >= Math.max(sw, dw))
    throw new RuntimeError(`output padding must be smaller than either stride or dilation, but got output_padding_height: ${oph} output_padding_width: ${opw} stride_height: ${sh} stride_width: ${sw} dilation_height: ${dh} dilation_width: ${dw}`);
  const Ho = (H - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1, Wo = (W - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1;
  if (Ho <= 0 || Wo <= 0) throw new RuntimeError(`Given input size per channel: (${H} x ${W}). Calculated output size per channel: (${Ho} x ${Wo}). Output size is too small`);
  // the conv2d whose input gradient this is: input [N, Cout, Ho, Wo] → output [N, Cin, H, W]
  const geom: ConvGeom = { N, C: Cout, H: Ho, W: Wo, O: Cin, kh, kw, groups, sh, sw, pt: ph, pl: pw, dh, dw, oH: H, oW: W };
  checkInterrupt();
  const out = getKernel('conv2d_backward_input', x.device.type)(x.detach().contiguous(), weight.detach(), geom) as Tensor;
  if (o.bias) binaryRaw('add', out, o.bias.detach().reshape([Cout, 1, 1]), out);
  const bias = o.bias;
  record(out, 'ConvolutionBackward0', bias ? [x, weight, bias] : [x, weight], (g) => {
    const gc = g.contiguous();
    return [
      x.requires_grad ? (getKernel('conv2d', g.device.type)(gc.detach(), weight.detach(), null, geom) as Tensor) : null,
      weight.requires_grad ? conv2dWeightGrad(gc, x.contiguous(), geom) : null,
      bias && bias.requires_grad ? g.sum([0, 2, 3]) : null,
    ];
  });
  return unbatched ? out.squeeze(0) : out;
}
