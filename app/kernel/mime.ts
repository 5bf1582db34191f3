// Values → nbformat MIME bundles. Every bundle has `text/plain`; tensors, modules and parameter
// lists also get our versioned vendor types (the output contract, app/protocol/outputs.ts), which
// the page's renderers draw. Readback is async (`await t.data()`), so the conversions are too.
import type { MimeBundle } from '../protocol/messages';
import { MIME, type JsonNumber, type ModuleJson, type ParamRow, type ParamsJson, type TensorJson } from '../protocol/outputs';
import { formatValue, hasOwnRepr, inspect } from './format';
import { formatTensorAsync } from '../../engine/print';
import { looksLikeTensor } from './ops';

/** How many tensor values travel with `application/vnd.torchlit.tensor.v1+json`. */
export const TENSOR_VALUE_LIMIT = 2000;

type AnyTensor = {
  shape: ArrayLike<number>;
  dtype: unknown;
  device: unknown;
  requires_grad?: boolean;
  grad?: AnyTensor | null;
  grad_fn?: unknown;
  is_leaf?: boolean;
  retains_grad?: boolean;
  numel?: () => number;
  data?: () => Promise<ArrayLike<number | bigint | boolean>> | ArrayLike<number | bigint | boolean>;
  tolist?: () => unknown;
};

type AnyModule = {
  named_children: () => Iterable<[string, AnyModule]>;
  named_parameters?: (...a: unknown[]) => Iterable<[string, AnyTensor]>;
  parameters?: (...a: unknown[]) => Iterable<AnyTensor>;
  extra_repr?: () => string;
  _get_name?: () => string;
  _parameters?: unknown;
};

export const isTensor = (x: unknown): x is AnyTensor => looksLikeTensor(x);

export function isModule(x: unknown): x is AnyModule {
  return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as AnyModule).named_children === 'function' && (typeof (x as AnyModule).parameters === 'function' || typeof (x as AnyModule).named_parameters === 'function');
}

/** `model.parameters()` (all tensors, some requiring grad) or `model.named_parameters()` (`[name, tensor]` pairs). */
export function isParamList(x: unknown): x is (AnyTensor | [string, AnyTensor])[] {
  if (!Array.isArray(x) || x.length === 0) return false;
  if (x.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isTensor(e[1]))) return true;
  return x.every(isTensor) && x.some((t) => isParameter(t) || (t as AnyTensor).requires_grad === true);
}

function isParameter(t: unknown): boolean {
  return (t as { _isParam?: boolean })._isParam === true || (t as object).constructor?.name === 'Parameter';
}

export function dtypeName(d: unknown): string {
  const name = (d as { name?: unknown })?.name;
  return typeof name === 'string' ? name : String(d).replace(/^torch\./, '');
}

export function gradFnName(g: unknown): string | null {
  if (g == null) return null;
  const name = (g as { name?: unknown }).name;
  if (typeof name === 'string') return name;
  if (typeof name === 'function') return String(name.call(g));
  return String(g).replace(/^<|>$/g, '').replace(/ object.*$/, '');
}

const shapeOf = (t: AnyTensor): number[] => Array.from(t.shape);
const numelOf = (t: AnyTensor): number => (typeof t.numel === 'function' ? t.numel() : shapeOf(t).reduce((a, b) => a * b, 1));

/** All values of a tensor, row-major, as numbers. */
export async function readValues(t: AnyTensor): Promise<ArrayLike<number>> {
  if (typeof t.data === 'function') {
    const d = await t.data();
    if (d instanceof BigInt64Array || d instanceof BigUint64Array) return Array.from(d, Number);
    return d as ArrayLike<number>;
  }
  if (typeof t.tolist === 'function') {
    const l = await t.tolist();
    return (Array.isArray(l) ? (l as unknown[]).flat(Infinity) : [l]).map(Number);
  }
  throw new Error('this tensor cannot be read back');
}

function jsonNumber(v: number): JsonNumber {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

export async function tensorJson(t: AnyTensor, limit = TENSOR_VALUE_LIMIT): Promise<TensorJson> {
  const values = await readValues(t);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finite = 0;
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (Number.isNaN(v)) nan++;
    else if (!Number.isFinite(v)) inf++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      finite++;
    }
  }
  const n = Math.min(values.length, limit);
  const out: JsonNumber[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = jsonNumber(Number(values[i]));
  return {
    shape: shapeOf(t),
    dtype: dtypeName(t.dtype),
    device: String(t.device),
    requires_grad: t.requires_grad === true,
    grad_fn: gradFnName(t.grad_fn),
    numel: numelOf(t),
    min: finite ? min : null,
    max: finite ? max : null,
    mean: finite ? sum / finite : null,
    nan_count: nan,
    inf_count: inf,
    values: out,
    truncated: values.length > limit,
  };
}

function ownParams(m: AnyModule): AnyTensor[] {
  const p = m._parameters;
  if (p instanceof Map) return [...p.values()].filter(isTensor);
  if (p && typeof p === 'object') return Object.values(p).filter(isTensor);
  if (typeof m.named_parameters === 'function') return [...m.named_parameters({ recurse: false })].map(([, t]) => t);
  return [];
}

function className(m: AnyModule): string {
  if (typeof m._get_name === 'function') return m._get_name();
  return (m as object).constructor?.name ?? 'Module';
}

export function moduleJson(module: object, name = ''): ModuleJson {
  const m = module as AnyModule;
  const own = ownParams(m);
  const children = [...m.named_children()].map(([n, c]) => moduleJson(c, n));
  const params = own.reduce((s, t) => s + numelOf(t), 0);
  const trainable = own.filter((t) => t.requires_grad).reduce((s, t) => s + numelOf(t), 0);
  return {
    name,
    class: className(m),
    extra_repr: typeof m.extra_repr === 'function' ? String(m.extra_repr()) : '',
    params,
    total_params: params + children.reduce((s, c) => s + c.total_params, 0),
    trainable_params: trainable + children.reduce((s, c) => s + c.trainable_params, 0),
    children,
  };
}

export async function paramsJson(list: (AnyTensor | [string, AnyTensor])[]): Promise<ParamsJson> {
  const rows: ParamRow[] = [];
  for (const [i, e] of list.entries()) {
    const [name, t] = Array.isArray(e) ? e : [String(i), e];
    const row: ParamRow = {
      name,
      shape: shapeOf(t),
      numel: numelOf(t),
      dtype: dtypeName(t.dtype),
      device: String(t.device),
      requires_grad: t.requires_grad === true,
    };
    // a non-leaf's .grad is PyTorch's UserWarning: showing `[out, h]` must not raise it in the cell
    const grad = t.is_leaf === false && t.retains_grad !== true ? null : t.grad;
    if (grad && isTensor(grad)) {
      const g = await readValues(grad);
      let sq = 0;
      let sum = 0;
      for (let j = 0; j < g.length; j++) {
        sq += Number(g[j]) ** 2;
        sum += Number(g[j]);
      }
      row.grad_norm = Math.sqrt(sq);
      row.grad_mean = g.length ? sum / g.length : 0;
    }
    rows.push(row);
  }
  return {
    rows,
    total: { tensors: rows.length, numel: rows.reduce((s, r) => s + r.numel, 0), trainable: rows.filter((r) => r.requires_grad).reduce((s, r) => s + r.numel, 0) },
  };
}

/** `text/plain` of any value: its repr, as a REPL shows it (strings quoted; torch objects in PyTorch's form). */
export function textPlain(value: unknown): string {
  return inspect(value);
}

/** A tensor whose values live off the CPU (WebGPU): printing it needs an async readback first. */
export function needsReadback(v: unknown): v is AnyTensor & { device: { type: string } } {
  return isTensor(v) && typeof (v.device as { type?: unknown })?.type === 'string' && (v.device as { type: string }).type !== 'cpu' && typeof v.data === 'function';
}

/** Like `formatValue`/`textPlain`, reading a WebGPU tensor back first so it prints its values. */
export async function reprAsync(v: unknown, asRepr: boolean): Promise<string> {
  if (needsReadback(v)) return formatTensorAsync(v as unknown as Parameters<typeof formatTensorAsync>[0]);
  return asRepr ? inspect(v) : formatValue(v);
}

/**
 * The MIME bundle for a value. Objects may bring their own (Jupyter's `_repr_mimebundle_()`,
 * sync or async); a raw bundle is passed through when `raw` is set.
 */
export async function toMimeBundle(value: unknown, opts: { raw?: boolean } = {}): Promise<MimeBundle> {
  if (opts.raw && value && typeof value === 'object') {
    const b = { ...(value as MimeBundle) };
    if (typeof b['text/plain'] !== 'string') b['text/plain'] = Object.keys(b).join(', ');
    return b;
  }
  const own = (value as { _repr_mimebundle_?: () => unknown } | null)?._repr_mimebundle_;
  if (typeof own === 'function' && (typeof value === 'object' || typeof value === 'function')) {
    try {
      const b = (await own.call(value)) as MimeBundle;
      return { 'text/plain': textPlain(value), ...b };
    } catch (e) {
      // As IPython does when a formatter fails: say so, and show the value's text form instead
      // (never nothing: a view that cannot draw itself must not look like a cell without output).
      const err = e as { name?: string; message?: string } | null;
      const who = (value as { constructor?: { name?: string } }).constructor?.name || 'value';
      return { 'text/plain': `${err?.name ?? 'Error'} in ${who}._repr_mimebundle_(): ${err?.message ?? String(e)}\n${textPlain(value)}` };
    }
  }
  const bundle: MimeBundle = { 'text/plain': await reprAsync(value, true) };
  try {
    if (isTensor(value)) bundle[MIME.tensor] = await tensorJson(value);
    else if (isModule(value)) bundle[MIME.module] = moduleJson(value);
    else if (isParamList(value)) bundle[MIME.params] = await paramsJson(value);
  } catch {
    // A value that cannot be read back (disposed, lost device) still shows as text.
  }
  return bundle;
}

export { hasOwnRepr };
