// Interrupt, restart, and recovering from a cell that never yields.
import { warmTest as test, expect } from './fixtures';

test('interrupt a long-running loop and keep earlier variables', async ({ notebook }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const before = 123;\nlet steps = 0;');
  await notebook.typeInCell(1, 'while (true) {\n  steps++;\n  await new Promise((r) => setTimeout(r, 1));\n}');
  await notebook.page.keyboard.press('Shift+Enter');
  await expect(notebook.cell(1)).toHaveAttribute('data-cell-status', 'running');
  await expect(notebook.cell(1)).toContainText(/running \d+\.\d s/);
  await notebook.button('Interrupt').click();
  await expect(notebook.cell(1)).toHaveAttribute('data-cell-status', 'interrupted', { timeout: 5_000 });
  await notebook.run(2, 'before + (steps > 0 ? 1 : 0)');
  await expect(notebook.cell(2).locator('.tl-result')).toContainText('124');
});

test('stop a cell that never reaches an interrupt check (the restart fallback) and recover', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.typeInCell(0, "new Function('while (true) {}')()");
  await page.keyboard.press('Shift+Enter');
  await expect(notebook.cell(0)).toHaveAttribute('data-cell-status', 'running');
  await notebook.button('Interrupt').click();
  await expect(notebook.cell(0)).toHaveAttribute('data-cell-status', 'interrupted', { timeout: 15_000 });
  await expect(page.getByRole('alert').filter({ hasText: /restart|lost/i })).toBeVisible();
  await notebook.waitForKernel();
  await notebook.run(1, '1 + 1');
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('2');
});

test('the variable inspector lists tensors and modules', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const t = torch.zeros([2, 3]);\nconst n = 5;');
  await notebook.button('Variables').click();
  const panel = page.getByRole('complementary', { name: 'Variables' });
  await expect(panel).toBeVisible();
  const row = panel.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 't', exact: true }) });
  await expect(row).toContainText('[2, 3]');
  await expect(row).toContainText('float32');
  await expect(panel.getByRole('rowheader', { name: 'n', exact: true })).toBeVisible();
  await notebook.run(1, 'const m = nn.Linear(3, 2);');
  await expect(panel.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'm', exact: true }) })).toContainText('8');
});

test('the inspector names classes as written and summarises optimizers, loaders and monitors', async ({ notebook, page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await notebook.waitForKernel();
  await notebook.run(
    0,
    [
      'const model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1));',
      'const opt = optim.SGD(model.parameters(), {lr: 0.001, momentum: 0.9});',
      'const loader = new utils.data.DataLoader(new utils.data.TensorDataset(torch.zeros([10000, 2])), {batch_size: 64, shuffle: true});',
      'const mon = monitor(model, {title: "t"});',
      'for (let e = 0; e < 3; e++) mon.epoch({loss: 1 / (e + 1)});',
      'class Net extends nn.Module { fc = nn.Linear(1, 1); forward(x) { return this.fc(x); } }',
      'const net = new Net();',
    ].join('\n'),
  );
  await notebook.button('Variables').click();
  const panel = page.getByRole('complementary', { name: 'Variables' });
  const row = (name: string) => panel.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row('model')).toContainText('Sequential · 3 children · 17 params');
  await expect(row('opt')).toContainText('SGD · lr 0.001 · momentum 0.9');
  await expect(row('loader')).toContainText('batch 64 · 157 batches · shuffle');
  await expect(row('mon')).toContainText('3 epochs · 4 parameters');
  await expect(row('net')).toContainText('Module(Net)');
  await expect(row('Net')).toContainText('class Net');
  // no minified names anywhere in the type column
  for (const t of await panel.locator('.tl-var-type').allTextContents()) expect(t.length, t).toBeGreaterThan(2);
  // the table fits the panel at 1400 px: no horizontal scrolling
  const fits = await panel.locator('.tl-grid-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits).toBe(true);
  // the panel is resizable from its edge with the keyboard, and keeps the width
  const before = (await panel.boundingBox())!.width;
  await panel.getByRole('separator', { name: 'Resize variables panel' }).press('ArrowLeft');
  await expect.poll(async () => (await panel.boundingBox())!.width).toBeGreaterThan(before + 10);
});
