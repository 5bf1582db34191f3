// The CPU backend's GEMM threads in the real kernel worker (isolated kernel frame): the pool's
// nested workers start with the kernel, a large matmul is split across them, and a restart
// (terminating the kernel worker and its nested workers) leaves a working kernel.
import { test, expect } from '@playwright/test';
import { openKernel, result } from './kernel-driver';

test('the kernel worker runs matmul on GEMM worker threads', async ({ page }) => {
  await openKernel(page);
  const out = await page.evaluate(async () => {
    const k = (window as any).k;
    const code = [
      'await torch._start_threads();',
      'const a = torch.ones([300, 200]), b = torch.ones([200, 310]);',
      'let c = torch.matmul(a, b);',
      // on a busy machine this thread may finish a product before the worker wakes: a few more
      'for (let i = 0; i < 50 && !/chunks run by workers : [1-9]/.test(torch.__config__.parallel_info()); i++) c = torch.matmul(a, b);',
      'print(torch.__config__.parallel_info());',
      'c.sum().item() / (300 * 310)',
    ].join('\n');
    return k.exec(code);
  });
  const stdout = out.filter((m: any) => m.type === 'stream').map((m: any) => m.text).join('');
  const threads = Number(/get_num_threads\(\) : (\d+)/.exec(stdout)?.[1]);
  const ready = Number(/GEMM workers ready : (\d+)/.exec(stdout)?.[1]);
  expect(stdout).toContain('shared WebAssembly memory : yes');
  expect(threads).toBeGreaterThanOrEqual(1);
  // one thread per core: on a 1-core machine there is no worker to start
  expect(ready).toBe(threads - 1);
  if (threads > 1) expect(Number(/chunks run by workers : (\d+)/.exec(stdout)?.[1])).toBeGreaterThan(0);
  expect(result(out)).toBe('200');
});
