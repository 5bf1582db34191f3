// Issue 22, holes 1–3: the attacks an independent attack run found against the kernel, performed
// for real. Each test fails if its attack works.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { NotebookPage } from './pages/NotebookPage';

const kernelOriginOf = async (page: Page): Promise<string> => ((await (await page.request.get('config.json')).json()) as { kernelOrigin: string }).kernelOrigin;

/** A page on another local origin (another port) that embeds both kernel.html files and posts them an IndexedDB read. */
async function attackerServer(appOrigin: string, kernelOrigin: string): Promise<{ server: Server; url: string }> {
  const targets = [`${appOrigin}/kernel.html#parent=${encodeURIComponent('http://localhost')}`, `${kernelOrigin}/kernel.html`];
  const html = `<!doctype html><meta charset="utf-8"><title>attacker</title><body><script>
    window.__answers = [];
    addEventListener('message', (e) => window.__answers.push({ origin: e.origin, type: String(e.data && e.data.type), data: JSON.stringify(e.data).slice(0, 300) }));
    const code = "const dbs = await indexedDB.databases();\\nconst all = [];\\nfor (const d of dbs) all.push(d.name);\\nself.postMessage({ stolen: all });\\nprint('STOLEN', JSON.stringify(all))";
    for (const src of ${JSON.stringify(targets)}) {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.appendChild(f);
      let n = 0;
      const timer = setInterval(() => {
        if (++n > 40) return clearInterval(timer);
        for (const m of [{ type: 'execute', id: 'steal-' + n, cellId: 'steal', code, executionCount: n }, { type: 'inspect', id: 'inspect-' + n }])
          f.contentWindow && f.contentWindow.postMessage(m, '*');
      }, 200);
    }
  </script></body>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}

test.describe('hole 1: another page on the same site cannot run code through kernel.html', () => {
  for (const stripCsp of [false, true]) {
    test(stripCsp ? 'even when the host sends no frame-ancestors, the frames obey no stranger' : 'the kernel frames refuse to be embedded by a stranger', async ({ page, baseURL }) => {
      const appOrigin = new URL(baseURL!).origin;
      const kernelOrigin = await kernelOriginOf(page);
      // The victim has stored notebooks (the app origin's IndexedDB).
      await page.goto('./');
      await page.evaluate(() => new Promise((resolve) => { const r = indexedDB.open('victim-secret'); r.onsuccess = resolve; r.onerror = resolve; }));
      const { server, url } = await attackerServer(appOrigin, kernelOrigin);
      try {
        if (stripCsp) {
          // A host that forgets the headers: only the frame's own allow-list stands.
          await page.route('**/kernel.html*', async (route) => {
            const r = await route.fetch();
            const headers = { ...r.headers() };
            delete headers['content-security-policy'];
            await route.fulfill({ response: r, headers });
          });
        }
        const frameCsp: (string | undefined)[] = [];
        page.on('response', (r) => {
          if (r.url().includes('/kernel.html')) frameCsp.push(r.headers()['content-security-policy']);
        });
        await page.goto(url);
        await expect.poll(() => frameCsp.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
        // 40 tries over 8 s: long enough for a kernel to boot and answer on a loaded machine.
        await page.waitForTimeout(9_000);
        const answers = await page.evaluate(() => (window as unknown as { __answers: unknown[] }).__answers);
        expect(answers, 'a kernel frame answered the attacker').toEqual([]);
        if (stripCsp) {
          const kernels = page.frames().filter((f) => f.url().includes('/kernel.html'));
          expect(kernels.length).toBe(2);
          for (const f of kernels) {
            const seen = await f.evaluate(() => ({ workers: (globalThis as { __torchlitFrameWorkers?: () => { created: number } }).__torchlitFrameWorkers?.().created, text: document.body.textContent }));
            expect(seen.workers, `${f.url()} started a kernel worker`).toBe(0);
            expect(seen.text).toMatch(/does nothing|does not run here/);
          }
        } else {
          const kernelHtml = await page.request.get(`${kernelOrigin}/kernel.html`);
          expect(kernelHtml.headers()['content-security-policy']).toBe(`frame-ancestors ${appOrigin}`);
          const appKernelHtml = await page.request.get(`${appOrigin}/kernel.html`);
          expect(appKernelHtml.headers()['content-security-policy']).toBe("frame-ancestors 'self'");
        }
      } finally {
        server.close();
      }
    });
  }

  test("the app origin's own kernel.html runs no kernel in the isolated setup, even for the app's page", async ({ page }) => {
    await page.goto('./');
    const seen = await page.evaluate(async () => {
      const frame = document.createElement('iframe');
      frame.src = 'kernel.html';
      document.body.appendChild(frame);
      const msgs: string[] = [];
      window.addEventListener('message', (e) => {
        if (e.source === frame.contentWindow) msgs.push(String(e.data?.type));
      });
      await new Promise((r) => frame.addEventListener('load', r));
      for (let i = 0; i < 20; i++) {
        frame.contentWindow!.postMessage({ type: 'execute', id: `x${i}`, cellId: 'x', code: '1 + 1', executionCount: 1 }, location.origin);
        await new Promise((r) => setTimeout(r, 250));
      }
      return { msgs, text: frame.contentDocument?.body.textContent ?? '' };
    });
    expect(seen.msgs).toEqual([]);
    expect(seen.text).toContain('does not run here');
  });
});

test('hole 2: with config.json unreadable (503) the app fails closed until the user opts in', async ({ page, start }) => {
  page.on('dialog', (d) => void d.dismiss());
  await page.route('**/config.json', (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }));
  await start.goto();
  await start.createNotebook();
  const nb = new NotebookPage(page);
  const banner = page.locator('[data-kernel-blocked]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('HTTP 503');
  await expect(nb.kernelStatus).toHaveAttribute('data-kernel-status', 'dead');
  const kernelFrames = () => page.frames().filter((f) => f.url().includes('kernel.html')).length;
  expect(kernelFrames(), 'no kernel frame before the opt-in').toBe(0);
  // A cell run now is answered at once, and nothing ran.
  const blocked = await nb.run(0, "indexedDB.open('ran-unisolated');\nprint('ran')", 'error');
  await expect(blocked).toContainText('KernelBlocked');
  await expect(blocked).not.toContainText(/^ran$/m);
  expect(kernelFrames()).toBe(0);
  expect(await page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'ran-unisolated'))).toBe(false);
  // The explicit choice starts a same-origin kernel, shown as not isolated.
  await banner.getByRole('button', { name: 'Run unisolated for this notebook' }).click();
  await expect(banner).toHaveCount(0);
  await nb.waitForKernel();
  await expect(nb.kernelStatus).toHaveAttribute('data-isolated', 'false');
  await expect(nb.kernelStatus).toContainText('not isolated');
  const out = await nb.run(0, "print('ran', location.origin)");
  await expect(out).toContainText(`ran ${new URL(page.url()).origin}`);
});
