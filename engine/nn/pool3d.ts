// F.max_pool3d / F.avg_pool3d and nn.MaxPool3d / nn.AvgPool3d, composed of the 2-D pools: the
// kd depth slices of every output depth are gathered (index_select, after padding the depth with
// −inf for max or 0 for avg) and pooled over (H, W) as one batch of planes, then reduced over the
// kernel depth (max, or a sum divided by PyTorch's per-window divisor). So they run wherever the
// 2-D pools do (CPU and WebGPU), with gradients from autograd.
import { parseArgs } from '../args';
import { fused, withGradMode } from '../autograd';
import { int64 } from '../dtype';
import { RuntimeError } from '../errors';
import { tensor } from '../ops/creation';
import { pad } from '../ops/padding';
import { avg_pool2d, max_pool2d } from '../ops/pool';
import type { Tensor } from '../tensor';
import { Module } from './module';
import { py } from './pyrepr';

type Ints = number | number[];
type Triple = [number, number, number];
const triple = (v: Ints): Triple => (typeof v === 'number' ? [v, v, v] : v.length === 1 ? [v[0], v[0], v[0]] : [v[0], v[1], v[2]]);

/** PyTorch's pooling_output_shape. */
function outSize(n: number, k: number, p: number, s: number, d: number, ceil: boolean): number {
  const span = n + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0);
  let o = Math.floor(span / s) + 1;
  if (ceil && (o - 1) * s >= n + p) o--;
  return o;
}

interface Geo { k: Triple; s: Triple; p: Triple; d: Triple; ceil: boolean }

function prepare(fn: string, input: Tensor, g: Geo): { x: Tensor; unbatched: boolean; oD: number; idx: Tensor; padFront: number; padBack: number } {
  if (input.ndim !== 4 && input.ndim !== 5) throw new RuntimeError(`non-empty 4D or 5D (batch mode) tensor expected for input`);
  for (let i = 0; i < 3; i++) {
    if (g.k[i] <= 0) throw new RuntimeError(`kernel_size must be greater than zero, but got kD: ${g.k[0]} kH: ${g.k[1]} kW: ${g.k[2]}`);
    if (g.s[i] <= 0) throw new RuntimeError(`stride should be greater than zero, but got dT: ${g.s[0]} dH: ${g.s[1]} dW: ${g.s[2]}`);
    if (g.p[i] > Math.floor((g.d[i] * (g.k[i] - 1) + 1) / 2) || g.p[i] > g.k[i] / 2)
      throw new RuntimeError(`pad should be smaller than or equal to half of kernel size, but got kT: ${g.k[0]} kW: ${g.k[2]} kH: ${g.k[1]} padT: ${g.p[0]} padW: ${g.p[2]} padH: ${g.p[1]}`);
  }
  const unbatched = input.ndim === 4;
  const x = unbatched ? input.unsqueeze(0) : input;
  const D = x._shape[2];
  const oD = outSize(D, g.k[0], g.p[0], g.s[0], g.d[0], g.ceil);
  if (oD < 1) throw new RuntimeError(`${fn}: output size is too small`);
  const idx: number[] = [];
  for (let od = 0; od < oD; od++) for (let j = 0; j < g.k[0]; j++) idx.push(od * g.s[0] + j * g.d[0]);
  // ceil_mode windows may run past the padded end: pad enough at the back for every index
  const padBack = Math.max(g.p[0], Math.max(...idx) + 1 - D - g.p[0]);
  return { x, unbatched, oD, idx: tensor(idx, { dtype: int64, device: x.device }), padFront: g.p[0], padBack };
}

/**
 * 3-D max pooling over [N, C, D, H, W] (or [C, D, H, W]); with `return_indices`, `[output, indices]`
 * (indices into each flattened D·H·W volume, as PyTorch's).
 * @example F.max_pool3d(torch.randn(1, 2, 4, 4, 4), 2).shape // torch.Size([1, 2, 2, 2, 2])
 */
export function max_pool3d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = parseArgs<{ kernel_size: Ints; stride: Ints | null; padding: Ints; dilation: Ints; ceil_mode: boolean; return_indices: boolean }>('max_pool3d', args,
    ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], { stride: null, padding: 0, dilation: 1, ceil_mode: false, return_indices: false });
  const k = triple(a.kernel_size);
  const g: Geo = { k, s: a.stride == null || (Array.isArray(a.stride) && !a.stride.length) ? k : triple(a.stride), p: triple(a.padding), d: triple(a.dilation), ceil: a.ceil_mode };
  const { x, unbatched, oD, idx, padFront, padBack } = prepare('max_pool3d', input, g);
  const [N, C, , H, W] = x._shape;
  const kd = g.k[0];
  const pooled = (inp: Tensor) => {
    const xp = pad(unbatched ? inp.unsqueeze(0) : inp, [0, 0, 0, 0, padFront, padBack], { value: -Infinity });
    const planes = xp.index_select(2, idx).reshape([N, C * oD * kd, H, W]);
    const [v2, i2] = max_pool2d(planes, [g.k[1], g.k[2]], [g.s[1], g.s[2]], [g.p[1], g.p[2]], [g.d[1], g.d[2]], g.ceil, true) as unknown as [Tensor, Tensor];
    const [, , oH, oW] = v2._shape;
    const [vals, kArg] = v2.reshape([N, C, oD, kd, oH, oW]).max(3) as unknown as [Tensor, Tensor];
    return { vals: unbatched ? vals.squeeze(0) : vals, kArg, i2, oH, oW };
  };
  // one node named as PyTorch's (MaxPool3DWithIndicesBackward0), unbatched input included
  const out = fused('MaxPool3DWithIndicesBackward0', [input], (inp) => pooled(inp!).vals);
  if (!a.return_indices) return out;
  // depth of the winning slice: od·stride + k·dilation − padding; flat index depth·H·W + (h·W + w)
  const { kArg, i2, oH, oW } = withGradMode(false, () => pooled(input));
  const depth = tensor(Array.from({ length: oD }, (_, od) => od * g.s[0] - padFront), { dtype: int64, device: x.device }).reshape([1, 1, oD, 1, 1]).add(kArg.mul(g.d[0]));
  const hw = i2.reshape([N, C, oD, kd, oH, oW]).gather(3, kArg.unsqueeze(3)).squeeze(3);
  const flat = depth.mul(H * W).add(hw);
  return [out, unbatched ? flat.squeeze(0) : flat];
}

/**
 * 3-D average pooling over [N, C, D, H, W] (or [C, D, H, W]): count_include_pad, divisor_override and ceil_mode as PyTorch.
 * @example F.avg_pool3d(torch.randn(1, 2, 4, 4, 4), 2).shape // torch.Size([1, 2, 2, 2, 2])
 */
export function avg_pool3d(input: Tensor, ...args: unknown[]): Tensor {
  const a = parseArgs<{ kernel_size: Ints; stride: Ints | null; padding: Ints; ceil_mode: boolean; count_include_pad: boolean; divisor_override: number | null }>('avg_pool3d', args,
    ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null });
  if (a.divisor_override != null && a.divisor_override === 0) throw new RuntimeError('divisor must be not zero');
  const k = triple(a.kernel_size);
  const g: Geo = { k, s: a.stride == null || (Array.isArray(a.stride) && !a.stride.length) ? k : triple(a.stride), p: triple(a.padding), d: [1, 1, 1], ceil: a.ceil_mode };
  const { x, unbatched, oD, idx, padFront, padBack } = prepare('avg_pool3d', input, g);
  const [N, C, D, H, W] = x._shape;
  const kd = g.k[0];
  const oH = outSize(H, g.k[1], g.p[1], g.s[1], 1, g.ceil), oW = outSize(W, g.k[2], g.p[2], g.s[2], 1, g.ceil);
  const sizes = [D, H, W], outs = [oD, oH, oW];
  // per dim: [window length within the padded input, within the input] for each output index
  const spans = [0, 1, 2].map((i) => Array.from({ length: outs[i] }, (_, o) => {
    const start = o * g.s[i] - g.p[i];
    const end = Math.min(start + g.k[i], sizes[i] + g.p[i]);
    return [end - start, Math.min(end, sizes[i]) - Math.max(start, 0)];
  }));
  const div: number[] = [];
  for (const sd of spans[0]) for (const sh of spans[1]) for (const sw of spans[2])
    div.push(a.divisor_override != null ? a.divisor_override : a.count_include_pad ? sd[0] * sh[0] * sw[0] : sd[1] * sh[1] * sw[1]);
  const divisor = tensor(div, { dtype: x.dtype, device: x.device }).reshape([oD, oH, oW]);
  return fused('AvgPool3DBackward0', [input], (inp) => {
    const xp = pad(unbatched ? inp!.unsqueeze(0) : inp!, [0, 0, 0, 0, padFront, padBack]);
    const planes = xp.index_select(2, idx).reshape([N, C * oD * kd, H, W]);
    // window sums (divisor 1), then PyTorch's divisor per output position
    const sums = avg_pool2d(planes, [g.k[1], g.k[2]], [g.s[1], g.s[2]], [g.p[1], g.p[2]], g.ceil, true, 1).reshape([N, C, oD, kd, oH, oW]).sum(3);
    const out = sums.div(divisor);
    return unbatched ? out.squeeze(0) : out;
  });
}

/**
 * 3-D max pooling as a module (stride defaults to kernel_size).
 * @example nn.MaxPool3d(2)(torch.randn(1, 1, 4, 4, 4)).shape // torch.Size([1, 1, 2, 2, 2])
 */
export class MaxPool3d extends Module {
  kernel_size: Ints;
  stride: Ints;
  padding: Ints;
  dilation: Ints;
  return_indices: boolean;
  ceil_mode: boolean;
  constructor(kernel_size: Ints, stride?: Ints | null | object, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ kernel_size: Ints; stride: Ints | null; padding: Ints; dilation: Ints; return_indices: boolean; ceil_mode: boolean }>('MaxPool3d', args,
      ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'], { stride: null, padding: 0, dilation: 1, return_indices: false, ceil_mode: false });
    this.kernel_size = o.kernel_size;
    this.stride = o.stride ?? o.kernel_size;
    this.padding = o.padding;
    this.dilation = o.dilation;
    this.return_indices = o.return_indices;
    this.ceil_mode = o.ceil_mode;
  }
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return max_pool3d(input, this.kernel_size, this.stride, this.padding, this.dilation, this.ceil_mode, this.return_indices);
  }
  extra_repr(): string {
    return `kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}, padding=${py(this.padding)}, dilation=${py(this.dilation)}, ceil_mode=${py(this.ceil_mode)}`;
  }
}

/**
 * 3-D average pooling as a module (stride defaults to kernel_size).
 * @example nn.AvgPool3d(2)(torch.randn(1, 1, 4, 4, 4)).shape // torch.Size([1, 1, 2, 2, 2])
 */
export class AvgPool3d extends Module {
  kernel_size: Ints;
  stride: Ints;
  padding: Ints;
  ceil_mode: boolean;
  count_include_pad: boolean;
  divisor_override: number | null;
  constructor(kernel_size: Ints, stride?: Ints | null | object, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ kernel_size: Ints; stride: Ints | null; padding: Ints; ceil_mode: boolean; count_include_pad: boolean; divisor_override: number | null }>('AvgPool3d', args,
      ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null });
    this.kernel_size = o.kernel_size;
    this.stride = o.stride ?? o.kernel_size;
    this.padding = o.padding;
    this.ceil_mode = o.ceil_mode;
    this.count_include_pad = o.count_include_pad;
    this.divisor_override = o.divisor_override;
  }
  forward(input: Tensor): Tensor {
    return avg_pool3d(input, this.kernel_size, this.stride, this.padding, this.ceil_mode, this.count_include_pad, this.divisor_override);
  }
  extra_repr(): string {
    return `kernel_size=${py(this.kernel_size)}, stride=${py(this.stride)}, padding=${py(this.padding)}`;
  }
}
