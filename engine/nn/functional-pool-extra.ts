// The pools past max/avg/adaptive-avg 2-D: the `_with_indices` forms (max_pool1d honours
// return_indices), max_unpool1d/2d/3d (the autoencoder's inverse of max pooling), lp_pool1d/2d,
// adaptive_max_pool1d, adaptive_avg_pool3d / adaptive_max_pool3d, and local_response_norm (AlexNet).
// Composed of the engine's pool ops and public tensor ops, so they run on every backend with autograd;
// `fused` gives the result PyTorch's grad_fn name.
import { parseArgs } from '../args';
import { fused, withGradMode } from '../autograd';
import { ValueError, RuntimeError } from '../errors';
import { stack } from '../ops/join';
import { zeros } from '../ops/creation';
import { pad } from '../ops/padding';
import { adaptive_avg_pool2d as adaptiveAvg2d, adaptive_max_pool2d as adaptiveMax2d, avg_pool1d, avg_pool2d, max_pool2d } from '../ops/pool';
import type { Tensor } from '../tensor';
import { avg_pool3d, max_pool3d } from './pool3d';

type Ints = number | number[];
type OutSize = number | (number | null)[];
const tuple = (v: Ints, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.length === 1 ? new Array<number>(n).fill(v[0]) : [...v]);
const first = (v: Ints | null | undefined): number | null => (v == null ? null : typeof v === 'number' ? v : v[0]);

interface MaxArgs { kernel_size: Ints; stride: Ints | null; padding: Ints; dilation: Ints; ceil_mode: boolean; return_indices: boolean }
const MAX_NAMES = ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'];
const MAX_DEFAULTS = { stride: null, padding: 0, dilation: 1, ceil_mode: false, return_indices: false };

function maxPool1dPair(fn: string, input: Tensor, a: MaxArgs): [Tensor, Tensor] {
  if (input.ndim !== 2 && input.ndim !== 3) throw new RuntimeError(`max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[${input._shape.join(', ')}]`);
  const k = first(a.kernel_size)!;
  const stride = first(a.stride) ?? k;
  const [out, idx] = max_pool2d(input.unsqueeze(-2), [1, k], [1, stride], [0, first(a.padding)!], [1, first(a.dilation)!], a.ceil_mode, { return_indices: true });
  void fn;
  return [out.squeeze(-2), idx.squeeze(-2)];
}

/**
 * 1-D max pooling over [N, C, L] (or [C, L]); with `return_indices`, `[output, indices]` (positions along L).
 * @example F.max_pool1d(torch.randn(1, 2, 6), 2); const [y, i] = F.max_pool1d(torch.randn(1, 2, 6), 2, {return_indices: true})
 */
export function max_pool1d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = parseArgs<MaxArgs>('max_pool1d', args, MAX_NAMES, MAX_DEFAULTS);
  const r = maxPool1dPair('max_pool1d', input, a);
  return a.return_indices ? r : r[0];
}
/** `max_pool1d` returning `[output, indices]`. @example const [y, i] = F.max_pool1d_with_indices(torch.randn(1, 2, 6), 2) */
export function max_pool1d_with_indices(input: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  return maxPool1dPair('max_pool1d_with_indices', input, parseArgs<MaxArgs>('max_pool1d_with_indices', args, MAX_NAMES, MAX_DEFAULTS));
}
/** `max_pool3d` returning `[output, indices]` (into each flattened D·H·W volume). @example const [y, i] = F.max_pool3d_with_indices(torch.randn(1, 1, 4, 4, 4), 2) */
export function max_pool3d_with_indices(input: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  const a = parseArgs<MaxArgs>('max_pool3d_with_indices', args, MAX_NAMES, MAX_DEFAULTS);
  return max_pool3d(input, a.kernel_size, a.stride, a.padding, a.dilation, a.ceil_mode, { return_indices: true }) as [Tensor, Tensor];
}

// ---- max_unpool ---------------------------------------------------------------------------------

interface UnpoolArgs { kernel_size: Ints; stride: Ints | null; padding: Ints; output_size: Ints | null }

/** PyTorch's _unpool_output_size. */
function unpoolSize(input: Tensor, k: number[], s: number[], p: number[], outputSize: number[] | null): number[] {
  const n = k.length;
  const def = k.map((kd, d) => (input._shape[input.ndim - n + d] - 1) * s[d] + kd - 2 * p[d]);
  if (outputSize == null) return def;
  let os = [...outputSize];
  if (os.length === n + 2) os = os.slice(2);
  if (os.length !== n) throw new ValueError(`output_size should be a sequence containing ${n} or ${n + 2} elements, but it has a length of '${os.length}'`);
  for (let d = 0; d < n; d++) {
    const lo = def[d] - s[d], hi = def[d] + s[d];
    if (!(lo < os[d] && os[d] < hi)) throw new ValueError(`invalid output_size "${outputSize.length === 1 ? `[${outputSize[0]}]` : `[${outputSize.join(', ')}]`}" (dim ${d} must be between ${lo} and ${hi})`);
  }
  return os;
}

/** Scatters each value of `input` to its index in a zero plane of `outSpatial` (PyTorch's max_unpool2d/3d). */
function unpool(fn: string, name: string, input: Tensor, indices: Tensor, outSpatial: number[]): Tensor {
  const n = outSpatial.length;
  if (input.ndim !== n + 1 && input.ndim !== n + 2)
    throw new RuntimeError(`Input to max_unpooling${n}d should be a ${n + 1}d or ${n + 2}d Tensor, but got a tensor with ${input.ndim} dimensions.`);
  if (indices.dtype.name !== 'int64') throw new RuntimeError(`elements in indices should be type int64 but got: ${indices.dtype.name === 'int32' ? 'Int' : indices.dtype.name}`);
  if (input._shape.join(',') !== indices._shape.join(','))
    throw new RuntimeError(`Expected shape of indices to be same as that of the input tensor ([${input._shape.join(', ')}]) but got indices tensor with shape: [${indices._shape.join(', ')}]`);
  const lead = input._shape.slice(0, input.ndim - n);
  const size = outSpatial.reduce((a, b) => a * b, 1);
  const flatIdx = indices.flatten(-n);
  if (input.device.type === 'cpu' && indices.numel() > 0) {
    const [lo, hi] = withGradMode(false, () => [flatIdx.min().cpu_item() as number, flatIdx.max().cpu_item() as number]);
    const bad = lo < 0 ? lo : hi >= size ? hi : null;
    if (bad !== null) throw new RuntimeError(`Found an invalid max index: ${bad} (output volumes are of size ${outSpatial.join('x')}`);
  }
  return fused(name, [input], (x) => {
    const base = zeros([...lead, size], { dtype: x!.dtype, device: x!.device });
    return base.scatter(-1, flatIdx, x!.flatten(-n)).reshape([...lead, ...outSpatial]);
  });
}

function unpoolArgs(fn: string, args: unknown[], n: number) {
  const a = parseArgs<UnpoolArgs>(fn, args, ['kernel_size', 'stride', 'padding', 'output_size'], { stride: null, padding: 0, output_size: null });
  const k = tuple(a.kernel_size, n);
  return { k, s: a.stride == null ? k : tuple(a.stride, n), p: tuple(a.padding, n), output_size: a.output_size == null ? null : typeof a.output_size === 'number' ? [a.output_size] : a.output_size };
}

/**
 * The inverse of max_pool1d: each value goes back to its index, zeros elsewhere.
 * @example const [y, i] = F.max_pool1d(torch.randn(1, 1, 4), 2, {return_indices: true}); F.max_unpool1d(y, i, 2).shape // torch.Size([1, 1, 4])
 */
export function max_unpool1d(input: Tensor, indices: Tensor, ...args: unknown[]): Tensor {
  const { k, s, p, output_size } = unpoolArgs('max_unpool1d', args, 1);
  const os = unpoolSize(input, k, s, p, output_size);
  return unpool('max_unpool2d', 'MaxUnpool2DBackward0', input.unsqueeze(-1), indices.unsqueeze(-1), [os[0], 1]).squeeze(-1);
}
/**
 * The inverse of max_pool2d (autoencoders): each value goes back to the position its index names, zeros elsewhere.
 * @example const [y, i] = F.max_pool2d(torch.randn(1, 1, 4, 4), 2, {return_indices: true}); F.max_unpool2d(y, i, 2).shape // torch.Size([1, 1, 4, 4])
 */
export function max_unpool2d(input: Tensor, indices: Tensor, ...args: unknown[]): Tensor {
  const { k, s, p, output_size } = unpoolArgs('max_unpool2d', args, 2);
  return unpool('max_unpool2d', 'MaxUnpool2DBackward0', input, indices, unpoolSize(input, k, s, p, output_size));
}
/** The inverse of max_pool3d. @example const [y, i] = F.max_pool3d(torch.randn(1, 1, 2, 4, 4), 2, {return_indices: true}); F.max_unpool3d(y, i, 2).shape */
export function max_unpool3d(input: Tensor, indices: Tensor, ...args: unknown[]): Tensor {
  const { k, s, p, output_size } = unpoolArgs('max_unpool3d', args, 3);
  return unpool('max_unpool3d', 'MaxUnpool3DBackward0', input, indices, unpoolSize(input, k, s, p, output_size));
}

// ---- lp_pool ------------------------------------------------------------------------------------

interface LPArgs { norm_type: number; kernel_size: Ints; stride: Ints | null; ceil_mode: boolean }
const LP_NAMES = ['norm_type', 'kernel_size', 'stride', 'ceil_mode'];

/** Power-average pooling `(Σ x^p)^(1/p)` over windows of [N, C, L]. @example F.lp_pool1d(torch.randn(1, 2, 6), 2, 3) */
export function lp_pool1d(input: Tensor, ...args: unknown[]): Tensor {
  const a = parseArgs<LPArgs>('lp_pool1d', args, LP_NAMES, { stride: null, ceil_mode: false });
  const k = first(a.kernel_size)!;
  const out = avg_pool1d(input.pow(a.norm_type), k, a.stride ?? k, 0, a.ceil_mode);
  return out.sign().mul(out.abs().relu()).mul(k).pow(1 / a.norm_type);
}
/** Power-average pooling `(Σ x^p)^(1/p)` over windows of [N, C, H, W]. @example F.lp_pool2d(torch.randn(1, 2, 4, 4), 2, 2) */
export function lp_pool2d(input: Tensor, ...args: unknown[]): Tensor {
  const a = parseArgs<LPArgs>('lp_pool2d', args, LP_NAMES, { stride: null, ceil_mode: false });
  const [kw, kh] = tuple(a.kernel_size, 2);
  const out = avg_pool2d(input.pow(a.norm_type), a.kernel_size, a.stride ?? a.kernel_size, 0, a.ceil_mode);
  return out.sign().mul(out.abs().relu()).mul(kw * kh).pow(1 / a.norm_type);
}

// ---- adaptive pools -----------------------------------------------------------------------------

/**
 * 1-D adaptive max pooling of [N, C, L] (or [C, L]) to `output_size`; with `return_indices`, `[output, indices]`.
 * @example F.adaptive_max_pool1d(torch.randn(1, 2, 7), 3).shape // torch.Size([1, 2, 3])
 */
export function adaptive_max_pool1d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = parseArgs<{ output_size: Ints; return_indices: boolean }>('adaptive_max_pool1d', args, ['output_size', 'return_indices'], { return_indices: false });
  const r = adaptiveMax1d(input, a.output_size);
  return a.return_indices ? r : r[0];
}
/** `adaptive_max_pool1d` returning `[output, indices]`. */
export function adaptive_max_pool1d_with_indices(input: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  const a = parseArgs<{ output_size: Ints; return_indices: boolean }>('adaptive_max_pool1d_with_indices', args, ['output_size', 'return_indices'], {});
  return adaptiveMax1d(input, a.output_size);
}
function adaptiveMax1d(input: Tensor, output_size: Ints): [Tensor, Tensor] {
  if (input.ndim !== 2 && input.ndim !== 3) throw new RuntimeError(`Expected 2 to 3 dimensions, but got ${input.ndim}-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_max_pool1d)`);
  const os = tuple(output_size, 1);
  if (os.length !== 1) throw new RuntimeError(`adaptive_max_pool1d: output_size must be 1`);
  const [out, idx] = adaptiveMax2d(input.unsqueeze(-2), [1, os[0]], true);
  return [out.squeeze(-2), idx.squeeze(-2)];
}

function adaptiveWindows(n: number, o: number): [number, number][] {
  return Array.from({ length: o }, (_, i) => {
    const s = Math.floor((i * n) / o);
    return [s, Math.ceil(((i + 1) * n) / o) - s];
  });
}
function sizes3d(fn: string, input: Tensor, output_size: OutSize): { unbatched: boolean; os: number[] } {
  if (input.ndim !== 4 && input.ndim !== 5) throw new RuntimeError(`${fn}(): Expected 4D or 5D tensor, but got${fn === 'adaptive_max_pool3d' ? ':' : ''} [${input._shape.join(', ')}]`);
  const unbatched = input.ndim === 4;
  const raw = typeof output_size === 'number' ? [output_size, output_size, output_size] : output_size.length === 1 ? [output_size[0], output_size[0], output_size[0]] : output_size;
  if (raw.length !== 3) throw new RuntimeError(`${fn}(): internal error: output_size.size() must be 3`);
  return { unbatched, os: raw.map((v, i) => v ?? input._shape[input.ndim - 3 + i]) };
}

/**
 * Average pooling of [N, C, D, H, W] (or [C, D, H, W]) to a fixed output size (null keeps that dim).
 * @example F.adaptive_avg_pool3d(torch.randn(1, 2, 4, 6, 6), [2, 3, 3]).shape // torch.Size([1, 2, 2, 3, 3])
 */
export function adaptive_avg_pool3d(input: Tensor, ...args: unknown[]): Tensor {
  const { output_size } = parseArgs<{ output_size: OutSize }>('adaptive_avg_pool3d', args, ['output_size']);
  const { unbatched, os } = sizes3d('adaptive_avg_pool3d', input, output_size);
  // as ATen: an output of 1×1×1 is a mean (MeanBackward1)
  if (os.every((o) => o === 1)) return input.mean([-3, -2, -1], { keepdim: true });
  return fused('AdaptiveAvgPool3DBackward0', [input], (t) => {
    const x = unbatched ? t!.unsqueeze(0) : t!;
    const y = stack(adaptiveWindows(x._shape[2], os[0]).map(([s, n]) => adaptiveAvg2d(x.narrow(2, s, n).mean(2), [os[1], os[2]])), 2);
    return unbatched ? y.squeeze(0) : y;
  });
}

function adaptiveMax3d(input: Tensor, output_size: OutSize): [Tensor, Tensor] {
  const { unbatched, os } = sizes3d('adaptive_max_pool3d', input, output_size);
  let idx: Tensor | null = null;
  const vals = fused('AdaptiveMaxPool3DBackward0', [input], (t) => {
    const x = unbatched ? t!.unsqueeze(0) : t!;
    const [N, C, , H, W] = x._shape;
    const parts = adaptiveWindows(x._shape[2], os[0]).map(([s, n]) => {
      const [v, i] = adaptiveMax2d(x.narrow(2, s, n).reshape([N, C * n, H, W]), [os[1], os[2]], true);
      const [best, at] = v.reshape([N, C, n, os[1], os[2]]).max(2) as unknown as [Tensor, Tensor];
      const hw = i.reshape([N, C, n, os[1], os[2]]).gather(2, at.unsqueeze(2)).squeeze(2);
      return [best, at.add(s).mul(H * W).add(hw)] as [Tensor, Tensor];
    });
    const ix = withGradMode(false, () => stack(parts.map((p) => p[1]), 2));
    idx = unbatched ? ix.squeeze(0) : ix;
    const y = stack(parts.map((p) => p[0]), 2);
    return unbatched ? y.squeeze(0) : y;
  });
  return [vals, idx!];
}
/**
 * Max pooling of [N, C, D, H, W] (or [C, D, H, W]) to a fixed output size; with `return_indices`, `[output, indices]`.
 * @example F.adaptive_max_pool3d(torch.randn(1, 2, 4, 6, 6), 2).shape // torch.Size([1, 2, 2, 2, 2])
 */
export function adaptive_max_pool3d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = parseArgs<{ output_size: OutSize; return_indices: boolean }>('adaptive_max_pool3d', args, ['output_size', 'return_indices'], { return_indices: false });
  const r = adaptiveMax3d(input, a.output_size);
  return a.return_indices ? r : r[0];
}
/** `adaptive_max_pool3d` returning `[output, indices]`. */
export function adaptive_max_pool3d_with_indices(input: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  const a = parseArgs<{ output_size: OutSize; return_indices: boolean }>('adaptive_max_pool3d_with_indices', args, ['output_size', 'return_indices'], {});
  return adaptiveMax3d(input, a.output_size);
}

// ---- local_response_norm ------------------------------------------------------------------------

/**
 * Local response normalisation across channels (AlexNet): `x / (k + α·mean of x² over `size` neighbouring channels)^β`.
 * @example F.local_response_norm(torch.randn(1, 4, 3, 3), 2).shape // torch.Size([1, 4, 3, 3])
 */
export function local_response_norm(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ size: number; alpha: number; beta: number; k: number }>('local_response_norm', args, ['size', 'alpha', 'beta', 'k'], { alpha: 1e-4, beta: 0.75, k: 1 });
  const dim = input.ndim;
  if (dim < 3) throw new ValueError(`Expected 3D or higher dimensionality                          input (got ${dim} dimensions)`);
  if (input.numel() === 0) return input;
  const size = o.size;
  let div = input.mul(input).unsqueeze(1);
  if (dim === 3) {
    div = pad(div, [0, 0, Math.floor(size / 2), Math.floor((size - 1) / 2)]);
    div = avg_pool2d(div, [size, 1], 1).squeeze(1);
  } else {
    const s = input._shape;
    div = div.reshape([s[0], 1, s[1], s[2], -1]);
    div = pad(div, [0, 0, 0, 0, Math.floor(size / 2), Math.floor((size - 1) / 2)]);
    div = avg_pool3d(div, [size, 1, 1], { stride: 1 }).squeeze(1);
    div = div.reshape(s);
  }
  div = div.mul(o.alpha).add(o.k).pow(o.beta);
  return input.div(div);
}
