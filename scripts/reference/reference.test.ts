// The reference is generated from the code (a stale docs/reference fails here), and every example
// in it runs through the real kernel runtime with its expected output (scripts/reference/doctest.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import pages from '../../app/help/reference.generated.json';
import { Doctester, parseExample } from './doctest';
import { render, stale } from './generate';
import type { RefPage } from './extract';

describe('the reference', () => {
  it('is up to date with the code (else: npm run docs:reference)', { timeout: 240_000 }, () => {
    expect(stale(render())).toEqual([]);
  });

  it('names no folder of this checkout (a clone elsewhere generates the same files)', () => {
    // session 8's `typeof import("/work/main/…")` passed here and was stale in CI's clean clone
    const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
    expect(JSON.stringify(pages)).not.toContain(root);
  });

  it('reads expected output under an example', () => {
    expect(parseExample("print('a');\n// a")).toEqual({ code: "print('a');", expected: ['a'] });
    expect(parseExample('t.shape // torch.Size([2, 3])')).toEqual({ code: 't.shape', expected: ['torch.Size([2, 3])'] });
    expect(parseExample('const x = 1;')).toEqual({ code: 'const x = 1;', expected: null });
  });
});

// One kernel for every example: a runtime installs the cell globals (print, display, …) on the
// global object, so a second runtime would take them over.
const d = new Doctester();
afterAll(() => d.dispose());

describe('reference examples (doctests)', () => {
  for (const p of pages as RefPage[])
    for (const e of p.entries)
      e.examples.forEach((ex, i) => {
        it(`${e.name}${e.examples.length > 1 ? ` #${i + 1}` : ''}`, async () => {
          const r = await d.check(ex);
          expect(r.problem ?? null, ex).toBeNull();
        });
      });
});

describe('the README examples', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  it('has TypeScript examples', () => expect(blocks.length).toBeGreaterThan(1));
  blocks.forEach((code, i) => {
    it(`block ${i + 1} runs in a cell`, async () => {
      // run only: README blocks annotate values in comments (random weights differ per run)
      const r = await d.check(code.replace(/(^|\s)\/\/ .*$/gm, ''));
      expect(r.problem ?? null, code).toBeNull();
    });
  });
});
