// `npx tsx bench/webgpu/run.ts [--quick]`: serves bench/webgpu/index.html with Vite, opens it in
// headless Chromium with WebGPU (SwiftShader when there is no GPU), and prints our WebGPU
// backend against TF.js's WebGPU backend on the same page and adapter, as ratios, with our
// submits, buffer allocations and dispatches per step.
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from './workloads';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/notebook-test/chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');

const fmt = (v: number, d = 2) => (v >= 100 ? v.toFixed(0) : v.toFixed(d));

async function main(): Promise<void> {
  const server = await createServer({ root, configFile: false, logLevel: 'error', optimizeDeps: { entries: ['bench/webgpu/index.html'] }, server: { port: 0, host: '127.0.0.1', hmr: false, watch: { ignored: ['**/*'] } } });
  await server.listen();
  const addr = server.httpServer!.address();
  const port = typeof addr === 'object' && addr ? addr.port : 5173;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.text().startsWith('[bench]')) && process.stderr.write(`${m.text()}\n`));
    await page.goto(`http://127.0.0.1:${port}/bench/webgpu/index.html${quick ? '?quick' : ''}`);
    await page.waitForFunction(() => window.__bench?.done, undefined, { timeout: 15 * 60_000, polling: 500 });
    const res = (await page.evaluate(() => window.__bench))!;
    if (res.error) throw new Error(`bench page failed: ${res.error}`);
    console.log(`adapter: ${res.adapter} (absolute numbers on a software adapter mean little; the ratios do)\n`);
    console.log('| workload | ours (ms) | TF.js webgpu (ms) | ours / TF.js | GFLOP/s ours / TF.js | submits/step | buffer allocs/step | dispatches/step |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of res.rows as Row[])
      console.log(`| ${r.workload} | ${fmt(r.ours)} | ${fmt(r.tfjs)} | ${r.ratio.toFixed(2)} | ${r.gflops ? `${fmt(r.gflops.ours)} / ${fmt(r.gflops.tfjs)}` : ''} | ${fmt(r.submitsPerStep)} | ${fmt(r.allocationsPerStep)} | ${fmt(r.dispatchesPerStep, 1)} |`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
