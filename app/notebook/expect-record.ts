// Writing a cell's expectation from a run ("Expect this output"), and the small edits the
// expectation editor makes. Pure functions over the same `CellExpect` format ./expect.ts checks,
// so a recorded expectation is met by the run it was recorded from (expect-record.test.ts).
import type { Cell, Output } from './types';
import { outputText, type CellExpect } from './expect';

/** Lines recorded at most; a long log keeps its first and last lines (the author trims the rest). */
export const MAX_RECORDED_LINES = 20;
/** Tolerance given to a recorded number: ±10 % of it (±0.1 around zero). */
export const DEFAULT_TOLERANCE = '10%';

// A labelled decimal number: "loss 0.1234", "accuracy: 91.2", "max difference: 3e-7". Integers
// and the numbers inside printed tensors are left to the text lines: they are usually exact.
const NUMBER = String.raw`[-+]?(?:\d+\.\d*|\.\d+|\d+(?:\.\d*)?[eE][-+]?\d+)(?:[eE][-+]?\d+)?`;
const LABELLED = new RegExp(String.raw`[A-Za-z_][\w )\]]*?[:=]?\s+(${NUMBER})`, 'g');
/** The capture group of a recorded `number.pattern`: any decimal number. */
export const NUMBER_CAPTURE = String.raw`([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)`;
const ANY_NUMBER = String.raw`[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?`;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the first labelled decimal of a line starts, or -1. */
function firstLabelledNumber(line: string): number {
  LABELLED.lastIndex = 0;
  const m = LABELLED.exec(line);
  return m ? m.index + m[0].length - m[1].length : -1;
}

export interface DetectedNumber {
  value: number;
  /** A `number.pattern` whose first group reads this number (other decimals on its line match any number). */
  pattern: string;
  /** The line it was found on. */
  line: string;
}

/** The last labelled decimal number of the text (the final loss, the accuracy): what a run is judged by. */
export function detectNumber(text: string): DetectedNumber | null {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    let last: RegExpExecArray | null = null;
    LABELLED.lastIndex = 0;
    for (let m = LABELLED.exec(line); m; m = LABELLED.exec(line)) last = m;
    if (!last) continue;
    const start = last.index + last[0].length - last[1].length;
    const value = Number(last[1]);
    if (!Number.isFinite(value)) continue;
    // The prefix is matched literally except for decimals in it, which change from run to run.
    const prefix = line.slice(0, start).replace(/^\s+/, '');
    let pattern = '';
    let at = 0;
    for (const d of prefix.matchAll(new RegExp(NUMBER, 'g'))) {
      pattern += escapeRe(prefix.slice(at, d.index)) + ANY_NUMBER;
      at = (d.index ?? 0) + d[0].length;
    }
    pattern += escapeRe(prefix.slice(at));
    // A prefix seen earlier too ("loss 0.9 … loss 0.1"): the checker reads the first match, so
    // the pattern asks for the last one.
    const first = text.match(new RegExp(pattern + NUMBER_CAPTURE));
    const full = first && Number(first[1]) !== value ? `${pattern}${NUMBER_CAPTURE}(?![\\s\\S]*${pattern}${ANY_NUMBER})` : pattern + NUMBER_CAPTURE;
    return { value, pattern: full, line };
  }
  return null;
}

/**
 * Parses a tolerance: "0.05" (absolute) or "10%" (of the value). Returns the half-width around
 * `value`, or null when the text is not a non-negative number.
 */
export function parseTolerance(tol: string, value: number): number | null {
  const t = tol.trim();
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || t === '%' || !Number.isFinite(n) || n < 0) return null;
  if (!pct) return n;
  return value === 0 ? n / 100 : (Math.abs(value) * n) / 100;
}

/** Rounds a bound to 6 significant digits, so 0.1 + 10 % reads 0.11 and not 0.11000000000000001. */
const tidy = (x: number) => Number(x.toPrecision(6));

/** `[min, max]` = value ± tolerance. */
export function boundsAround(value: number, tolerance: string): { min: number; max: number } | null {
  const h = parseTolerance(tolerance, value);
  return h === null ? null : { min: tidy(value - h), max: tidy(value + h) };
}

/** MIME types a run produced, less text/plain (checked through the text) and the static fallbacks saving adds. */
export function producedMimes(outputs: Output[]): string[] {
  const seen = new Set<string>();
  for (const o of outputs) {
    if (o.output_type !== 'display_data' && o.output_type !== 'execute_result') continue;
    const keys = Object.keys(o.data);
    const rich = keys.some((k) => k.startsWith('application/vnd.torchlit.'));
    for (const k of keys) if (k !== 'text/plain' && !(rich && (k === 'image/svg+xml' || k === 'text/html'))) seen.add(k);
  }
  return [...seen];
}

/** The text lines a recorded expectation asks for: non-blank, trimmed, each once; a changing decimal cuts its line. */
export function recordedLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    const cut = firstLabelledNumber(line);
    if (cut >= 0) line = line.slice(0, cut).trim();
    if (line && !out.includes(line)) out.push(line);
  }
  if (out.length <= MAX_RECORDED_LINES) return out;
  const head = Math.floor(MAX_RECORDED_LINES / 4);
  return [...out.slice(0, head), ...out.slice(out.length - (MAX_RECORDED_LINES - head))];
}

/**
 * The expectation "Expect this output" records from a cell's outputs: its text lines, the last
 * labelled number within ±`tolerance`, the rich MIME types. Met by that same run when it succeeded.
 */
export function recordExpect(outputs: Output[], tolerance = DEFAULT_TOLERANCE): CellExpect {
  const text = outputText(outputs.filter((o) => o.output_type !== 'error'));
  const e: CellExpect = {};
  const lines = recordedLines(text);
  if (lines.length) e.output_contains = lines;
  const n = detectNumber(text);
  const b = n && boundsAround(n.value, tolerance);
  if (n && b) e.number = { pattern: n.pattern, ...b };
  const mime = producedMimes(outputs);
  if (mime.length) e.mime = mime;
  return e;
}

/** The cell's `metadata.torchlit` with `expect` replaced (null removes it; an emptied `torchlit` goes too). */
export function torchlitWithExpect(cell: Cell, expect: CellExpect | null): Record<string, unknown> | undefined {
  const t = cell.metadata.torchlit;
  const rest = { ...(typeof t === 'object' && t !== null ? (t as Record<string, unknown>) : {}) };
  if (expect) rest.expect = expect;
  else delete rest.expect;
  return Object.keys(rest).length ? rest : undefined;
}

/** Drops empty lists and unset keys, so what is saved is what the editor shows. */
export function tidyExpect(e: CellExpect): CellExpect {
  const out: CellExpect = {};
  for (const [k, v] of Object.entries(e) as [keyof CellExpect, unknown][]) {
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
