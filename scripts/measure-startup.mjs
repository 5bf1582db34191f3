// Measures startup to an editable notebook: from navigation to a Monaco editor in the first
// cell that accepts typing, and on to an idle kernel (the toolbar's status says idle: the kernel
// frame, its worker and the engine are up). Run against a running server: `node scripts/serve.mjs`
// (or `npm start`), then `node scripts/measure-startup.mjs [url] [runs]`.
//   cold: a fresh browser context each run (empty cache)   warm: a reload in the same context
// Times are wall clock from the navigation's start (performance.now() in the page): on a shared
// machine note the load (`uptime`) with every figure.
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './notebook-test/chromium.mjs';

// `--no-big`: skip the 200-cell notebook (the start-up figures only).
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const withBig = !process.argv.includes('--no-big');
const base = args[0] ?? process.env.TORCHLIT_URL ?? 'http://localhost:5173/';
const runs = Number(args[1] ?? 5);

/**
 * CPU time (ms) used so far by the browser's whole process tree (Linux /proc: user + system, with
 * reaped children's): a figure the machine's load inflates far less than wall clock. Differences
 * around a measured step give its CPU cost; elsewhere it is null.
 */
function treeCpuMs(root) {
  if (!root) return null;
  const tick = 10; // USER_HZ = 100 on Linux
  const procs = new Map();
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick });
      } catch { /* exited meanwhile */ }
    }
  } catch {
    return null;
  }
  let total = -(procs.get(root)?.cpu ?? 0);
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    total += procs.get(pid)?.cpu ?? 0;
    for (const [c, p] of procs) if (p.ppid === pid) stack.push(c);
  }
  return total;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** When the first code cell accepts typing: its quick editor (a textarea, app/editor/QuickEditor.tsx) or Monaco. */
async function editable(page) {
  const cell = page.locator('[data-cell-type="code"]').first();
  await cell.locator('.monaco-editor, textarea.tl-code-input').first().waitFor({ state: 'visible', timeout: 30_000 });
  // the observer's time: Playwright's own polling lags while the page's main thread is busy
  return page.evaluate(() => window.__editableAt ?? performance.now());
}

/** When Monaco has taken over the first code cell (completions, find, the TypeScript checks). */
async function monacoReady(page) {
  await page.locator('[data-cell-type="code"]').first().locator('.monaco-editor').waitFor({ state: 'visible', timeout: 30_000 });
  return page.evaluate(() => window.__monacoAt ?? performance.now());
}

/** When the kernel status first said idle (watchIdle's observer). */
async function idle(page) {
  await page.locator('[data-kernel-status="idle"]').waitFor({ timeout: 60_000 });
  return page.evaluate(() => window.__idleAt ?? performance.now());
}

/** Set up at navigation: when the kernel first said idle, when the first cell first took typing, when Monaco first showed (no polling lag). */
const watchIdle = () => {
  new MutationObserver(() => {
    if (window.__idleAt === undefined && document.querySelector('[data-kernel-status="idle"]')) window.__idleAt = performance.now();
    if (window.__monacoAt === undefined && document.querySelector('[data-cell-type="code"] .monaco-editor')) window.__monacoAt = performance.now();
    if (window.__editableAt === undefined && document.querySelector('[data-cell-type="code"] :is(.monaco-editor, textarea.tl-code-input)')) window.__editableAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-kernel-status'] });
};

async function newNotebook(page) {
  await page.goto(base);
  await page.getByRole('button', { name: 'New notebook' }).click();
  return editable(page);
}

/** A 200-cell notebook (100 Markdown + 100 code cells with outputs), opened with ?url=. */
function bigNotebook() {
  const cells = [];
  for (let i = 0; i < 100; i++) {
    cells.push({ id: `m${i}`, cell_type: 'markdown', metadata: {}, source: `## Step ${i}\n\nSome text with $x_${i}^2$ and **bold**.` });
    cells.push({ id: `c${i}`, cell_type: 'code', metadata: {}, execution_count: i + 1, source: `const v${i} = torch.randn([4, 4]);\nconst w${i} = v${i} * 2 + 1;\nw${i}.sum()`, outputs: [{ output_type: 'execute_result', execution_count: i + 1, metadata: {}, data: { 'text/plain': `tensor(${i}.5)` } }] });
  }
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
}

// CHROMIUM_ARGS leave out the window's own omnibox page, which a fresh context used to load in the
// very seconds measured (~1.7 CPU-s; a user's window has it loaded before they type the address).
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
// the browser is a child of this process: its tree is everything below us (our own CPU left out)
const browserPid = process.pid;
const cold = [];
const warm = [];
const coldIdle = [];
const warmIdle = [];
const coldCpu = [];
const coldMonaco = [];
const warmMonaco = [];
const warmCpu = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  await context.addInitScript(watchIdle);
  const page = await context.newPage();
  let c0 = treeCpuMs(browserPid);
  cold.push(await newNotebook(page));
  coldIdle.push(Math.max(cold.at(-1), await idle(page)));
  coldMonaco.push(await monacoReady(page));
  if (c0 !== null) coldCpu.push(treeCpuMs(browserPid) - c0);
  c0 = treeCpuMs(browserPid);
  await page.reload();
  warm.push(await editable(page));
  warmIdle.push(Math.max(warm.at(-1), await idle(page)));
  warmMonaco.push(await monacoReady(page));
  if (c0 !== null) warmCpu.push(treeCpuMs(browserPid) - c0);
  await context.close();
}
const big = [];
const body = bigNotebook();
for (let i = 0; i < (withBig ? runs : 0); i++) {
  const context = await browser.newContext();
  await context.addInitScript(watchIdle);
  const page = await context.newPage();
  await page.route('**/big-200.ipynb', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await page.goto(new URL('?url=big-200.ipynb', base).href);
  big.push(await editable(page));
  await context.close();
}
await browser.close();
const fmt = (xs) => !xs.length ? 'n/a' : `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(`Startup to an editable notebook at ${base}`);
console.log(`  start page → New notebook → editable, cold cache: ${fmt(cold)}`);
console.log(`  start page → New notebook → editable + idle kernel, cold: ${fmt(coldIdle)}`);
console.log(`  start page → New notebook → Monaco in the cell, cold: ${fmt(coldMonaco)}`);
console.log(`  reload an open notebook → editable, warm cache:  ${fmt(warm)}`);
console.log(`  reload an open notebook → editable + idle kernel, warm: ${fmt(warmIdle)}`);
console.log(`  reload an open notebook → Monaco in the cell, warm: ${fmt(warmMonaco)}`);
console.log(`  CPU time of the browser's processes to that point, cold: ${fmt(coldCpu)}; warm: ${fmt(warmCpu)}`);
if (withBig) console.log(`  a 200-cell notebook from ?url= → editable, cold: ${fmt(big)}`);
