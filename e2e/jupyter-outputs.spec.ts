// Outputs of notebooks written by Jupyter (issue 18, "Outputs"): opened from a file, nothing run,
// each output drawn as JupyterLab draws it. The files are crafted here as JupyterLab 4 with
// ipykernel writes them (list-of-lines sources, ANSI-coloured tracebacks).
import { warmTest as test, expect } from './fixtures';
import { NotebookPage } from './pages/NotebookPage';
import type { Page } from '@playwright/test';

type Json = Record<string, unknown>;
const PYTHON_META = {
  kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
  language_info: { name: 'python', version: '3.11.4', file_extension: '.py', mimetype: 'text/x-python', codemirror_mode: { name: 'ipython', version: 3 }, pygments_lexer: 'ipython3' },
};
const code = (id: string, source: string, outputs: Json[], execution_count: number | null = 1): Json => ({ id, cell_type: 'code', metadata: {}, source, outputs, execution_count });
const notebookJson = (cells: Json[], metadata: Json = PYTHON_META) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells }, null, 1);

async function open(page: Page, notebook: NotebookPage, name: string, text: string): Promise<NotebookPage> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), notebook.button('Open').click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByRole('textbox', { name: 'Notebook name' })).toHaveValue(name.replace(/\.ipynb$/, ''));
  return new NotebookPage(page);
}

// What ipykernel 6 stores for `1/0` (IPython 8's coloured traceback).
const ZERO_DIVISION = {
  output_type: 'error',
  ename: 'ZeroDivisionError',
  evalue: 'division by zero',
  traceback: [
    '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
    '\u001b[0;31mZeroDivisionError\u001b[0m                         Traceback (most recent call last)',
    'Cell \u001b[0;32mIn[1], line 1\u001b[0m\n\u001b[0;32m----> 1\u001b[0m \u001b[38;5;241;43m1\u001b[39;49m\u001b[38;5;241;43m/\u001b[39;49m\u001b[38;5;241;43m0\u001b[39;49m\n',
    '\u001b[0;31mZeroDivisionError\u001b[0m: division by zero',
  ],
};

test('ANSI colours in a stored traceback and stream render as coloured spans, never raw codes or markup', async ({ notebook, page }) => {
  const stream = { output_type: 'stream', name: 'stdout', text: ['\u001b[1;32mEpoch 1\u001b[0m loss \u001b[33m0.25\u001b[0m\n', '\u001b[31m<img src=x onerror="window.__ansiXss=1">\u001b[0m\n'] };
  const nb = await open(page, notebook, 'colours.ipynb', notebookJson([code('c1', 'print("Epoch 1")', [stream]), code('c2', '1/0', [ZERO_DIVISION], 2)]));

  const error = nb.cell(1).locator('[data-mime="application/vnd.jupyter.error"]');
  await expect(error).toContainText('ZeroDivisionError: division by zero');
  await expect(error).toContainText('Traceback (most recent call last)');
  const red = error.locator('.tl-ansi-red-fg').filter({ hasText: /^ZeroDivisionError$/ });
  await expect(red).toHaveCount(1);
  // The class carries a colour (JupyterLab's red, darkened to 4.5:1 contrast: app/renderers/ansi.css), not the text's default.
  expect(await red.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(198, 47, 43)');
  await expect(error.locator('.tl-ansi-green-fg').filter({ hasText: 'In[1], line 1' })).toHaveCount(1);
  // The failing expression: 256-colour grey (38;5;241) as an inline rgb() colour on yellow (43).
  const expr = error.locator('span.tl-ansi-yellow-bg', { hasText: /^1\/0$/ });
  expect(await expr.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(98, 98, 98)');
  const errorText = await error.innerText();
  expect(errorText).not.toContain('[0;31m');
  expect(errorText).not.toContain('\u001b');

  const out = nb.cell(0).locator('[data-stream="stdout"]');
  await expect(out.locator('.tl-ansi-green-fg.tl-ansi-bold')).toHaveText('Epoch 1');
  await expect(out.locator('.tl-ansi-yellow-fg')).toHaveText('0.25');
  // Markup inside a coloured span stays text.
  await expect(out.locator('.tl-ansi-red-fg')).toHaveText('<img src=x onerror="window.__ansiXss=1">');
  await expect(out.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __ansiXss?: number }).__ansiXss)).toBeUndefined();
  expect(await out.innerText()).not.toContain('[1;32m');
});

test('text/latex renders with KaTeX and application/json as a collapsible tree', async ({ notebook, page }) => {
  // SymPy's display: LaTeX beside its text; a JSON payload beside its repr.
  const latex = { output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/latex': ['$\\displaystyle \\frac{x^{2}}{2}$'], 'text/plain': ['x**2/2'] } };
  const bare = { output_type: 'display_data', metadata: {}, data: { 'text/latex': '\\sqrt{a^2 + b^2}', 'text/plain': 'sqrt(a**2 + b**2)' } };
  const json = { output_type: 'display_data', metadata: {}, data: { 'application/json': { model: 'mlp', layers: [784, 128, 10], optimizer: { name: 'adam', betas: { beta1: 0.9, beta2: 0.999 } }, '<b>key</b>': null }, 'text/plain': ['<IPython.core.display.JSON object>'] } };
  const nb = await open(page, notebook, 'rich.ipynb', notebookJson([code('c1', 'integrate(x, x)', [latex, bare]), code('c2', 'JSON(config)', [json], 2)]));

  const tex = nb.cell(0).locator('[data-mime="text/latex"]');
  await expect(tex).toHaveCount(2);
  await expect(tex.first().locator('.katex .mfrac')).toHaveCount(1);
  await expect(tex.first().locator('.katex-html')).toBeVisible();
  await expect(tex.nth(1).locator('.katex-display .sqrt')).toHaveCount(1);
  // The TeX source is not shown as text (only in KaTeX's hidden MathML annotation).
  expect(await tex.first().innerText()).not.toContain('\\frac');
  expect(await tex.first().innerText()).not.toContain('x**2/2');

  const tree = nb.cell(1).locator('[data-mime="application/json"]').getByRole('tree', { name: 'JSON output' });
  await expect(tree.locator('summary').first()).toHaveText('Object {4 keys}');
  await expect(tree).toContainText('model: "mlp"');
  await expect(tree.locator('summary', { hasText: 'layers' })).toContainText('Array(3)');
  await expect(tree.getByText('784')).toBeVisible();
  // Keys are text, never markup.
  await expect(tree.getByText('<b>key</b>:')).toBeVisible();
  await expect(tree.locator('b')).toHaveCount(0);
  // The third level starts closed and opens on a click, as JupyterLab's JSON viewer.
  const betas = tree.locator('details', { has: page.locator('summary', { hasText: 'betas' }) }).last();
  await expect(betas).not.toHaveAttribute('open', '');
  await expect(betas.getByText('beta1: 0.9')).toBeHidden();
  await betas.locator('summary').click();
  await expect(betas.getByText('beta1: 0.9')).toBeVisible();
  // And a level closes.
  const optimizer = tree.locator('details', { has: page.locator('summary', { hasText: /^optimizer/ }) }).first();
  await optimizer.locator('summary').first().click();
  await expect(tree.getByText('name: "adam"')).toBeHidden();
});

test('a Python notebook is labelled, keeps its kernelspec, does not run, and converts on request', async ({ notebook, page }) => {
  const nb = await open(page, notebook, 'from-jupyter.ipynb', notebookJson([code('c1', '1/0', [ZERO_DIVISION])]));
  const banner = page.locator('[data-foreign-kernel="python3"]');
  await expect(banner).toContainText('written for Python 3: its code cells will not run here');
  await expect(nb.cell(0).locator('[data-mime="application/vnd.jupyter.error"]')).toContainText('ZeroDivisionError');

  // Run refuses with a clear message; the cell keeps its stored output and count.
  await nb.waitForKernel();
  await nb.cell(0).locator('.tl-code-editor').click();
  await nb.button('Run cell').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Convert it to Torchlit to run them' })).toContainText('written for Python 3');
  await nb.button('Run all').click();
  await expect(nb.cell(0)).toHaveAttribute('data-cell-status', 'idle');
  await expect(nb.cell(0).locator('[data-mime="application/vnd.jupyter.error"]')).toContainText('division by zero');

  // Saved as it came: Python's kernelspec and language_info, not relabelled TypeScript.
  await nb.typeInCell(0, '6 * 7');
  await nb.saved();
  const saved = (await nb.download()) as unknown as { metadata: Json };
  expect(saved.metadata.kernelspec).toEqual(PYTHON_META.kernelspec);
  expect(saved.metadata.language_info).toEqual(PYTHON_META.language_info);

  // Converting is explicit: the banner goes, the kernelspec becomes Torchlit's and cells run.
  await banner.getByRole('button', { name: 'Convert to Torchlit' }).click();
  await expect(banner).toHaveCount(0);
  await nb.cell(0).locator('.tl-code-editor').click();
  await nb.button('Run cell').click();
  await expect(nb.cell(0)).toHaveAttribute('data-cell-status', 'done', { timeout: 60_000 });
  await expect(nb.cell(0).locator('.tl-result')).toContainText('42');
  await nb.saved();
  const converted = (await nb.download()) as unknown as { metadata: Json };
  expect(converted.metadata.kernelspec).toEqual({ name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' });
  expect((converted.metadata.language_info as Json).name).toBe('typescript');
});
