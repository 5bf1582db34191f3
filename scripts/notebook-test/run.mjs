// `torchlit test`: each notebook runs in headless Chromium through the real app, served by
// scripts/serve.mjs on two origins (the kernel frame on its own, as a user gets it), each in its
// own browser context, `workers` at a time; a notebook is stopped at the timeout and reported.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { CHROMIUM_ARGS } from './chromium.mjs';
import { comparesOutput, compareText, hasStoredRun, storedText } from './compare.mjs';
import { downloadNotebook, readCells, runAllAndWait, selectDevice, waitForNotebook } from './page.mjs';
import { seconds } from './report.mjs';

export { CHROMIUM_ARGS };

const portFree = (port) =>
  new Promise((res) => {
    const s = createServer().once('error', () => res(false));
    s.listen(port, 'localhost', () => s.close(() => res(true)));
  });

/** Two free neighbouring ports (the app on p, the kernel frame on p + 1). */
export async function freePortPair() {
  for (let i = 0; i < 50; i++) {
    const p = 20_000 + Math.floor(Math.random() * 40_000);
    if ((await portFree(p)) && (await portFree(p + 1))) return p;
  }
  throw new Error('no two free neighbouring ports found for the app and its kernel frame');
}

const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? ''));
const labelOf = (cell) => {
  const line = sourceOf(cell).split('\n').find((l) => l.trim()) ?? '';
  return line.length > 60 ? line.slice(0, 57).trimEnd() + '…' : line.trim();
};
const hasExpect = (cell) => typeof cell.metadata?.torchlit?.expect === 'object' && cell.metadata.torchlit.expect !== null;

/**
 * One code cell's result from what the app showed (`shown`, page.mjs readCells), the stored cell
 * and the cell as downloaded after the run (null when there is no download).
 */
export function judgeCell(index, stored, shown, fresh, opts, stoppedNote = null) {
  const r = { index, label: labelOf(stored), ms: shown?.ms ?? null, ok: true, status: shown?.status ?? 'missing', problems: [], diffs: [], note: null };
  if (!shown || !shown.ran) {
    r.ok = false;
    r.status = 'not run';
    r.note = stoppedNote ?? 'an earlier cell failed or the run stopped';
    return r;
  }
  if (shown.status === 'running' || shown.status === 'queued') {
    r.ok = false;
    r.note = stoppedNote;
    return r;
  }
  if (hasExpect(stored)) {
    // the app's verdict (app/notebook/expect.ts): met, or its list of what differed
    if (shown.verdict !== 'met') {
      r.ok = false;
      r.problems = shown.problems.length ? shown.problems : [`the app shows no verdict (cell ${shown.status})`];
    }
  } else if (shown.status !== 'done') {
    r.ok = false;
    r.problems = ['the cell failed'];
  }
  if (shown.status === 'error' && fresh) {
    const err = (fresh.outputs ?? []).find((o) => o.output_type === 'error');
    if (err && !r.ok) r.problems.push(`${err.ename}: ${err.evalue}`);
  }
  // what it printed, so an unmet expectation can be read without opening the notebook
  if (!r.ok && hasExpect(stored) && fresh && shown.status === 'done') r.output = storedText(fresh.outputs).replace(/\s+$/, '').split('\n').slice(0, 6);
  if (opts.compare && fresh && comparesOutput(stored) && hasStoredRun(stored)) {
    r.diffs = compareText(storedText(stored.outputs), storedText(fresh.outputs), opts);
    if (r.diffs.length) r.ok = false;
  }
  return r;
}

/** Writes the new outputs (and execution counts) into the file, keeping everything else as it was. */
export function writeOutputs(file, text, fresh) {
  const nb = JSON.parse(text);
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== 'code') return;
    c.outputs = fresh.cells[i].outputs ?? [];
    c.execution_count = fresh.cells[i].execution_count ?? null;
  });
  const indent = /^\{\r?\n( +)"/.exec(text)?.[1].length ?? 1;
  writeFileSync(file, JSON.stringify(nb, null, indent) + (text.endsWith('\n') ? '\n' : ''));
}

async function runOne(browser, url, nb, opts) {
  const t0 = Date.now();
  const result = { file: nb.shown, ms: 0, error: null, updated: false, cells: [] };
  let text, stored;
  try {
    text = readFileSync(nb.file, 'utf8');
    stored = JSON.parse(text);
    if (!Array.isArray(stored.cells)) throw new Error('it has no "cells" list');
  } catch (e) {
    result.error = `not a readable notebook: ${e.message}`;
    return result;
  }
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  let timedOut = false;
  let timer;
  const work = (async () => {
    await page.goto(`${url}#/tutorials/${encodeURIComponent(nb.name)}`);
    await waitForNotebook(page, stored.cells.length, Math.min(opts.timeoutMs, 120_000));
    if (opts.device !== 'cpu') await selectDevice(page, opts.device);
    await runAllAndWait(page);
  })();
  const timeout = new Promise((resolve) => (timer = setTimeout(() => ((timedOut = true), resolve()), opts.timeoutMs)));
  try {
    await Promise.race([work, timeout]);
    const shown = await readCells(page).catch(() => []);
    const fresh = timedOut ? null : await downloadNotebook(page).catch(() => null);
    if (timedOut) {
      const running = shown.findIndex((c) => c.status === 'running');
      result.error = `stopped at the timeout (${seconds(opts.timeoutMs)})${running >= 0 ? ` while cell ${running + 1} was running` : ''}`;
    }
    const stopNote = timedOut ? 'stopped at the timeout' : null;
    stored.cells.forEach((cell, i) => {
      if (cell.cell_type === 'code') result.cells.push(judgeCell(i, cell, shown[i], fresh?.cells?.[i] ?? null, opts, stopNote));
    });
    if (!timedOut && !fresh && (opts.compare || opts.update)) result.error = 'the run finished but Download .ipynb gave no notebook';
    const expectationsMet = !result.error && result.cells.every((c) => c.problems.length === 0 && c.status !== 'not run');
    if (opts.update && fresh && expectationsMet) {
      if (fresh.cells?.length !== stored.cells.length) result.error = 'not updated: the downloaded notebook has another number of cells';
      else {
        writeOutputs(nb.file, text, fresh);
        result.updated = true;
      }
    }
  } catch (e) {
    result.error = String(e.message ?? e).split('\n')[0];
  } finally {
    clearTimeout(timer);
    work.catch(() => {}); // still pending after a timeout: closing the context ends it
    await context.close().catch(() => {});
    result.ms = Date.now() - t0;
  }
  return result;
}

/**
 * Runs the notebooks ([{ file, shown, name }], collect.mjs) and returns their results in the
 * given order; `onResult(result)` is called as each one finishes.
 */
export async function runNotebooks(notebooks, opts, { onResult = () => {}, log = (s) => console.error(s) } = {}) {
  const { ensureBuilt } = await import('../start.mjs');
  const outDir = await ensureBuilt({ log: (s) => log(`[torchlit] ${s}`) });
  process.env.TORCHLIT_DIST = outDir; // serve.mjs serves this build
  const { startServers } = await import('../serve.mjs');
  const { ensureChromium } = await import('../setup.mjs');
  let executablePath;
  try {
    executablePath = ensureChromium() || undefined;
  } catch (e) {
    throw new Error(`torchlit test needs Chromium and found none (${e.message.split('\n')[0]}). Set CHROMIUM_PATH=/path/to/chromium, or install one: apt-get install chromium (Debian/Ubuntu), or npx playwright-core install chromium.`);
  }
  const { chromium } = await import('playwright-core');
  const port = await freePortPair();
  const { app, kernel, url } = await startServers({ port, notebooks: notebooks.map(({ name, file }) => ({ name, file })) });
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS }).catch((e) => {
      throw new Error(`Chromium did not start (${executablePath ?? "Playwright's download"}): ${String(e.message).split('\n')[0]}. Set CHROMIUM_PATH to a working Chromium, or run: npx playwright-core install chromium`);
    });
    const results = new Array(notebooks.length);
    let next = 0;
    const worker = async () => {
      while (next < notebooks.length) {
        const i = next++;
        results[i] = await runOne(browser, url, notebooks[i], opts);
        onResult(results[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.workers, notebooks.length) }, worker));
    return results;
  } finally {
    await browser?.close().catch(() => {});
    app.close();
    kernel.close();
    app.closeAllConnections?.();
    kernel.closeAllConnections?.();
  }
}
