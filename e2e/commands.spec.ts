// JupyterLab's notebook commands, through the user's keys and clicks: the command palette, the
// Kernel menu (clear outputs, restart and run all / clear, with the confirmation), multi-cell
// selection, merge and split, and undo/redo of the notebook's structure.
import type { Locator, Page } from '@playwright/test';
// One warm page per worker (fixtures.ts). The "Do not ask me again" test puts the question back
// before it ends; a failed test throws its page (and so the setting) away.
import { warmTest as test, expect } from './fixtures';
import type { NotebookPage } from './pages/NotebookPage';

const types = (cells: Locator) => cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-type')));
const selected = (cells: Locator) => cells.evaluateAll((els) => els.map((e, i) => (e.getAttribute('data-selected') ? i : -1)).filter((i) => i >= 0));
/** The sources as saved (the downloaded .ipynb). */
const sources = async (notebook: NotebookPage) => (await notebook.download()).cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : String(c.source)));

/** Fills the notebook with code cells holding these sources (B adds each), then command mode on the last. */
async function cellsWith(notebook: NotebookPage, page: Page, ...code: string[]) {
  for (let i = 0; i < code.length; i++) {
    if (i > 0) {
      await notebook.commandMode();
      await page.keyboard.press('b');
      await expect(notebook.cells).toHaveCount(i + 1);
    }
    await notebook.typeInCell(i, code[i]);
  }
  await notebook.commandMode();
}

const kernelMenu = async (page: Page, notebook: NotebookPage, item: string) => {
  await notebook.toolbar.getByRole('button', { name: 'Kernel', exact: true }).click();
  await page.getByRole('menu', { name: 'Kernel' }).getByRole('menuitem', { name: item, exact: true }).click();
};
const restartDialog = (page: Page) => page.getByRole('dialog', { name: 'Restart Kernel?' });

test('the command palette: Ctrl+Shift+C and Ctrl+Shift+P, every command with its key, fuzzy search, arrows, Enter, Esc', async ({ notebook, page }) => {
  await notebook.commandMode();
  await page.keyboard.press('Control+Shift+C');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  const search = palette.getByRole('combobox', { name: 'Search commands' });
  await expect(search).toBeFocused();
  // Every command, with its shortcut.
  await expect(palette.getByRole('option', { name: /Merge Selected Cells/ }).locator('kbd')).toHaveText('Shift+M');
  await expect(palette.getByRole('option', { name: /^Restart Kernel and Run All Cells/ })).toBeVisible();
  await expect(palette.getByRole('option', { name: /^Clear Outputs of All Cells/ })).toBeVisible();
  await expect(palette.getByRole('option', { name: /^Insert Cell Below/ }).locator('kbd')).toHaveText('B');
  // Fuzzy: words in any order, letters in order.
  await search.fill('insrt belw');
  await expect(palette.getByRole('option').first()).toContainText('Insert Cell Below');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(notebook.cells).toHaveCount(2);
  // Ctrl+Shift+P, arrows choose, Enter runs the chosen one.
  await page.keyboard.press('Control+Shift+P');
  await expect(palette).toBeVisible();
  await search.fill('change to');
  const options = palette.getByRole('option');
  await expect(options.first()).toContainText('Change to Code Cell Type');
  await expect(options.nth(1)).toContainText('Change to Markdown Cell Type');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect.poll(() => types(notebook.cells)).toEqual(['code', 'markdown']);
  // Esc closes without running anything; it opens from edit mode too.
  await notebook.typeInCell(0, 'const typed = 1;');
  await page.keyboard.press('Control+Shift+C');
  await expect(palette).toBeVisible();
  await search.fill('delete');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(notebook.cells).toHaveCount(2);
});

test('Clear Outputs of All Cells (Kernel menu), undone with Z and redone with Shift+Z', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const a1 = "first";\na1');
  await notebook.run(1, 'const a2 = "second";\na2');
  await notebook.commandMode();
  await expect(notebook.cell(0).locator('.tl-result')).toContainText('first');
  await kernelMenu(page, notebook, 'Clear Outputs of All Cells');
  await expect(page.locator('[data-cell-id] .tl-result')).toHaveCount(0);
  await expect(notebook.cell(0)).toContainText('[ ]');
  await page.keyboard.press('z');
  await expect(notebook.cell(0).locator('.tl-result')).toContainText('first');
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('second');
  await page.keyboard.press('Shift+Z');
  await expect(page.locator('[data-cell-id] .tl-result')).toHaveCount(0);
});

test('Restart Kernel and Run All Cells… asks first; Cancel keeps the kernel, Restart runs every cell from [1]', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'let n = 10;\nn');
  await notebook.run(1, 'n += 1;\nn');
  await notebook.run(1, 'n += 1;\nn');
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('12');
  await notebook.commandMode();
  await kernelMenu(page, notebook, 'Restart Kernel and Run All Cells…');
  await expect(restartDialog(page)).toContainText('restart the kernel and run all cells');
  await restartDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(restartDialog(page)).toBeHidden();
  await expect(notebook.cell(1)).toContainText('[3]');
  await kernelMenu(page, notebook, 'Restart Kernel and Run All Cells…');
  await restartDialog(page).getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(notebook.cell(1)).toHaveAttribute('data-cell-status', 'done', { timeout: 60_000 });
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('11');
  await expect(notebook.cell(0)).toContainText('[1]');
  await expect(notebook.cell(1)).toContainText('[2]');
});

test('Restart Kernel and Clear Outputs…; "Do not ask me again" skips the dialog (0 0 then restarts at once) until asked for again', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const kept = "here";\nkept');
  await notebook.commandMode();
  await kernelMenu(page, notebook, 'Restart Kernel and Clear Outputs of All Cells…');
  await expect(restartDialog(page)).toContainText('clear all outputs');
  await restartDialog(page).getByRole('checkbox', { name: 'Do not ask me again' }).check();
  await restartDialog(page).getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(page.locator('[data-cell-id] .tl-result')).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: /restarted/i })).toBeVisible();
  await notebook.waitForKernel();
  await notebook.run(0, 'typeof kept');
  await expect(notebook.cell(0).locator('.tl-result')).toContainText('undefined');
  // No dialog now: 0 0 restarts at once.
  await notebook.run(0, 'const again = 1;');
  await notebook.commandMode();
  await page.getByRole('alert').filter({ hasText: /restarted/i }).getByRole('button', { name: 'Dismiss' }).click();
  await notebook.cell(0).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('0');
  await page.keyboard.press('0');
  await expect(page.getByRole('alert').filter({ hasText: /restarted/i })).toBeVisible();
  await expect(restartDialog(page)).toHaveCount(0);
  await notebook.waitForKernel();
  await notebook.run(1, 'typeof again');
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('undefined');
  // The palette turns the question back on; Enter answers Restart, Esc cancels.
  await notebook.commandMode();
  await page.keyboard.press('Control+Shift+C');
  await page.getByRole('combobox', { name: 'Search commands' }).fill('ask before restart');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Search commands' })).toBeHidden();
  // The palette runs its command in a timer once it has closed; Chromium serves input before
  // timers, so under load the 0 0 below could reach the notebook before the setting changed.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  await page.keyboard.press('0');
  await page.keyboard.press('0');
  await expect(restartDialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(restartDialog(page)).toBeHidden();
});

test('multi-select with Shift+J/K, Shift+Up/Down and Shift+click; change type, move, copy/paste, delete and run apply to the selection', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await cellsWith(notebook, page, 'const c0 = 0;', 'const c1 = 1;', 'const c2 = 2;', 'const c3 = 3;');
  await notebook.cell(0).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+J');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => selected(notebook.cells)).toEqual([0, 1, 2]);
  await page.keyboard.press('Shift+K');
  await expect.poll(() => selected(notebook.cells)).toEqual([0, 1]);
  // M / Y change every selected cell.
  await page.keyboard.press('m');
  await expect.poll(() => types(notebook.cells)).toEqual(['markdown', 'markdown', 'code', 'code']);
  await page.keyboard.press('y');
  await expect.poll(() => types(notebook.cells)).toEqual(['code', 'code', 'code', 'code']);
  // Move the two down together (Ctrl+Shift+Down), and back up.
  await page.keyboard.press('Control+Shift+ArrowDown');
  expect(await sources(notebook)).toEqual(['const c2 = 2;', 'const c0 = 0;', 'const c1 = 1;', 'const c3 = 3;']);
  await expect.poll(() => selected(notebook.cells)).toEqual([1, 2]);
  await page.keyboard.press('Control+Shift+ArrowUp');
  // Shift+click selects a range; Shift+Enter runs it all.
  await notebook.cell(1).click({ position: { x: 5, y: 5 } });
  await notebook.cell(3).click({ position: { x: 5, y: 5 }, modifiers: ['Shift'] });
  await expect.poll(() => selected(notebook.cells)).toEqual([1, 2, 3]);
  await page.keyboard.press('Control+Enter');
  for (const i of [1, 2, 3]) await expect(notebook.cell(i)).toHaveAttribute('data-cell-status', 'done');
  await expect(notebook.cell(0)).toHaveAttribute('data-cell-status', 'idle');
  // C copies the three, V pastes them below the selection.
  await page.keyboard.press('c');
  await page.keyboard.press('v');
  await expect(notebook.cells).toHaveCount(7);
  expect(await sources(notebook)).toEqual(['const c0 = 0;', 'const c1 = 1;', 'const c2 = 2;', 'const c3 = 3;', 'const c1 = 1;', 'const c2 = 2;', 'const c3 = 3;']);
  // The pasted cells are selected: D D deletes all three, Z brings them back.
  await expect.poll(() => selected(notebook.cells)).toEqual([4, 5, 6]);
  await page.keyboard.press('d');
  await page.keyboard.press('d');
  await expect(notebook.cells).toHaveCount(4);
  await page.keyboard.press('z');
  await expect(notebook.cells).toHaveCount(7);
  // X cuts a selection.
  await notebook.cell(5).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('x');
  await expect(notebook.cells).toHaveCount(5);
});

test('merge (Shift+M: the selection, or the cell below) and split at the cursor (Ctrl+Shift+-), both undoable', async ({ notebook, page }) => {
  await cellsWith(notebook, page, 'const m0 = 0;', 'const m1 = 1;', 'const m2 = 2;');
  await notebook.cell(0).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+J');
  await page.keyboard.press('Shift+M');
  await expect(notebook.cells).toHaveCount(2);
  expect(await sources(notebook)).toEqual(['const m0 = 0;\n\nconst m1 = 1;', 'const m2 = 2;']);
  // One cell selected: Shift+M merges it with the cell below.
  await page.keyboard.press('Shift+M');
  await expect(notebook.cells).toHaveCount(1);
  expect(await sources(notebook)).toEqual(['const m0 = 0;\n\nconst m1 = 1;\n\nconst m2 = 2;']);
  await page.keyboard.press('z');
  await expect(notebook.cells).toHaveCount(2);
  // Split: the cursor at the start of the second statement.
  await notebook.typeInCell(0, 'const s1 = 1;\nconst s2 = 2;');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+Shift+Minus');
  await expect(notebook.cells).toHaveCount(3);
  await expect(notebook.cell(1)).toHaveClass(/tl-editing/);
  expect(await sources(notebook)).toEqual(['const s1 = 1;', 'const s2 = 2;', 'const m2 = 2;']);
  await notebook.commandMode();
  await page.keyboard.press('z');
  await expect(notebook.cells).toHaveCount(2);
  expect(await sources(notebook)).toEqual(['const s1 = 1;\nconst s2 = 2;', 'const m2 = 2;']);
});

test('Z / Shift+Z undo and redo insert, type change and move, in order', async ({ notebook, page }) => {
  await cellsWith(notebook, page, 'const u0 = 0;', 'const u1 = 1;');
  await page.keyboard.press('m'); // cell 1 to Markdown
  await page.keyboard.press('Control+Shift+ArrowUp'); // move it up
  await page.keyboard.press('a'); // insert above
  await expect(notebook.cells).toHaveCount(3);
  await notebook.commandMode();
  await expect.poll(() => types(notebook.cells)).toEqual(['code', 'markdown', 'code']);
  await page.keyboard.press('z');
  await expect.poll(() => types(notebook.cells)).toEqual(['markdown', 'code']);
  await page.keyboard.press('z');
  await expect.poll(() => types(notebook.cells)).toEqual(['code', 'markdown']);
  await page.keyboard.press('z');
  await expect.poll(() => types(notebook.cells)).toEqual(['code', 'code']);
  await page.keyboard.press('Shift+Z');
  await page.keyboard.press('Shift+Z');
  await expect.poll(() => types(notebook.cells)).toEqual(['markdown', 'code']);
  expect(await sources(notebook)).toEqual(['const u1 = 1;', 'const u0 = 0;']);
});

test('the shortcuts help lists the new commands from the registry', async ({ notebook, page }) => {
  await notebook.commandMode();
  await page.keyboard.press('h');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const text of ['Merge Selected Cells', 'Shift+M', 'Split Cell', 'Ctrl+Shift+-', 'Redo Cell Operation', 'Activate Command Palette', 'Ctrl+Shift+C', 'Extend Selection Below']) {
    await expect(help).toContainText(text);
  }
});
