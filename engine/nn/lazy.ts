// The lazy modules (LazyConv1d/2d/3d, LazyConvTranspose1d/2d/3d, LazyBatchNorm1d/2d/3d): the
// channel count is read from the first input, when the module builds its parameters with the
// regular module's own initialisation and becomes that module (repr, instanceof), as PyTorch's
// cls_to_become. Until then its weight is empty (in_channels / num_features 0). LazyLinear is in
// layers-extra.ts.
import { RuntimeError } from '../errors';
import type { Tensor } from '../tensor';
import { BatchNorm1d, BatchNorm2d, BatchNorm3d } from './batchnorm';
import { Conv2d } from './conv';
import { Conv1d } from './conv1d';
import { Conv3d } from './conv3d';
import { ConvTranspose1d } from './conv-transpose1d';
import { ConvTranspose2d } from './conv-transpose2d';
import { ConvTranspose3d } from './conv-transpose3d';
import type { Module } from './module';

type Ctor = new (...args: any[]) => Module;

/** A subclass of `Base` built with 0 channels, which rebuilds itself from the first input's channel count. */
function lazy<C extends Ctor>(Base: C, name: string, count: 'in_channels' | 'num_features', channels: (x: Tensor) => number): C {
  class Lazy extends Base {
    #args: unknown[];
    constructor(...args: any[]) {
      super(0, ...args);
      this.#args = args;
    }
    forward(input: Tensor, ...rest: unknown[]): unknown {
      const self = this as unknown as Record<string, unknown> & Module;
      const n = channels(input);
      const fresh = new Base(n, ...this.#args) as unknown as Module;
      // parameters and buffers on the device / dtype the placeholder was moved to
      const like = [...self.parameters(), ...self.buffers()].find((t) => t.dtype.is_floating_point);
      if (like) fresh.to(like.device).to(like.dtype);
      for (const [k, p] of fresh._parameters) self[k] = p;
      for (const [k, b] of fresh._buffers) self[k] = b;
      self[count] = n;
      Object.setPrototypeOf(this, Base.prototype);
      return (Base.prototype as unknown as { forward(...a: unknown[]): unknown }).forward.call(this, input, ...rest);
    }
  }
  Object.defineProperty(Lazy, 'name', { value: name });
  return Lazy as unknown as C;
}

/** in_channels of an n-d convolution's input (dim 1 batched, 0 unbatched), with PyTorch's error. */
const convChannels = (name: string, n: number) => (x: Tensor): number => {
  if (x.ndim !== n + 1 && x.ndim !== n + 2)
    throw new RuntimeError(`Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${name}, but got input of size: torch.Size([${x._shape.join(', ')}])`);
  return x._shape[x.ndim === n + 2 ? 1 : 0];
};
const features = (x: Tensor): number => x._shape[1];

type Ints = number | number[];
type LazyConvCtor<M> = new (out_channels: number, kernel_size: Ints, ...rest: unknown[]) => M;
type LazyNormCtor<M> = new (eps?: number | Record<string, unknown>, ...rest: unknown[]) => M;

/** Conv1d with in_channels from the first input. @example const c = nn.LazyConv1d(8, 3); c(torch.randn(2, 5, 10)); c.in_channels // 5 */
export const LazyConv1d = lazy(Conv1d, 'LazyConv1d', 'in_channels', convChannels('LazyConv1d', 1)) as unknown as LazyConvCtor<Conv1d>;
/** Conv2d with in_channels from the first input. @example const c = nn.LazyConv2d(16, 3, {padding: 1}); c(torch.randn(1, 3, 8, 8)).shape // torch.Size([1, 16, 8, 8]) */
export const LazyConv2d = lazy(Conv2d, 'LazyConv2d', 'in_channels', convChannels('LazyConv2d', 2)) as unknown as LazyConvCtor<Conv2d>;
/** Conv3d with in_channels from the first input. @example nn.LazyConv3d(4, 2) */
export const LazyConv3d = lazy(Conv3d, 'LazyConv3d', 'in_channels', convChannels('LazyConv3d', 3)) as unknown as LazyConvCtor<Conv3d>;
/** ConvTranspose1d with in_channels from the first input. @example nn.LazyConvTranspose1d(4, 3) */
export const LazyConvTranspose1d = lazy(ConvTranspose1d, 'LazyConvTranspose1d', 'in_channels', convChannels('LazyConvTranspose1d', 1)) as unknown as LazyConvCtor<ConvTranspose1d>;
/** ConvTranspose2d with in_channels from the first input. @example nn.LazyConvTranspose2d(4, 2, {stride: 2}) */
export const LazyConvTranspose2d = lazy(ConvTranspose2d, 'LazyConvTranspose2d', 'in_channels', convChannels('LazyConvTranspose2d', 2)) as unknown as LazyConvCtor<ConvTranspose2d>;
/** ConvTranspose3d with in_channels from the first input. @example nn.LazyConvTranspose3d(4, 2) */
export const LazyConvTranspose3d = lazy(ConvTranspose3d, 'LazyConvTranspose3d', 'in_channels', convChannels('LazyConvTranspose3d', 3)) as unknown as LazyConvCtor<ConvTranspose3d>;
/** BatchNorm1d with num_features from the first input (dim 1). @example const bn = nn.LazyBatchNorm1d(); bn(torch.randn(4, 3)); bn.num_features // 3 */
export const LazyBatchNorm1d = lazy(BatchNorm1d, 'LazyBatchNorm1d', 'num_features', features) as unknown as LazyNormCtor<BatchNorm1d>;
/** BatchNorm2d with num_features from the first input (dim 1). @example nn.LazyBatchNorm2d() */
export const LazyBatchNorm2d = lazy(BatchNorm2d, 'LazyBatchNorm2d', 'num_features', features) as unknown as LazyNormCtor<BatchNorm2d>;
/** BatchNorm3d with num_features from the first input (dim 1). @example nn.LazyBatchNorm3d() */
export const LazyBatchNorm3d = lazy(BatchNorm3d, 'LazyBatchNorm3d', 'num_features', features) as unknown as LazyNormCtor<BatchNorm3d>;
