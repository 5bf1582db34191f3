// Issue 9, "Output floods": 10^6 prints, one 50 MB string, 10,000 displays. The page keeps
// working (no main-thread task over 200 ms of CPU while the flood arrives and is shown), the output is
// capped with a visible "Show more" control, and the saved notebook stays bounded with a marker.
import { warmTest as test, expect } from './fixtures';
import type { Browser, Page } from '@playwright/test';
import type { NotebookPage } from './pages/NotebookPage';

/**
 * Starts recording the page's main-thread tasks two ways: the Long Tasks API in the page (wall
 * time, > 50 ms) and a Chrome trace of the renderer main thread, whose RunTask events carry the
 * thread's CPU time. This machine's 2 cores are shared with other test runs (load 10-20), so a
 * task that needs 10 ms of CPU can take 400 ms of wall time while the thread waits to be
 * scheduled (seen in traces: MinorGC 396 ms wall / 11 ms CPU). The bound is therefore asserted
 * on CPU time; the wall times are reported next to it.
 */
async function watchLongTasks(page: Page, browser: Browser) {
  await page.evaluate(() => {
    const w = window as any;
    w.__longtasks = [];
    w.__ltObserver?.disconnect();
    w.__ltObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push(e.duration);
    });
    w.__ltObserver.observe({ type: 'longtask' });
  });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  return async () => {
    // Let the last frames paint, and the observer deliver, before reading.
    await page.waitForTimeout(1000);
    const wall = await page.evaluate(() => {
      const w = window as any;
      w.__ltObserver.disconnect();
      return w.__longtasks as number[];
    });
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents as { name: string; pid: number; tid: number; dur?: number; tdur?: number; args?: any }[];
    const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
    const tasks = events.filter((e) => e.name === 'RunTask' && main.has(`${e.pid}/${e.tid}`));
    const cpu = tasks.map((e) => (e.tdur ?? 0) / 1000);
    return {
      longestWall: Math.max(0, ...wall),
      longWall: wall.length,
      longestCpu: Math.max(0, ...cpu),
      tasks: tasks.length,
      text: `longest main-thread task ${Math.max(0, ...cpu).toFixed(0)} ms CPU (${tasks.length} tasks), ${Math.max(0, ...wall).toFixed(0)} ms wall (${wall.length} long tasks by the Long Tasks API)`,
    };
  };
}

/** The saved copy of the open notebook (IndexedDB, as the app stores it). */
async function savedCell(page: Page, index: number) {
  return page.evaluate(
    ([i]) =>
      new Promise<{ outputs: unknown[]; bytes: number }>((resolve, reject) => {
        const id = location.hash.replace(/^#\/notebooks\//, '');
        const open = indexedDB.open('torchlit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('notebooks').objectStore('notebooks').get(id);
          req.onsuccess = () => {
            open.result.close();
            const nb = req.result.ipynb as { cells: { outputs: unknown[] }[] };
            resolve({ outputs: nb.cells[i].outputs, bytes: JSON.stringify(nb).length });
          };
          req.onerror = () => reject(req.error);
        };
      }),
    [index],
  );
}

async function flood(notebook: NotebookPage, browser: Browser, code: string) {
  const page = notebook.page;
  await notebook.waitForKernel();
  await notebook.typeInCell(0, code);
  const stop = await watchLongTasks(page, browser);
  const t0 = Date.now();
  await page.keyboard.press('Shift+Enter');
  await expect(notebook.cell(0)).toHaveAttribute('data-cell-status', 'done', { timeout: 90_000 });
  const ms = Date.now() - t0;
  return { ms, stop };
}

const text = (o: any) => (o.output_type === 'stream' ? o.text : String(o.data?.['text/plain'] ?? ''));
const joined = (o: any) => (Array.isArray(o) ? o.join('') : String(o));

test('10^6 prints: batched, capped with Show more and a marker, page responsive, saved file bounded', async ({ notebook, page, browser }) => {
  const { ms, stop } = await flood(notebook, browser, 'for (let i = 0; i < 1000000; i++) print(i);');
  const out = notebook.cell(0).locator('[data-stream="stdout"]');
  await expect(out.locator('pre').first()).toContainText('0\n1\n2\n');
  const more = out.getByRole('button', { name: /^Show more \([\d,]+ more lines, [\d,]+ characters hidden\)$/ });
  await expect(more).toBeVisible();
  // The summary line stays in view under the control.
  await expect(out.locator('.tl-text-tail')).toHaveText(/^… output truncated: [\d,]+ more lines \([\d,]+ characters\) were not kept$/);
  const tasks = await stop();
  const shownLines = async () => (await out.locator('pre').first().innerText()).split('\n').filter(Boolean).length;
  const before = await shownLines();
  // Show more reveals the next page.
  const stop2 = await watchLongTasks(page, browser);
  await more.click();
  await expect.poll(shownLines).toBeGreaterThan(before + 1000);
  const tasks2 = await stop2();
  console.log(`10^6 prints: cell done in ${ms} ms; ${tasks.text}; Show more: ${tasks2.text}; ${before} → ${await shownLines()} lines shown`);
  expect(tasks.longestCpu).toBeLessThan(200);
  expect(tasks.longestWall).toBeLessThan(5000); // only a sanity bound: wall time includes waiting for a core
  expect(tasks2.longestCpu).toBeLessThan(200);
  await notebook.saved();
  const saved = await savedCell(page, 0);
  const all = saved.outputs.map((o: any) => joined(o.text)).join('');
  expect(all.length).toBeLessThan(600_000);
  expect(all).toMatch(/… output truncated: [\d,]+ more lines \([\d,]+ characters\) were not kept\n$/);
  // What was kept is the start of the output, in order.
  expect(all.startsWith('0\n1\n2\n3\n')).toBe(true);
});

test('one 50 MB string, printed and as the result: capped, page responsive, saved file bounded', async ({ notebook, page, browser }) => {
  const { ms, stop } = await flood(notebook, browser, "const s = 'x'.repeat(50_000_000);\nprint(s);\ns");
  const stream = notebook.cell(0).locator('[data-stream="stdout"]');
  const result = notebook.cell(0).locator('.tl-result');
  await expect(stream.getByRole('button', { name: /^Show more/ })).toBeVisible();
  await expect(result.getByRole('button', { name: /^Show more/ })).toBeVisible();
  await expect(stream.locator('.tl-text-tail')).toHaveText("… output truncated at 500,000 characters: the rest of this run's output is not kept");
  // After the result, the end-of-run summary.
  await expect(notebook.cell(0).locator('[data-stream="stdout"]').last()).toHaveText('… output truncated: 1 more line (49,500,001 characters) were not kept');
  await expect(result.locator('.tl-text-tail')).toContainText(/output truncated: [\d,]+ more characters/);
  const tasks = await stop();
  console.log(`50 MB string: cell done in ${ms} ms; ${tasks.text}`);
  expect(tasks.longestCpu).toBeLessThan(200);
  expect(tasks.longestWall).toBeLessThan(5000); // only a sanity bound: wall time includes waiting for a core
  await notebook.saved();
  const saved = await savedCell(page, 0);
  expect(saved.bytes).toBeLessThan(1_200_000);
  expect(saved.outputs.map(text).join('')).toContain('output truncated');
});

test('10,000 displays: at most 500 kept, 50 shown, Show more pages, page responsive, saved file bounded', async ({ notebook, page, browser }) => {
  const { ms, stop } = await flood(notebook, browser, 'for (let i = 0; i < 10000; i++) display(i);');
  const outputs = notebook.cell(0).locator('.tl-outputs');
  await expect(outputs.locator('.tl-display')).toHaveCount(50);
  const more = outputs.getByRole('button', { name: 'Show 50 more outputs (451 hidden)' });
  await expect(more).toBeVisible();
  const tasks = await stop();
  const stop2 = await watchLongTasks(page, browser);
  await more.click();
  await expect(outputs.locator('.tl-display')).toHaveCount(100);
  await expect(outputs.getByRole('button', { name: 'Show 50 more outputs (401 hidden)' })).toBeVisible();
  const tasks2 = await stop2();
  console.log(`10,000 displays: cell done in ${ms} ms; ${tasks.text}; Show more: ${tasks2.text}`);
  expect(tasks.longestCpu).toBeLessThan(200);
  expect(tasks.longestWall).toBeLessThan(5000); // only a sanity bound: wall time includes waiting for a core
  expect(tasks2.longestCpu).toBeLessThan(200);
  await expect(outputs.locator('.tl-display').nth(99)).toHaveText('99');
  await notebook.saved();
  const saved = await savedCell(page, 0);
  // 500 displays and the marker (a stream), nothing else.
  expect(saved.outputs.length).toBe(501);
  expect(text(saved.outputs[499])).toBe('499');
  expect(joined((saved.outputs[500] as any).text)).toBe('… output truncated: 9,500 more displays were not kept (at most 500 per run)\n');
  expect(saved.bytes).toBeLessThan(200_000);
});

test('10^5 update_display calls on one display: coalesced, page responsive, the last value shown and saved', async ({ notebook, page, browser }) => {
  const { ms, stop } = await flood(notebook, browser, "const h = display('start', { display_id: 'counter' });\nfor (let i = 1; i <= 100000; i++) update_display(`value ${i}`, { display_id: 'counter' });");
  const shown = notebook.cell(0).locator('.tl-display');
  await expect(shown).toHaveCount(1);
  await expect(shown).toContainText('value 100000');
  const tasks = await stop();
  console.log(`10^5 update_display: cell done in ${ms} ms; ${tasks.text}`);
  expect(tasks.longestCpu).toBeLessThan(200);
  await notebook.saved();
  const saved = await savedCell(page, 0);
  expect(saved.outputs).toHaveLength(1);
  expect(text(saved.outputs[0])).toContain('value 100000');
});
