// The programs learners write after the seed lesson (golden/lessons.json, from scripts/golden/lessons.py),
// compared value by value with PyTorch 1.13: forward values, gradients, parameters after optimiser steps,
// dtypes, shapes, grad_fn names, printed forms and errors (class and first line). The TypeScript programs
// are in lessons_basics.ts, lessons_book.ts and lessons_qa.ts, under the same ids.
import { describe, expect, it } from 'vitest';
import golden from './golden/lessons.json';
import { Tensor } from '../tensor';
import { Size } from '../size';
import { decodeNumber, type Encoded } from './harness';
import type { Lesson } from './lessons_io';
import { BASICS } from './lessons_basics';
import { BOOK } from './lessons_book';
import { QA } from './lessons_qa';
import { MORE } from './lessons_more';

const LESSONS: Record<string, Lesson> = { ...BASICS, ...BOOK, ...QA, ...MORE };
const cases = golden.cases as unknown as Record<string, Record<string, unknown>>;

/** Tolerance for float32 values; long training runs get their own (float32 sums differ in order). */
const TOL: Record<string, { rtol: number; atol: number }> = {
  book_thermometer_autograd: { rtol: 2e-3, atol: 1e-3 },
  book_thermometer_optim_split: { rtol: 2e-3, atol: 1e-3 },
  book_thermometer_manual: { rtol: 1e-3, atol: 1e-4 },
};
const DEFAULT_TOL = { rtol: 2e-4, atol: 2e-5 };

function close(a: number, b: number, tol: { rtol: number; atol: number }): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b);
}

/** Every difference between the recorded value `got` and PyTorch's `want`, with its path. */
function diff(got: unknown, want: unknown, path: string, tol: { rtol: number; atol: number }, out: string[]): void {
  if (want !== null && typeof want === 'object' && '$t' in want) {
    const w = want as { $t: Encoded; grad_fn: string | null; requires_grad: boolean };
    if (!(got instanceof Tensor)) return void out.push(`${path}: expected a tensor, got ${String(got)}`);
    if (JSON.stringify([...got.shape]) !== JSON.stringify(w.$t.shape)) return void out.push(`${path}: shape [${[...got.shape]}], PyTorch's [${w.$t.shape}]`);
    if (String(got.dtype) !== `torch.${w.$t.dtype}`) out.push(`${path}: dtype ${String(got.dtype)}, PyTorch's torch.${w.$t.dtype}`);
    const g = got.detach().reshape(-1).cpu_tolist() as (number | boolean)[];
    const bad = w.$t.data.findIndex((x, i) => (typeof x === 'boolean' ? g[i] !== x : !close(Number(g[i]), decodeNumber(x as number | string), tol)));
    if (bad >= 0) out.push(`${path}: value [${bad}] ${String(g[bad])}, PyTorch's ${String(w.$t.data[bad])} (got ${JSON.stringify(g.slice(0, 8))}…, want ${JSON.stringify(w.$t.data.slice(0, 8))}…)`);
    const fn = got.grad_fn ? got.grad_fn.name() : null;
    if (fn !== w.grad_fn) out.push(`${path}: grad_fn ${fn}, PyTorch's ${w.grad_fn}`);
    if (got.requires_grad !== w.requires_grad) out.push(`${path}: requires_grad ${got.requires_grad}, PyTorch's ${w.requires_grad}`);
    return;
  }
  if (want !== null && typeof want === 'object' && '$size' in want) {
    const s = (want as { $size: number[] }).$size;
    if (!(got instanceof Size) && !Array.isArray(got)) return void out.push(`${path}: expected torch.Size(${JSON.stringify(s)}), got ${String(got)}`);
    if (JSON.stringify([...(got as number[])]) !== JSON.stringify(s)) out.push(`${path}: ${String(got)}, PyTorch's torch.Size(${JSON.stringify(s)})`);
    return;
  }
  if (want !== null && typeof want === 'object' && '$error' in want) {
    const w = (want as { $error: { name: string; message: string } }).$error;
    const g = got as { $error?: { name: string; message: string } } | null;
    if (!g || !g.$error) return void out.push(`${path}: no error, PyTorch raises ${w.name}: ${w.message}`);
    if (g.$error.name !== w.name || g.$error.message !== w.message) out.push(`${path}: ${g.$error.name}: ${g.$error.message}\n      PyTorch: ${w.name}: ${w.message}`);
    return;
  }
  if (Array.isArray(want)) {
    const g = got instanceof Tensor || got === null || got === undefined ? null : [...(got as Iterable<unknown>)];
    if (!g || g.length !== want.length) return void out.push(`${path}: ${String(got)} (length ${g?.length}), PyTorch's length ${want.length}`);
    want.forEach((w, i) => diff(g[i], w, `${path}[${i}]`, tol, out));
    return;
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object') return void out.push(`${path}: ${String(got)}, PyTorch's an object`);
    const g = got instanceof Map ? Object.fromEntries(got) : (got as Record<string, unknown>);
    for (const k of Object.keys(want)) diff(g[k], (want as Record<string, unknown>)[k], `${path}.${k}`, tol, out);
    return;
  }
  if (typeof want === 'number' || want === 'nan' || want === 'inf' || want === '-inf') {
    const w = decodeNumber(want as number | string);
    if (typeof got !== 'number' || !close(got, w, tol)) out.push(`${path}: ${String(got)}, PyTorch's ${String(want)}`);
    return;
  }
  if (got !== want) out.push(`${path}: ${JSON.stringify(got)}, PyTorch's ${JSON.stringify(want)}`);
}

describe('lesson programs as PyTorch (golden/lessons.json)', () => {
  it('every golden program has a TypeScript twin', () => {
    expect(Object.keys(LESSONS).sort()).toEqual(Object.keys(cases).sort());
  });
  for (const [id, want] of Object.entries(cases)) {
    it(id, async () => {
      const f = LESSONS[id];
      if (!f) throw new Error(`no TypeScript program ${id}`);
      const { $current, ...values } = want as Record<string, unknown> & { $current?: Record<string, unknown> };
      const got = await f();
      const out: string[] = [];
      const expected = { ...values, ...($current ?? {}) };
      expect(Object.keys(got).sort(), 'recorded names').toEqual(Object.keys(expected).sort());
      for (const [k, w] of Object.entries(expected)) diff(got[k], w, k, TOL[id] ?? DEFAULT_TOL, out);
      expect(out, out.join('\n')).toEqual([]);
    });
  }
});
