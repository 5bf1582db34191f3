// Issue 9, "Untrusted content": a shared notebook is someone else's code and content. Opening it
// runs nothing; its Markdown and saved outputs are inert; code the user does run stays on the
// kernel's origin, away from the stored notebooks.
import { test, expect } from './fixtures';
import type { Frame, Page } from '@playwright/test';
import { NotebookPage } from './pages/NotebookPage';
import { StartPage } from './pages/StartPage';
import { OpenDialog } from './pages/OpenDialog';
import { allStored } from './support/storage';
import { foreignBundles, htmlPayloads, markdownPayloads, svgPayloads } from './data/xss-corpus';

type Json = Record<string, unknown>;
let cellN = 0;
const code = (source: string, outputs: Json[] = [], extra: Json = {}): Json => ({ id: `c${++cellN}`, cell_type: 'code', source, metadata: {}, outputs, execution_count: null, ...extra });
const markdown = (source: string, extra: Json = {}): Json => ({ id: `m${++cellN}`, cell_type: 'markdown', source, metadata: {}, ...extra });
const notebookJson = (cells: Json[], metadata: Json = {}) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' }, ...metadata }, cells });

/**
 * Instruments every frame before any of the app's scripts run: a canary that payloads call if
 * they ever run, long-task timings, and in the kernel frame a log of the message types that
 * arrive from the page and that go to the kernel worker.
 */
async function instrument(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    w.__hits = [] as string[];
    w.__canary = (name: unknown) => w.__hits.push(String(name));
    w.__longtasks = [] as { start: number; duration: number }[];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      /* no long-task timing in this browser */
    }
    if (location.pathname.endsWith('kernel.html')) {
      w.__fromPage = [] as string[];
      w.__toWorker = [] as string[];
      window.addEventListener('message', (e) => w.__fromPage.push(String(e.data?.type)), true);
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, m: any, ...rest: any[]) {
        w.__toWorker.push(String(m?.type));
        return (post as any).call(this, m, ...rest);
      };
    }
  });
}

const kernelFrame = (page: Page): Frame => {
  const f = page.frames().find((x) => x.url().includes('kernel.html'));
  if (!f) throw new Error('no kernel frame');
  return f;
};

/** Every request the page (and its frames) makes; only the app's two origins are allowed out. */
/** The kernel frame's origin, as the app's server configures it (another site than the app). */
const kernelOriginOf = async (page: Page): Promise<string> => ((await (await page.request.get('config.json')).json()) as { kernelOrigin: string }).kernelOrigin;

function watchRequests(page: Page, allowed: string[]) {
  const outside: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (!allowed.some((o) => u.startsWith(o))) outside.push(u);
  });
  return outside;
}

test('opening a shared link runs nothing: an infinite loop and a storage write stay unrun', async ({ page, baseURL }) => {
  await instrument(page);
  const ipynb = notebookJson([
    code('while (true) {}'),
    code("indexedDB.open('pwned-by-share');\nprint('wrote')"),
    markdown('# A shared notebook\nIts first cell would hang the kernel.'),
  ]);
  const t0 = Date.now();
  await new OpenDialog(page).openShareLink(ipynb);
  const nb = new NotebookPage(page);
  await expect(nb.cell(0)).toContainText('while (true) {}');
  const openMs = Date.now() - t0;
  const shownAt = await page.evaluate(() => performance.now());
  await expect(page.getByRole('heading', { name: 'A shared notebook' })).toBeVisible();
  for (const i of [0, 1]) {
    await expect(nb.cell(i)).toHaveAttribute('data-not-run', 'true');
    await expect(nb.cell(i)).toHaveAttribute('data-cell-status', 'idle');
    await expect(nb.cell(i)).toContainText('not run yet');
    await expect(nb.cell(i).getByLabel('not executed')).toBeVisible();
  }
  // The kernel starts and stays idle: had the loop been sent, it would be busy forever.
  await nb.waitForKernel();
  await page.waitForTimeout(1000);
  await expect(nb.kernelStatus).toHaveAttribute('data-kernel-status', 'idle');
  const frame = kernelFrame(page);
  const log = await frame.evaluate(() => ({ fromPage: (window as any).__fromPage as string[], toWorker: (window as any).__toWorker as string[] }));
  expect(log.fromPage).not.toContain('execute');
  expect(log.toWorker).not.toContain('execute');
  expect(log.toWorker).toContain('init'); // the instrument sees the frame's traffic
  // The page answers at once: a frame and a timer come back well within a second.
  const roundTrip = await page.evaluate(() => new Promise<number>((r) => {
    const s = performance.now();
    requestAnimationFrame(() => setTimeout(() => r(performance.now() - s), 0));
  }));
  expect(roundTrip).toBeLessThan(1000);
  // Once the notebook is shown, no task blocks the page for a second (startup, which loads the
  // editor, is reported but is not what a notebook's content can influence).
  const tasks = await page.evaluate(() => (window as any).__longtasks as { start: number; duration: number }[]);
  const longest = Math.max(0, ...tasks.filter((t) => t.start + t.duration > shownAt).map((t) => t.duration));
  const startup = Math.max(0, ...tasks.filter((t) => t.start + t.duration <= shownAt).map((t) => t.duration));
  expect(longest).toBeLessThan(1000);
  // Nothing was written on either origin.
  // (a cross-site frame may have no storage at all: third-party storage blocked)
  expect(await frame.evaluate(async () => (await indexedDB.databases().catch(() => [])).map((d) => d.name))).not.toContain('pwned-by-share');
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('pwned-by-share');
  console.log(`share link with while (true) {}: notebook shown ${openMs} ms after navigation, rAF+timer round trip ${roundTrip.toFixed(0)} ms, longest task after it was shown ${longest.toFixed(0)} ms (during startup ${startup.toFixed(0)} ms) (${baseURL})`);

  // Running is the user's choice, and the instrument does see it.
  await nb.cell(1).click({ position: { x: 5, y: 5 } });
  await nb.button('Run cell').click();
  await expect(nb.cell(1)).toHaveAttribute('data-cell-status', 'done');
  expect(await frame.evaluate(() => (window as any).__toWorker.filter((t: string) => t === 'execute').length)).toBe(1);
  await expect(nb.cell(0)).toHaveAttribute('data-not-run', 'true');
});

test('stored outputs and Markdown are inert: the XSS corpus runs nothing, loads nothing, keeps no handlers', async ({ page, baseURL }) => {
  await instrument(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const app = new URL(baseURL!).origin;
  const kernel = await kernelOriginOf(page);
  const outside = watchRequests(page, [app, kernel]);
  // Belt and braces: nothing may reach the outside even if a request were made.
  await page.route('**/*', (route) => (route.request().url().startsWith(app) || route.request().url().startsWith(kernel) ? route.continue() : route.abort()));

  const trusted = { trusted: true };
  const html = Object.entries(htmlPayloads);
  const cells: Json[] = [
    // Markdown cells: raw HTML and Markdown constructs, a few per cell.
    ...html.map(([name, p]) => markdown(`**${name}**\n\n${p}\n`, { metadata: trusted })),
    ...Object.entries(markdownPayloads).map(([name, p]) => markdown(`**${name}**\n\n${p}\n`)),
    // Harmless Markdown still renders in full: math, tables, code, links, embedded images.
    markdown('## Benign\n\nMath $E = mc^2$ and $$\\sum_{i=1}^n x_i$$\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```ts\nconst x = 1;\n```\n\n[docs](https://pytorch.org/docs) ![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)'),
    // Saved outputs, claiming trust as a classic notebook would.
    code('// text/html outputs', html.map(([, p]) => ({ output_type: 'display_data', data: { 'text/html': p, 'text/plain': 'html' }, metadata: trusted })), { metadata: trusted, execution_count: 1 }),
    code('// image/svg+xml outputs', [...Object.values(svgPayloads), ...html.filter(([n]) => n.startsWith('svg')).map(([, p]) => p)].map((p) => ({ output_type: 'display_data', data: { 'image/svg+xml': p, 'text/plain': 'svg' }, metadata: {} })), { execution_count: 2 }),
    code('// other and unknown MIME types', Object.values(foreignBundles).map((data) => ({ output_type: 'execute_result', execution_count: 3, data, metadata: trusted })), { execution_count: 3 }),
    code('// error output', [{ output_type: 'error', ename: `<img src=x onerror="__canary('ename')">`, evalue: `<script>__canary('evalue')</script>`, traceback: [`\u001b[31m<img src=x onerror="__canary('traceback')">`] }]),
    code('// stream output', [{ output_type: 'stream', name: 'stdout', text: `<img src=x onerror="__canary('stream')">\n` }]),
  ];
  const ipynb = notebookJson(cells, { trusted: true, signature: 'sha256:forged' });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await new OpenDialog(page).openShareLink(ipynb);
  const nb = new NotebookPage(page);
  await expect(nb.cells).toHaveCount(cells.length);
  await expect(page.locator('.tl-output')).not.toHaveCount(0);
  // The malformed view payloads fall back to their text, the rest of the page still works.
  await expect(page.getByText('training (malformed)')).toBeVisible();
  await expect(page.getByText('tensor (malformed)')).toBeVisible();
  // Give timers, refreshes, animations and image errors time to fire.
  await nb.waitForKernel();
  await page.mouse.move(300, 300);
  await page.waitForTimeout(1500);

  const report = await page.evaluate(() => {
    const w = window as any;
    const root = document.getElementById('root')!;
    const all = [...root.querySelectorAll('*')];
    const onAttrs = all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`));
    const urlAttrs = ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster', 'background', 'ping', 'values', 'to', 'from'];
    const badUrls = all.flatMap((el) =>
      urlAttrs
        .map((n) => [n, el.getAttribute(n)] as const)
        .filter(([, v]) => v !== null && /^\s*(javascript|vbscript|data:text|data:image\/svg)/i.test(v.replace(/[\u0000-\u0020]/g, '')))
        .map(([n, v]) => `${el.tagName}[${n}=${v}]`),
    );
    const remote = all.flatMap((el) =>
      ['src', 'srcset', 'href', 'xlink:href', 'poster', 'background', 'data']
        .map((n) => el.getAttribute(n))
        .filter((v): v is string => v !== null && /evil\.invalid/.test(v) && !(el.tagName === 'A' && el.getAttribute('target') === '_blank'))
        .map((v) => `${el.tagName}=${v}`),
    );
    const banned = all.filter((el) => /^(script|iframe|frame|object|embed|base|meta|link|form|style|foreignobject|animate|set)$/i.test(el.tagName) && !el.closest('.monaco-editor')).map((el) => el.tagName);
    return {
      hits: w.__hits as string[],
      onAttrs,
      badUrls,
      remote,
      banned,
      clobbered: [w.__clobber !== undefined, w.__clobber2 !== undefined, typeof document.getElementById !== 'function', typeof document.cookie !== 'string', w.__TORCHLIT_CONFIG !== undefined],
      baseHref: document.baseURI,
      title: document.title,
      rootCount: document.querySelectorAll('#root').length,
    };
  });
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(report.hits).toEqual([]);
  expect(report.onAttrs).toEqual([]);
  expect(report.badUrls).toEqual([]);
  expect(report.remote).toEqual([]);
  expect(report.banned).toEqual([]);
  expect(report.clobbered).toEqual([false, false, false, false, false]);
  expect(report.rootCount).toBe(1);
  expect(report.baseHref.startsWith(app)).toBe(true);
  expect(outside).toEqual([]);
  expect(page.url()).toContain('#/share/');
  expect(await kernelFrame(page).evaluate(() => (window as any).__hits)).toEqual([]);
  // Harmless content still shows: text, links that open in a new tab, the text of unknown types.
  // (each HTML payload is both a Markdown cell and a text/html output)
  await expect(page.getByText('hover me')).toHaveCount(2);
  await expect(page.getByText('hover me').first()).toBeVisible();
  await expect(page.locator('a[href="#ok"][target="_blank"][rel="noopener noreferrer"]')).toHaveCount(2);
  await expect(page.locator('[data-mime="text/plain"]').getByText(`<img src=x onerror="__canary('unknown-plain')">`)).toBeVisible();
  await expect(page.locator('[data-stream="stdout"]')).toContainText(`<img src=x onerror="__canary('stream')">`);
  await expect(page.locator('.tl-output-error')).toContainText(`<script>__canary('evalue')</script>`);
  const benign = page.locator('.tl-markdown-cell').filter({ hasText: 'Benign' });
  await expect(benign.locator('.katex')).toHaveCount(2);
  await expect(benign.locator('.katex math')).toHaveCount(2);
  await expect(benign.locator('table td')).toHaveText(['1', '2']);
  await expect(benign.locator('pre.hljs')).toContainText('const x = 1;');
  await expect(benign.locator('a[href="https://pytorch.org/docs"][target="_blank"]')).toHaveCount(1);
  await expect(benign.locator('img[src^="data:image/gif"]')).toHaveCount(1);
  // A blocked remote image says so instead of loading: a link the reader may follow (new tab, no
  // opener, no referrer); nothing was fetched (the request watch above stays empty).
  const blocked = page.locator('a.tl-blocked-resource[href$="/remote-img.png"]').first();
  await expect(blocked).toBeVisible();
  await expect(blocked).toHaveText(/^\[image: remote — not loaded from .+ ↗\]$/);
  await expect(blocked).toHaveAttribute('target', '_blank');
  await expect(blocked).toHaveAttribute('rel', 'noopener noreferrer');
});

test('trust is never read from the file: metadata.trusted is dropped and changes nothing', async ({ page }) => {
  await instrument(page);
  const ipynb = notebookJson([code('1', [{ output_type: 'display_data', data: { 'text/html': `<b id="bold">bold</b><img src=x onerror="__canary('trusted')">` }, metadata: { trusted: true } }], { metadata: { trusted: true }, execution_count: 1 })], { trusted: true });
  await new OpenDialog(page).openShareLink(ipynb);
  const nb = new NotebookPage(page);
  await expect(nb.cell(0).locator('[data-mime="text/html"] b')).toHaveText('bold');
  await expect(nb.cell(0).locator('img')).toHaveCount(1);
  expect(await nb.cell(0).locator('img').evaluate((el) => el.getAttributeNames().filter((n) => n.startsWith('on')))).toEqual([]);
  await nb.waitForKernel();
  const saved = await nb.download();
  expect(saved.metadata.trusted).toBeUndefined();
  expect(await page.evaluate(() => (window as any).__hits)).toEqual([]);
});

test('user code runs away from the app: no stored notebooks, no page, no forged messages', async ({ notebook, page, start, baseURL }) => {
  const app = new URL(baseURL!).origin;
  // A notebook the attacker wants.
  await notebook.waitForKernel();
  await notebook.run(0, 'const secret = "the victim\'s work";\nsecret');
  await notebook.rename('Victim');
  await notebook.saved();
  const before = await allStored(page);
  expect(before.map((n) => n.name)).toContain('Victim');

  // A second notebook runs the attack.
  await start.goto();
  await start.createNotebook();
  const nb = new NotebookPage(page);
  await nb.waitForKernel();
  await expect(nb.kernelStatus).toHaveAttribute('data-isolated', 'true');
  const attack = `const report = {};
const attempt = async (name, f) => { try { report[name] = await f(); } catch (e) { report[name] = String(e && e.name) + ': ' + String(e && e.message).slice(0, 60); } };
await attempt('origin', () => self.origin);
await attempt('idb', () => new Promise((res, rej) => { const q = indexedDB.open('torchlit'); q.onsuccess = () => { const names = [...q.result.objectStoreNames]; q.result.close(); res(names); }; q.onerror = () => rej(q.error); }));
await attempt('databases', async () => (await indexedDB.databases()).map((d) => d.name));
await attempt('localStorage', () => localStorage.getItem('torchlit'));
await attempt('document', () => document.cookie);
await attempt('parent', () => parent.postMessage({ type: 'restart' }, '*'));
await attempt('top', () => { top.location = 'http://evil.invalid/top'; return 'navigated'; });
await attempt('open', () => window.open('http://evil.invalid/open'));
await attempt('fetch', async () => (await fetch('${app}/config.json')).status);
await attempt('fetchNoCors', async () => { const r = await fetch('${app}/', { mode: 'no-cors' }); return r.type + ' ' + r.status + ' ' + (await r.text()).length; });
// Forged messages of every protocol type, sent where a cell can send: to the kernel frame.
const forged = [
  { type: 'execute', id: 'forged-1', cellId: 'forged', code: 'print("FORGED RAN")', executionCount: 99 },
  { type: 'interrupt' }, { type: 'restart' }, { type: 'set_device', device: 'webgpu' }, { type: 'inspect', id: 'forged-2' },
  { type: 'init', device: 'webgpu' },
  { type: 'status', status: 'idle', backend: 'cpu', isolated: false, webgpu: { available: false }, version: 'forged', crossOriginIsolated: false },
  { type: 'restarted', reason: 'crashed', message: 'FORGED: the kernel crashed, please re-enter your password' },
  { type: 'display', id: 'forged-3', cellId: 'nope', data: { 'text/html': '<img src=x onerror="alert(1)">FORGED HTML' }, metadata: {} },
  { type: 'display', id: 'forged-4', cellId: 'nope', data: { 'not a mime': 1 }, metadata: {} },
  { type: 'execute_result', id: 'forged-5', cellId: 'nope', executionCount: 'NaN', data: {}, metadata: {} },
  { type: 'variables', id: 'forged-6', variables: [{ name: 1 }] },
  { type: 'heartbeat' }, { type: 'bogus' }, 'a string', null,
];
for (const m of forged) self.postMessage(m);
// Well-formed outputs for the next cell the user runs, its ids read off the execute request.
self.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || m.type !== 'execute') return;
  self.postMessage({ type: 'stream', id: m.id, cellId: m.cellId, name: 'stdout', text: 'FORGED STREAM\\n' });
  self.postMessage({ type: 'execute_result', id: m.id, cellId: m.cellId, executionCount: 99, data: { 'text/plain': 'FORGED RESULT' }, metadata: {} });
});
await new Promise((r) => setTimeout(r, 300));
print(JSON.stringify(report))`;
  const dialogs: string[] = [];
  page.on('dialog', (d) => dialogs.push(d.message()));
  await nb.run(0, attack);
  const report = JSON.parse(await nb.cell(0).locator('[data-stream="stdout"]').innerText());
  console.log('what a cell can reach:', report);
  const kernelOrigin = await kernelOriginOf(page);
  expect(new URL(kernelOrigin).hostname, 'the kernel is another site than the app (its own process)').not.toBe(new URL(baseURL!).hostname);
  expect(report.origin).toBe(kernelOrigin);
  // Its own origin's storage: an empty database with no notebooks store, or none at all (a
  // cross-site frame in a profile that blocks third-party storage, e.g. a private window).
  for (const k of ['idb', 'databases']) if (!/^UnknownError: The user denied permission/.test(String(report[k]))) expect(report[k], k).toEqual(k === 'idb' ? [] : ['torchlit']);
  expect(report.localStorage).toMatch(/^ReferenceError/);
  expect(report.document).toMatch(/^ReferenceError/);
  expect(report.parent).toMatch(/^ReferenceError/);
  expect(report.top).toMatch(/^ReferenceError/);
  expect(report.open).toMatch(/^ReferenceError/);
  expect(report.fetch).toMatch(/^TypeError/);
  expect(report.fetchNoCors).toBe('opaque 0 0');

  // Nothing the forged messages asked for happened, and the UI still says isolated.
  await nb.runNew('1 + 1');
  await expect(nb.cell(1).locator('.tl-result')).toContainText('2');
  // (the cell's own source shows these words; outputs and notices must not)
  await expect(page.locator('.tl-outputs').getByText('FORGED RAN')).toHaveCount(0);
  await expect(page.locator('.tl-outputs').getByText(/FORGED/)).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: /FORGED|restart/ })).toHaveCount(0);
  await expect(nb.kernelStatus).toHaveAttribute('data-isolated', 'true');
  await expect(nb.kernelStatus).toHaveAttribute('data-backend', 'cpu');
  await expect(nb.kernelStatus).toHaveAccessibleName("Kernel idle, CPU, isolated");
  await expect(nb.kernelStatus).toContainText(/·isolated$/);
  await expect(nb.cell(0)).toHaveAttribute('data-cell-status', 'done');
  expect(dialogs).toEqual([]);

  // The stored notebooks: the victim is exactly as it was; only the attacker's own is new.
  await nb.saved();
  const after = await allStored(page);
  const victim = (list: { name: string }[]) => list.find((n) => n.name === 'Victim');
  expect(victim(after)).toEqual(victim(before));
  expect(after.length).toBe(before.length + 1);
  expect(after.filter((n) => before.some((b) => b.id === n.id)).map((n) => n.id)).toEqual(before.map((n) => n.id));
});

test('the app page has a Content-Security-Policy: markup that slipped past the sanitizer still cannot run or load', async ({ page, baseURL }) => {
  await instrument(page);
  const app = new URL(baseURL!).origin;
  const outside = watchRequests(page, [app, await kernelOriginOf(page)]);
  // A request that gets past the renderer's CSP check reaches the network layer, and this route.
  const reached: string[] = [];
  await page.route('http://evil.invalid/**', (r) => {
    reached.push(r.request().url());
    return r.abort();
  });
  const response = await page.goto('./');
  expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self';/);
  const nb = new NotebookPage(page);
  await new StartPage(page).createNotebook();
  await nb.waitForKernel();
  // The editor (Monaco: workers, injected styles) still works under the policy.
  await nb.run(0, '6 * 7');
  await expect(nb.cell(0).locator('.tl-result')).toContainText('42');
  const violations = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
    // As if the sanitizer had a hole: raw markup straight into the page.
    const box = document.createElement('div');
    box.innerHTML = `<img src="x" onerror="__canary('csp-onerror')"><img src="http://evil.invalid/csp-img"><div style="background:url(http://evil.invalid/csp-css)">.</div><object data="http://evil.invalid/csp-object"></object>`;
    document.body.appendChild(box);
    const s = document.createElement('script');
    s.textContent = "__canary('csp-inline-script')";
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 1000));
    box.remove();
    return seen;
  });
  expect(await page.evaluate(() => (window as any).__hits)).toEqual([]);
  // Playwright reports the attempts (${outside.length}); the browser blocks every one before it leaves.
  expect(outside.sort()).toEqual(['http://evil.invalid/csp-css', 'http://evil.invalid/csp-img']);
  expect(reached).toEqual([]);
  expect(violations).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem', 'img-src', 'object-src']));
});
