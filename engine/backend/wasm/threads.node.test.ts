// The GEMM pool outside vitest's own process: a Node process that used it exits by itself (the
// workers are unref'd), and in headless Chromium a module worker on a crossOriginIsolated page
// (like the kernel worker; vitest's browser pages are not isolated) runs the pool's nested
// workers with results bitwise equal to one thread.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe('GEMM thread pool', () => {
  it('does not keep a Node process alive after use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'torchlit-threads-'));
    try {
      const script = join(dir, 'run.mts');
      writeFileSync(
        script,
        `import { torch } from ${JSON.stringify(join(root, 'engine/index.ts'))};
import { threadsReady, chunksRunByWorkers } from ${JSON.stringify(join(here, 'threads.ts'))};
torch.set_num_threads(2);
const n = await threadsReady();
const a = torch.ones([300, 200]), b = torch.ones([200, 310]);
let c = torch.matmul(a, b);
// (on a busy machine this thread may finish a product before the worker wakes: a few more)
for (let i = 0; i < 50 && chunksRunByWorkers() === 0; i++) c = torch.matmul(a, b);
console.log(JSON.stringify({ n, v: c.cpu_data()[300 * 310 - 1], byWorkers: chunksRunByWorkers() }));
`,
      );
      const t0 = Date.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(out).toEqual({ n: 2, v: 200, byWorkers: expect.any(Number) });
      expect(out.byWorkers).toBeGreaterThan(0);
      expect(Date.now() - t0).toBeLessThan(60_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(existsSync(CHROMIUM))('runs in a module worker on a crossOriginIsolated page in Chromium', async () => {
    const { build } = await import('esbuild');
    const { chromium } = await import('playwright-core');
    const bundle = await build({ entryPoints: [join(here, 'threads-check.worker.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'error', external: ['virtual:*'] });
    const page = `<!doctype html><script type="module">
const w = new Worker('/w.js', { type: 'module' });
w.onmessage = (e) => { window.__result = e.data; };
</script>`;
    const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const server = createServer((req, res) => {
      if (req.url === '/') res.writeHead(200, { ...isolation, 'Content-Type': 'text/html' }).end(page);
      else if (req.url === '/w.js') res.writeHead(200, { ...isolation, 'Content-Type': 'text/javascript' }).end(bundle.outputFiles[0].contents);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-quic'] });
    try {
      const p = await browser.newPage();
      await p.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const result = await (await p.waitForFunction(() => (window as unknown as { __result?: unknown }).__result, null, { timeout: 90_000 })).jsonValue();
      expect(result).not.toHaveProperty('error');
      const r = result as { isolated: boolean; defaultThreads: number; ready: number; byWorkers: number; same: boolean; value: number; expected: number };
      expect(r.isolated).toBe(true);
      expect(r.defaultThreads).toBeGreaterThanOrEqual(1);
      expect(r.ready).toBe(2);
      expect(r.byWorkers).toBeGreaterThan(0);
      expect(r.same).toBe(true);
      expect(r.value).toBeCloseTo(r.expected, 3);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
