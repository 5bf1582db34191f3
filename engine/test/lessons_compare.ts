// How a lesson program's recorded values are compared with PyTorch's (a golden lessons*.json file
// from scripts/golden/lessons.py): tensors by shape, dtype, values within a tolerance, grad_fn and
// requires_grad; sizes, errors (class and first line), arrays, objects and numbers in between.
// `lessonSuite` is the whole test of one family (lessons.test.ts, and the later families' files).
import { describe, expect, it } from 'vitest';
import { Tensor } from '../tensor';
import { Size } from '../size';
import { decodeNumber, type Encoded } from './harness';
import type { Lesson } from './lessons_io';

export type Tolerance = { rtol: number; atol: number };
export const DEFAULT_TOL: Tolerance = { rtol: 2e-4, atol: 2e-5 };


export function close(a: number, b: number, tol: Tolerance): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b);
}

/** Every difference between the recorded value `got` and PyTorch's `want`, with its path. */
export function diff(got: unknown, want: unknown, path: string, tol: Tolerance, out: string[]): void {
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

/**
 * One family's test: every case of `golden` has a TypeScript twin in `lessons` that returns the same
 * names with the same values (`tol[id]` for long training runs, whose float32 sums differ in order).
 */
export function lessonSuite(title: string, golden: { cases: unknown }, lessons: Record<string, Lesson>, tol: Record<string, Tolerance> = {}): void {
  const cases = golden.cases as Record<string, Record<string, unknown>>;
  describe(title, () => {
    it('every golden program has a TypeScript twin', () => {
      expect(Object.keys(lessons).sort()).toEqual(Object.keys(cases).sort());
    });
    for (const [id, want] of Object.entries(cases)) {
      it(id, async () => {
        const f = lessons[id];
        if (!f) throw new Error(`no TypeScript program ${id}`);
        const { $current, ...values } = want as Record<string, unknown> & { $current?: Record<string, unknown> };
        const got = await f();
        const out: string[] = [];
        const expected = { ...values, ...($current ?? {}) };
        expect(Object.keys(got).sort(), 'recorded names').toEqual(Object.keys(expected).sort());
        for (const [k, w] of Object.entries(expected)) diff(got[k], w, k, tol[id] ?? DEFAULT_TOL, out);
        expect(out, out.join('\n')).toEqual([]);
      });
    }
  });
}
