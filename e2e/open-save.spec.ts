// Opening from a URL and the tutorial gallery, save failures, drag to reorder.
import { test, expect } from './fixtures';
import { NotebookPage } from './pages/NotebookPage';

const remote = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { id: 'intro', cell_type: 'markdown', metadata: {}, source: ['# From a URL\n', 'Opened with ?url='] },
    {
      id: 'calc',
      cell_type: 'code',
      metadata: {},
      execution_count: 3,
      source: 'while (true) {}',
      outputs: [{ output_type: 'execute_result', execution_count: 3, data: { 'text/plain': 'the saved answer' }, metadata: {} }],
    },
  ],
};

test('?url= opens a notebook without running it', async ({ page }) => {
  await page.route('**/remote/demo.ipynb', (route) => route.fulfill({ status: 200, contentType: 'application/json', headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' }, body: JSON.stringify(remote) }));
  await page.goto('./?url=remote/demo.ipynb');
  const nb = new NotebookPage(page);
  await expect(page.getByRole('heading', { name: 'From a URL' })).toBeVisible();
  await expect(nb.cell(1).locator('.tl-result')).toContainText('the saved answer');
  await expect(nb.cell(1)).toContainText('not run yet');
  await nb.waitForKernel();
  await page.waitForTimeout(300);
  await expect(nb.cell(1)).toHaveAttribute('data-cell-status', 'idle');
  await expect(nb.kernelStatus).toHaveAttribute('data-kernel-status', 'idle');
});

test('the tutorial gallery opens a tutorial as a working copy, not run', async ({ page, start }) => {
  await start.goto();
  const gallery = page.getByRole('list', { name: 'Tutorials' });
  const first = gallery.getByRole('link').first();
  await expect(first).toBeVisible();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^#\/tutorials\/[\w-]+$/);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  const nb = new NotebookPage(page);
  await expect(nb.cells.first()).toBeVisible();
  await nb.waitForKernel();
  await expect(page.locator('[data-cell-status="running"], [data-cell-status="queued"]')).toHaveCount(0);
  await expect(page.locator('[data-cell-type="code"]').first()).toHaveAttribute('data-not-run', 'true');
});

test('a failing save says "not saved", keeps the notebook, retries, and download still works', async ({ page, start }) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as { __failSaves?: boolean }).__failSaves) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    } as IDBObjectStore['put'];
  });
  await start.goto();
  await start.createNotebook();
  const nb = new NotebookPage(page);
  await page.evaluate(() => ((window as { __failSaves?: boolean }).__failSaves = true));
  await nb.typeInCell(0, 'const precious = "work";');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('QuotaExceededError');
  await expect(nb.cell(0)).toContainText('const precious = "work";');
  const [download] = await Promise.all([page.waitForEvent('download'), nb.button('Download .ipynb').click()]);
  expect(download.suggestedFilename()).toMatch(/\.ipynb$/);
  await page.evaluate(() => ((window as { __failSaves?: boolean }).__failSaves = false));
  await nb.saved();
  await page.reload();
  await expect(nb.cell(0)).toContainText('const precious = "work";');
});

test('drag a cell by its handle to reorder', async ({ notebook }) => {
  await notebook.typeInCell(0, 'const first = 1;');
  await notebook.commandMode();
  await notebook.button('Add code cell').click();
  await notebook.typeInCell(1, 'const second = 2;');
  await notebook.commandMode();
  const source = notebook.cell(0);
  await source.hover();
  const target = notebook.cell(1);
  const box = (await target.boundingBox())!;
  await source.locator('.tl-drag-handle').dragTo(target, { targetPosition: { x: 40, y: box.height - 4 } });
  await expect(notebook.cell(0)).toContainText('const second = 2;');
  await expect(notebook.cell(1)).toContainText('const first = 1;');
});
