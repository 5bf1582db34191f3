// The version test of the output contract: a notebook saved with one output of every vendor MIME
// type (e2e/data/outputs-v1.ipynb, written by scripts/outputs-fixture.test.ts) still opens, every
// payload passes its guard, the registry picks the rich renderer for it, and the renderer draws
// it. When a v2 of a type comes, its stored notebook joins this list and v1 keeps passing.
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { readIpynb } from '../notebook/ipynb';
import type { NotebookDoc } from '../notebook/types';
import { MIME, outputGuards, type VendorMime } from '../protocol/outputs';
import { pickMime, rendererFor } from './registry';

const STORED = ['outputs-v1.ipynb'];

function open(name: string): NotebookDoc {
  const r = readIpynb(readFileSync(new URL(`../../e2e/data/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.doc;
}

/** What each renderer must show of the stored payload (its text, not only its frame). */
const SHOWS: Record<VendorMime, RegExp> = {
  [MIME.tensor]: /grad_fn=&lt;MulBackward0&gt;.*MulBackward0/s,
  [MIME.module]: /Sequential.*Linear.*in_features=1, out_features=4/s,
  [MIME.params]: /0\.weight.*2\.bias/s,
  [MIME.training]: /loss/,
  [MIME.progress]: /epochs/,
  // line and scatter plots are drawn by uPlot once mounted (e2e/saved-outputs.spec.ts); histograms as SVG bars
  [MIME.plot]: /data-kind="line,scatter"|data-kind="hist".*<svg/s,
};

describe.each(STORED)('a notebook saved with every vendor output (%s)', (name) => {
  const doc = open(name);
  const outputs = doc.cells.flatMap((c) => c.outputs).filter((o) => o.output_type === 'display_data' || o.output_type === 'execute_result');
  const vendor = Object.values(MIME) as string[];

  it('holds one of each vendor type', () => {
    const mimes = new Set(outputs.flatMap((o) => Object.keys(o.data).filter((m) => vendor.includes(m))));
    expect(mimes).toEqual(new Set(vendor));
  });

  it.each(outputs.map((o, i) => [i, o] as const))('output %i passes its guard and renders with the rich renderer', (_, o) => {
    const mime = Object.keys(o.data).find((m) => vendor.includes(m)) as VendorMime;
    expect(outputGuards[mime](o.data[mime]), mime).toBe(true);
    expect(pickMime(o.data)).toBe(mime);
    const html = renderToStaticMarkup(createElement(rendererFor(mime)!.component, { data: o.data[mime], bundle: o.data, metadata: o.metadata }));
    expect(html).toMatch(SHOWS[mime]);
  });
});
