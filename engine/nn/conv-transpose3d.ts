// ConvTranspose3d and F.conv_transpose3d, composed of conv3d (itself built on the 2-D convolution):
// the input is spread by the stride (zeros between samples), padded by dilation·(k − 1) − padding
// (plus output_padding at the end; a negative pad crops), and convolved at stride 1 with the kernel
// flipped and its in/out channels swapped within each group. One ConvolutionBackward0 node, as PyTorch's.
import { parseArgs } from '../args';
import { fused } from '../autograd';
import { RuntimeError } from '../errors';
import { stack } from '../ops/join';
import { pad } from '../ops/padding';
import type { Tensor } from '../tensor';
import { conv3d } from './conv3d';
import { ConvTransposeNd } from './conv-transpose1d';
import type { FactoryKw } from './factory';

type Ints = number | number[];
type Triple = [number, number, number];
const triple = (v: Ints): Triple => (typeof v === 'number' ? [v, v, v] : v.length === 1 ? [v[0], v[0], v[0]] : [v[0], v[1], v[2]]);

/** Zeros between the samples of dim `d`: L → (L − 1)·s + 1. */
function spread(x: Tensor, d: number, s: number): Tensor {
  if (s === 1) return x;
  const L = x._shape[d];
  const z = x.new_zeros(x._shape);
  const y = stack([x, ...new Array<Tensor>(s - 1).fill(z)], d + 1);
  const shape = [...x._shape];
  shape[d] = L * s;
  return y.reshape(shape).narrow(d, 0, (L - 1) * s + 1);
}

/**
 * Transposed 3-D convolution over [N, C_in, D, H, W] (or [C_in, D, H, W]); weight [C_in, C_out/groups, kd, kh, kw].
 * @example F.conv_transpose3d(torch.randn(1, 2, 2, 3, 3), torch.randn(2, 4, 2, 2, 2), null, 2).shape // torch.Size([1, 4, 4, 6, 6])
 */
export function conv_transpose3d(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ bias: Tensor | null; stride: Ints; padding: Ints; output_padding: Ints; groups: number; dilation: Ints }>('conv_transpose3d', args,
    ['bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'], { bias: null, stride: 1, padding: 0, output_padding: 0, groups: 1, dilation: 1 });
  if (input.ndim !== 4 && input.ndim !== 5) throw new RuntimeError(`Expected 4D (unbatched) or 5D (batched) input to conv_transpose3d, but got input of size: [${input._shape.join(', ')}]`);
  if (weight.ndim !== 5) throw new RuntimeError(`weight should have 5 dimensions for conv_transpose3d, but got weight of size [${weight._shape.join(', ')}]`);
  if (input.ndim === 4) return conv_transpose3d(input.unsqueeze(0), weight, o).squeeze(0);
  const s = triple(o.stride), p = triple(o.padding), op = triple(o.output_padding), d = triple(o.dilation), g = o.groups;
  const [Cin, CoutG, ...k] = weight._shape;
  if (input._shape[1] !== Cin)
    throw new RuntimeError(`Given transposed=1, weight of size [${weight._shape.join(', ')}], expected input[${input._shape.join(', ')}] to have ${Cin} channels, but got ${input._shape[1]} channels instead`);
  for (let i = 0; i < 3; i++)
    if (op[i] >= s[i] && op[i] >= d[i]) throw new RuntimeError('output padding must be smaller than either stride or dilation');
  return fused('ConvolutionBackward0', [input, weight, o.bias], (x, w, b) => {
    let y = x!;
    for (let i = 0; i < 3; i++) y = spread(y, 2 + i, s[i]);
    const lo = k.map((kk, i) => d[i] * (kk - 1) - p[i]);
    y = pad(y, [lo[2], lo[2] + op[2], lo[1], lo[1] + op[1], lo[0], lo[0] + op[0]]);
    const wf = w!.flip([2, 3, 4]).reshape([g, Cin / g, CoutG, ...k]).transpose(1, 2).reshape([g * CoutG, Cin / g, ...k]);
    return conv3d(y, wf, b ?? null, 1, 0, d, g);
  });
}

export interface ConvTranspose3dOptions extends FactoryKw {
  stride?: Ints;
  padding?: Ints;
  output_padding?: Ints;
  groups?: number;
  bias?: boolean;
  dilation?: Ints;
  padding_mode?: 'zeros';
}

/**
 * Transposed 3-D convolution (volumetric upsampling); weight [in, out/groups, kd, kh, kw].
 * @example nn.ConvTranspose3d(2, 4, 2, {stride: 2})(torch.randn(1, 2, 2, 3, 3)).shape // torch.Size([1, 4, 4, 6, 6])
 */
export class ConvTranspose3d extends ConvTransposeNd {
  declare kernel_size: Triple;
  declare stride: Triple;
  declare padding: Triple;
  declare output_padding: Triple;
  declare dilation: Triple;
  constructor(in_channels: number, out_channels: number, kernel_size: Ints, stride?: Ints | ConvTranspose3dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    this.init('ConvTranspose3d', args, triple);
  }
  protected convolve(input: Tensor, output_padding: number[]): Tensor {
    return conv_transpose3d(input, this.weight, this.bias, this.stride, this.padding, output_padding, this.groups, this.dilation);
  }
}
