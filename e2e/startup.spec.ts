// Start-up (issue 21): the kernel frame is started by public/kernel-early.js while the app's code
// loads, and the app adopts that frame as its one kernel (app/services/early-kernel.ts).
import { test, expect } from './fixtures';

test('the kernel frame the early script starts is the app\'s one kernel, and runs cells', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  const seen = await page.evaluate(() => {
    const early = (window as unknown as { __torchlitEarlyKernel?: { taken: boolean; frame: HTMLIFrameElement | null } }).__torchlitEarlyKernel;
    const frames = [...document.querySelectorAll('iframe')];
    return { taken: early?.taken, adopted: !!early?.frame && frames[0] === early.frame, count: frames.length };
  });
  expect(seen).toEqual({ taken: true, adopted: true, count: 1 });
  await expect(notebook.kernelStatus).toHaveAttribute('data-isolated', 'true');
  const out = await notebook.run(0, 'const t = torch.tensor([1, 2, 3]);\nprint(t.sum().item())');
  await expect(out).toHaveText('6');
  // a reload adopts the new page's early frame too, and the kernel starts afresh
  await page.reload();
  await notebook.waitForKernel();
  expect(await page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(1);
  await expect(await notebook.run(0, 'print(typeof t)')).toHaveText('undefined');
});
