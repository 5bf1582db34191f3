// Driving the real app in a Playwright page: what `torchlit test` and the tutorial e2e tests
// (e2e/pages/tutorials.ts) share. The verdict on a cell's expectations is the app's own
// (app/notebook/expect.ts, shown as the cell's `data-expect` and its ✓/✗ badge's title), so a
// notebook passes here exactly when a learner running it sees every cell "as expected".

const BUSY = '[data-cell-type="code"][data-cell-status="queued"], [data-cell-type="code"][data-cell-status="running"]';

/** "done in 1.23 s" / "error after 120 ms" (the cell's status line) → milliseconds, or null. */
export function parseDuration(statusText) {
  const m = /(?:done in|error after) ([\d.]+) (ms|s)\b/.exec(statusText ?? '');
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : null;
}

/**
 * Every cell as the app shows it: { type, status, ran, verdict: 'met'|'unmet'|null, problems,
 * ms }. `problems` are the app's words for an unmet expectation.
 */
export async function readCells(page) {
  const raw = await page.locator('[data-cell-id]').evaluateAll((els) =>
    els.map((el) => {
      const badge = el.querySelector('.tl-verdict');
      return {
        type: el.getAttribute('data-cell-type'),
        status: el.getAttribute('data-cell-status'),
        ran: !el.hasAttribute('data-not-run'),
        verdict: el.getAttribute('data-expect'),
        problems: badge && el.getAttribute('data-expect') === 'unmet' ? (badge.getAttribute('title') ?? '') : '',
        statusText: el.querySelector('.tl-cell-status')?.textContent ?? '',
      };
    }),
  );
  return raw.map((c) => ({ ...c, problems: c.problems ? c.problems.split('; ') : [], ms: parseDuration(c.statusText) }));
}

/** Waits until the notebook is shown with `cellCount` cells and an idle kernel; throws with what the page shows otherwise. */
export async function waitForNotebook(page, cellCount, timeoutMs = 60_000) {
  try {
    await page.getByRole('toolbar', { name: 'Notebook' }).waitFor({ timeout: timeoutMs });
    await page.waitForFunction((n) => document.querySelectorAll('[data-cell-id]').length === n, cellCount, { timeout: timeoutMs });
    await page.locator('[data-kernel-status="idle"]').waitFor({ timeout: timeoutMs });
  } catch (e) {
    const shown = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
    throw new Error(`the app did not show the notebook ready to run (${String(e.message).split('\n')[0]}); the page shows: ${shown}`);
  }
}

/** Picks the notebook's device in the toolbar (the kernel restarts on it). */
export async function selectDevice(page, device, timeoutMs = 30_000) {
  const menu = page.getByRole('combobox', { name: 'Device' });
  // the menu offers WebGPU once the kernel has found an adapter
  await page.waitForFunction((d) => [...document.querySelectorAll('select option')].some((o) => o.value === d && !o.disabled), device, { timeout: timeoutMs }).catch(() => {
    throw new Error(`the device "${device}" is not available in this browser (the app's Device menu does not offer it)`);
  });
  await menu.selectOption(device);
  await page.locator(`[data-kernel-status][data-backend="${device}"]`).waitFor({ timeout: timeoutMs });
  await page.locator('[data-kernel-status="idle"]').waitFor({ timeout: timeoutMs });
}

/**
 * Clicks Run all and waits until no code cell is queued or running and the run is over: every
 * code cell ran, or one failed and stopped it, or nothing changed for a second (empty cells).
 */
export async function runAllAndWait(page, { pollMs = 200, startMs = 10_000 } = {}) {
  // Run all saves a checkpoint before it queues the cells, which can take seconds on a loaded
  // machine: the run counts as over only once it was seen starting (or after `startMs` without
  // a start: a notebook with nothing to run).
  await page.evaluate(() => {
    window.__torchlitRunStarted = false;
    new MutationObserver((records, observer) => {
      for (const r of records) {
        const s = r.target.getAttribute('data-cell-status');
        if (s === 'queued' || s === 'running') {
          window.__torchlitRunStarted = true;
          observer.disconnect();
          return;
        }
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-cell-status'] });
  });
  const clicked = Date.now();
  await page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Run all', exact: true }).click();
  let idlePolls = 0;
  for (;;) {
    await page.waitForTimeout(pollMs);
    const started = await page.evaluate(() => window.__torchlitRunStarted === true);
    if (!started && Date.now() - clicked < startMs) continue;
    const st = await page.locator('[data-cell-type="code"]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-cell-status'), !el.hasAttribute('data-not-run')]));
    const busy = st.some(([s]) => s === 'queued' || s === 'running');
    if (busy) {
      idlePolls = 0;
      continue;
    }
    const stopped = st.some(([s, ran]) => ran && (s === 'error' || s === 'interrupted'));
    if (st.every(([, ran]) => ran) || stopped || ++idlePolls >= Math.ceil(1000 / pollMs)) return;
  }
}

export { BUSY };

/** Download .ipynb from the toolbar: the notebook with its new outputs, as the app saves it. */
export async function downloadNotebook(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Download .ipynb', exact: true }).click()]);
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}
