// Without a WebGPU adapter (Chromium without --enable-unsafe-webgpu finds none here):
// `torch.webgpu.is_available()` is false, and the Device menu says why WebGPU cannot be chosen.
import { expect, test } from './fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/notebook-test/chromium.mjs';

// every usual switch but WebGPU's
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') } });

test('no adapter: is_available() is false and the kernel says why', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  const menu = page.getByRole('combobox', { name: 'Device' });
  const option = menu.locator('option[value="webgpu"]');
  // the probe's answer reaches the toolbar: WebGPU is offered, disabled, with the reason
  await expect(page.locator('#tl-webgpu-reason')).toContainText(/WebGPU unavailable: (no WebGPU adapter was found|navigator\.gpu is missing)/, { timeout: 30_000 });
  await expect(option).toBeDisabled();
  await expect(option).toHaveText('WebGPU (unavailable)');
  await expect(menu).toHaveAttribute('title', /^WebGPU unavailable: /);
  await expect(notebook.kernelStatus).toHaveAttribute('data-backend', 'cpu');

  const out = await notebook.run(0, "print(torch.webgpu.is_available(), torch.webgpu.unavailable_reason());\nconst device = torch.webgpu.is_available() ? 'webgpu' : 'cpu';\nprint(String(torch.ones(1).to(device).device));");
  await expect(out.first()).toHaveText(/^false (no WebGPU adapter was found|navigator\.gpu is missing)[^\n]*\ncpu\n?$/);
});
