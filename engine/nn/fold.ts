// F.unfold / F.fold (im2col / col2im) and the nn.Unfold / nn.Fold modules. Both reuse the conv
// kernels instead of new ones: unfold is a grouped conv2d whose weight is the identity over the
// kernel window (one output channel per (channel, kh, kw)), and fold is the transposed
// convolution with the same weight (conv2d's input gradient is col2im). So they run on every
// backend that has conv kernels (CPU, WASM, WebGPU), and their gradients (fold for unfold and
// unfold for fold, as in PyTorch) come from conv's backward.
import { parseArgs } from '../args';
import { fused } from '../autograd';
import { RuntimeError } from '../errors';
import { conv2d, conv_transpose2d } from '../ops/conv';
import { eye } from '../ops/creation';
import type { Tensor } from '../tensor';
import { Module } from './module';
import { py } from './pyrepr';

type Ints = number | number[];
const pair = (v: Ints, name: string): [number, number] => {
  const p = typeof v === 'number' ? [v, v] : [...v];
  if (p.length === 1) p.push(p[0]);
  if (p.length !== 2 || p.some((n) => !Number.isInteger(n))) throw new TypeError(`${name} must be int or 2-tuple for 4D input`);
  return p as [number, number];
};
const tup = (p: readonly number[]) => `(${p.join(', ')})`;

/** [C·kh·kw, 1, kh, kw]: output channel c·kh·kw + i·kw + j picks input channel c at window offset (i, j). */
function windowWeight(C: number, kh: number, kw: number, like: Tensor): Tensor {
  const kk = kh * kw;
  return eye(kk, { dtype: like.dtype, device: like.device }).reshape([1, kk, 1, kh, kw]).expand([C, kk, 1, kh, kw]).reshape([C * kk, 1, kh, kw]);
}

interface Geometry {
  kernel_size: [number, number];
  dilation: [number, number];
  padding: [number, number];
  stride: [number, number];
}

function geometry(fn: string, args: unknown[], extra: string[] = []): Geometry & Record<string, unknown> {
  const o = parseArgs<Record<string, Ints>>(fn, args, [...extra, 'kernel_size', 'dilation', 'padding', 'stride'], { dilation: 1, padding: 0, stride: 1 });
  if (o.kernel_size === undefined) throw new TypeError(`${fn}() missing required argument: 'kernel_size'`);
  const g = { ...o, kernel_size: pair(o.kernel_size, 'kernel_size'), dilation: pair(o.dilation, 'dilation'), padding: pair(o.padding, 'padding'), stride: pair(o.stride, 'stride') };
  if (g.kernel_size.some((k) => k <= 0)) throw new RuntimeError(`kernel size should be greater than zero, but got kernel_height: ${g.kernel_size[0]} kernel_width: ${g.kernel_size[1]}`);
  if (g.dilation.some((k) => k <= 0)) throw new RuntimeError(`dilation should be greater than zero, but got dilation_height: ${g.dilation[0]} dilation_width: ${g.dilation[1]}`);
  if (g.padding.some((k) => k < 0)) throw new RuntimeError(`padding should be non-negative, but got pad_height: ${g.padding[0]} pad_width: ${g.padding[1]}`);
  if (g.stride.some((k) => k <= 0)) throw new RuntimeError(`stride should be greater than zero, but got stride_height: ${g.stride[0]} stride_width: ${g.stride[1]}`);
  return g;
}

/** Number of sliding blocks along each spatial dim. */
function blocks(size: readonly number[], g: Geometry): [number, number] {
  return [0, 1].map((i) => Math.floor((size[i] + 2 * g.padding[i] - (g.dilation[i] * (g.kernel_size[i] - 1) + 1)) / g.stride[i]) + 1) as [number, number];
}

function describe(g: Geometry): string {
  return `kernel_size=${tup(g.kernel_size)}, dilation=${tup(g.dilation)}, padding=${tup(g.padding)}`;
}

/**
 * Extracts sliding local blocks (im2col): [N, C, H, W] (or [C, H, W]) → [N, C·kh·kw, L], L the
 * number of blocks; each column is one flattened window, channel-major as PyTorch's.
 * @example F.unfold(torch.randn(1, 1, 4, 4), 2, {stride: 2}).shape // torch.Size([1, 4, 4])
 */
export function unfold(input: Tensor, ...args: unknown[]): Tensor {
  const g = geometry('unfold', args);
  if (input.ndim !== 3 && input.ndim !== 4)
    throw new RuntimeError(`Expected 3D or 4D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${input._shape.join(', ')}]`);
  const x = input.ndim === 3 ? input.unsqueeze(0) : input;
  const [N, C, H, W] = x._shape;
  const [bh, bw] = blocks([H, W], g);
  if (bh < 1 || bw < 1)
    throw new RuntimeError(`Given input with spatial size ${tup([H, W])}, ${describe(g)}, calculated shape of the array of sliding blocks as ${tup([bh, bw])}, but its components must be at least one.`);
  const [kh, kw] = g.kernel_size;
  // one node named as PyTorch's (Im2ColBackward0) over the composed conv
  return fused('Im2ColBackward0', [input], (inp) => {
    const cols = conv2d(input.ndim === 3 ? inp!.unsqueeze(0) : inp!, windowWeight(C, kh, kw, x), null, g.stride, g.padding, g.dilation, C).reshape([N, C * kh * kw, bh * bw]);
    return input.ndim === 3 ? cols.squeeze(0) : cols;
  });
}

/**
 * Combines sliding local blocks into a tensor (col2im, summing overlaps): [N, C·kh·kw, L] (or
 * [C·kh·kw, L]) → [N, C, output_size[0], output_size[1]]. The inverse of unfold up to overlap counts.
 * @example F.fold(torch.ones(1, 4, 9), [4, 4], 2, {stride: 1}).shape // torch.Size([1, 1, 4, 4])
 */
export function fold(input: Tensor, ...args: unknown[]): Tensor {
  const g = geometry('fold', args, ['output_size']);
  if (g.output_size === undefined) throw new TypeError("fold() missing required argument: 'output_size'");
  const out = pair(g.output_size as Ints, 'output_size');
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new RuntimeError(`Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${input._shape.join(', ')}]`);
  const x = input.ndim === 2 ? input.unsqueeze(0) : input;
  const [N, CK, L] = x._shape;
  const [kh, kw] = g.kernel_size;
  if (CK % (kh * kw) !== 0)
    throw new RuntimeError(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${CK} and kernel_size=${tup(g.kernel_size)}.`);
  const [bh, bw] = blocks(out, g);
  if (bh < 1 || bw < 1)
    throw new RuntimeError(`Given output_size=${tup(out)}, ${describe(g)}, stride=${tup(g.stride)}, calculated shape of the array of sliding blocks as ${tup([bh, bw])}, but its components must be at least one.`);
  if (bh * bw !== L)
    throw new RuntimeError(`Given output_size=${tup(out)}, ${describe(g)}, stride=${tup(g.stride)}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${bh} * ${bw} = ${bh * bw}, but got input.size(2)=${L}.`);
  const C = CK / (kh * kw);
  // the transposed conv's natural size falls short of output_size by the rows/cols no block reaches
  const natural = [0, 1].map((i) => (i === 0 ? bh - 1 : bw - 1) * g.stride[i] - 2 * g.padding[i] + g.dilation[i] * (g.kernel_size[i] - 1) + 1);
  const extra = [out[0] - natural[0], out[1] - natural[1]];
  // (extra < stride always: the rows/cols past the last block's reach are fewer than one stride)
  return fused('Col2ImBackward0', [input], (inp) => {
    const res = conv_transpose2d(inp!.reshape([N, CK, bh, bw]), windowWeight(C, kh, kw, x), null, g.stride, g.padding, extra, C, g.dilation);
    return input.ndim === 2 ? res.squeeze(0) : res;
  });
}

type FoldKw = { kernel_size?: Ints; dilation?: Ints; padding?: Ints; stride?: Ints };

/**
 * F.unfold as a module: [N, C, H, W] → [N, C·kh·kw, L].
 * @example nn.Unfold(3, {padding: 1})(torch.randn(1, 2, 5, 5)).shape // torch.Size([1, 18, 25])
 */
export class Unfold extends Module {
  kernel_size: Ints;
  dilation: Ints;
  padding: Ints;
  stride: Ints;
  constructor(kernel_size: Ints | FoldKw, dilation?: Ints | FoldKw, padding?: Ints | FoldKw, stride?: Ints | FoldKw, opts?: FoldKw);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<Required<FoldKw>>('Unfold', args, ['kernel_size', 'dilation', 'padding', 'stride'], { dilation: 1, padding: 0, stride: 1 });
    if (o.kernel_size === undefined) throw new TypeError("Unfold.__init__() missing 1 required positional argument: 'kernel_size'");
    [this.kernel_size, this.dilation, this.padding, this.stride] = [o.kernel_size, o.dilation, o.padding, o.stride];
  }
  forward(input: Tensor): Tensor {
    return unfold(input, this.kernel_size, this.dilation, this.padding, this.stride);
  }
  extra_repr(): string {
    return `kernel_size=${py(this.kernel_size)}, dilation=${py(this.dilation)}, padding=${py(this.padding)}, stride=${py(this.stride)}`;
  }
}

/**
 * F.fold as a module: [N, C·kh·kw, L] → [N, C, *output_size], summing overlapping blocks.
 * @example nn.Fold([4, 5], 2)(torch.randn(1, 12, 12)).shape // torch.Size([1, 3, 4, 5])
 */
export class Fold extends Module {
  output_size: Ints;
  kernel_size: Ints;
  dilation: Ints;
  padding: Ints;
  stride: Ints;
  constructor(output_size: Ints | (FoldKw & { output_size?: Ints }), kernel_size?: Ints | FoldKw, dilation?: Ints | FoldKw, padding?: Ints | FoldKw, stride?: Ints | FoldKw, opts?: FoldKw);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<Required<FoldKw> & { output_size: Ints }>('Fold', args, ['output_size', 'kernel_size', 'dilation', 'padding', 'stride'], { dilation: 1, padding: 0, stride: 1 });
    for (const k of ['output_size', 'kernel_size'] as const) if (o[k] === undefined) throw new TypeError(`Fold.__init__() missing 1 required positional argument: '${k}'`);
    [this.output_size, this.kernel_size, this.dilation, this.padding, this.stride] = [o.output_size, o.kernel_size, o.dilation, o.padding, o.stride];
  }
  forward(input: Tensor): Tensor {
    return fold(input, this.output_size, this.kernel_size, this.dilation, this.padding, this.stride);
  }
  extra_repr(): string {
    return `output_size=${py(this.output_size)}, kernel_size=${py(this.kernel_size)}, dilation=${py(this.dilation)}, padding=${py(this.padding)}, stride=${py(this.stride)}`;
  }
}
