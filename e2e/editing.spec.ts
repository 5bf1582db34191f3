// Writing and running cells, as a user does it.
import { warmTest as test, test as coldTest, expect } from './fixtures';

test('type code in a new cell and run it with Shift+Enter', async ({ notebook }) => {
  await notebook.waitForKernel();
  const out = await notebook.run(0, 'print("hello", 1 + 2)\n40 + 2');
  await expect(out.and(notebook.page.locator('[data-stream="stdout"]'))).toContainText('hello 3');
  await expect(notebook.cell(0).locator('.tl-result')).toContainText('42');
  await expect(notebook.cell(0)).toContainText('[1]');
  // Shift+Enter on the last cell adds a new one and moves there.
  await expect(notebook.cells).toHaveCount(2);
});

test('cells share variables, re-running a const cell works, top-level await works', async ({ notebook }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const base = 10;\nlet counter = 1;');
  await notebook.run(1, 'counter += base;\ncounter');
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('11');
  // Re-run the const cell: no "already declared" error.
  await notebook.run(0, 'const base = 20;\nlet counter = 1;');
  await expect(notebook.cell(0).locator('[data-mime="application/vnd.jupyter.error"]')).toHaveCount(0);
  await notebook.run(1, 'counter += base;\ncounter');
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('21');
  await notebook.run(2, 'const v = await new Promise((r) => setTimeout(() => r("awaited"), 50));\nv');
  await expect(notebook.cell(2).locator('.tl-result')).toContainText('awaited');
});

test('tensor arithmetic with operators', async ({ notebook }) => {
  await notebook.waitForKernel();
  // Integer data makes an int64 tensor, as in PyTorch; a float makes float32.
  await notebook.run(0, 'const a = torch.tensor([1, 2]);\na * 2 + 1');
  await expect(notebook.cell(0).locator('.tl-result')).toContainText('tensor([3, 5])');
  await notebook.run(1, 'const f = torch.tensor([1.5, 2]);\nf * 2 + 1');
  await expect(notebook.cell(1).locator('.tl-result')).toContainText('tensor([4., 5.])');
  await notebook.run(2, 'const w = torch.tensor([2.0]);\nconst b = torch.tensor([0.5]);\n-(w * a + b)');
  await expect(notebook.cell(2).locator('.tl-result')).toContainText('tensor([-2.5000, -4.5000])');
  await notebook.run(3, '(w * a) ** 2 / 4');
  await expect(notebook.cell(3).locator('.tl-result')).toContainText('tensor([1., 4.])');
});

test('a thrown error shows the cell line it came from', async ({ notebook }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'const ok = 1;\n\nthrow new Error("boom on line three")', 'error');
  const error = notebook.cell(0).locator('[data-mime="application/vnd.jupyter.error"]');
  await expect(error).toContainText('Error');
  await expect(error).toContainText('boom on line three');
  await expect(error).toContainText('line 3');
});

test('Markdown renders with math and code, and scripts in it do not run', async ({ notebook, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => dialogs.push(d.message()));
  await notebook.commandMode();
  await notebook.button('Add markdown cell').click();
  const md = notebook.cell(1);
  await expect(md).toHaveAttribute('data-cell-type', 'markdown');
  // The Markdown editor is Monaco: focused on insert, the text pasted in (typing would auto-close brackets).
  await expect(md.getByRole('textbox', { name: 'Markdown cell editor' })).toBeFocused();
  await notebook.paste(
    '# Linear models\n\nThe loss is $L = (w x + b - y)^2$.\n\n```ts\nconst x = 1;\n```\n\n<img src="x" onerror="window.__xss = 1; alert(1)">\n<script>window.__xss = 2</script>\n[link](javascript:alert(3))',
  );
  await expect(md.locator('.view-lines')).toContainText('Linear models');
  await page.keyboard.press('Shift+Enter');
  await expect(md.getByRole('heading', { name: 'Linear models' })).toBeVisible();
  await expect(md.locator('.katex').first()).toBeVisible();
  await expect(md.locator('pre.hljs')).toContainText('const x = 1;');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await md.locator('[onerror], script').count()).toBe(0);
  expect(await md.locator('a[href^="javascript"]').count()).toBe(0);
  // Double-click edits it again.
  await md.locator('.tl-markdown-cell').dblclick();
  await expect(md.getByRole('textbox', { name: 'Markdown cell editor' })).toBeVisible();
});

test('the kernel runs isolated on its own origin', async ({ notebook }) => {
  await notebook.waitForKernel();
  await expect(notebook.kernelStatus).toHaveAttribute('data-isolated', 'true');
  await expect(notebook.kernelStatus).toHaveAttribute('data-backend', 'cpu');
  await expect(notebook.kernelStatus).toContainText('isolated');
});

test('Monaco knows the engine and earlier cells, without false errors', async ({ notebook, page }) => {
  // (`m.bias.grad` as PyTorch code reads it: no "possibly null" mark; the manual SGD step on a
  // const loop variable, in place on each tensor: no "cannot assign to a constant" mark)
  await notebook.typeInCell(0, 'const t = torch.tensor([1, 2]);\nconst u = t * 2 + 1;\nawait u.sum().item();\nconst m = nn.Linear(2, 1);\nconst g = m.bias.grad;\nfor (const p of m.parameters()) p -= 0.1 * p.grad;');
  await notebook.commandMode();
  await notebook.button('Add code cell').click();
  await notebook.typeInCell(1, 'const total: number = t.numel();\nconst bad: number = "text";');
  await expect
    .poll(async () => page.evaluate(() => (globalThis as any).__torchlitMonaco?.editor.getModelMarkers({ owner: 'typescript' }).map((m: any) => `${m.startLineNumber}:${m.message}`)), { timeout: 20_000 })
    .toEqual([expect.stringMatching(/^2:Type 'string' is not assignable to type 'number'/)]);
});

coldTest.describe('with "Check Code as You Type" on (the default; the other cold tests start with it off)', () => {
  coldTest.use({ storageState: { cookies: [], origins: [] } });

  coldTest('the TypeScript worker starts when a cell is first pointed at or focused, not when a notebook opens', async ({ notebook, page }) => {
    await notebook.waitForKernel();
    const tsWorkers = () => page.workers().filter((w) => /ts\.worker/.test(w.url())).length;
    // a notebook opened and read: the kernel is idle, no type checker runs (~3.5 CPU-s saved)
    await page.waitForTimeout(1500);
    expect(tsWorkers()).toBe(0);
    // pointing at a cell (hover needs the worker) starts it; its diagnostics then arrive
    const editor = notebook.cell(0).locator('.monaco-editor');
    const box = (await editor.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 10);
    await page.mouse.move(box.x + 60, box.y + 12);
    await expect.poll(tsWorkers, { timeout: 10_000 }).toBe(1);
    await notebook.typeInCell(0, 'const n: number = "text";');
    await expect
      .poll(async () => page.evaluate(() => (globalThis as any).__torchlitMonaco?.editor.getModelMarkers({ owner: 'typescript' }).map((m: any) => `${m.startLineNumber}:${m.message}`)), { timeout: 20_000 })
      .toEqual([expect.stringMatching(/^1:Type 'string' is not assignable to type 'number'/)]);
  });
});

coldTest('"Check Code as You Type" off: no TypeScript worker and no marks; the palette turns it on from the next load', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  const tsWorkers = () => page.workers().filter((w) => /ts\.worker/.test(w.url())).length;
  const marks = () => page.evaluate(() => (globalThis as any).__torchlitMonaco?.editor.getModelMarkers({ owner: 'typescript' }).map((m: any) => `${m.startLineNumber}:${m.message}`));
  // off (this context's stored setting): typing a type error starts no worker and marks nothing
  await notebook.typeInCell(0, 'const n: number = "text";');
  await page.waitForTimeout(2000);
  expect(tsWorkers()).toBe(0);
  expect(await marks()).toEqual([]);
  // the palette's command turns it on, and says when that applies
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+C');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Search commands' }).fill('check code as you type');
  await palette.getByRole('option', { name: /Check Code as You Type/ }).click();
  await expect(page.locator('[data-storage-notice]')).toContainText('is on from the next page load');
  expect(await page.evaluate(() => localStorage.getItem('torchlit.codeChecking'))).toBe('on');
  // after a reload the same cell is checked
  await page.reload();
  await notebook.waitForKernel();
  await notebook.cell(0).locator('.monaco-editor').click();
  await expect.poll(tsWorkers, { timeout: 10_000 }).toBe(1);
  await expect.poll(marks, { timeout: 20_000 }).toEqual([expect.stringMatching(/^1:Type 'string' is not assignable to type 'number'/)]);
});

coldTest('before Monaco has loaded a cell takes typing and runs (its quick editor); Monaco then takes over the text, the caret and the focus', async ({ page, start }) => {
  // hold Monaco back (its main chunk) until the quick editor has been used
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/monaco-entry\.generated-[^/]+\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await start.goto();
  await start.newNotebook.click();
  const cell = page.locator('[data-cell-type="code"]').first();
  const quick = cell.getByRole('textbox', { name: 'Code cell editor' });
  await expect(quick).toBeVisible();
  await expect(cell.locator('.monaco-editor')).toHaveCount(0);
  await quick.click();
  await page.keyboard.type('const a = 40;');
  await page.keyboard.press('Enter');
  await page.keyboard.type('if (a) {');
  await page.keyboard.press('Enter');
  await page.keyboard.type('a;');
  // Enter keeps the indentation, one level more after an opening bracket; the text is highlighted under the caret
  await expect(quick).toHaveValue('const a = 40;\nif (a) {\n  a;');
  await expect(cell.locator('.tl-code-static .hljs-keyword').first()).toHaveText('const');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('const a = 40;\na + 2');
  // Shift+Enter runs it and moves to a new cell, as in Monaco
  await page.keyboard.press('Shift+Enter');
  await expect(cell).toHaveAttribute('data-cell-status', 'done', { timeout: 60_000 });
  await expect(cell.locator('.tl-result')).toContainText('42');
  const second = page.locator('[data-cell-type="code"]').nth(1);
  const quick2 = second.getByRole('textbox', { name: 'Code cell editor' });
  await expect(quick2).toBeFocused();
  await page.keyboard.type('a * 2');
  // the caret before the "2": Monaco must keep it there
  await page.keyboard.press('ArrowLeft');
  release();
  await expect(second.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await expect(second.locator('textarea.tl-code-input')).toHaveCount(0);
  await expect.poll(() => second.evaluate((el) => !!el.querySelector('.monaco-editor')?.contains(document.activeElement))).toBe(true);
  await page.keyboard.type('3');
  const value = () => page.evaluate(() => (globalThis as any).__torchlitMonaco.editor.getEditors().map((e: any) => e.getValue()));
  await expect.poll(value).toContain('a * 32');
  // Escape leaves the editor for command mode; the cell keeps what was typed in both editors
  await page.keyboard.press('Escape');
  await expect(second).not.toHaveClass(/tl-editing/);
  await page.keyboard.press('Shift+Enter');
  await expect(second.locator('.tl-result')).toContainText('1280', { timeout: 60_000 });
});
