// Find and replace across the notebook, as JupyterLab's Ctrl+F in command mode: every cell's
// source, optionally the outputs, next/previous, case and regex toggles, replace one / all,
// undone by Ctrl+Z in the cell; in a cell's editor Ctrl+F stays Monaco's own find. (Cold pages:
// the find bar's toggles are remembered within a page, as JupyterLab's are.)
import { test, expect } from './fixtures';
import type { NotebookPage } from './pages/NotebookPage';

const sources = async (notebook: NotebookPage) => (await notebook.download()).cells.map((c) => c.source.join(''));

test('Ctrl+F finds in every cell and in outputs; next, previous, case and regex', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.run(0, "const loss = 1;\nprint('loss is', loss)");
  await notebook.typeInCell(1, 'const Loss2 = loss + 1;');
  await notebook.commandMode();
  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'Find and replace in the notebook' });
  const find = bar.getByRole('textbox', { name: 'Find' });
  await expect(find).toBeFocused();
  const count = bar.getByRole('status');
  await find.fill('loss');
  await expect(count).toHaveText('1/5');
  await expect(page.locator('.monaco-editor .tl-find-match')).toHaveCount(5);

  await bar.getByRole('checkbox', { name: 'Search cell outputs' }).check();
  await expect(count).toHaveText('1/6');
  expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('tl-find')?.size ?? 0)).toBeGreaterThan(0);
  await find.press('Enter');
  await expect(count).toHaveText('2/6');
  await find.press('Shift+Enter');
  await find.press('Shift+Enter');
  await expect(count).toHaveText('6/6');
  await expect(notebook.cell(1)).toHaveAttribute('aria-current', 'true');
  await bar.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText('1/6');

  await bar.getByRole('button', { name: 'Match case' }).click();
  await expect(bar.getByRole('button', { name: 'Match case' })).toHaveAttribute('aria-pressed', 'true');
  await expect(count).toHaveText('1/5');
  await find.fill('Loss\\d');
  await expect(count).toHaveText('No results');
  await bar.getByRole('button', { name: 'Use regular expression' }).click();
  await expect(count).toHaveText('1/1');
  await find.fill('Loss(');
  await expect(count).toHaveText('Invalid regular expression');

  await find.press('Escape');
  await expect(bar).toHaveCount(0);
  await expect(page.locator('.monaco-editor .tl-find-match')).toHaveCount(0);
  // Focus goes back to the cell of the last match visited.
  await expect(notebook.cell(0)).toBeFocused();
});

test('replace one, replace all (regex groups), undone with Ctrl+Z in the cell', async ({ notebook, page }) => {
  await notebook.typeInCell(0, 'const lr = 0.1;\nconst lr2 = lr * 2;');
  await notebook.commandMode();
  await page.keyboard.press('b');
  await notebook.typeInCell(1, '// lr: the learning rate');
  await notebook.commandMode();
  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'Find and replace in the notebook' });
  await bar.getByRole('textbox', { name: 'Find' }).fill('lr');
  await expect(bar.getByRole('status')).toHaveText('1/4');
  await bar.getByRole('button', { name: 'Show replace' }).click();
  await bar.getByRole('textbox', { name: 'Replace' }).fill('rate');
  await bar.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(bar.getByRole('status')).toHaveText('1/3');
  expect(await sources(notebook)).toEqual(['const rate = 0.1;\nconst lr2 = lr * 2;', '// lr: the learning rate']);

  await bar.getByRole('button', { name: 'Use regular expression' }).click();
  await bar.getByRole('textbox', { name: 'Find' }).fill('\\b(lr)(\\d?)\\b');
  await bar.getByRole('textbox', { name: 'Replace' }).fill('$1_$2x');
  await bar.getByRole('button', { name: 'Replace all' }).click();
  await expect(bar.getByRole('status')).toHaveText('No results');
  expect(await sources(notebook)).toEqual(['const rate = 0.1;\nconst lr_2x = lr_x * 2;', '// lr_x: the learning rate']);

  await bar.getByRole('button', { name: 'Close search bar' }).click();
  await notebook.cell(0).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+z');
  expect((await sources(notebook))[0]).toBe('const rate = 0.1;\nconst lr2 = lr * 2;');
  // (Download took the focus: back into the cell's editor.)
  await notebook.cell(0).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+z');
  expect((await sources(notebook))[0]).toBe('const lr = 0.1;\nconst lr2 = lr * 2;');
});

test('in a cell editor Ctrl+F is Monaco’s find, not the notebook’s', async ({ notebook, page }) => {
  await notebook.typeInCell(0, 'const a = 1;');
  await page.keyboard.press('Control+f');
  await expect(notebook.cell(0).locator('.find-widget.visible')).toBeVisible();
  await expect(page.getByRole('search', { name: 'Find and replace in the notebook' })).toHaveCount(0);
});
