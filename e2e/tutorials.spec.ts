// Every tutorial in notebooks/ is a test: open it from the gallery as a learner would, Run all,
// and check that no cell failed and that every cell's `metadata.torchlit.expect` holds
// (notebooks/README.md documents the schema). The app shows the same verdict per cell.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

interface Expect {
  output_contains?: string[];
  output_matches?: string[];
  number?: { pattern: string; min?: number; max?: number };
  mime?: string[];
  optional?: boolean;
}
interface NbCell {
  cell_type: string;
  source: string | string[];
  metadata: { torchlit?: { expect?: Expect } };
}

const dir = fileURLToPath(new URL('../notebooks/', import.meta.url));
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith('.ipynb'))
  .map((f) => {
    const nb = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    return { file: f, name: f.replace(/\.ipynb$/, ''), title: nb.metadata.torchlit.tutorial.title as string, minutes: nb.metadata.torchlit.tutorial.minutes as number, cells: nb.cells as NbCell[] };
  });

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const nb of notebooks) {
  test(`tutorial "${nb.title}" runs end to end and meets its expectations`, async ({ page, start }) => {
    test.setTimeout(Math.max(4, nb.minutes * 3) * 60_000);
    await start.goto();
    await page.getByRole('link', { name: new RegExp('^' + escapeRe(nb.title)) }).first().click();
    const toolbar = page.getByRole('toolbar', { name: 'Notebook' });
    await expect(toolbar).toBeVisible();
    const cells = page.locator('[data-cell-id]');
    await expect(cells).toHaveCount(nb.cells.length);
    // opened from the gallery: nothing has run
    await expect(page.locator('[data-cell-status="running"], [data-cell-status="queued"]')).toHaveCount(0);
    await expect(page.locator('[data-kernel-status]')).toHaveAttribute('data-kernel-status', 'idle', { timeout: 30_000 });

    await toolbar.getByRole('button', { name: 'Run all', exact: true }).click();
    await expect(page.locator('[data-cell-type="code"][data-cell-status="queued"], [data-cell-type="code"][data-cell-status="running"]')).toHaveCount(0, { timeout: Math.max(3, nb.minutes * 3) * 60_000 - 30_000 });

    for (const [i, c] of nb.cells.entries()) {
      if (c.cell_type !== 'code') continue;
      const cell = cells.nth(i);
      const e = c.metadata.torchlit?.expect;
      const label = `cell ${i} of ${nb.file}`;
      if (!e?.optional) await expect(cell, label).toHaveAttribute('data-cell-status', 'done');
      if (!e) continue;
      // Text expectations are checked against what the kernel sent (text/plain), which rich
      // renderers draw differently: the app's verdict (`data-expect`, below) is that check.
      // Numbers the lessons bound are printed, so what the learner reads is checked here too.
      if (e.number) {
        const streams = (await cell.locator('[data-stream]').allInnerTexts()).join('\n');
        const m = streams.match(new RegExp(e.number.pattern));
        expect(m, `${label}: /${e.number.pattern}/ in its printed output`).not.toBeNull();
        const v = Number(m![1]);
        if (e.number.min !== undefined) expect(v, label).toBeGreaterThanOrEqual(e.number.min);
        if (e.number.max !== undefined) expect(v, label).toBeLessThanOrEqual(e.number.max);
      }
      for (const mime of e.mime ?? []) await expect(cell.locator(`[data-mime="${mime}"]`).first(), `${label}: a ${mime} output`).toBeVisible();
      // the app's verdict on the lesson's expectations (text, numbers, MIME types)
      const verdict = await cell.getAttribute('data-expect');
      if (verdict !== 'met') throw new Error(`${label}: expectations not met: ${await cell.innerText()}`);
    }

    // where the notebook trains with monitor(), the training view shows every epoch's histograms
    for (const view of await page.locator('section.tl-training').all()) {
      await expect(view).toBeVisible();
      const epochs = Number(await view.getAttribute('data-epochs'));
      expect(epochs).toBeGreaterThan(0);
      for (const card of await view.locator('[data-param][data-requires-grad="true"]').all())
        expect(Number(await card.getAttribute('data-hist-count'))).toBe(Math.min(epochs, 200));
    }
  });
}
