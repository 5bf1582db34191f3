// `npm run bench -- --browser [--quick] [--only ids]`: the bench in a Web Worker in headless
// Chromium, crossOriginIsolated (COOP/COEP), next to TF.js wasm with threads and SIMD.
// Bundles bench/browser/worker.ts with esbuild, serves it with the isolation headers, drives
// Chromium with playwright-core, prints the same table, writes bench/results/<date>-browser.json.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { markdownTable } from './table';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/notebook-test/chromium.mjs';
import type { BenchMessage, BenchRequest } from './browser/worker';

const here = dirname(fileURLToPath(import.meta.url));
const tfjsWasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
const CHROMIUM = CHROMIUM_PATH;

const PAGE = `<!doctype html><meta charset="utf-8"><title>Torchlit bench</title><script type="module">
const w = new Worker('/worker.js', { type: 'module' });
window.__msgs = [];
w.onmessage = (e) => { window.__msgs.push(e.data); if (window.__onMsg) window.__onMsg(e.data); };
w.postMessage(JSON.parse(decodeURIComponent(location.hash.slice(1))));
</script>`;

export async function runBrowser(flags: { quick: boolean; only: string[] | null }): Promise<void> {
  const bundle = await build({
    entryPoints: [join(here, 'browser/worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    // virtual: modules (the MNIST asset) are the app's Vite plugins; the bench never loads MNIST
    external: ['fs', 'path', 'os', 'crypto', 'worker_threads', 'perf_hooks', 'node:*', 'virtual:*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const workerJs = bundle.outputFiles[0].contents;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'cross-origin' };
    try {
      if (url.pathname === '/') res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(PAGE);
      else if (url.pathname === '/worker.js') res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(workerJs);
      else if (url.pathname.startsWith('/tfjs-wasm/') && /^[\w.-]+$/.test(url.pathname.slice(11))) {
        const f = url.pathname.slice(11);
        res.writeHead(200, { ...headers, 'Content-Type': f.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' }).end(readFileSync(join(tfjsWasmDir, f)));
      } else res.writeHead(404, headers).end();
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const request: BenchRequest = { quick: flags.quick, only: flags.only, tfjsCpu: false };
    let settle: { resolve: (d: Extract<BenchMessage, { done: unknown }>['done']) => void; reject: (e: Error) => void };
    const done = new Promise<Extract<BenchMessage, { done: unknown }>['done']>((resolve, reject) => (settle = { resolve, reject }));
    await page.exposeFunction('__onMsg', (m: BenchMessage) => {
      if ('log' in m) process.stderr.write(m.log);
      else if ('error' in m) settle.reject(new Error(m.error));
      else settle.resolve(m.done);
    });
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    await page.goto(`http://127.0.0.1:${port}/#${encodeURIComponent(JSON.stringify(request))}`);
    const out = await done;
    const table = markdownTable(out.results, out.peers[0], out.peers, out.ids);
    const header = `headless Chromium (${out.info}), Web Worker; wall-clock medians; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`;
    console.log(`\n${header}\n\n${table}\n\n(speed ratio: how many times faster ${out.peers[0]} is)`);
    const dir = join(here, 'results');
    mkdirSync(dir, { recursive: true });
    const only = flags.only ? `-only-${flags.only.join('-')}` : '';
    const file = join(dir, `${new Date().toISOString().slice(0, 10)}-browser${flags.quick ? '-quick' : ''}${only}.json`);
    writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: header, clock: 'wall', results: out.results, table }, null, 2) + '\n');
    console.log(`wrote ${file}`);
  } finally {
    await browser.close();
    server.close();
  }
}
