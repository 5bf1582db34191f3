// WebGPU in the notebook, end to end (SwiftShader in headless Chromium): a tensor moved to the
// GPU shows its device in prints and in its view; mixing devices in one op is PyTorch's error;
// PyTorch-style reads (`item()`, `tolist()`, `cpu()`) work in cells without `await` and type-check
// in the editor; where they cannot be awaited the error says what to do.
import { expect, warmTest as test } from './fixtures';

test('a WebGPU tensor in a CPU notebook: device in prints and views, mixed-device errors, reads without await', async ({ notebook, page }) => {
  test.setTimeout(180_000);
  await notebook.waitForKernel();
  await expect(page.getByRole('combobox', { name: 'Device' }).locator('option[value="webgpu"]')).toBeEnabled({ timeout: 30_000 });
  await expect(notebook.kernelStatus).toHaveAttribute('data-backend', 'cpu');

  const out = await notebook.run(0, "const g = torch.tensor([1.0, 2.0]).to('webgpu');\nprint(g);\ng");
  await expect(out.first()).toHaveText("tensor([1., 2.], device='webgpu:0')");
  const view = notebook.cell(0).locator('[data-mime="application/vnd.torchlit.tensor.v1+json"]');
  await expect(view).toContainText("tensor([1., 2.], device='webgpu:0')");
  await expect(view.locator('dt', { hasText: /^device$/ }).locator('xpath=following-sibling::dd')).toHaveText('webgpu:0');

  await notebook.runNew('g + torch.ones(2)', 'error');
  await expect(notebook.cell(1)).toContainText(/RuntimeError: Expected all tensors to be on the same device, but found at least two devices, (webgpu:0 and cpu|cpu and webgpu:0)!/);

  const reads = await notebook.runNew("const s = g.sum().item();\nconst typed: string = s;\nconst back = g.cpu();\nprint(s.toFixed(1), String(back.device), JSON.stringify(g.tolist()), String(g.to('cpu').device));");
  await expect(reads.first()).toHaveText('3.0 cpu [1,2] cpu');
  // the editor agrees: `g.sum().item()` is a number in a cell (not a Promise), so the only
  // diagnostic is the deliberate one on line 2
  await expect
    .poll(async () => page.evaluate(() => (globalThis as any).__torchlitMonaco?.editor.getModelMarkers({ owner: 'typescript' }).map((m: any) => `${m.startLineNumber}:${m.message}`)), { timeout: 20_000 })
    .toEqual([expect.stringMatching(/^2:Type 'number' is not assignable to type 'string'/)]);

  await notebook.runNew('[g].map((t) => t.item())', 'error');
  await expect(notebook.cell(3)).toContainText('t.item() of a webgpu:0 tensor is a GPU readback');
  await expect(notebook.cell(3)).toContainText('Declare the function `async`');
  const fixed = await notebook.runNew('const firsts = await Promise.all([g, g * 2].map(async (t) => t.tolist()));\nprint(JSON.stringify(firsts));');
  await expect(fixed.first()).toHaveText('[[1,2],[2,4]]');
});
