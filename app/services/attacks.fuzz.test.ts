// The attack payloads of issue 22, hole 6 (opening content that froze the tab), fuzzed: Markdown
// built from the fragments that drove the old math regex quadratic (`\[a ` repeated, unclosed
// `$`, fences and code spans), and notebooks of up to 20,000 cells carrying them, with outputs
// up to a few MB. Promises: finding the math is linear (each case well under 1 s of CPU, for up
// to ~1 MB of Markdown) and returns ordered, non-overlapping spans inside the text; a notebook of
// these opens through the import path in under 1 s of CPU, valid, with unique cell ids.
// (The HTML/SVG/overlay corpus needs a DOM: e2e/attacks-render.spec.ts and sanitize.browser.test.ts.)
// ATTACK cases: 20 in `npm test`, FUZZ_RUNS / 200 in `npm run fuzz` (500).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findMath } from '../renderers/math-scan';
import { parseIpynb, writeIpynb } from '../notebook/ipynb';
import { isValidCellId } from '../notebook/ids';

const RUNS = Math.max(20, Math.round(Number(process.env.FUZZ_RUNS ?? 1000) / 200));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const FRAGMENTS = ['\\[a ', '\\[', '\\]', '\\(', '\\)', '$', '$$', '$x$', '`', '```', '~~~', '\n', ' ', 'a', '_', '*', '\\', '<b>', '</b>', '# ', '\\frac{1}{2}', '{', '}'];
/** Markdown made of attack fragments: a few repeated many times (the freeze), or mixed. */
const markdownText = fc.oneof(
  fc.tuple(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 250_000 })).map(([parts, n]) => parts.join('').repeat(Math.ceil(n / parts.length))),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 5000 }).map((p) => p.join('')),
);

const cpuMs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

describe('attack fuzzer (issue 22, hole 6)', () => {
  it(`${RUNS} Markdown attack texts: the math scan is linear and its spans are sane`, () => {
    let slowest = 0;
    let largest = 0;
    fc.assert(
      fc.property(markdownText, (text) => {
        let spans: ReturnType<typeof findMath> = [];
        const ms = cpuMs(() => (spans = findMath(text)));
        slowest = Math.max(slowest, ms);
        largest = Math.max(largest, text.length);
        expect(ms).toBeLessThan(1000);
        // (plain checks: an expect per span costs more than the scan)
        let at = 0;
        for (const s of spans) {
          const ok = s.start >= at && s.end > s.start && s.end <= text.length && text.slice(s.start, s.end).includes(s.tex);
          if (!ok) throw new Error(`bad span ${JSON.stringify(s)} after ${at} in a text of ${text.length}`);
          at = s.end;
        }
      }),
      { numRuns: RUNS * 5, seed: SEED, endOnFailure: true },
    );
    console.log(`math scan fuzz: ${RUNS * 5} texts up to ${(largest / 1e6).toFixed(2)} M chars; slowest ${slowest.toFixed(0)} ms CPU`);
  }, 120_000 + RUNS * 500);

  it(`${RUNS} notebooks of up to 20,000 attack cells open in under 1 s of CPU each`, () => {
    const cell = (i: number, kind: number, md: string, outputBytes: number) =>
      kind === 0
        ? { id: `m${i}`, cell_type: 'markdown', source: md, metadata: {} }
        : {
            id: kind === 2 ? 'dup' : `c${i}`,
            cell_type: 'code',
            source: `const x${i} = ${i};`,
            metadata: {},
            execution_count: null,
            outputs: outputBytes ? [{ output_type: 'display_data', data: { 'text/html': '<b>x</b>'.repeat(outputBytes >> 3), 'image/svg+xml': `<svg xmlns="http://www.w3.org/2000/svg">${'<rect/>'.repeat(outputBytes >> 4)}</svg>` }, metadata: {} }] : [],
          };
    const notebook = fc.record({
      cells: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 300 }) }, { weight: 1, arbitrary: fc.integer({ min: 300, max: 20_000 }) }),
      md: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 200 }).map((p) => p.join('')),
      kinds: fc.array(fc.constantFrom(0, 1, 1, 1, 2), { minLength: 1, maxLength: 10 }),
      big: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 4_000_000 }) }),
    });
    let slowest = 0;
    fc.assert(
      fc.property(notebook, ({ cells, md, kinds, big }) => {
        const text = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: Array.from({ length: cells }, (_, i) => cell(i, kinds[i % kinds.length], md, i === 0 ? big : 0)) });
        let parsed: ReturnType<typeof parseIpynb> | null = null;
        const ms = cpuMs(() => (parsed = parseIpynb(text)));
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(1000);
        const doc = parsed!.doc;
        expect(doc.cells).toHaveLength(cells);
        const ids = doc.cells.map((c) => c.id);
        expect(ids.every(isValidCellId)).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        writeIpynb(doc);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`attack notebooks fuzz: ${RUNS} notebooks; slowest import ${slowest.toFixed(0)} ms CPU`);
  }, 120_000 + RUNS * 2000);
});
