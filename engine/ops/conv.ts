// conv2d (NCHW, or unbatched CHW): stride, padding (ints, pairs, 'same', 'valid'), dilation,
// groups. The op checks shapes with PyTorch's messages and computes the geometry; kernels
// ('conv2d', 'conv2d_backward_input', 'conv2d_backward_weight') do the arithmetic.
import { record } from '../autograd';
import { parseArgs } from '../args';
import type { ConvGeom } from '../backend/cpu/conv';
import { getKernel } from '../backend/registry';
import { Tensor } from '../tensor';
import { checkInterrupt, sameDevice } from './util';

type Pair = number | [number, number] | number[];
const pair = (v: Pair, name: string): [number, number] => {
  const p = typeof v === 'number' ? [v, v] : [...v];
  if (p.length === 1) p.push(p[0]);
  if (p.length !== 2 || p.some((n) => !Number.isInteger(n))) throw new Error(`expected ${name} to be a single integer value or a list of 2 values to match the convolution dimensions, but got ${name}=[${p.join(', ')}]`);
  return p as [number, number];
};

export interface Conv2dOptions {
  bias?: Tensor | null;
  stride?: Pair;
  padding?: Pair | 'same' | 'valid';
  dilation?: Pair;
  groups?: number;
}

/**
 * 2-D convolution (cross-correlation, as PyTorch) of `input` [N, C, H, W] (or [C, H, W]) with
 * `weight` [O, C/groups, kh, kw].
 * @example F.conv2d(x, w, b, {padding: 1}), F.conv2d(x, w, null, 2, 'same')
 */
export function conv2d(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<Required<Conv2dOptions>>('conv2d', args, ['bias', 'stride', 'padding', 'dilation', 'groups'], { bias: null, stride: 1, padding: 0, dilation: 1, groups: 1 });
  if (input.ndim !== 3 && input.ndim !== 4) throw new Error(`Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [${input._shape.join(', ')}]`);
  if (weight.ndim !== 4) throw new Error(`weight should have 4 dimensions for conv2d, but got weight of size [${weight._shape.join(', ')}]`);
  sameDevice(input, weight, o.bias);
  if (input.dtype !== weight.dtype || (o.bias && o.bias.dtype !== input.dtype))
    throw new Error(`Input type (${input.dtype}) and weight type (${weight.dtype}) should be the same`);
  const unbatched = input.ndim === 3;
  const x = unbatched ? input.unsqueeze(0) : input;
  const [N, C, H, W] = x._shape;
  const [O, Cg, kh, kw] = weight._shape;
  const groups = o.groups;
  if (!Number.isInteger(groups) || groups < 1) throw new Error('non-positive groups is not supported');
  if (O % groups !== 0) throw new Error('Given groups=' + groups + ', expected weight to be divisible by ' + groups + ' at dimension 0, but got weight of size [' + weight._shape.join(', ') + '] instead');
  if (C !== Cg * groups)
    throw new Error(`Given groups=${groups}, weight of size [${weight._shape.join(', ')}], expected input[${x._shape.join(', ')}] to have ${Cg * groups} channels, but got ${C} channels instead`);
  if (o.bias && (o.bias.ndim !== 1 || o.bias._shape[0] !== O))
    throw new Error(`Given weight of size [${weight._shape.join(', ')}], expected bias to be 1-dimensional with ${O} elements, but got bias of size [${o.bias._shape.join(', ')}] instead`);
  const [sh, sw] = pair(o.stride, 'stride');
  const [dh, dw] = pair(o.dilation, 'dilation');
  if (sh < 1 || sw < 1) throw new Error('non-positive stride is not supported');
  let pt: number, pb: number, pl: number, pr: number;
  if (o.padding === 'same') {
    if (sh !== 1 || sw !== 1) throw new Error("padding='same' is not supported for strided convolutions");
    const th = dh * (kh - 1), tw = dw * (kw - 1);
    [pt, pb, pl, pr] = [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  } else if (o.padding === 'valid') [pt, pb, pl, pr] = [0, 0, 0, 0];
  else if (typeof o.padding === 'string') throw new Error(`Invalid padding string '${o.padding}', should be one of {'valid', 'same'}`);
  else {
    const [ph, pw] = pair(o.padding, 'padding');
    if (ph < 0 || pw < 0) throw new Error('negative padding is not supported');
    [pt, pb, pl, pr] = [ph, ph, pw, pw];
  }
  const effH = dh * (kh - 1) + 1, effW = dw * (kw - 1) + 1;
  if (H + pt + pb < effH || W + pl + pr < effW)
    throw new Error(`Calculated padded input size per channel: (${H + pt + pb} x ${W + pl + pr}). Kernel size: (${effH} x ${effW}). Kernel size can't be greater than actual input size`);
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
