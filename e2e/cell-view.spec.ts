// JupyterLab's view keys in command mode: L / Shift+L line numbers, O collapses a cell's
// outputs, Shift+O scrolls them; collapse and scroll are saved as JupyterLab saves them
// (`metadata.collapsed`, `metadata.scrolled`).
import { test, expect } from './fixtures';
import { OpenDialog } from './pages/OpenDialog';

type Saved = { cells: { metadata: Record<string, unknown> }[] };

test('O collapses outputs, Shift+O scrolls them; both are saved in the cell metadata', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'for (let i = 0; i < 80; i++) print(`line ${i}`)');
  const cell = notebook.cell(0);
  await cell.click({ position: { x: 5, y: 5 } });
  await notebook.commandMode();
  await expect(cell).toBeFocused();
  await expect(cell.locator('[data-stream="stdout"]')).toContainText('line 79');

  await page.keyboard.press('o');
  await expect(cell).toHaveAttribute('data-outputs-collapsed', 'true');
  await expect(cell.locator('[data-stream="stdout"]')).toHaveCount(0);
  await expect(cell.getByRole('button', { name: /1 output hidden/ })).toBeVisible();
  let saved = (await notebook.download()) as unknown as Saved;
  expect(saved.cells[0].metadata.collapsed).toBe(true);

  await cell.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('o');
  await expect(cell.locator('[data-stream="stdout"]')).toContainText('line 79');
  saved = (await notebook.download()) as unknown as Saved;
  expect(saved.cells[0].metadata.collapsed).toBeUndefined();

  const box = cell.locator('.tl-outputs');
  const tall = await box.evaluate((el) => el.clientHeight);
  await cell.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+O');
  await expect(cell).toHaveAttribute('data-outputs-scrolled', 'true');
  const scrolled = await box.evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
  expect(scrolled.client).toBeLessThan(tall / 2);
  expect(scrolled.scroll).toBeGreaterThan(scrolled.client);
  saved = (await notebook.download()) as unknown as Saved;
  expect(saved.cells[0].metadata.scrolled).toBe(true);
  // The strip beside the outputs toggles it back, as JupyterLab's prompt overlay does.
  await cell.getByRole('button', { name: 'Disable scrolling for outputs' }).click();
  await expect(cell).not.toHaveAttribute('data-outputs-scrolled', 'true');
  expect(await box.evaluate((el) => el.clientHeight)).toBeGreaterThan(tall - 5);

  // Running a collapsed cell shows its outputs again (JupyterLab does the same).
  await cell.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('o');
  await expect(cell).toHaveAttribute('data-outputs-collapsed', 'true');
  await page.keyboard.press('Control+Enter');
  await expect(cell.locator('[data-stream="stdout"]')).toContainText('line 79');
  await expect(cell).not.toHaveAttribute('data-outputs-collapsed', 'true');
});

test('L toggles line numbers in the cell, Shift+L in every cell', async ({ notebook, page }) => {
  await notebook.typeInCell(0, 'const a = 1;\nconst b = 2;');
  await notebook.commandMode();
  await page.keyboard.press('b');
  await notebook.typeInCell(1, 'const c = 3;');
  await notebook.commandMode();
  const numbers = (i: number) => notebook.cell(i).locator('.monaco-editor .line-numbers');
  await expect(numbers(0)).toHaveCount(2);
  await expect(numbers(1)).toHaveCount(1);

  await page.keyboard.press('l');
  await expect(numbers(1)).toHaveCount(0);
  await expect(numbers(0)).toHaveCount(2);
  await expect(notebook.cell(1)).toHaveAttribute('data-line-numbers', 'false');

  await page.keyboard.press('Shift+L');
  await expect(numbers(0)).toHaveCount(0);
  await expect(numbers(1)).toHaveCount(0);
  await page.keyboard.press('Shift+L');
  await expect(numbers(0)).toHaveCount(2);
  await expect(numbers(1)).toHaveCount(1);
  // The notebook-wide choice outlives a reload.
  await page.keyboard.press('Shift+L');
  await page.reload();
  await expect(notebook.cell(0)).toHaveAttribute('data-line-numbers', 'false');
});

test('a notebook saved collapsed and scrolled by JupyterLab opens that way', async ({ page, start }) => {
  await start.goto();
  const out = (n: number) => ({ output_type: 'stream', name: 'stdout', text: Array.from({ length: n }, (_, i) => `row ${i}\n`).join('') });
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: 'a', cell_type: 'code', source: 'x', metadata: { collapsed: true }, outputs: [out(3)], execution_count: 1 },
      { id: 'b', cell_type: 'code', source: 'y', metadata: { scrolled: true }, outputs: [out(200)], execution_count: 2 },
      { id: 'c', cell_type: 'code', source: 'z', metadata: { jupyter: { outputs_hidden: true } }, outputs: [out(2)], execution_count: 3 },
    ],
  };
  await new OpenDialog(page).openShareLink(JSON.stringify(nb));
  const cells = page.locator('[data-cell-id]');
  await expect(cells).toHaveCount(3);
  await expect(cells.nth(0)).toHaveAttribute('data-outputs-collapsed', 'true');
  await expect(cells.nth(0).locator('[data-stream]')).toHaveCount(0);
  await expect(cells.nth(1)).toHaveAttribute('data-outputs-scrolled', 'true');
  const box = await cells.nth(1).locator('.tl-outputs').evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
  expect(box.scroll).toBeGreaterThan(box.client * 3);
  await expect(cells.nth(2)).toHaveAttribute('data-outputs-collapsed', 'true');
});
