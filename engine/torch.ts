// The `torch` namespace: every public function of the engine, by PyTorch's names.
// Each op family exports its functions from its own file; this file only gathers them.
import { backward as autogradBackward, grad as autogradGrad, isGradEnabled, setGradEnabled, withGradMode } from './autograd';
import { Function as AutogradFunction, jacobian, hessian, vjp, jvp, vhp, hvp } from './autograd-function';
import { Device, toDevice, type DeviceLike } from './device';
import { parseArgs } from './args';
import { Tensor } from './tensor';
import type { Tensor as T } from './tensor';
import { canCast, promoteTypes, resultType, type DType } from './dtype';
import { get_default_dtype } from './state';
import { Size as SizeClass } from './size';

const pyTypeOf = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'str' : v === null || v === undefined ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v);
/**
 * `torch.Size([2, 3])`, called as in Python (without `new`): a Size of those dimensions; `instanceof torch.Size`
 * holds for every tensor's `.shape`. @example t.shape.equals(torch.Size([2, 3]))
 */
function makeSize(args: unknown[]): SizeClass {
  const dims = args[0] ?? [];
  if (typeof (dims as Iterable<unknown>)[Symbol.iterator] !== 'function') throw new TypeError(`'${pyTypeOf(dims)}' object is not iterable`);
  const list = [...(dims as Iterable<unknown>)];
  const bad = list.findIndex((d) => typeof d !== 'number' || !Number.isInteger(d));
  if (bad >= 0) throw new TypeError(`torch.Size() takes an iterable of 'int' (item ${bad} is '${pyTypeOf(list[bad])}')`);
  return SizeClass.of_(list as number[]);
}
export const Size = new Proxy(SizeClass, {
  apply: (_t, _this, args: unknown[]) => makeSize(args),
  construct: (_t, args: unknown[]) => makeSize(args),
}) as typeof SizeClass & ((dims?: Iterable<number>) => SizeClass);
export type Size = SizeClass;

export { Tensor } from './tensor';
export { float32, float64, int64, int32, bool, DType } from './dtype';
export { float32 as float, float64 as double, int64 as long, int32 as int } from './dtype';
export { uint8, int8, int16, int16 as short } from './dtype';
export { Device } from './device';
export { manual_seed } from './generator';
export { set_default_device, get_default_device, set_default_dtype, get_default_dtype, KeyboardInterrupt, _set_interrupt_check } from './state';
export { set_printoptions } from './print';
export { tidy, keep, memory_stats } from './memory';
export { webgpu } from './backend/webgpu/index';
export { cuda, backends } from './cuda';
export { set_debug_nonfinite, is_debug_nonfinite_enabled, NonFiniteError } from './debug';
import { is_anomaly_enabled, set_detect_anomaly } from './debug';
export { set_num_threads, get_num_threads, _start_threads, __config__ } from './backend/wasm/threads';
export * from './ops/creation';
export * from './ops/legacy-ctors';
export * from './ops/elementwise';
export { fill_ } from './ops/fill';
export * from './ops/reduce';
export { view, reshape, contiguous, clone, transpose, permute, unsqueeze, squeeze, flatten, unflatten, narrow, select } from './ops/shape';
export { transpose as swapaxes } from './ops/shape';

/**
 * PyTorch's `torch.result_type(a, b)`: the dtype an arithmetic op on a and b (tensors or numbers) gives.
 * @example torch.result_type(torch.tensor([1, 2]), 1.5) // torch.float32
 */
export function result_type(a: T | number | boolean, b: T | number | boolean): DType {
  return resultType([a, b], get_default_dtype());
}
/** `torch.promote_types(torch.int32, torch.float32)` → torch.float32. */
export function promote_types(a: DType, b: DType): DType {
  return promoteTypes(a, b);
}
/** `torch.can_cast(from, to)`: whether an in-place op may write a `from` result into a `to` tensor. */
export function can_cast(from: DType, to: DType): boolean {
  return canCast(from, to);
}

/** `torch.device('webgpu')`. */
export function device(d: DeviceLike): Device {
  return toDevice(d, Device.cpu);
}

/** Whether `v` is a tensor. */
export function is_tensor(v: unknown): v is T {
  return v instanceof Tensor;
}
export function numel(t: T): number {
  return t.numel();
}

/**
 * Runs `fn` without recording operations for autograd (PyTorch's `with torch.no_grad():`).
 * @example model(x).pow(2).mean().backward(); torch.no_grad(() => { for (const p of model.parameters()) p.sub_(p.grad.mul(lr)); })
 */
export function no_grad<R>(fn: () => R): R {
  return withGradMode(false, blockOf('no_grad', fn));
}
/** Runs `fn` with gradient recording on (inside a no_grad region). */
export function enable_grad<R>(fn: () => R): R {
  return withGradMode(true, blockOf('enable_grad', fn));
}
/** Python's `with torch.no_grad():` block is a function here; anything else is a clear TypeError (was `fn is not a function`). */
function blockOf<R>(name: string, fn: () => R, args = ''): () => R {
  if (typeof fn !== 'function')
    throw new TypeError(`torch.${name}() takes the code to run as a function: torch.${name}(${args}() => { … }) (Python's \`with torch.${name}(${args.replace(/, $/, '')}):\` block)`);
  return fn;
}
/** `torch.set_grad_enabled(false)`: switches recording globally (or for `fn` when given). */
export function set_grad_enabled<R>(mode: boolean | { mode: boolean }, fn?: () => R): R | void {
  // `set_grad_enabled({mode: false})`: the object once became the (truthy) grad mode
  if (mode !== null && typeof mode === 'object') mode = parseArgs<{ mode: boolean }>('set_grad_enabled', [mode], ['mode']).mode;
  if (typeof mode !== 'boolean') throw new TypeError(`enabled must be a bool (got ${typeof mode === 'string' ? 'str' : typeof mode})`);
  if (fn !== undefined) return withGradMode(mode, blockOf('set_grad_enabled', fn, `${mode}, `));
  setGradEnabled(mode);
}
export function is_grad_enabled(): boolean {
  return isGradEnabled();
}
/** `torch.inference_mode(fn)`: as no_grad here. */
export function inference_mode<R>(fn: () => R): R {
  return withGradMode(false, blockOf('inference_mode', fn));
}

export const autograd = {
  /** `class MyFn extends torch.autograd.Function { static forward(ctx, x) … static backward(ctx, g) … }`, then `MyFn.apply(x)`. */
  Function: AutogradFunction,
  /** `torch.autograd.functional`: `jacobian(f, x)`, `hessian(f, x)`, `vjp`, `jvp`, `vhp`, `hvp`. */
  functional: { jacobian, hessian, vjp, jvp, vhp, hvp },
  /** `torch.autograd.grad(outputs, inputs, grad_outputs?, {retain_graph, create_graph, allow_unused})`. */
  grad: autogradGrad,
  backward(tensors: T | T[], grad_tensors?: T | T[] | null, opts: { retain_graph?: boolean; create_graph?: boolean } = {}): void {
    const ts = Array.isArray(tensors) ? tensors : [tensors];
    const gs = grad_tensors == null ? [] : Array.isArray(grad_tensors) ? grad_tensors : [grad_tensors];
    ts.forEach((t, i) => autogradBackward(t, gs[i] ?? null, { ...opts, retain_graph: opts.retain_graph ?? i < ts.length - 1 }));
  },
  /** PyTorch's anomaly mode: a backward function that returns NaN throws, naming it. @example torch.autograd.set_detect_anomaly(true) */
  set_detect_anomaly,
  is_anomaly_enabled,
  /** `with torch.autograd.detect_anomaly():` as a function: runs `fn` with anomaly mode on. */
  detect_anomaly<R>(fn: () => R): R {
    const prev = is_anomaly_enabled();
    set_detect_anomaly(true);
    let async = false;
    try {
      const r = fn();
      if (r instanceof Promise) {
        async = true;
        return r.finally(() => set_detect_anomaly(prev)) as R;
      }
      return r;
    } finally {
      if (!async) set_detect_anomaly(prev);
    }
  },
};
export * from './ops/matmul';
export * from './ops/einsum';
export * from './ops/softmax';
export * from './ops/join';
export * from './ops/indexing';
export * from './ops/gather-scatter';
export * from './ops/masks';
export * from './ops/padding';
export * from './ops/conv';
export * from './ops/pool';
export * from './ops/stats';
export * from './ops/sort';
export * from './ops/scan';
export * from './ops/rearrange';
export * from './ops/pointwise';
export { inv as inverse, det } from './ops/linalg';
export { linalg, torchNorm as norm } from './ops/linalg-all';
export { bernoulli, multinomial, normal } from './ops/random';
export { as_tensor, from_numpy } from './ops/interop';
export * from './ops/unary-math';
export * from './ops/nan-to-num';
export * from './ops/aliases';
export { split_with_sizes } from './ops/aliases'; // one SplitWithSizesBackward0 name (join.ts's parts are slices)
export { clamp_min, clamp_max } from './ops/clamp';
export * from './ops/special-math';
export * from './ops/binary-math';
export * from './ops/bitwise';
export * from './ops/linalg-extra';
export * from './ops/quantiles';
export { index_copy, masked_scatter, put, scatter_reduce, histogram } from './ops/scatter-extra';
export * from './ops/legacy-names';
export * from './ops/split-stack';
export * from './ops/flip-rotate';
export * from './ops/diff';
export * from './ops/diag-embed';
export * from './ops/broadcast-tensors';
export * from './ops/combinatorics';
export * from './ops/random-sampling';
export * from './ops/logspace';
export * from './ops/counting';
export * from './ops/scan-extremes';
export * from './ops/masked-reduce';
export * from './ops/searchsorted';
export * from './ops/products';
export { _histograms, _decode_histograms, _histogram_words } from './ops/histograms';
