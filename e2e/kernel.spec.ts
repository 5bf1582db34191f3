// The kernel frame and worker, driven through the page ↔ frame protocol from the app's page
// (as the kernel client does): isolation, execution, cooperative interrupt, hard restart.
import { test, expect } from '@playwright/test';
import { openKernel, result } from './kernel-driver';

test('the kernel frame runs on its own origin, cross-origin isolated', async ({ page }) => {
  await openKernel(page);
  const status = await page.evaluate(() => (window as any).k.msgs.filter((m: any) => m.type === 'status').at(-1));
  expect(status).toMatchObject({ isolated: true, crossOriginIsolated: true, backend: 'cpu' });
});

test('cells share a scope and tensor operators work', async ({ page }) => {
  await openKernel(page);
  const out = await page.evaluate(async () => {
    const k = (window as any).k;
    await k.exec('const w = torch.tensor([2.0]);\nconst b = torch.tensor([0.5]);\nprint("ready")');
    await k.exec('const w = torch.tensor([3.0]);'); // re-running a const cell
    return [await k.exec('w * torch.tensor([1.0, 2.0]) + b'), await k.exec('const later = await Promise.resolve(7);\nlater * 6'), await k.exec('\nnull.x')];
  });
  expect(result(out[0])).toBe('tensor([3.5000, 6.5000])');
  expect(out[0].find((m: any) => m.type === 'execute_result').data['application/vnd.torchlit.tensor.v1+json']).toMatchObject({ shape: [2], min: 3.5, max: 6.5 });
  expect(result(out[1])).toBe('42');
  expect(out[2].find((m: any) => m.type === 'error')).toMatchObject({ ename: 'TypeError', line: 2 });
});

test('interrupt stops a long loop and keeps earlier variables', async ({ page }) => {
  await openKernel(page);
  const out = await page.evaluate(async () => {
    const k = (window as any).k;
    await k.exec('const kept = 123;\nlet steps = 0;');
    const id = k.start('for (const i of range(1e12)) { steps++; }');
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    k.send({ type: 'interrupt' });
    const ms = await k.finished(id);
    const elapsed = performance.now() - t0;
    return { ms, elapsed, after: await k.exec('kept + (steps > 0 ? 1 : 0)'), restarted: k.msgs.some((m: any) => m.type === 'restarted') };
  });
  expect(out.ms.find((m: any) => m.type === 'execute_reply').status).toBe('interrupted');
  expect(out.ms.find((m: any) => m.type === 'error').ename).toBe('KeyboardInterrupt');
  // a generous bound (593 ms at load 14 in one npm test run): the 250 ms promise is measured in
  // e2e/interrupt-state.spec.ts and faults.spec.ts; this test is about the state kept without a restart
  expect(out.elapsed).toBeLessThan(2000);
  expect(out.restarted).toBe(false);
  expect(result(out.after)).toBe('124');
});

// A cell that never yields (10 stop/restart cycles), training-loop interrupt latency and out of
// memory: e2e/faults.spec.ts.

test('a worker that dies while idle is restarted within 3 s', async ({ page }) => {
  await openKernel(page);
  const out = await page.evaluate(async () => {
    const k = (window as any).k;
    await k.exec('setTimeout(() => self.close(), 50);');
    const from = k.msgs.length;
    const t0 = performance.now();
    const restarted = await k.wait((m: any) => m.type === 'restarted', from);
    const elapsed = performance.now() - t0;
    await k.wait((m: any) => m.type === 'status' && m.status === 'idle', from);
    return { restarted, elapsed, after: await k.exec('1 + 1') };
  });
  expect(out.restarted).toMatchObject({ reason: 'crashed' });
  expect(out.elapsed).toBeLessThan(3500);
  expect(result(out.after)).toBe('2');
});

// A same-origin kernel ("not isolated") runs only after the user opts in when the second origin
// is not available (e2e/attacks-kernel.spec.ts); the app origin's kernel.html refuses to run while
// a kernel origin is configured (same file).

test('set_device webgpu switches the backend when WebGPU is available', async ({ page }) => {
  await openKernel(page);
  const out = await page.evaluate(async () => {
    const k = (window as any).k;
    // Wait for the WebGPU probe that follows startup.
    const probed = await k.wait((m: any) => m.type === 'status' && m.status === 'idle' && m.webgpu.reason !== 'not checked yet');
    const from = k.msgs.length;
    k.send({ type: 'set_device', device: 'webgpu' });
    const st = await k.wait((m: any) => m.type === 'status', from);
    const r = await k.exec('const g = torch.tensor([1.5, 2.5]);\nconst h = g * 2;\nprint(String(h.device));\nprint("h =", h);\nawait h.tolist()');
    const shown = await k.exec('h');
    return { probed, st, r, shown };
  });
  if (!out.probed.webgpu.available) {
    expect(out.st).toMatchObject({ backend: 'cpu', webgpu: { available: false } });
    expect(out.st.webgpu.reason).toBeTruthy();
    return;
  }
  expect(out.st).toMatchObject({ backend: 'webgpu', webgpu: { available: true } });
  const printed = out.r.filter((m: any) => m.type === 'stream').map((m: any) => m.text).join('');
  expect(printed.split('\n')[1]).toBe('h = tensor([3., 5.])');
  expect(printed.split('\n')[0]).toMatch(/^webgpu/);
  expect(result(out.r)).toBe('[ 3, 5 ]');
  expect(result(out.shown)).toBe('tensor([3., 5.])');
  expect(out.shown.find((m: any) => m.type === 'execute_result').data['application/vnd.torchlit.tensor.v1+json']).toMatchObject({ values: [3, 5], device: printed.split('\n')[0] });
});
