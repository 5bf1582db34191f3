// Saving, reopening, downloading, opening and sharing notebooks.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { NotebookPage } from './pages/NotebookPage';
import { OpenDialog } from './pages/OpenDialog';
import { ShareDialog } from './pages/ShareDialog';

test('reload the page and find the notebook as it was', async ({ notebook, page, start }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const kept = "still here";\nkept');
  await notebook.page.getByRole('textbox', { name: 'Notebook name' }).fill('My persistent notebook');
  await page.keyboard.press('Enter');
  await notebook.saved();
  const url = page.url();
  await page.reload();
  await expect(notebook.cell(0)).toContainText('const kept = "still here";');
  await expect(notebook.cell(0).locator('.tl-result')).toContainText('still here');
  await expect(page.getByRole('textbox', { name: 'Notebook name' })).toHaveValue('My persistent notebook');
  // Reopened, nothing has run in this session.
  await expect(notebook.cell(0)).toHaveAttribute('data-cell-status', 'idle');
  await expect(notebook.cell(0)).toContainText('not run yet');
  // And it is listed on the start page.
  await start.goto();
  await expect(start.localNotebooks.getByRole('link', { name: 'My persistent notebook' })).toBeVisible();
  await start.localNotebooks.getByRole('link', { name: 'My persistent notebook' }).click();
  await expect(page).toHaveURL(url);
});

test('download an .ipynb and open it again', async ({ notebook, page }, testInfo) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'print("from the file")\n6 * 7');
  await notebook.saved();
  const [download] = await Promise.all([page.waitForEvent('download'), notebook.button('Download .ipynb').click()]);
  expect(download.suggestedFilename()).toBe('Untitled.ipynb');
  const path = testInfo.outputPath('saved.ipynb');
  await download.saveAs(path);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  expect(json.nbformat).toBe(4);
  expect(json.nbformat_minor).toBe(5);
  expect(json.metadata.kernelspec).toEqual({ name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' });
  expect(json.cells[0].id).toMatch(/^[a-zA-Z0-9-_]+$/);
  expect(json.cells[0].outputs.map((o: { output_type: string }) => o.output_type)).toEqual(['stream', 'execute_result']);

  await new OpenDialog(page).openPath(path);
  await expect(page.getByRole('textbox', { name: 'Notebook name' })).toHaveValue('saved');
  const reopened = new NotebookPage(page);
  await expect(reopened.cell(0)).toContainText('print("from the file")');
  await expect(reopened.cell(0).locator('[data-stream="stdout"]')).toContainText('from the file');
  await expect(reopened.cell(0).locator('.tl-result')).toContainText('42');
  await expect(reopened.cell(0)).toHaveAttribute('data-not-run', 'true');
});

test('an invalid file gives a clear message and the open notebook stays', async ({ notebook, page }) => {
  await notebook.typeInCell(0, 'const mine = 1;');
  const open = new OpenDialog(page);
  await open.openFile('broken.ipynb', '{"nbformat": 4, "cells": [{"cell_type": "python", "source": ""}]}');
  await expect(open.error('broken.ipynb')).toContainText('cell 1 has an unknown cell_type "python"');
  await expect(notebook.cell(0)).toContainText('const mine = 1;');
});

test('a damaged share link gives a clear message, not a blank page', async ({ page }) => {
  await page.goto('./#/share/not-a-real-notebook');
  await expect(page.getByRole('heading', { name: 'This notebook could not be opened' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the start page' })).toBeVisible();
});

test('open a share link: outputs visible, nothing runs', async ({ notebook, page, browser }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const shared = 7;\nshared * 6');
  const share = new ShareDialog(page);
  await share.open();
  const link = await share.link();
  expect(link).toMatch(/#\/share\//);
  await share.close();

  const other = await browser.newPage();
  await other.goto(link);
  const shared = new NotebookPage(other);
  await expect(shared.cell(0)).toContainText('const shared = 7;');
  await expect(shared.cell(0).locator('.tl-result')).toContainText('42');
  await expect(shared.cell(0)).toHaveAttribute('data-cell-status', 'idle');
  await expect(shared.cell(0)).toContainText('not run yet');
  await shared.waitForKernel();
  await other.waitForTimeout(500);
  await expect(shared.cell(0)).toHaveAttribute('data-cell-status', 'idle');
  // Running it is the user's choice.
  await shared.cell(0).click({ position: { x: 5, y: 5 } });
  await shared.button('Run cell').click();
  await expect(shared.cell(0)).toHaveAttribute('data-cell-status', 'done');
  await expect(shared.cell(0).locator('.tl-result')).toContainText('42');
  await other.close();
});

test('a notebook whose outputs are too large for a link is shared without them, and says so', async ({ notebook, page, browser }) => {
  await notebook.waitForKernel();
  // ~150 k characters of output that lz-string cannot shrink much
  await notebook.run(0, "let s = '', v = 7;\nfor (let i = 0; i < 150000; i++) { v = (v * 48271) % 2147483647; s += String.fromCharCode(33 + (v % 90)); }\nprint(s.length); s");
  await expect(notebook.cell(0)).toHaveAttribute('data-cell-status', 'done');
  const share = new ShareDialog(page);
  await share.open();
  expect(await share.note()).toContain('this link carries its code and text only');
  const link = await share.link();
  expect(link.length).toBeLessThan(64_000);
  await share.close();

  const other = await browser.newPage();
  await other.goto(link);
  const shared = new NotebookPage(other);
  await expect(shared.cell(0)).toContainText('String.fromCharCode');
  await expect(shared.cell(0)).toContainText('not run yet');
  await expect(shared.cell(0).locator('.tl-outputs')).toHaveCount(0);
  await other.close();
});

test('local notebooks can be renamed, duplicated and deleted from the start page', async ({ notebook, page, start }) => {
  await notebook.typeInCell(0, '1 + 1');
  await notebook.saved();
  await start.goto();
  const list = start.localNotebooks;
  await list.getByRole('button', { name: 'Rename Untitled' }).click();
  await page.getByRole('textbox', { name: 'New name for Untitled' }).fill('Renamed');
  await page.keyboard.press('Enter');
  await expect(list.getByRole('link', { name: 'Renamed', exact: true })).toBeVisible();
  await list.getByRole('button', { name: 'Duplicate Renamed' }).click();
  await expect(list.getByRole('link', { name: 'Renamed (copy)' })).toBeVisible();
  page.removeAllListeners('dialog');
  page.once('dialog', (d) => void d.accept());
  await list.getByRole('button', { name: 'Delete Renamed (copy)' }).click();
  await expect(list.getByRole('link', { name: 'Renamed (copy)' })).toHaveCount(0);
  await expect(list.getByRole('link', { name: 'Renamed', exact: true })).toBeVisible();
});
