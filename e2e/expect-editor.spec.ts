// Expectations written by clicking: "Expect this output" records a run, the editor under the cell
// trims and tunes it, the verdict after each run checks it, and it is saved with the notebook.
import { test, expect } from './fixtures';
import { NotebookPage } from './pages/NotebookPage';

const passing = `print('hello world')
print('epoch 3: train loss 0.4123, test accuracy 91.5%')
42`;
const failing = `print('goodbye')
print('epoch 3: train loss 0.2, test accuracy 95.5%')
42`;

test('record an expectation by clicking, trim it, tune the tolerance, and see the verdict after each run', async ({ page, notebook: nb }) => {
  await nb.waitForKernel();
  await nb.run(0, passing);
  const cell = nb.cell(0);
  await nb.commandMode();
  await cell.getByRole('button', { name: 'More cell actions' }).click();
  await page.getByRole('menuitem', { name: 'Expect this output' }).click();

  const editor = cell.getByRole('region', { name: 'Expectation of Code cell 1' });
  await expect(editor).toBeVisible();
  const line = (n: number) => editor.getByRole('textbox', { name: `Expected text ${n}` });
  await expect(line(1)).toHaveValue('hello world');
  // The line with the changing decimals is cut before them; the number is read from it.
  await expect(line(2)).toHaveValue('epoch 3: train loss');
  await expect(line(3)).toHaveValue('42');
  await expect(editor.getByRole('textbox', { name: 'Minimum' })).toHaveValue('82.35');
  await expect(editor.getByRole('textbox', { name: 'Maximum' })).toHaveValue('100.65');
  await expect(editor.getByRole('textbox', { name: 'Number pattern' })).toHaveValue(/test accuracy /);

  // Trim a line, drop another, by keyboard.
  await line(1).fill('hello');
  await line(1).press('Enter');
  await editor.getByRole('button', { name: 'Remove expected text 3' }).click();
  await expect(line(3)).toHaveCount(0);

  // A tolerance of ±1 around the recorded 91.5; Undo puts the ±10 % back; set it again.
  const tolerance = editor.getByRole('textbox', { name: 'Tolerance' });
  await tolerance.fill('1');
  await tolerance.press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Minimum' })).toHaveValue('90.5');
  await expect(editor.getByRole('textbox', { name: 'Maximum' })).toHaveValue('92.5');
  await editor.getByRole('button', { name: 'Undo expectation edit' }).click();
  await expect(editor.getByRole('textbox', { name: 'Minimum' })).toHaveValue('82.35');
  await tolerance.fill('1');
  await tolerance.press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Minimum' })).toHaveValue('90.5');

  // Rerun: as expected.
  await cell.getByRole('button', { name: 'Run this cell' }).click();
  await expect(cell).toHaveAttribute('data-expect', 'met', { timeout: 60_000 });
  await expect(cell.locator('.tl-verdict')).toHaveText('✓ as expected');

  // Change the code so it fails: the verdict says what differed.
  await nb.run(0, failing);
  await expect(cell).toHaveAttribute('data-expect', 'unmet');
  const verdict = cell.locator('.tl-verdict');
  await expect(verdict).toContainText('✗ not as expected');
  await expect(verdict).toContainText('no "hello" in the output');
  await expect(verdict).toContainText('95.5 is outside [90.5, 92.5]');

  // Saved in the notebook's file as plain metadata.
  await nb.saved();
  const file = await nb.download();
  const meta = (file.cells[0] as unknown as { metadata: { torchlit: { expect: Record<string, unknown> } } }).metadata;
  expect(meta.torchlit.expect).toEqual({
    output_contains: ['hello', 'epoch 3: train loss'],
    number: { pattern: expect.stringContaining('test accuracy ') as unknown, min: 90.5, max: 92.5 },
  });

  // Reload: the expectation is still there, and still judges the run.
  await page.reload();
  await expect(nb.cell(0).locator('.monaco-editor, .tl-code-static').first()).toBeVisible({ timeout: 30_000 });
  await nb.cell(0).getByRole('button', { name: 'More cell actions' }).click();
  await page.getByRole('menuitem', { name: 'Edit expectation' }).click();
  const again = nb.cell(0).getByRole('region', { name: 'Expectation of Code cell 1' });
  await expect(again.getByRole('textbox', { name: 'Expected text 1' })).toHaveValue('hello');
  await expect(again.getByRole('textbox', { name: 'Maximum' })).toHaveValue('92.5');
  await nb.waitForKernel();
  await nb.cell(0).getByRole('button', { name: 'Run this cell' }).click();
  await expect(nb.cell(0)).toHaveAttribute('data-expect', 'unmet', { timeout: 60_000 });
});

test('the editor adds lines, marks the cell optional and removes the expectation, all undoable', async ({ page, notebook: nb }) => {
  await nb.waitForKernel();
  await nb.run(0, `print('one')`);
  const cell = nb.cell(0);
  await nb.commandMode();
  await cell.getByRole('button', { name: 'More cell actions' }).click();
  await page.getByRole('menuitem', { name: 'Expect this output' }).click();
  const editor = cell.getByRole('region', { name: 'Expectation of Code cell 1' });
  await expect(editor.getByRole('textbox', { name: 'Expected text 1' })).toHaveValue('one');

  await editor.getByRole('button', { name: '+ Add a line' }).click();
  const added = editor.getByRole('textbox', { name: 'Expected text 2' });
  await expect(added).toBeFocused();
  await added.fill('two');
  await added.press('Enter');
  await editor.getByRole('checkbox', { name: /Optional/ }).check();
  await cell.getByRole('button', { name: 'Run this cell' }).click();
  await expect(cell).toHaveAttribute('data-expect', 'unmet', { timeout: 60_000 });
  await expect(cell.locator('.tl-verdict')).toContainText('no "two" in the output');

  await editor.getByRole('button', { name: 'Remove the expectation' }).click();
  await expect(editor).toContainText('This cell has no expectation');
  await expect(cell).not.toHaveAttribute('data-expect', /.*/);
  // Ctrl+Z inside the editor (not in a field being typed in) undoes, as the Undo button does.
  await editor.getByRole('button', { name: 'Close the expectation editor' }).focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor.getByRole('textbox', { name: 'Expected text 2' })).toHaveValue('two');
  await expect(editor.getByRole('checkbox', { name: /Optional/ })).toBeChecked();

  // Escape closes the editor and gives the focus back to the cell.
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(cell).toBeFocused();
});

const lesson = (title: string, source: string, expectation: Record<string, unknown>) =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' } },
    cells: [
      { id: 'title', cell_type: 'markdown', metadata: {}, source: `# ${title}` },
      { id: 'calc', cell_type: 'code', metadata: { torchlit: { expect: expectation } }, source, outputs: [], execution_count: null },
    ],
  });

test('Open folder… without showDirectoryPicker takes several notebooks, lists them, and each opens, runs and saves', async ({ page, start }) => {
  // Headless Chromium may offer showDirectoryPicker but no one can answer its dialog: take the fallback.
  await page.addInitScript(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);
  page.on('dialog', (d) => void d.dismiss());
  await start.goto();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open folder…' }).click()]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles([
    { name: 'two-lesson.ipynb', mimeType: 'application/x-ipynb+json', buffer: Buffer.from(lesson('Second lesson', 'print("sum", 2 + 3)', { output_contains: ['sum 6'] })) },
    { name: 'one-lesson.ipynb', mimeType: 'application/x-ipynb+json', buffer: Buffer.from(lesson('First lesson', 'print("sum", 1 + 1)', { output_contains: ['sum 2'] })) },
    { name: 'broken.ipynb', mimeType: 'application/x-ipynb+json', buffer: Buffer.from('{ "cells": ') },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a notebook') },
  ]);
  const list = page.getByRole('list', { name: 'Notebooks in the folder' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').nth(0)).toContainText('broken.ipynb');
  await expect(list.getByRole('listitem').nth(0)).toContainText('not opened');
  await expect(list.getByRole('link', { name: 'one-lesson.ipynb' })).toBeVisible();
  await expect(list.getByRole('listitem').nth(1)).toContainText('saved in this browser');
  // They are local notebooks too.
  await expect(start.localNotebooks.getByRole('link', { name: 'two-lesson' })).toBeVisible();

  await list.getByRole('link', { name: 'two-lesson.ipynb' }).click();
  const nb = new NotebookPage(page);
  await expect(page.getByRole('heading', { name: 'Second lesson' })).toBeVisible();
  await nb.waitForKernel();
  await nb.cell(1).getByRole('button', { name: 'Run this cell' }).click();
  await expect(nb.cell(1)).toHaveAttribute('data-expect', 'unmet', { timeout: 60_000 });
  await expect(nb.cell(1).locator('.tl-verdict')).toContainText('no "sum 6" in the output');
  await nb.run(1, 'print("sum", 3 + 3)');
  await expect(nb.cell(1)).toHaveAttribute('data-expect', 'met');
  await nb.saved();

  // Back on the start page the folder is still listed, and the edit was kept.
  await page.goto('./');
  await list.getByRole('link', { name: 'two-lesson.ipynb' }).click();
  await expect(nb.cell(1).locator('.view-lines, .tl-code-static').first()).toContainText('3 + 3', { timeout: 30_000 });
});

test('a tutorial\'s hand-written expectation opens in the editor as it is', async ({ page }) => {
  await page.goto('./#/tutorials/autograd-from-scratch');
  const cell = page.locator('[data-cell-id]').nth(2);
  await cell.getByRole('button', { name: 'More cell actions' }).click();
  await page.getByRole('menuitem', { name: 'Edit expectation' }).click();
  const editor = cell.getByRole('region', { name: 'Expectation of Code cell 3' });
  await expect(editor.getByRole('textbox', { name: 'Expected text 1' })).toBeFocused();
  await expect(editor.getByRole('textbox', { name: 'Expected text 1' })).toHaveValue('true false');
  await expect(editor.getByRole('textbox', { name: 'Expected text 3' })).toHaveValue('tensor(14., grad_fn=<SumBackward0>)');
  await expect(editor.getByRole('button', { name: /Add a number/ })).toBeVisible();
});

test('Open folder… with the File System Access API writes each save back into the file', async ({ page, start }) => {
  // A folder in the page: showDirectoryPicker answers with handles whose writes are kept in window.__files.
  await page.addInitScript((text) => {
    const files: Record<string, string> = { 'lesson.ipynb': text };
    (window as unknown as { __files: Record<string, string> }).__files = files;
    const file = (name: string) => ({
      kind: 'file',
      name,
      getFile: async () => new File([files[name]], name),
      queryPermission: async () => 'granted',
      createWritable: async () => {
        let next = '';
        return { write: async (d: string) => void (next += d), close: async () => void (files[name] = next) };
      },
    });
    (window as unknown as { showDirectoryPicker: unknown }).showDirectoryPicker = async () => ({
      kind: 'directory',
      name: 'course',
      async *values() {
        yield file('lesson.ipynb');
      },
    });
  }, lesson('In place', 'print("sum", 1 + 1)', { output_contains: ['sum 2'] }));
  page.on('dialog', (d) => void d.dismiss());
  await start.goto();
  await page.getByRole('button', { name: 'Open folder…' }).click();
  const list = page.getByRole('list', { name: 'Notebooks in the folder' });
  await expect(page.getByRole('heading', { name: 'Folder: course' })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('saves to the file');
  await list.getByRole('link', { name: 'lesson.ipynb' }).click();
  const nb = new NotebookPage(page);
  await nb.waitForKernel();
  await nb.run(1, 'print("sum", 2 + 2)');
  await nb.commandMode();
  await nb.cell(1).getByRole('button', { name: 'More cell actions' }).click();
  await page.getByRole('menuitem', { name: 'Expect this output' }).click();
  await nb.saved();
  await expect
    .poll(async () => JSON.parse(await page.evaluate(() => (window as unknown as { __files: Record<string, string> }).__files['lesson.ipynb'])).cells[1])
    .toMatchObject({ source: ['print("sum", 2 + 2)'], metadata: { torchlit: { expect: { output_contains: ['sum 4'] } } } });
});
