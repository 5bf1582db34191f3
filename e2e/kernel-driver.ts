// A tiny page ↔ kernel-frame protocol driver for the kernel specs: `window.k.exec(code)`,
// `k.start(code)`, `k.finished(id)`, `k.send(msg)`, `k.wait(pred)`, `k.msgs`.
import type { Page } from '@playwright/test';

/** Installs a tiny protocol driver in the page: `window.k.exec(code)`, `k.send(msg)`, `k.msgs`. */
export async function openKernel(page: Page) {
  // a page on the app origin (with its isolation headers) that is not the app: the app starts its
  // own kernel at once, and these tests count the frames and workers of theirs alone
  await page.goto('./config.json');
  await page.evaluate(async () => {
    const cfg = (await (await fetch('config.json')).json()) as { kernelOrigin: string };
    const origin = cfg.kernelOrigin;
    const frame = document.createElement('iframe');
    frame.src = `${origin}/kernel.html#parent=${encodeURIComponent(location.origin)}`;
    frame.allow = 'cross-origin-isolated';
    frame.style.display = 'none';
    document.body.appendChild(frame);
    const msgs: any[] = [];
    window.addEventListener('message', (e) => {
      if (e.origin === origin && e.source === frame.contentWindow) msgs.push(e.data);
    });
    let n = 0;
    const wait = async (pred: (m: any) => boolean, from = 0, ms = 20_000) => {
      const t0 = Date.now();
      while (Date.now() - t0 < ms) {
        const m = msgs.slice(from).find(pred);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error('the kernel did not answer');
    };
    const send = (m: unknown) => frame.contentWindow!.postMessage(m, origin);
    const start = (code: string) => {
      const id = `e2e-${++n}`;
      send({ type: 'execute', id, cellId: id, code, executionCount: n });
      return id;
    };
    const finished = async (id: string) => {
      await wait((m) => m.type === 'execute_reply' && m.id === id);
      return msgs.filter((m) => m.id === id);
    };
    (window as any).k = { msgs, wait, send, start, finished, exec: (code: string) => finished(start(code)) };
    await wait((m) => m.type === 'status' && m.status === 'idle');
  });
}

export const result = (ms: any[]): string | undefined => ms.find((m) => m.type === 'execute_result')?.data['text/plain'];

