// Tutorial expectations (`metadata.torchlit.expect`, documented in notebooks/README.md): what a
// correct run of a cell produces. The same check tells a learner whether their run met the lesson
// and lets the end-to-end tests run every tutorial as a test.
import type { Output } from './types';

export interface CellExpect {
  output_contains?: string[];
  output_matches?: string[];
  number?: { pattern: string; min?: number; max?: number };
  mime?: string[];
  optional?: boolean;
}

export interface ExpectResult {
  met: boolean;
  /** What differed, in words a learner can read. */
  failures: string[];
}

const isStrArr = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The expectation of a cell, or null when it has none (malformed entries are ignored, not thrown). */
export function readExpect(metadata: Record<string, unknown> | undefined): CellExpect | null {
  const e = (metadata?.torchlit as { expect?: unknown } | undefined)?.expect;
  if (!e || typeof e !== 'object' || Array.isArray(e)) return null;
  const r = e as Record<string, unknown>;
  const out: CellExpect = {};
  if (isStrArr(r.output_contains)) out.output_contains = r.output_contains;
  if (isStrArr(r.output_matches)) out.output_matches = r.output_matches;
  if (Array.isArray(r.mime) && isStrArr(r.mime)) out.mime = r.mime;
  const n = r.number as Record<string, unknown> | undefined;
  if (n && typeof n.pattern === 'string')
    out.number = { pattern: n.pattern, ...(typeof n.min === 'number' ? { min: n.min } : {}), ...(typeof n.max === 'number' ? { max: n.max } : {}) };
  if (r.optional === true) out.optional = true;
  return out;
}

/** The text a learner sees from a cell: stream text and the text/plain of results and displays. */
export function outputText(outputs: readonly Output[]): string {
  return outputs
    .map((o) => {
      if (o.output_type === 'stream') return o.text;
      if (o.output_type === 'error') return `${o.ename}: ${o.evalue}`;
      const t = o.data['text/plain'];
      return typeof t === 'string' ? t : Array.isArray(t) ? t.join('') : '';
    })
    .join('\n');
}

export function checkExpect(expect: CellExpect, outputs: readonly Output[]): ExpectResult {
  const failures: string[] = [];
  const err = outputs.find((o) => o.output_type === 'error');
  if (err && err.output_type === 'error' && !expect.optional) failures.push(`the cell raised ${err.ename}: ${err.evalue}`);
  const text = outputText(outputs);
  for (const s of expect.output_contains ?? []) if (!text.includes(s)) failures.push(`expected the output to contain “${s}”`);
  for (const re of expect.output_matches ?? []) {
    let ok = false;
    try {
      ok = new RegExp(re).test(text);
    } catch {
      failures.push(`invalid pattern in expect: ${re}`);
      continue;
    }
    if (!ok) failures.push(`expected the output to match /${re}/`);
  }
  if (expect.number) {
    let m: RegExpMatchArray | null = null;
    try {
      m = text.match(new RegExp(expect.number.pattern));
    } catch {
      failures.push(`invalid pattern in expect: ${expect.number.pattern}`);
    }
    const v = m?.[1] !== undefined ? Number(m[1]) : NaN;
    const { min, max } = expect.number;
    if (!m) failures.push(`expected a value matching /${expect.number.pattern}/`);
    else if (!Number.isFinite(v)) failures.push(`expected a number, got “${m[1]}”`);
    else if ((min !== undefined && v < min) || (max !== undefined && v > max))
      failures.push(`expected ${v} to be ${min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`}`);
  }
  const mimes = new Set(outputs.flatMap((o) => (o.output_type === 'display_data' || o.output_type === 'execute_result' ? Object.keys(o.data) : [])));
  for (const m of expect.mime ?? []) if (!mimes.has(m)) failures.push(`expected an output of type ${m}`);
  return { met: failures.length === 0, failures };
}
