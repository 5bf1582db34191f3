// Markdown cells as in JupyterLab, through the user's keys and clicks: edited in Monaco (undo,
// Monaco's own find, Escape), rendered on Shift+Enter; pasted or dropped images become cell attachments
// that render, survive a reload and a download (unreferenced ones dropped); the export commands
// run from the command palette.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { warmTest as test, expect } from './fixtures';

/**
 * Pastes (or drops, at the middle of `dropOn`) a generated 3×2 PNG named `name` (`image.png` is
 * what a screenshot paste carries); `padTo` pads the file to that many bytes.
 */
async function giveImage(page: Page, { name = 'image.png', dropOn, padTo = 0 }: { name?: string; dropOn?: string; padTo?: number } = {}) {
  await page.evaluate(
    async ({ name, dropOn, padTo }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 3;
      canvas.height = 2;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#c00';
      ctx.fillRect(0, 0, 3, 2);
      const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
      const data = new DataTransfer();
      data.items.add(new File(padTo ? [blob, new Uint8Array(padTo)] : [blob], name, { type: 'image/png' }));
      if (!dropOn) {
        document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        return;
      }
      const target = document.querySelector(dropOn)!;
      const r = target.getBoundingClientRect();
      const at = { clientX: r.x + r.width / 2, clientY: r.y + r.height / 2, bubbles: true, cancelable: true, dataTransfer: data };
      target.dispatchEvent(new DragEvent('dragover', at));
      target.dispatchEvent(new DragEvent('drop', at));
    },
    { name, dropOn, padTo },
  );
}

test('a Markdown cell is edited in Monaco: typing, Ctrl+Z, find in the cell, Escape, Shift+Enter renders, kept on reload', async ({ notebook, page }) => {
  const md = notebook.cell(0);
  await notebook.commandMode();
  await page.keyboard.press('m');
  await expect(md).toHaveAttribute('data-cell-type', 'markdown');
  // Rendered cells are plain HTML: no editor until the cell is edited.
  await expect(md.locator('.monaco-editor')).toHaveCount(0);
  await page.keyboard.press('Enter');
  const editor = md.locator('.tl-markdown-editor .monaco-editor');
  await expect(editor).toBeVisible();
  await expect(md.getByRole('textbox', { name: /Markdown cell editor/ })).toBeFocused();
  await page.keyboard.type('# Monaco title\n\nSome *emphasis*.');
  await notebook.paste(' Junk');
  await expect(editor.locator('.view-lines')).toContainText('Junk');
  // Ctrl+Z is the editor's undo: the paste goes, the typing stays.
  await page.keyboard.press('Control+Z');
  await expect(editor.locator('.view-lines')).not.toContainText('Junk');
  await expect(editor.locator('.view-lines')).toContainText('Some *emphasis*.');
  // Ctrl+F is Monaco's find in the cell; Escape closes it first, then leaves edit mode.
  await page.keyboard.press('Control+F');
  const find = md.locator('.find-widget.visible');
  await expect(find).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(find).toHaveCount(0);
  await expect(md).toHaveClass(/tl-editing/);
  await page.keyboard.press('Escape');
  await expect(md).not.toHaveClass(/tl-editing/);
  // Enter edits again; Shift+Enter renders (and the editor goes).
  await page.keyboard.press('Enter');
  await expect(editor).toBeVisible();
  await page.keyboard.press('Shift+Enter');
  await expect(md.getByRole('heading', { name: 'Monaco title' })).toBeVisible();
  await expect(md.locator('em')).toHaveText('emphasis');
  await expect(md.locator('.monaco-editor')).toHaveCount(0);
  await notebook.saved();
  await page.reload();
  await expect(notebook.cell(0).getByRole('heading', { name: 'Monaco title' })).toBeVisible();
  // Double-click edits it again, with its text.
  await notebook.cell(0).locator('.tl-markdown-cell').dblclick();
  await expect(notebook.cell(0).locator('.tl-markdown-editor .view-lines')).toContainText('Some *emphasis*.');
});

test('a pasted or dropped image is a cell attachment (too large: refused with a message): rendered, kept on reload and in the download (unused ones dropped); exports from the palette', async ({ notebook, page }) => {
  const md = notebook.cell(0);
  await notebook.commandMode();
  await page.keyboard.press('m');
  await page.keyboard.press('Enter');
  const lines = md.locator('.tl-markdown-editor .view-lines');
  await expect(lines).toBeVisible();
  await page.keyboard.type('Plot: ');
  await giveImage(page);
  await expect(lines).toContainText('Plot: ![image.png](attachment:image.png)');
  // A second paste gets a unique name; undoing it leaves that attachment unreferenced.
  await giveImage(page);
  await expect(lines).toContainText('![image-1.png](attachment:image-1.png)');
  await page.keyboard.press('Control+Z');
  await expect(lines).not.toContainText('image-1.png');
  // Too large: a message, nothing attached.
  await giveImage(page, { name: 'huge.png', padTo: 17 * 2 ** 20 });
  await expect(md.getByRole('alert')).toContainText('huge.png is 17 MB; an attached image may be at most 16 MB');
  // A dropped file keeps its name.
  await page.keyboard.press('End');
  await page.keyboard.type(' and ');
  await giveImage(page, { name: 'chart.png', dropOn: '[data-cell-id] .tl-markdown-editor .view-lines' });
  await expect(lines).toContainText('![chart.png](attachment:chart.png)');
  await page.keyboard.press('Shift+Enter');
  const img = md.locator('.tl-markdown-cell img');
  await expect(img).toHaveCount(2);
  await expect(img.first()).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect(img.first()).toHaveJSProperty('naturalWidth', 3);
  await expect(img.nth(1)).toHaveJSProperty('naturalWidth', 3);

  const file = await notebook.download();
  const saved = file.cells[0] as unknown as { source: string[]; attachments: Record<string, Record<string, string>> };
  expect(saved.source.join('')).toMatch(/^Plot: !\[image\.png\]\(attachment:image\.png\).*!\[chart\.png\]\(attachment:chart\.png\)/);
  expect(Object.keys(saved.attachments).sort()).toEqual(['chart.png', 'image.png']);
  expect(saved.attachments['image.png']['image/png']).toMatch(/^iVBOR/);

  await notebook.saved();
  await page.reload();
  await expect(notebook.cell(0).locator('.tl-markdown-cell img')).toHaveCount(2);
  await expect(notebook.cell(0).locator('.tl-markdown-cell img').first()).toHaveJSProperty('naturalWidth', 3);

  // "Download as HTML" from the command palette: the toolbar's export, attachments inlined.
  await notebook.commandMode();
  await page.keyboard.press('Control+Shift+C');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Search commands' }).fill('download as html');
  await expect(palette.getByRole('option').first()).toContainText('Download as HTML');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.html$/);
  const html = await readFile((await download.path())!, 'utf8');
  expect(html).toMatch(/<img src="data:image\/png;base64,iVBOR[^"]*" alt="image.png">/);
});
