// Interrupt, restart, and recovering from a cell that never yields.
import { test, expect } from './fixtures';

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
