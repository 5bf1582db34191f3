import { describe, expect, it } from 'vitest';
import { findMath } from './math-scan';

// The regular expression the scanner replaced (quadratic on unclosed `\[`): the scanner must
// find exactly what it found, in linear time.
const OLD = /(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`)|(\$\$[\s\S]+?\$\$)|(\\\[[\s\S]+?\\\])|(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])/g;
function oldMath(source: string) {
  const out: { start: number; end: number; tex: string; display: boolean }[] = [];
  for (const m of source.matchAll(OLD)) {
    if (m[1]) continue;
    const tex = m[2] ? m[2].slice(2, -2) : m[3] ? m[3].slice(2, -2) : m[4];
    out.push({ start: m.index!, end: m.index! + m[0].length, tex, display: Boolean(m[2] || m[3]) });
  }
  return out;
}

describe('findMath', () => {
  it('finds inline, display and bracket math and skips code', () => {
    const src = 'a $x^2$ b $$\\frac12$$ c \\[y\\] `$no$` ```\n$no$\n``` ~~~\n\\[no\\]\n~~~ $ no$ cost $5 and $6';
    expect(findMath(src).map((m) => m.tex)).toEqual(['x^2', '\\frac12', 'y']);
    expect(findMath(src)).toEqual(oldMath(src));
  });

  it('agrees with the old regular expression on random Markdown', () => {
    const atoms = ['$', '$$', '\\[', '\\]', '`', '```', '~~~', '~', 'a', ' ', '\n', '\\', 'x_1', '5'];
    let seed = 12345;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    for (let t = 0; t < 3000; t++) {
      let s = '';
      for (let k = rand(30); k > 0; k--) s += atoms[rand(atoms.length)];
      expect(findMath(s), JSON.stringify(s)).toEqual(oldMath(s));
    }
  });

  it('is linear on the freeze payloads (unclosed \\[, $$, fences, code spans)', () => {
    for (const unit of ['\\[a ', '$$a ', '```a ', '`a ', '$a ', '~~~a\n', '\\[a $$b ```c ']) {
      const big = unit.repeat(250_000); // about 1 MB: the old expression took minutes on \[a
      const t = performance.now();
      findMath(big);
      expect(performance.now() - t, unit).toBeLessThan(2000);
    }
  });
});
