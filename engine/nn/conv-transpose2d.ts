// The ConvTranspose2d module on the engine's conv_transpose2d op. Weights and repr are PyTorch's.
import { conv_transpose2d } from '../ops/conv';
import type { Tensor } from '../tensor';
import { pair, type Ints } from './conv1d';
import type { FactoryKw } from './linear';
import { ConvTransposeNd } from './conv-transpose1d';

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
export class ConvTranspose2d extends ConvTransposeNd {
  declare kernel_size: [number, number];
  declare stride: [number, number];
  declare padding: [number, number];
  declare output_padding: [number, number];
  declare dilation: [number, number];
  constructor(in_channels: number, out_channels: number, kernel_size: Ints, stride?: Ints | ConvTranspose2dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    this.init('ConvTranspose2d', args, pair);
  }
  protected convolve(input: Tensor, output_padding: number[]): Tensor {
    return conv_transpose2d(input, this.weight, this.bias, this.stride, this.padding, output_padding, this.groups, this.dilation);
  }
}
