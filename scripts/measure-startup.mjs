// Measures startup to an editable notebook: from navigation to a Monaco editor in the first
// cell that accepts typing. Run against a running server: `node scripts/serve.mjs` (or
// `npm start`), then `node scripts/measure-startup.mjs [url] [runs]`.
//   cold: a fresh browser context each run (empty cache)   warm: a reload in the same context
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? process.env.TORCHLIT_URL ?? 'http://localhost:5173/';
const runs = Number(process.argv[3] ?? 5);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function editable(page) {
  const cell = page.locator('[data-cell-type="code"]').first();
  await cell.locator('.monaco-editor').waitFor({ state: 'visible', timeout: 30_000 });
  return page.evaluate(() => performance.now());
}

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

const browser = await chromium.launch({ executablePath, args: ['--disable-quic', '--no-sandbox', '--enable-unsafe-webgpu'] });
const cold = [];
const warm = [];
const opened = [];
let notebookUrl = '';
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  cold.push(await newNotebook(page));
  notebookUrl = page.url();
  await page.reload();
  warm.push(await editable(page));
  opened.push(notebookUrl);
  await context.close();
}
const big = [];
const body = bigNotebook();
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/big-200.ipynb', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await page.goto(new URL('?url=big-200.ipynb', base).href);
  big.push(await editable(page));
  await context.close();
}
await browser.close();
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(`Startup to an editable notebook at ${base}`);
console.log(`  start page → New notebook → editable, cold cache: ${fmt(cold)}`);
console.log(`  reload an open notebook → editable, warm cache:  ${fmt(warm)}`);
console.log(`  a 200-cell notebook from ?url= → editable, cold: ${fmt(big)}`);
