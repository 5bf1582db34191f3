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
          const csp = kernelHtml.headers()['content-security-policy'];
          expect(csp).toMatch(/^frame-ancestors /);
          expect(csp.split(' ')).toContain(appOrigin);
          expect(csp).not.toContain(new URL(url).origin);
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

test('the config npm start embeds in index.html and kernel.html is what the app and the frame read: taken out of the page, no config.json request', async ({ page, start }) => {
  const configRequests: string[] = [];
  page.on('request', (r) => void (new URL(r.url()).pathname.endsWith('/config.json') && configRequests.push(r.url())));
  const html = await (await page.request.get('./')).text();
  expect(html).toMatch(/<script type="application\/json" id="torchlit-config">\{"kernelOrigin":"http:\/\/127\.0\.0\.1:\d+"/);
  await start.goto();
  await start.createNotebook();
  await new NotebookPage(page).waitForKernel();
  await expect(page.locator('[data-kernel-status]')).toHaveAttribute('data-isolated', 'true');
  expect(await page.evaluate(() => document.getElementById('torchlit-config'))).toBeNull();
  // the kernel frame likewise read the copy in its own origin's kernel.html (frame-trust.ts)
  const frame = page.frames().find((f) => f.url().includes('/kernel.html'))!;
  expect(await frame.evaluate(() => document.getElementById('torchlit-config'))).toBeNull();
  const kernelHtml = await (await page.request.get(new URL('kernel.html', frame.url()).href)).text();
  expect(kernelHtml).toContain('<script type="application/json" id="torchlit-config">{"kernelOrigin"');
  expect(configRequests).toEqual([]);
});

test('hole 2: with config.json unreadable (503) the app fails closed until the user opts in', async ({ page, start }) => {
  test.setTimeout(240_000); // two kernels' worth of steps on a loaded machine
  page.on('dialog', (d) => void d.dismiss());
  // a host that cannot give its config: no copy in index.html or kernel.html (npm start embeds one) and config.json unreadable
  await page.route(
    (url) => url.pathname === '/' || url.pathname.endsWith('.html'),
    async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace(/<script type="application\/json" id="torchlit-config">.*?<\/script>/, '') });
    },
  );
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

test('hole 3: a cell that patches MessagePort.prototype.postMessage captures no port, forges nothing, stores nothing huge', async ({ notebook: nb, page }) => {
  test.setTimeout(240_000);
  await nb.waitForKernel();
  await expect(await nb.run(0, "print('mine')")).toHaveText('mine');
  const other = (await nb.cell(0).getAttribute('data-cell-id'))!;
  const attack = `
const orig = MessagePort.prototype.postMessage;
const ports = [];
const ids = [];
MessagePort.prototype.postMessage = function (m, ...rest) {
  if (!ports.includes(this)) ports.push(this);
  if (m && typeof m.id === 'string') ids.push(m.id);
  return orig.call(this, m, ...rest);
};
for (const k of ['onmessage', 'start']) {
  try { Object.defineProperty(MessagePort.prototype, k, { configurable: true, get() { if (!ports.includes(this)) ports.push(this); return undefined; }, set() {} }); } catch {}
}
print('patched');
await new Promise((r) => setTimeout(r, 1500));
const id = ids.at(-1) ?? 'unknown';
const forge = (post, huge) => {
  post({ type: 'display', id, cellId: ${JSON.stringify(other)}, data: { 'text/plain': 'FORGED-OUTPUT' }, metadata: {} });
  post({ type: 'execute_reply', id, cellId: ${JSON.stringify(other)}, status: 'ok', durationMs: 1 });
  for (let i = 0; i < huge; i++) post({ type: 'stream', id, cellId: 'x', name: 'stdout', text: 'A'.repeat(4_000_000) });
};
// 120 M characters through a captured port (the attack that wrote a 122 MB notebook); only the
// small forgeries through self.postMessage, which the frame never reads (a flood there would
// only starve this cell's own kernel frame).
for (const p of ports) forge((m) => orig.call(p, m), 30);
forge((m) => self.postMessage(m), 0);
print('ports captured:', ports.length);`;
  const out = await nb.runNew(attack);
  await expect(out).toContainText('ports captured: 0');
  // (the attack's source says FORGED-OUTPUT too: only outputs count)
  await expect(page.locator('.tl-outputs').filter({ hasText: 'FORGED-OUTPUT' })).toHaveCount(0);
  await expect(nb.cell(0).locator('.tl-outputs')).toHaveText('mine');
  // The kernel still works, and what is stored is small.
  await expect(await nb.runNew('1 + 1')).toContainText('2');
  await nb.saved();
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('torchlit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('notebooks').objectStore('notebooks').getAll();
          all.onsuccess = () => resolve(JSON.stringify(all.result).length);
          all.onerror = () => reject(all.error);
        };
      }),
  );
  expect(stored).toBeGreaterThan(0);
  expect(stored, 'stored notebooks (characters)').toBeLessThan(200_000);
});
