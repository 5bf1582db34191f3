// Shape checks for our own view MIME types. Their JSON may come from a file (someone else's
// notebook): a payload that does not have the shape the kernel sends is not given to the rich
// renderer (the output falls back to the next MIME type, usually text/plain). The training view
// draws SVG strings from numbers, so its check is strict: every number is a number (or null, as
// NaN is saved in JSON).
import { MIME } from '../protocol/messages';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number';
const isStr = (v: unknown): v is string => typeof v === 'string';
const numOrNull = (v: unknown) => v === null || isNum(v);
const nums = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNum);
const numsOrNull = (v: unknown) => Array.isArray(v) && v.every(numOrNull);

export function isHist(h: unknown): boolean {
  return (
    h === null ||
    (isObj(h) &&
      numsOrNull(h.counts) &&
      ['lo', 'hi', 'mean', 'std', 'norm', 'min', 'max', 'zeros', 'nonfinite', 'n'].every((k) => numOrNull(h[k])))
  );
}

export function isTrainingData(d: unknown): boolean {
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
        p.grads.every(isHist) &&
        Array.isArray(p.weights) &&
        p.weights.every(isHist) &&
        (p.hint === null || p.hint === undefined || p.hint === 'vanishing' || p.hint === 'exploding' || p.hint === 'nonfinite'),
    )
  );
}

export function isPlotData(d: unknown): boolean {
  return (
    isObj(d) &&
    (d.title === undefined || isStr(d.title)) &&
    (d.xlabel === undefined || isStr(d.xlabel)) &&
    (d.ylabel === undefined || isStr(d.ylabel)) &&
    Array.isArray(d.series) &&
    d.series.every((s) => isObj(s) && (s.kind === 'line' || s.kind === 'scatter' || s.kind === 'hist') && (s.label === undefined || isStr(s.label)) && numsOrNull(s.x) && numsOrNull(s.y))
  );
}

export function isProgressData(d: unknown): boolean {
  return isObj(d) && isStr(d.desc) && isNum(d.n) && numOrNull(d.total) && numOrNull(d.elapsed_s) && numOrNull(d.rate ?? null) && numOrNull(d.eta_s ?? null) && (d.postfix === undefined || isObj(d.postfix));
}

export function isTensorData(d: unknown): boolean {
  return isObj(d) && nums(d.shape) && (d.dtype === undefined || isStr(d.dtype)) && (d.text === undefined || isStr(d.text));
}

/** Checks by MIME type; types not listed need only be present. */
export const viewGuards: Record<string, (d: unknown) => boolean> = {
  [MIME.training]: isTrainingData,
  [MIME.plot]: isPlotData,
  [MIME.progress]: isProgressData,
  [MIME.tensor]: isTensorData,
  [MIME.module]: isObj,
  [MIME.params]: isObj,
};
