// "Download as HTML" (like nbconvert --to html: outputs in their richest static form, training
// views as their saved SVG/HTML fallbacks, everything sanitized, no script) and "Download as
// TypeScript" (like nbconvert --to script: Markdown as comments).
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { OpenDialog } from './pages/OpenDialog';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>';
const NB = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' } },
  cells: [
    { id: 'm', cell_type: 'markdown', metadata: {}, source: '# Export test\n\nSome *emphasis* and $x^2$.' },
    {
      id: 'c',
      cell_type: 'code',
      metadata: {},
      execution_count: 7,
      source: 'const a = 1 < 2;',
      outputs: [
        { output_type: 'stream', name: 'stdout', text: 'plain \u001b[31mred\u001b[0m <b>not bold</b>\n' },
        { output_type: 'display_data', metadata: {}, data: { 'text/html': '<p class="ok">kept</p><script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">', 'text/plain': 'html' } },
        { output_type: 'display_data', metadata: {}, data: { 'image/svg+xml': SVG, 'text/plain': 'a red square' } },
        { output_type: 'error', ename: 'Error', evalue: 'boom', traceback: ['\u001b[0;31mError\u001b[0m: boom'] },
      ],
    },
  ],
};

async function download(page: Page, item: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: item, exact: true }).click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

test('Download as HTML: a static, sanitized page with the outputs and the training view fallback', async ({ page, start }) => {
  await start.goto();
  await new OpenDialog(page).openShareLink(JSON.stringify(NB));
  await expect(page.locator('[data-cell-id]')).toHaveCount(2);
  const html = await download(page, 'Download as HTML');
  expect(html.name).toMatch(/\.html$/);
  expect(html.text).toContain('<h1>Export test</h1>');
  expect(html.text).toContain('<em>emphasis</em>');
  expect(html.text).toContain('In&nbsp;[7]:');
  expect(html.text).toContain('&lt;b&gt;not bold&lt;/b&gt;');
  expect(html.text).toMatch(/<span class="tl-ansi-red-fg">red<\/span>/);
  expect(html.text).toContain('<p class="ok">kept</p>');
  expect(html.text).not.toMatch(/<script|onerror|pwned/i);
  expect(html.text).toContain('src="data:image/svg+xml;base64,');
  expect(html.text).toContain('boom');

  // Opened on its own, the page shows the same things and runs nothing.
  const view = await page.context().newPage();
  await view.setContent(html.text);
  await expect(view.getByRole('heading', { name: 'Export test' })).toBeVisible();
  await expect(view.locator('img.output_svg')).toHaveJSProperty('naturalWidth', 10);
  expect(await view.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await view.close();
});

test('Download as HTML shows a live training view as its fallback; Download as TypeScript', async ({ notebook, page }) => {
  await notebook.waitForKernel();
  await notebook.run(0, `const model = nn.Linear(1, 1);
const opt = optim.SGD(model.parameters(), { lr: 0.1 });
const x = torch.randn(8, 1);
const mon = monitor(model);
for (const epoch of range(2)) {
  const loss = nn.MSELoss()(model(x), x * 3);
  opt.zero_grad();
  loss.backward();
  opt.step();
  mon.epoch({ loss });
}
mon.close();`);
  await expect(page.locator('section.tl-training')).toHaveAttribute('data-done', 'true');
  await notebook.commandMode();
  await page.keyboard.press('b');
  await page.keyboard.press('m');
  await page.keyboard.press('Enter');
  await page.keyboard.type('## Notes\n\nA line.');
  await page.keyboard.press('Shift+Enter');
  const html = await download(page, 'Download as HTML');
  // The monitor's saved fallback (HTML or SVG) stands in for the live view.
  expect(html.text).toMatch(/output_html|output_svg/);
  expect(html.text).toMatch(/loss/i);
  expect(html.text).not.toMatch(/<script/i);

  const ts = await download(page, 'Download as TypeScript');
  expect(ts.name).toMatch(/\.ts$/);
  expect(ts.text).toContain('// In[1]:\n\n\nconst model = nn.Linear(1, 1);');
  expect(ts.text).toContain('// ## Notes\n//\n// A line.');
});
