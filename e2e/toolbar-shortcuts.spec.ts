// Every toolbar button and Jupyter's keyboard shortcuts.
import { warmTest as test, expect } from './fixtures';

const types = async (cells: import('@playwright/test').Locator) => cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-type')));

test('the toolbar has the buttons the test contract names', async ({ notebook }) => {
  for (const name of ['Run cell', 'Run all', 'Interrupt', 'Restart kernel', 'Add code cell', 'Add markdown cell', 'Share', 'Download .ipynb', 'Open']) {
    await expect(notebook.button(name)).toBeVisible();
  }
});

test('Run all runs every cell in order and stops at the first error', async ({ notebook }) => {
  await notebook.waitForKernel();
  await notebook.typeInCell(0, 'let order = "a";');
  await notebook.commandMode();
  await notebook.button('Add code cell').click();
  await notebook.typeInCell(1, 'order += "b";\nthrow new Error("stop here")');
  await notebook.commandMode();
  await notebook.button('Add code cell').click();
  await notebook.typeInCell(2, 'order += "c";\norder');
  await notebook.commandMode();
  await notebook.button('Run all').click();
  await expect(notebook.cell(1)).toHaveAttribute('data-cell-status', 'error');
  await expect(notebook.cell(0)).toHaveAttribute('data-cell-status', 'done');
  await expect(notebook.cell(2)).toHaveAttribute('data-cell-status', 'idle');
  await expect(notebook.cell(2)).toContainText('not run yet');
  // Fix the error, run all again.
  await notebook.typeInCell(1, 'order += "b";');
  await notebook.commandMode();
  await notebook.button('Run all').click();
  await expect(notebook.cell(2)).toHaveAttribute('data-cell-status', 'done');
  await expect(notebook.cell(2).locator('.tl-result')).toContainText('abc');
});

test('Restart kernel clears the variables; Add cell buttons add cells below', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const gone = 1;');
  await notebook.button('Restart kernel').click();
  // As JupyterLab: "Restart Kernel?" first.
  await page.getByRole('dialog', { name: 'Restart Kernel?' }).getByRole('button', { name: 'Restart', exact: true }).click();
  await notebook.waitForKernel();
  await notebook.run(1, 'typeof gone');
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('undefined');
  await notebook.commandMode();
  await notebook.cell(0).click({ position: { x: 5, y: 5 } });
  // Shift+Enter on the last cell added a third one.
  await notebook.button('Add markdown cell').click();
  await expect.poll(() => types(notebook.cells)).toEqual(['code', 'markdown', 'code', 'code']);
  await page.keyboard.press('Escape');
  await notebook.button('Add code cell').click();
  await expect.poll(() => types(notebook.cells)).toEqual(['code', 'markdown', 'code', 'code', 'code']);
});

test('per-cell controls: move, clear and collapse outputs, delete', async ({ notebook }) => {
  await notebook.waitForKernel();
  // (A lone string literal is a directive in JavaScript, not an expression: use a variable.)
  await notebook.run(0, 'const s1 = "first";\ns1');
  await notebook.run(1, 'const s2 = "second";\ns2');
  const first = notebook.cell(0);
  await first.hover();
  await first.getByRole('button', { name: 'Move cell down' }).click();
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('first');
  const moved = notebook.cell(1);
  await moved.getByRole('button', { name: 'Collapse outputs' }).click();
  await expect(moved.locator('.tl-result')).toHaveCount(0);
  await moved.getByRole('button', { name: /outputs? hidden/ }).click();
  await expect(moved.locator('.tl-result')).toContainText('first');
  await moved.getByRole('button', { name: 'Clear outputs' }).click();
  await expect(moved.locator('[data-mime]')).toHaveCount(0);
  const before = await notebook.cells.count();
  await moved.getByRole('button', { name: 'Delete cell' }).click();
  await expect(notebook.cells).toHaveCount(before - 1);
});

test('command-mode shortcuts: A, B, M, Y, D D, Z, X, C, V, J, K, Enter, Esc', async ({ notebook, page }) => {
  await notebook.typeInCell(0, 'const one = 1;');
  await page.keyboard.press('Escape');
  const first = notebook.cell(0);
  await expect(first).toBeFocused();
  await page.keyboard.press('b');
  await expect(notebook.cells).toHaveCount(2);
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await expect(notebook.cells).toHaveCount(3);
  // The new cell (index 1) is selected: make it Markdown, then code again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('m');
  await expect(notebook.cell(1)).toHaveAttribute('data-cell-type', 'markdown');
  await page.keyboard.press('y');
  await expect(notebook.cell(1)).toHaveAttribute('data-cell-type', 'code');
  await page.keyboard.press('d');
  await page.keyboard.press('d');
  await expect(notebook.cells).toHaveCount(2);
  await page.keyboard.press('z');
  await expect(notebook.cells).toHaveCount(3);
  // K/J and arrows move the selection.
  await page.keyboard.press('k');
  await expect(notebook.cell(0)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await expect(notebook.cell(2)).toHaveAttribute('aria-current', 'true');
  // Copy the first cell and paste it at the end; cut it.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('c');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('v');
  await expect(notebook.cells).toHaveCount(4);
  await expect(notebook.cell(3)).toContainText('const one = 1;');
  await page.keyboard.press('x');
  await expect(notebook.cells).toHaveCount(3);
  // Enter edits the selected cell; Esc leaves.
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(notebook.cell(1)).toHaveClass(/tl-editing/);
  await page.keyboard.press('Escape');
  await expect(notebook.cell(1)).not.toHaveClass(/tl-editing/);
});

test('run shortcuts: Shift+Enter, Ctrl+Enter, Alt+Enter; I I interrupts; 0 0 restarts', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.typeInCell(0, '"ctrl".toUpperCase()');
  await page.keyboard.press('Control+Enter');
  await expect(notebook.cell(0)).toHaveAttribute('data-cell-status', 'done');
  await expect(notebook.cells).toHaveCount(1);
  await notebook.typeInCell(0, '"alt".toUpperCase()');
  await page.keyboard.press('Alt+Enter');
  await expect(notebook.cell(0).locator('.tl-result')).toContainText('ALT');
  await expect(notebook.cells).toHaveCount(2);
  await expect(notebook.cell(1)).toHaveClass(/tl-editing/);
  // the new cell's own editor has the focus (not the previous cell's, for a moment after Alt+Enter)
  await expect.poll(() => notebook.cell(1).evaluate((el) => !!el.querySelector('.monaco-editor')?.contains(document.activeElement))).toBe(true);
  await notebook.paste('while (true) { await new Promise((r) => setTimeout(r, 5)); }');
  await page.keyboard.press('Control+Enter');
  await expect(notebook.cell(1)).toHaveAttribute('data-cell-status', 'running');
  await page.keyboard.press('Escape');
  await expect(notebook.cell(1)).toBeFocused();
  await page.keyboard.press('i');
  await page.keyboard.press('i');
  await expect(notebook.cell(1)).toHaveAttribute('data-cell-status', 'interrupted');
  await expect(notebook.cell(1)).toBeFocused();
  await page.keyboard.press('0');
  await page.keyboard.press('0');
  // As JupyterLab: "Restart Kernel?" asks first, its Restart button has the focus (Enter).
  await expect(page.getByRole('dialog', { name: 'Restart Kernel?' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /restart/i })).toBeVisible();
});

test('the shortcuts help opens from the toolbar and with H', async ({ notebook, page }) => {
  await notebook.button('Keyboard shortcuts').click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Undo cell deletion');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await notebook.commandMode();
  await page.keyboard.press('h');
  await expect(help).toBeVisible();
});

test('Ctrl+S saves at once', async ({ notebook, page }) => {
  await notebook.typeInCell(0, 'const saved = true;');
  await page.keyboard.press('Control+s');
  await notebook.saved();
});
