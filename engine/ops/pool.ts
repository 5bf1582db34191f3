// 2-D pooling over NCHW (or CHW): max_pool2d (with return_indices, ceil_mode, dilation),
// avg_pool2d (count_include_pad, divisor_override), adaptive_avg_pool2d, adaptive_max_pool2d.
// The op computes each output cell's window once (PoolGeom) and hands it to the kernels.
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import type { PoolAxis, PoolGeom } from '../backend/kernels';
import { getKernel } from '../backend/registry';
import { Tensor } from '../tensor';
import { float32, float64, int64, scalarTypeName } from '../dtype';
import { checkInterrupt } from './util';

type Pair = number | number[];
const pair = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : v.length === 1 ? [v[0], v[0]] : [v[0], v[1]]);

function checkInput(fn: string, x: Tensor): void {
  if ((x.ndim !== 3 && x.ndim !== 4) || x._shape.slice(1).some((s) => s === 0))
    throw new RuntimeError(`${fn}: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got: [${x._shape.join(', ')}]`);
}

function outSize(n: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  let o = Math.floor((n + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0)) / s) + 1;
  if (ceil && (o - 1) * s >= n + p) o--;
  return o;
}

function slidingAxis(n: number, k: number, s: number, p: number, d: number, o: number): PoolAxis {
  const start = new Int32Array(o), count = new Int32Array(o), padded = new Int32Array(o);
  for (let i = 0; i < o; i++) {
    const s0 = i * s - p;
    const i0 = s0 < 0 ? Math.ceil(-s0 / d) : 0;
    const i1 = Math.min(k - 1, Math.floor((n - 1 - s0) / d));
    start[i] = s0 + i0 * d;
    count[i] = Math.max(0, i1 - i0 + 1);
    padded[i] = Math.min(s0 + k, n + p) - s0;
  }
  return { start, count, dil: d, padded };
}

function adaptiveAxis(n: number, o: number): PoolAxis {
  const start = new Int32Array(o), count = new Int32Array(o);
  for (let i = 0; i < o; i++) {
    start[i] = Math.floor((i * n) / o);
    count[i] = Math.ceil(((i + 1) * n) / o) - start[i];
  }
  return { start, count, dil: 1, padded: count };
}

/** Runs `fn` on the input as [N·C, H, W] planes and shapes the result back. */
function planes(x: Tensor) {
  const H = x._shape[x.ndim - 2], W = x._shape[x.ndim - 1];
  const lead = x._shape.slice(0, -2);
  return { H, W, P: lead.reduce((a, b) => a * b, 1), lead };
}

interface SlidingArgs {
  kernel_size: Pair;
  stride: Pair | null;
  padding: Pair;
  dilation: Pair;
  ceil_mode: boolean;
}

function slidingGeom(fn: string, x: Tensor, a: SlidingArgs): { geom: PoolGeom; outShape: number[] } {
  checkInput(fn, x);
  const [kh, kw] = pair(a.kernel_size);
  const st = a.stride === null || a.stride === undefined || (Array.isArray(a.stride) && a.stride.length === 0) ? a.kernel_size : a.stride;
  const [sh, sw] = pair(st);
  const [ph, pw] = pair(a.padding);
  const [dh, dw] = pair(a.dilation);
  if (kh <= 0 || kw <= 0) throw new RuntimeError(`kernel size should be greater than zero, but got kH: ${kh} kW: ${kw}`);
  if (sh <= 0 || sw <= 0) throw new RuntimeError(`stride should be greater than zero, but got dH: ${sh} dW: ${sw}`);
  if (dh <= 0 || dw <= 0) throw new RuntimeError(`dilation should be greater than zero, but got dilationH: ${dh} dilationW: ${dw}`);
  if (ph > ((kh - 1) * dh + 1) / 2 || pw > ((kw - 1) * dw + 1) / 2)
    throw new RuntimeError(`pad should be at most half of effective kernel size, but got pad=${Math.max(ph, pw)}, kernel_size=${ph > ((kh - 1) * dh + 1) / 2 ? kh : kw} and dilation=${ph > ((kh - 1) * dh + 1) / 2 ? dh : dw}`);
  const { H, W, P, lead } = planes(x);
  const oH = outSize(H, kh, sh, ph, dh, a.ceil_mode), oW = outSize(W, kw, sw, pw, dw, a.ceil_mode);
  if (oH < 1 || oW < 1)
    throw new RuntimeError(`Given input size: (${x._shape.slice(-3).join('x')}). Calculated output size: (${x._shape[x.ndim - 3]}x${oH}x${oW}). Output size is too small`);
  const geom: PoolGeom = { P, H, W, oH, oW, ys: slidingAxis(H, kh, sh, ph, dh, oH), xs: slidingAxis(W, kw, sw, pw, dw, oW) };
  return { geom, outShape: [...lead, oH, oW] };
}

function maxPoolWith(x: Tensor, geom: PoolGeom, outShape: number[], name: string): [Tensor, Tensor] {
  checkInterrupt();
  const [out, idx] = getKernel('max_pool2d', x.device.type)(x.detach(), geom, outShape) as [Tensor, Tensor];
  const inShape = x._shape;
  record(out, name, [x], (g) => [getKernel('max_pool2d_backward', g.device.type)(g.detach(), idx, inShape, geom.H, geom.W) as Tensor]);
  return [out, idx];
}

/**
 * 2-D max pooling. With `return_indices`, also the flat (H·W) index of each max.
 * @example F.max_pool2d(imgs, 2), F.max_pool2d(imgs, 3, {stride: 2, padding: 1})
 */
export function max_pool2d(input: Tensor, ...args: [...unknown[], { return_indices: true }]): [Tensor, Tensor];
export function max_pool2d(input: Tensor, ...args: unknown[]): Tensor;
export function max_pool2d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = parseArgs<SlidingArgs & { return_indices: boolean }>('max_pool2d', args, ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], { stride: null, padding: 0, dilation: 1, ceil_mode: false, return_indices: false });
  const { geom, outShape } = slidingGeom('max_pool2d', input, a);
  const [out, idx] = maxPoolWith(input, geom, outShape, 'MaxPool2DWithIndicesBackward0');
  return a.return_indices ? [out, idx] : out;
}
/** `max_pool2d` returning `[output, indices]`. */
export function max_pool2d_with_indices(input: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  const a = parseArgs<SlidingArgs & { return_indices: boolean }>('max_pool2d_with_indices', args, ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], { stride: null, padding: 0, dilation: 1, ceil_mode: false });
  const { geom, outShape } = slidingGeom('max_pool2d', input, a);
  return maxPoolWith(input, geom, outShape, 'MaxPool2DWithIndicesBackward0');
}

function avgPoolWith(x: Tensor, geom: PoolGeom, outShape: number[], includePad: boolean, override: number | null, name: string): Tensor {
  checkInterrupt();
  const out = getKernel('avg_pool2d', x.device.type)(x.detach(), geom, outShape, includePad, override) as Tensor;
  const inShape = x._shape;
  return record(out, name, [x], (g) => [getKernel('avg_pool2d_backward', g.device.type)(g.detach(), geom, inShape, includePad, override) as Tensor]);
}

/**
 * 2-D average pooling.
 * @example F.avg_pool2d(imgs, 2), F.avg_pool2d(imgs, 3, {stride: 2, padding: 1, count_include_pad: false})
 */
export function avg_pool2d(input: Tensor, ...args: unknown[]): Tensor {
  const a = parseArgs<Omit<SlidingArgs, 'dilation'> & { count_include_pad: boolean; divisor_override: number | null }>('avg_pool2d', args, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null });
  if (a.divisor_override !== null && a.divisor_override !== undefined && a.divisor_override <= 0) throw new RuntimeError('divisor must be not zero');
  if (!input.dtype.is_floating_point) {
    if (input.dtype !== int64) throw new RuntimeError(`"avg_pool2d" not implemented for '${scalarTypeName(input.dtype)}'`);
    // ATen's CPU kernel takes int64 too: it sums in int64 and divides with C++ integer division
    // (truncation toward zero). A float64 (float32 on WebGPU, which has no float64) sum is exact for
    // the integer sizes a learner pools, and trunc matches the division.
    const work = input.device.type === 'cpu' ? float64 : float32;
    return avg_pool2d(input.to(work), ...args).trunc().to(int64);
  }
  const { geom, outShape } = slidingGeom('avg_pool2d', input, { ...a, dilation: 1 });
  return avgPoolWith(input, geom, outShape, a.count_include_pad, a.divisor_override ?? null, 'AvgPool2DBackward0');
}

function adaptiveGeom(fn: string, x: Tensor, output_size: number | (number | null)[]): { geom: PoolGeom; outShape: number[] } {
  checkInput(fn, x);
  const { H, W, P, lead } = planes(x);
  const os = typeof output_size === 'number' ? [output_size, output_size] : output_size.length === 1 ? [output_size[0], output_size[0]] : output_size;
  const oH = os[0] ?? H, oW = os[1] ?? W;
  if (oH < 0 || oW < 0) throw new RuntimeError(`${fn}: elements of output_size must be greater than or equal to 0 but received {${oH}, ${oW}}`);
  return { geom: { P, H, W, oH, oW, ys: adaptiveAxis(H, oH), xs: adaptiveAxis(W, oW) }, outShape: [...lead, oH, oW] };
}

/**
 * Average pooling to a fixed output size (`null` keeps that input dim).
 * @example F.adaptive_avg_pool2d(imgs, [7, 7]), F.adaptive_avg_pool2d(imgs, 1)
 */
export function adaptive_avg_pool2d(input: Tensor, output_size: number | (number | null)[]): Tensor {
  const { geom, outShape } = adaptiveGeom('adaptive_avg_pool2d', input, output_size);
  return avgPoolWith(input, geom, outShape, false, null, 'AdaptiveAvgPool2DBackward0');
}

/** Max pooling to a fixed output size; `return_indices` also gives the flat argmax indices. */
export function adaptive_max_pool2d(input: Tensor, output_size: number | (number | null)[], return_indices: true): [Tensor, Tensor];
export function adaptive_max_pool2d(input: Tensor, output_size: number | (number | null)[], return_indices?: boolean): Tensor;
export function adaptive_max_pool2d(input: Tensor, output_size: number | (number | null)[], return_indices = false): Tensor | [Tensor, Tensor] {
  const { geom, outShape } = adaptiveGeom('adaptive_max_pool2d', input, output_size);
  const [out, idx] = maxPoolWith(input, geom, outShape, 'AdaptiveMaxPool2DBackward0');
  return return_indices ? [out, idx] : out;
}

const one = (v: Pair | null | undefined): number | null => (v === null || v === undefined ? null : typeof v === 'number' ? v : v[0]);

function as2d<T extends Tensor | [Tensor, Tensor]>(fn: string, input: Tensor, f: (x: Tensor) => T): T {
  if (input.ndim !== 2 && input.ndim !== 3) throw new RuntimeError(`${fn}: Expected 2D or 3D (batch mode) tensor for input, but got: [${input._shape.join(', ')}]`);
  const r = f(input.unsqueeze(-2));
  return (Array.isArray(r) ? [r[0].squeeze(-2), r[1].squeeze(-2)] : r.squeeze(-2)) as T;
}

/** 1-D max pooling over [N, C, L] (or [C, L]). @example F.max_pool1d(x, 2) */
export function max_pool1d(input: Tensor, ...args: unknown[]): Tensor {
  const a = parseArgs<SlidingArgs & { return_indices: boolean }>('max_pool1d', args, ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], { stride: null, padding: 0, dilation: 1, ceil_mode: false, return_indices: false });
  const k = one(a.kernel_size)!;
  return as2d('max_pool1d', input, (x) => max_pool2d(x, [1, k], [1, one(a.stride) ?? k], [0, one(a.padding)!], [1, one(a.dilation)!], a.ceil_mode));
}

/** 1-D average pooling over [N, C, L] (or [C, L]). @example F.avg_pool1d(x, 2) */
export function avg_pool1d(input: Tensor, ...args: unknown[]): Tensor {
  const a = parseArgs<Omit<SlidingArgs, 'dilation'> & { count_include_pad: boolean }>('avg_pool1d', args, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad'], { stride: null, padding: 0, ceil_mode: false, count_include_pad: true });
  const k = one(a.kernel_size)!;
  return as2d('avg_pool1d', input, (x) => avg_pool2d(x, [1, k], [1, one(a.stride) ?? k], [0, one(a.padding)!], a.ceil_mode, a.count_include_pad));
}

/** 1-D adaptive average pooling to `output_size`. */
export function adaptive_avg_pool1d(input: Tensor, output_size: number | number[]): Tensor {
  return as2d('adaptive_avg_pool1d', input, (x) => adaptive_avg_pool2d(x, [1, one(output_size)!]));
}
