// The tutorial notebooks as tests: the list (from notebooks/*.ipynb), opening one from the
// gallery, Run all, and checking every cell's `metadata.torchlit.expect` (notebooks/README.md).
// Used by tutorials.spec.ts (CPU) and tutorials-webgpu.spec.ts (the notebook device on WebGPU).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { readCells } from '../../scripts/notebook-test/page.mjs';

export interface Expect {
  output_contains?: string[];
  output_matches?: string[];
  number?: { pattern: string; min?: number; max?: number };
  mime?: string[];
  optional?: boolean;
}
export interface NbCell {
  cell_type: string;
  source: string | string[];
  metadata: { torchlit?: { expect?: Expect } };
}
export interface Tutorial {
  file: string;
  name: string;
  title: string;
  minutes: number;
  cells: NbCell[];
}

const dir = fileURLToPath(new URL('../../notebooks/', import.meta.url));
export const tutorials: Tutorial[] = readdirSync(dir)
  .filter((f) => f.endsWith('.ipynb'))
  .sort()
  .map((f) => {
    const nb = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    return { file: f, name: f.replace(/\.ipynb$/, ''), title: nb.metadata.torchlit.tutorial.title as string, minutes: nb.metadata.torchlit.tutorial.minutes as number, cells: nb.cells as NbCell[] };
  });

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens a tutorial from the start page's gallery; waits until it is shown, unrun, with an idle kernel. */
export async function openTutorial(page: Page, nb: Tutorial): Promise<void> {
  await page.goto('./');
  await page.getByRole('link', { name: new RegExp('^' + escapeRe(nb.title)) }).first().click();
  await expect(page.getByRole('toolbar', { name: 'Notebook' })).toBeVisible();
  await expect(page.locator('[data-cell-id]')).toHaveCount(nb.cells.length);
  // opened from the gallery: nothing has run
  await expect(page.locator('[data-cell-status="running"], [data-cell-status="queued"]')).toHaveCount(0);
  await expect(page.locator('[data-kernel-status]')).toHaveAttribute('data-kernel-status', 'idle', { timeout: 30_000 });
}

/** Clicks Run all and waits until no code cell is queued or running. */
export async function runAll(page: Page, timeoutMs: number): Promise<void> {
  // Run all saves a checkpoint before it queues the cells: on a loaded machine that takes long
  // enough for "nothing queued or running" to hold right after the click, before the run began
  // (the tutorials then failed with their second cell 'idle'). So the run must be seen starting.
  await page.evaluate(() => {
    const w = window as unknown as { __runStarted?: boolean };
    w.__runStarted = false;
    new MutationObserver((records, observer) => {
      for (const r of records) {
        const s = (r.target as Element).getAttribute('data-cell-status');
        if (s === 'queued' || s === 'running') {
          w.__runStarted = true;
          observer.disconnect();
          return;
        }
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-cell-status'] });
  });
  await page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Run all', exact: true }).click();
  await page.waitForFunction(() => (window as unknown as { __runStarted?: boolean }).__runStarted === true, null, { timeout: 60_000 });
  const t0 = Date.now();
  await expect(page.locator('[data-cell-type="code"][data-cell-status="queued"], [data-cell-type="code"][data-cell-status="running"]')).toHaveCount(0, { timeout: timeoutMs });
  // Where the time went (npm test's slowest-tests list points here): the three slowest cells.
  const took = await page.locator('[data-cell-type="code"]').evaluateAll((els) => els.map((el, i) => [i, el.querySelector('.tl-cell-status')?.textContent ?? ''] as const));
  const ms = (t: string) => (/ in ([\d.]+) (ms|s)$/.exec(t) ? Number(RegExp.$1) * (RegExp.$2 === 's' ? 1000 : 1) : 0);
  const slow = took.filter(([, t]) => ms(t)).sort((a, b) => ms(b[1]) - ms(a[1])).slice(0, 3);
  console.log(`Run all: ${((Date.now() - t0) / 1000).toFixed(1)} s; slowest code cells: ${slow.map(([i, t]) => `#${i} ${t}`).join(', ')}`);
}

/** What a cell printed (its stream outputs), as shown. */
export async function printed(page: Page, index: number): Promise<string> {
  return (await page.locator('[data-cell-id]').nth(index).locator('[data-stream]').allInnerTexts()).join('\n');
}

/**
 * Every code cell finished (unless optional) and meets its expectations, as the app judges them.
 * `replaced`: cells whose source the test edited; their lesson expectations do not apply, the
 * given ones are checked against what they printed instead.
 */
export async function checkExpectations(page: Page, nb: Tutorial, replaced: Record<number, Pick<Expect, 'output_contains'>> = {}): Promise<void> {
  const cells = page.locator('[data-cell-id]');
  // as `torchlit test` reads them (scripts/notebook-test/page.mjs): status, the app's verdict and its words
  const shown = await readCells(page);
  for (const [i, c] of nb.cells.entries()) {
    if (c.cell_type !== 'code') continue;
    const cell = cells.nth(i);
    const e = c.metadata.torchlit?.expect;
    const label = `cell ${i} of ${nb.file}`;
    if (!e?.optional) {
      const status = await cell.getAttribute('data-cell-status');
      if (status !== 'done') throw new Error(`${label}: ${status}: ${await cell.innerText()}`);
    }
    if (replaced[i]) {
      const text = await printed(page, i);
      for (const s of replaced[i].output_contains ?? []) expect(text, `${label} (edited)`).toContain(s);
      continue;
    }
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
    if (shown[i].verdict !== 'met') throw new Error(`${label}: expectations not met (${shown[i].problems.join('; ')}): ${await cell.innerText()}`);
  }
}

/** Where the notebook trains with monitor(), the training view shows every epoch's histograms. */
export async function checkTrainingViews(page: Page): Promise<void> {
  for (const view of await page.locator('section.tl-training').all()) {
    await expect(view).toBeVisible();
    // on WebGPU the last epochs' readbacks land after the cell: the view says done once they are in
    await expect(view).toHaveAttribute('data-done', 'true', { timeout: 90_000 }); // SwiftShader's readbacks under a loaded CI box
    const epochs = Number(await view.getAttribute('data-epochs'));
    expect(epochs).toBeGreaterThan(0);
    for (const card of await view.locator('[data-param][data-requires-grad="true"]').all()) expect(Number(await card.getAttribute('data-hist-count'))).toBe(Math.min(epochs, 200));
  }
}
