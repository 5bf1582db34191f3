// Test harness for the golden-value suites: builds tensors from the JSON that
// scripts/golden/*.py wrote with real PyTorch, compares results with per-op tolerances, and lists
// the backends a suite runs on. The engine API is reached dynamically (`Dyn`) on purpose: the
// suites must compile, and fail case by case, while parts of the engine are still missing.
import * as engine from '../index';

/** The engine seen dynamically, so a missing op fails its own cases and not the whole file. */
export type Dyn = any;
/** The engine's exports (`torch`, `nn`, `F`, `optim`, `models`), dynamically. */
export const E: Dyn = engine;
export const T: Dyn = E.torch;
/** `nn`, `F`, `optim`, `models`: the named exports, else the same namespaces under `torch`. */
export const nn: Dyn = E.nn ?? T?.nn;
export const F: Dyn = E.F ?? T?.nn?.functional;
export const optim: Dyn = E.optim ?? T?.optim;
export const models: Dyn = E.models;

export type DTypeName = 'float32' | 'float64' | 'int64' | 'bool';
/** A tensor as the golden JSON stores it: flat row-major data; non-finite floats as strings. */
export interface Encoded {
  shape: number[];
  dtype: DTypeName;
  data: (number | string | boolean)[];
}
export interface Tol {
  rtol: number;
  atol: number;
}

/** Thrown when the engine lacks a function the golden case needs: the case fails, loudly. */
export class MissingOp extends Error {
  constructor(what: string) {
    super(`engine lacks ${what} (needed by this golden case)`);
    this.name = 'MissingOp';
  }
}

// ---- backends ---------------------------------------------------------------------------------

/**
 * True in Node, false in the browser project. The float64 gradchecks register only in Node: they
 * run the same JS code in both places (float64 products never take the WASM GEMM, which is float32
 * only: backend/wasm/matmul.ts; WebGPU has no float64), so in
 * Chromium they repeated Node's work (~20 s of the browser step); gradcheck.test.ts is left out
 * of the browser project for the same reason (vitest.config.ts).
 */
export const gradchecksHere = typeof window === 'undefined';

/**
 * Devices to run a suite on: 'cpu' everywhere, plus 'webgpu' where `await torch.webgpu.init()`
 * succeeds and `torch.webgpu.is_available()` is true. When WebGPU is absent the reason is logged,
 * so a run without it says so.
 */
export async function backends(): Promise<string[]> {
  const out = ['cpu'];
  const webgpu = T.webgpu;
  if (!webgpu) return out;
  if (typeof webgpu.init === 'function') {
    try {
      const gpu = await dawnGpu();
      await webgpu.init(gpu ? { gpu } : {});
    } catch {
      // is_available() and unavailable_reason() below tell the story
    }
  }
  if (typeof webgpu.is_available === 'function' && (await webgpu.is_available())) out.push('webgpu');
  else if (!loggedNoWebgpu) {
    loggedNoWebgpu = true;
    const why = typeof webgpu.unavailable_reason === 'function' ? webgpu.unavailable_reason() : 'is_available() is false';
    console.info(`[engine tests] WebGPU backend not tested here: ${why}`);
  }
  return out;
}
let loggedNoWebgpu = false;

/**
 * In Node with `TORCHLIT_DAWN=1`, the WebGPU backend runs through Dawn (the `webgpu` npm package):
 * the same suites on a real GPU without a browser (without one, point VK_ICD_FILENAMES at
 * Chromium's SwiftShader ICD).
 */
async function dawnGpu(): Promise<unknown> {
  const env = (globalThis as Dyn).process?.env;
  if (!env?.TORCHLIT_DAWN) return undefined;
  const name = 'webgpu'; // a variable, so the browser bundler leaves this Node-only import alone
  const mod = await import(/* @vite-ignore */ name);
  Object.assign(globalThis, mod.globals);
  return mod.create([]);
}

/**
 * Known gaps, in one place (as TF.js's TEST_FILTERS): a case listed here is reported as skipped
 * with its reason in the test name, never dropped silently.
 */
/** Ops with a CPU kernel only (sorting and scans need GPU kernels of their own; linalg solves on the CPU). */
const CPU_ONLY = new Set(['cumprod', 'sort', 'argsort', 'topk', 'kthvalue', 'unique', 'median', 'mode', 'inv', 'det', 'solve', 'erfinv', 'cummax', 'cummin', 'unique_consecutive', 'bincount', 'histc', 'searchsorted', 'bucketize']);

export function knownGap(device: string, dtypes: readonly string[], c?: { op?: string; fn?: string; args?: unknown; kwargs?: unknown; inputs?: readonly Encoded[] }): string | null {
  if (device === 'webgpu' && dtypes.includes('float64')) return 'WebGPU has no float64';
  if (device === 'webgpu' && (c?.op === 'index' || c?.op === 'index_put_') && hasBoolTensor(c.args))
    return 'boolean-mask indexing on WebGPU needs a sync readback; the engine throws by design';
  const bare = (c?.op ?? '').replace(/^(torch|Tensor|linalg)\./, '');
  if (device === 'webgpu' && CPU_ONLY.has(bare)) return `${bare} has a CPU kernel only (docs/pytorch-coverage.md)`;
  if (device === 'webgpu' && bare === 'cumsum' && !dtypesOf(c?.inputs ?? []).some((d) => d.startsWith('float')))
    return 'integer cumsum has a CPU kernel only (WebGPU cumsum is a float matmul)';
  if (device === 'webgpu' && bare === 'repeat_interleave' && (JSON.stringify(c?.args ?? []).includes('$tensor') || !(c?.args as unknown[] | undefined)?.length))
    return 'repeat_interleave with a tensor of repeats reads the counts synchronously (CPU only)';
  if (device === 'webgpu' && (c?.op ?? c?.fn) === 'one_hot' && !hasNumClasses(c?.args) && !hasNumClasses(c?.kwargs))
    return 'one_hot without num_classes on WebGPU would need a sync readback to count classes; the engine asks for num_classes';
  return null;
}

function hasNumClasses(a: unknown): boolean {
  if (Array.isArray(a)) return a.some((x, i) => (i > 0 && typeof x === 'number' && x >= 0) || hasNumClasses(x));
  return a !== null && typeof a === 'object' && !('$tensor' in a) && typeof (a as { num_classes?: unknown }).num_classes === 'number';
}

function hasBoolTensor(a: unknown): boolean {
  if (Array.isArray(a)) return a.some(hasBoolTensor);
  if (a !== null && typeof a === 'object' && '$tensor' in a) return (a as { $tensor: Encoded }).$tensor.dtype === 'bool';
  return false;
}

// ---- decoding -----------------------------------------------------------------------------------

export function decodeNumber(v: number | string | boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  throw new Error(`bad number in golden JSON: ${v}`);
}

export function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Flat row-major values → nested arrays of the given shape (a scalar for shape []). */
export function nest<V>(flat: readonly V[], shape: readonly number[]): V | unknown[] {
  if (shape.length === 0) return flat[0];
  const rec = (dim: number, off: number): unknown[] => {
    const n = shape[dim];
    if (dim === shape.length - 1) return flat.slice(off, off + n);
    const step = numelOf(shape.slice(dim + 1));
    return Array.from({ length: n }, (_, i) => rec(dim + 1, off + i * step));
  };
  return rec(0, 0);
}

export interface MakeOpts {
  device?: string;
  requires_grad?: boolean;
  /** Build float tensors in this dtype instead (gradcheck runs everything in float64). */
  floatAs?: DTypeName;
}

/** A tensor from its JSON form, built as a user would: `torch.tensor(nested, {dtype})`. */
export function makeTensor(e: Encoded, opts: MakeOpts = {}): Dyn {
  const isFloat = e.dtype === 'float32' || e.dtype === 'float64';
  const dtypeName = isFloat && opts.floatAs ? opts.floatAs : e.dtype;
  const dtype = T[dtypeName];
  if (dtype === undefined) throw new MissingOp(`torch.${dtypeName}`);
  let t: Dyn;
  if (numelOf(e.shape) === 0) {
    t = T.zeros(e.shape, { dtype });
  } else {
    const values: (number | boolean)[] = e.dtype === 'bool' ? e.data.map((v) => v === true || v === 1) : e.data.map(decodeNumber);
    t = T.tensor(nest(values, e.shape), { dtype });
  }
  if (opts.device && opts.device !== 'cpu') t = t.to(opts.device);
  if (opts.requires_grad) t.requires_grad_(true);
  return t;
}

/**
 * Decodes an argument list from the JSON: {$tensor} → tensor on `device`, {$slice} → torch.slice,
 * "nan"/"inf"/"-inf" → numbers; "..." (Ellipsis), null (newaxis) and everything else as is.
 */
export function decodeArg(a: unknown, opts: MakeOpts = {}): unknown {
  if (Array.isArray(a)) return a.map((x) => decodeArg(x, opts));
  if (a === 'nan' || a === 'inf' || a === '-inf') return decodeNumber(a);
  if (a !== null && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if ('$tensor' in o) return makeTensor(o.$tensor as Encoded, { device: opts.device, floatAs: opts.floatAs });
    if ('$slice' in o) {
      if (typeof T.slice !== 'function') throw new MissingOp('torch.slice(start, stop, step)');
      const [start, stop, step] = o.$slice as (number | null)[];
      return T.slice(start, stop, step);
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decodeArg(v, opts)]));
  }
  return a;
}

/** Positional args, plus the options object only when there are keyword arguments. */
export function withKw(args: readonly unknown[], kwargs: Record<string, unknown> | undefined): unknown[] {
  return kwargs && Object.keys(kwargs).length ? [...args, kwargs] : [...args];
}

/** `obj.name(...args)`, or a MissingOp naming `owner.name` when the engine has no such function. */
export function call(obj: Dyn, owner: string, name: string, args: readonly unknown[]): Dyn {
  const f = obj?.[name];
  if (typeof f !== 'function') throw new MissingOp(`${owner}.${name}()`);
  return f.apply(obj, args);
}

/** A module's PyTorch class name, from its repr (`Linear(in_features=…` → `Linear`). */
export function className(m: Dyn): string {
  return String(m).split('(')[0];
}

export function isTensorLike(v: unknown): boolean {
  return v !== null && typeof v === 'object' && typeof (v as Dyn).data === 'function' && 'shape' in (v as object);
}

/** A result as a list of tensors: one tensor, an array of them, or a named tuple ([values, indices]). */
export function outputsOf(res: unknown): Dyn[] {
  if (isTensorLike(res)) return [res];
  if (res !== null && typeof res === 'object' && Symbol.iterator in (res as object)) return Array.from(res as Iterable<Dyn>);
  throw new Error(`expected a tensor or a tuple of tensors, got ${String(res)}`);
}

// ---- comparing ----------------------------------------------------------------------------------

const F32: Tol = { rtol: 1e-5, atol: 1e-6 };
const LOOSE: Tol = { rtol: 1e-4, atol: 1e-5 };
const F64: Tol = { rtol: 1e-10, atol: 1e-12 };

/** Per-op float32 tolerances: elementwise ops are tight; reductions, matmul, conv and losses looser. */
const OP_TOL: Record<string, Tol> = {
  sum: LOOSE, mean: LOOSE, var: LOOSE, std: LOOSE, prod: LOOSE, matmul: LOOSE, mm: LOOSE, bmm: LOOSE,
  softmax: { rtol: 1e-5, atol: 1e-6 }, log_softmax: { rtol: 1e-5, atol: 1e-5 }, chain: LOOSE, pow: { rtol: 2e-5, atol: 1e-6 },
  Linear: LOOSE, Conv2d: LOOSE, BatchNorm1d: LOOSE, BatchNorm2d: LOOSE, AvgPool2d: LOOSE, AdaptiveAvgPool2d: LOOSE,
  linear: LOOSE, conv2d: LOOSE, avg_pool2d: LOOSE, adaptive_avg_pool2d: LOOSE, GELU: LOOSE, gelu: LOOSE,
};
const LOSS_TOL: Tol = LOOSE;

/** Tolerance for one case: its own (from JSON), else the op's, else float32's; float64 is tight. */
export function tolFor(op: string, dtype: string, own?: Tol, device = 'cpu'): Tol {
  if (dtype === 'float64') return F64;
  let t = own ?? OP_TOL[op] ?? (/Loss$|loss|cross_entropy/.test(op) ? LOSS_TOL : F32);
  // GPU transcendentals and summation order differ more from PyTorch's CPU than ours do.
  if (device !== 'cpu') t = { rtol: Math.max(t.rtol, 1e-4), atol: Math.max(t.atol, 1e-5) };
  return t;
}

/** Gradients accumulate more rounding than forward values. */
export function gradTol(t: Tol): Tol {
  return { rtol: t.rtol * 2, atol: Math.max(t.atol * 10, 1e-6) };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(8);
}

/** Compares flat values; returns a description of the mismatches, or null when all are close. */
export function compareValues(actual: ArrayLike<number>, expected: readonly number[], tol: Tol): string | null {
  if (actual.length !== expected.length) return `has ${actual.length} elements, expected ${expected.length}`;
  const bad: string[] = [];
  let nBad = 0;
  let maxErr = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = expected[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
    if (!ok) {
      nBad++;
      if (Number.isFinite(a - e)) maxErr = Math.max(maxErr, Math.abs(a - e));
      if (bad.length < 6) bad.push(`[${i}] expected ${fmt(e)}, got ${fmt(a)}`);
    }
  }
  if (!nBad) return null;
  return `${nBad}/${expected.length} elements differ (rtol ${tol.rtol}, atol ${tol.atol}; max |diff| ${maxErr.toPrecision(3)}): ${bad.join('; ')}`;
}

/** Checks shape, dtype and values of `actual` against the golden tensor; throws a readable error. */
export async function expectTensor(actual: Dyn, expected: Encoded, tol: Tol, what: string): Promise<void> {
  if (!isTensorLike(actual)) throw new Error(`${what}: expected a tensor, got ${String(actual)}`);
  const shape = Array.from(actual.shape as ArrayLike<number>);
  if (shape.join(',') !== expected.shape.join(','))
    throw new Error(`${what}: shape [${shape.join(', ')}], expected [${expected.shape.join(', ')}]`);
  const dt = String(actual.dtype).replace(/^torch\./, '');
  if (dt !== expected.dtype) throw new Error(`${what}: dtype ${dt}, expected ${expected.dtype}`);
  const data = await actual.data();
  const diff = compareValues(Array.from(data as ArrayLike<number>, Number), expected.data.map(decodeNumber), tol);
  if (diff) throw new Error(`${what}: ${diff}`);
}

/** Like expectTensor, but the gradient may also be absent when PyTorch's is all zeros. */
export async function expectGrad(actual: Dyn, expected: Encoded | null, tol: Tol, what: string): Promise<void> {
  if (expected === null) {
    if (actual === null || actual === undefined) return;
    const data = Array.from((await actual.data()) as ArrayLike<number>, Number);
    if (data.some((v) => v !== 0)) throw new Error(`${what}: PyTorch has no gradient here, the engine has a non-zero one`);
    return;
  }
  if (actual === null || actual === undefined) {
    const allZero = expected.data.every((v) => v === 0);
    if (allZero) return;
    throw new Error(`${what}: no gradient (.grad is ${String(actual)}), expected one of shape [${expected.shape.join(', ')}]`);
  }
  await expectTensor(actual, expected, tol, what);
}

export function expectNumbers(actual: readonly number[], expected: readonly number[], tol: Tol, what: string): void {
  const diff = compareValues(actual, expected, tol);
  if (diff) throw new Error(`${what}: ${diff}`);
}

/** Every float dtype among the encoded tensors of a case (for knownGap). */
export function dtypesOf(tensors: readonly (Encoded | null | undefined)[]): string[] {
  return [...new Set(tensors.filter((t): t is Encoded => !!t).map((t) => t.dtype))];
}
