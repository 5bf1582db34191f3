// The output contract: our vendor MIME types, the JSON each one carries, and the guards that
// check a payload before a renderer sees it. The kernel writes these payloads (app/kernel/mime.ts,
// app/kernel/views/*), the page draws them (app/renderers/*), and saved notebooks keep them: a
// notebook saved today must still render after any change here. So a type changes only by adding
// an optional field; anything else is a new version (`…v2+json`) with its own guard, and the old
// version keeps rendering (app/protocol/outputs.test.ts runs a notebook saved with every v1 output).
//
// Guards: a payload may come from a file (someone else's notebook). One that does not have the
// shape the kernel sends is not given to the rich renderer; the output falls back to the next MIME
// type, usually text/plain. The training view draws SVG strings from numbers, so its guard is
// strict: every number is a number (or null, as NaN is saved in JSON).
// Types and guards only: this module imports nothing.

/** Our vendor MIME types. */
export const MIME = {
  tensor: 'application/vnd.torchlit.tensor.v1+json',
  module: 'application/vnd.torchlit.module.v1+json',
  params: 'application/vnd.torchlit.params.v1+json',
  training: 'application/vnd.torchlit.training.v1+json',
  progress: 'application/vnd.torchlit.progress.v1+json',
  plot: 'application/vnd.torchlit.plot.v1+json',
} as const;
export type VendorMime = (typeof MIME)[keyof typeof MIME];

/** A finite number, or the name of a non-finite one (JSON has no NaN). */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** `application/vnd.torchlit.tensor.v1+json`: a tensor's summary and its first values. */
export interface TensorJson {
  shape: number[];
  dtype: string;
  device: string;
  requires_grad: boolean;
  /** e.g. `AddBackward0`; null for leaves. */
  grad_fn: string | null;
  numel: number;
  /** Over the finite values; null when there are none. */
  min: number | null;
  max: number | null;
  mean: number | null;
  nan_count: number;
  inf_count: number;
  /** Row-major, the first few thousand values (the kernel's `TENSOR_VALUE_LIMIT`). */
  values: JsonNumber[];
  truncated: boolean;
}

/** `application/vnd.torchlit.module.v1+json`: one node of the module tree. */
export interface ModuleJson {
  /** Attribute name in the parent ('' for the root). */
  name: string;
  /** Class name: `Linear`, `Sequential`, `Net`. */
  class: string;
  /** PyTorch's `extra_repr()`: `in_features=1, out_features=8, bias=True`. */
  extra_repr: string;
  /** Parameters this module holds itself (not its children's). */
  params: number;
  /** Parameters in this module and all its children. */
  total_params: number;
  trainable_params: number;
  children: ModuleJson[];
}

/** One row of a parameter table. */
export interface ParamRow {
  name: string;
  shape: number[];
  numel: number;
  dtype: string;
  device: string;
  requires_grad: boolean;
  /** Present when the parameter has a gradient (null: not finite). */
  grad_norm?: number | null;
  grad_mean?: number | null;
  /** `grads(model)` only: the gradient's std, range and share of exact zeros (0..1). */
  grad_std?: number | null;
  grad_min?: number | null;
  grad_max?: number | null;
  grad_zeros?: number | null;
}

/** `application/vnd.torchlit.params.v1+json`: `model.parameters()`, `named_parameters()` or `grads(model)`. */
export interface ParamsJson {
  rows: ParamRow[];
  total: { tensors: number; numel: number; trainable: number };
  /** Set by `grads(model)`: the table shows the std, min, max and zeros columns. */
  grads?: boolean;
}

/** A histogram as saved: non-finite statistics are null. */
export interface HistogramJson {
  /** Range of the bins (finite values only). */
  lo: number;
  hi: number;
  counts: number[];
  /** Statistics over the finite values. */
  mean: number | null;
  std: number | null;
  norm: number | null;
  min: number | null;
  max: number | null;
  /** Share of exact zeros (dead ReLUs, frozen slices). */
  zeros: number;
  /** Count of NaN and ±Inf values. */
  nonfinite: number;
  /** Values looked at (a sample for very large tensors). */
  n: number;
}

export type GradientHint = 'vanishing' | 'exploding' | 'nonfinite' | null;

/** One parameter of a training view. */
export interface TrainingParamJson {
  name: string;
  shape: number[];
  numel: number;
  requires_grad: boolean;
  /** Aligned with `hist_epochs`; null where the parameter had no gradient. */
  grads: (HistogramJson | null)[];
  weights: (HistogramJson | null)[];
  hint: GradientHint;
}

/** `application/vnd.torchlit.training.v1+json`: the live view of `monitor(model)`. */
export interface TrainingJson {
  title: string;
  bins: number;
  /** Epoch numbers of the metric points (downsampled). */
  epochs: number[];
  metrics: Record<string, (number | null)[]>;
  /** Epoch numbers of the histogram columns (downsampled). */
  hist_epochs: number[];
  params: TrainingParamJson[];
  total_epochs: number;
  done: boolean;
  elapsed_s: number;
}

/** `application/vnd.torchlit.progress.v1+json`: a tqdm-like bar. */
export interface ProgressJson {
  desc: string;
  n: number;
  total: number | null;
  elapsed_s: number;
  /** Iterations per second. */
  rate: number | null;
  /** Estimated seconds left. */
  eta_s: number | null;
  done: boolean;
  postfix: Record<string, string>;
}

export interface PlotSeries {
  kind: 'line' | 'scatter' | 'hist';
  label: string;
  /** For 'hist': the bin edges (one more than y). */
  x: (number | null)[];
  y: (number | null)[];
}

/** `application/vnd.torchlit.plot.v1+json` */
export interface PlotJson {
  title: string;
  xlabel: string;
  ylabel: string;
  series: PlotSeries[];
}

// ---- guards -----------------------------------------------------------------------------------

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number';
const isStr = (v: unknown): v is string => typeof v === 'string';
const numOrNull = (v: unknown) => v === null || isNum(v);
const optNumOrNull = (v: unknown) => v === undefined || numOrNull(v);
const nums = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNum);
const numsOrNull = (v: unknown) => Array.isArray(v) && v.every(numOrNull);

export function isHistogramJson(h: unknown): h is HistogramJson | null {
  return h === null || (isObj(h) && numsOrNull(h.counts) && ['lo', 'hi', 'mean', 'std', 'norm', 'min', 'max', 'zeros', 'nonfinite', 'n'].every((k) => numOrNull(h[k])));
}

export function isTrainingJson(d: unknown): d is TrainingJson {
  if (!isObj(d)) return false;
  if (!isStr(d.title) || !numOrNull(d.bins) || !nums(d.epochs) || !nums(d.hist_epochs) || !numOrNull(d.total_epochs) || !numOrNull(d.elapsed_s) || typeof d.done !== 'boolean') return false;
  if (!isObj(d.metrics) || !Object.values(d.metrics).every(numsOrNull)) return false;
  return (
    Array.isArray(d.params) &&
    d.params.every(
      (p) =>
        isObj(p) &&
        isStr(p.name) &&
        nums(p.shape) &&
        numOrNull(p.numel) &&
        typeof p.requires_grad === 'boolean' &&
        Array.isArray(p.grads) &&
        p.grads.every(isHistogramJson) &&
        Array.isArray(p.weights) &&
        p.weights.every(isHistogramJson) &&
        (p.hint === null || p.hint === undefined || p.hint === 'vanishing' || p.hint === 'exploding' || p.hint === 'nonfinite'),
    )
  );
}

export function isPlotJson(d: unknown): d is PlotJson {
  return (
    isObj(d) &&
    (d.title === undefined || isStr(d.title)) &&
    (d.xlabel === undefined || isStr(d.xlabel)) &&
    (d.ylabel === undefined || isStr(d.ylabel)) &&
    Array.isArray(d.series) &&
    d.series.every((s) => isObj(s) && (s.kind === 'line' || s.kind === 'scatter' || s.kind === 'hist') && (s.label === undefined || isStr(s.label)) && numsOrNull(s.x) && numsOrNull(s.y))
  );
}

export function isProgressJson(d: unknown): d is ProgressJson {
  return isObj(d) && isStr(d.desc) && isNum(d.n) && numOrNull(d.total) && numOrNull(d.elapsed_s) && numOrNull(d.rate ?? null) && numOrNull(d.eta_s ?? null) && (d.postfix === undefined || isObj(d.postfix));
}

export function isTensorJson(d: unknown): d is TensorJson {
  return isObj(d) && nums(d.shape) && (d.dtype === undefined || isStr(d.dtype));
}

export function isModuleJson(d: unknown): d is ModuleJson {
  return (
    isObj(d) &&
    isStr(d.name) &&
    isStr(d.class) &&
    isStr(d.extra_repr) &&
    ['params', 'total_params', 'trainable_params'].every((k) => isNum(d[k])) &&
    Array.isArray(d.children) &&
    d.children.every(isModuleJson)
  );
}

export function isParamRow(r: unknown): r is ParamRow {
  return (
    isObj(r) &&
    isStr(r.name) &&
    nums(r.shape) &&
    isNum(r.numel) &&
    isStr(r.dtype) &&
    isStr(r.device) &&
    typeof r.requires_grad === 'boolean' &&
    ['grad_norm', 'grad_mean', 'grad_std', 'grad_min', 'grad_max', 'grad_zeros'].every((k) => optNumOrNull(r[k]))
  );
}

export function isParamsJson(d: unknown): d is ParamsJson {
  return (
    isObj(d) &&
    Array.isArray(d.rows) &&
    d.rows.every(isParamRow) &&
    isObj(d.total) &&
    isNum(d.total.tensors) &&
    isNum(d.total.numel) &&
    isNum(d.total.trainable) &&
    (d.grads === undefined || typeof d.grads === 'boolean')
  );
}

/** The guard of each vendor MIME type. */
export const outputGuards: Record<VendorMime, (d: unknown) => boolean> = {
  [MIME.training]: isTrainingJson,
  [MIME.plot]: isPlotJson,
  [MIME.progress]: isProgressJson,
  [MIME.tensor]: isTensorJson,
  [MIME.module]: isModuleJson,
  [MIME.params]: isParamsJson,
};
