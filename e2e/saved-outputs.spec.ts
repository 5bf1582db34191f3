// The output contract's version test in the browser: a notebook saved with one output of every
// vendor MIME type (e2e/data/outputs-v1.ipynb) opens and every output is drawn by its rich view,
// without running anything.
import { fileURLToPath } from 'node:url';
import { expect, warmTest as test } from './fixtures';
import { NotebookPage } from './pages/NotebookPage';

const V1 = fileURLToPath(new URL('./data/outputs-v1.ipynb', import.meta.url));
const vendor = (name: string) => `[data-mime="application/vnd.torchlit.${name}.v1+json"]`;

test('a notebook saved with every v1 vendor output renders each one with its view', async ({ notebook, page }) => {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), notebook.button('Open').click()]);
  await chooser.setFiles(V1);
  await expect(page.getByRole('textbox', { name: 'Notebook name' })).toHaveValue('outputs-v1');
  const nb = new NotebookPage(page);

  const tensor = nb.cell(0).locator(vendor('tensor'));
  await expect(tensor).toContainText('grad_fn=<MulBackward0>');
  await expect(tensor.getByRole('table')).toContainText('inf');

  await expect(nb.cell(1).locator(vendor('module'))).toContainText('in_features=1, out_features=4');

  const training = nb.cell(2).locator(vendor('training'));
  await expect(training).toBeVisible();
  await expect(training.locator('svg').first()).toBeVisible();

  const params = nb.cell(3).locator(vendor('params'));
  await expect(params.getByRole('rowheader', { name: '0.weight', exact: true })).toBeVisible();
  await expect(nb.cell(4).locator(vendor('params')).getByRole('columnheader', { name: 'zeros' })).toBeVisible();

  await expect(nb.cell(5).locator(vendor('progress'))).toContainText('epochs');
  await expect(nb.cell(6).locator(vendor('plot')).locator('canvas, svg').first()).toBeVisible();
  await expect(nb.cell(7).locator(vendor('plot')).locator('svg').first()).toBeVisible();
  // nothing fell back to text
  await expect(page.locator('.tl-output[data-mime="text/plain"]')).toHaveCount(0);
});
