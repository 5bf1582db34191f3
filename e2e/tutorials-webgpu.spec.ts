// The tutorials again, with the notebook's device set to WebGPU through the toolbar's Device
// menu (as a learner would), before Run all. Every cell must still meet its expectations, and a
// check cell run afterwards must find the lesson's tensors and parameters on `webgpu:0`.
//
// In headless Chromium the adapter is SwiftShader (a CPU rasterizer: ~1 ms per dispatch on an idle
// machine, seconds per MNIST training step on a loaded one), so the lessons' long loops are
// shortened in the editor first, as a learner could: MNIST's short mode (FULL = false) to 3
// batches of 16 and one test batch of 100, 5000 epochs to 100, 4 × 300 optimizer steps to 4 × 25. The edited
// cells are then checked against the CPU: after Run all on WebGPU, the device is switched back to
// CPU and Run all repeats; every number the edited cells print (losses, accuracy) must agree
// within float32 tolerance (the GPU sums in float32 in another order; the CPU accumulates in f64).
import { expect, test } from './fixtures';
import { checkExpectations, checkTrainingViews, openTutorial, printed, runAll, tutorials, type Tutorial } from './pages/tutorials';
import { NotebookPage } from './pages/NotebookPage';
import type { Page } from '@playwright/test';

/** What each lesson leaves in scope that must live on the GPU (expressions with a `.device`). */
const onGpu: Record<string, string[]> = {
  'autograd-from-scratch': ['x', 'x.grad', 'h.grad', 'du'],
  'mnist-cnn': ['model.conv1.weight', 'model.conv2.bias', 'model.fc.weight.grad'],
  'optimizers-compared': ['x', 'y', "runs['Adam'].model.parameters()[0]"],
  'tensors-modules-parameters': ['points', 't_un', 'seq_model.hidden_linear.weight', 'seq_model.hidden_linear.weight.grad'],
  'vgg16-pretrained': ['model.features[0].weight', 'model.classifier[6].weight', 'logits'],
};

interface Shorten {
  cell: number;
  edits: [string, string][];
  /** What the edited cell must print instead of the lesson's expectation. */
  output_contains: string[];
}
/** Loops too long for SwiftShader, shortened in the editor (text replaced in the cell's source). */
const shorten: Record<string, Shorten[]> = {
  'mnist-cnn': [
    { cell: 2, edits: [['FULL ? 4 : 3', 'FULL ? 4 : 1'], ['FULL ? Infinity : 15', 'FULL ? Infinity : 3']], output_contains: ['EPOCHS: 1', 'MAX_BATCHES: 3'] },
    // batches of 16 and 100, not 64 and 500: one forward pass of 500 digits took ~30 s on SwiftShader
    { cell: 4, edits: [['batch_size: 64', 'batch_size: 16'], ['batch_size: 500', 'batch_size: 100']], output_contains: ['7996 training digits, 2004 test digits'] },
    { cell: 9, edits: [['    total += y.shape[0];\n', '    total += y.shape[0];\n    if (total >= 100) break;  // one test batch\n']], output_contains: ['epoch 1: train loss', 'test accuracy'] },
  ],
  'tensors-modules-parameters': [{ cell: 26, edits: [['range(1, 5001)', 'range(1, 101)'], ['epoch % 1000 === 0', 'epoch % 50 === 0']], output_contains: ['Epoch 1, Training loss', 'Epoch 100, Training loss'] }],
  'optimizers-compared': [
    { cell: 4, edits: [['steps = 300', 'steps = 25']], output_contains: ['SGD             final loss', 'Adam            final loss'] },
    { cell: 6, edits: [['Array(300)', 'Array(25)']], output_contains: [] },
  ],
};

const source = (nb: Tutorial, i: number) => {
  const s = nb.cells[i].source;
  return Array.isArray(s) ? s.join('') : s;
};

async function selectDevice(page: Page, device: 'cpu' | 'webgpu') {
  const menu = page.getByRole('combobox', { name: 'Device' });
  // the menu offers WebGPU once the kernel has probed an adapter
  if (device === 'webgpu') await expect(menu.locator('option[value="webgpu"]')).toBeEnabled({ timeout: 30_000 });
  await menu.selectOption(device);
  await expect(page.locator('[data-kernel-status]')).toHaveAttribute('data-backend', device);
}

const numbers = (s: string) => (s.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? []).map(Number);

/**
 * On SwiftShader every lesson costs minutes, and `npm test` must stay well under 20 minutes on a
 * 2-core machine: by default the lessons whose GPU paths the unit suite does not already cover op
 * by op against PyTorch (autograd on the GPU, the seed lesson's modules). The others run with
 * E2E_WEBGPU_ALL=1: MNIST (2.4 worker-minutes in the last npm test; its CNN's training step on
 * the GPU against the CPU is engine/backend/webgpu/training.browser.test.ts's "a CNN"), the
 * optimizer comparison (every optimizer's update is in the browser unit suite on WebGPU) and
 * VGG16 (its 411 MB tensors: engine/backend/webgpu/chunked.browser.test.ts).
 */
const everyLesson = !!process.env.E2E_WEBGPU_ALL;
const byDefault = new Set(['autograd-from-scratch', 'tensors-modules-parameters']);

for (const nb of tutorials) {
  test(`tutorial "${nb.title}" on WebGPU meets its expectations`, async ({ page }) => {
    test.skip(!everyLesson && !byDefault.has(nb.name), 'covered op by op on WebGPU by the unit suite; E2E_WEBGPU_ALL=1 runs it');
    test.setTimeout(12 * 60_000);
    await openTutorial(page, nb);
    const notebook = new NotebookPage(page);
    const edits = shorten[nb.name] ?? [];
    for (const e of edits) {
      let src = source(nb, e.cell);
      for (const [from, to] of e.edits) {
        expect(src, `${nb.file} cell ${e.cell}`).toContain(from);
        src = src.replace(from, to);
      }
      await notebook.typeInCell(e.cell, src);
      await notebook.commandMode();
    }

    await selectDevice(page, 'webgpu');
    await runAll(page, 10 * 60_000);
    const replaced = Object.fromEntries(edits.map((e) => [e.cell, { output_contains: e.output_contains }]));
    await checkExpectations(page, nb, replaced);
    await checkTrainingViews(page);

    // The lesson really ran on the GPU: its tensors live on webgpu:0.
    const exprs = onGpu[nb.name];
    expect(exprs, `device checks for ${nb.file}`).toBeDefined();
    const out = await notebook.runNew(`print(String(torch.get_default_device()), ${exprs.map((e) => `String((${e}).device)`).join(', ')})`);
    await expect(out.first()).toHaveText(['webgpu:0', ...exprs.map(() => 'webgpu:0')].join(' '));

    // Shortened cells: the same numbers as on the CPU, within float32 tolerance.
    if (!edits.length) return;
    const gpu = await Promise.all(edits.map((e) => printed(page, e.cell)));
    await selectDevice(page, 'cpu');
    await runAll(page, 3 * 60_000);
    for (const [k, e] of edits.entries()) {
      const cpu = await printed(page, e.cell);
      const [g, c] = [numbers(gpu[k]), numbers(cpu)];
      expect(g.length, `numbers printed by cell ${e.cell} on WebGPU:\n${gpu[k]}\nand on the CPU:\n${cpu}`).toBe(c.length);
      for (const [i, v] of c.entries()) expect(Math.abs(g[i] - v), `cell ${e.cell}: WebGPU ${g[i]} vs CPU ${v}`).toBeLessThanOrEqual(2e-4 + 1e-2 * Math.abs(v));
    }
  });
}
