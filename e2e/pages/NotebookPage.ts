import { expect, type Locator, type Page } from '@playwright/test';

/** The notebook view, as a user sees it (docs/conventions.md, "Stable hooks for Playwright"). */
export class NotebookPage {
  readonly toolbar: Locator;
  readonly cells: Locator;
  readonly kernelStatus: Locator;
  readonly name: Locator;
  /** The save indicator's alert when saving failed ("Not saved: …"). */
  readonly saveError: Locator;
  /** The banner saying where the document came from (another tab, a revert, a recovered draft). */
  readonly storageNotice: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByRole('toolbar', { name: 'Notebook' });
    this.cells = page.locator('[data-cell-id]');
    this.kernelStatus = page.locator('[data-kernel-status]');
    this.name = page.getByRole('textbox', { name: 'Notebook name' });
    this.saveError = page.getByRole('alert').and(page.locator('[data-save-state="error"]'));
    this.storageNotice = page.locator('[data-storage-notice]');
  }

  async rename(name: string): Promise<void> {
    await this.name.fill(name);
    await this.name.press('Enter');
  }

  /** Download .ipynb; returns the downloaded file's parsed JSON. */
  async download(): Promise<{ cells: { source: string[] }[]; metadata: Record<string, unknown>; filename: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.button('Download .ipynb').click()]);
    const { readFile } = await import('node:fs/promises');
    return { ...JSON.parse(await readFile((await download.path())!, 'utf8')), filename: download.suggestedFilename() };
  }

  button(name: string): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  cell(index: number): Locator {
    return this.cells.nth(index);
  }

  outputs(index: number): Locator {
    return this.cell(index).locator('[data-mime]');
  }

  async waitForKernel(): Promise<void> {
    await expect(this.kernelStatus).toHaveAttribute('data-kernel-status', 'idle', { timeout: 30_000 });
  }

  /** Focuses a code cell's editor (Monaco), replacing its text with `code`. */
  async typeInCell(index: number, code: string): Promise<void> {
    const cell = this.cell(index);
    await cell.locator('.tl-code-editor').click();
    const editor = cell.locator('.monaco-editor');
    await expect(editor).toBeVisible();
    await editor.locator('.view-lines').click();
    // The paste goes where the focus is: wait until it is in this cell's editor (on a fast warm
    // page the click can land before Monaco has taken the focus, and the paste was lost).
    await expect.poll(() => editor.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await this.page.keyboard.press('ControlOrMeta+A');
    // the paste replaces the selection: one edit, not an emptied cell first (an autosave of the empty
    // cell could open the conflict dialog before the paste, in the two-tab tests under load, and the
    // paste then went to the dialog)
    if (code) await this.paste(code);
    else await this.page.keyboard.press('Delete');
    await expect(cell).toHaveClass(/tl-editing/);
    // …and the cell shows what was pasted (its first line; Monaco renders spaces as U+00A0)
    const first = code.split('\n')[0].trim();
    if (first) await expect.poll(async () => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ')).toContain(first);
  }

  /** Pastes text where the keyboard focus is (as Ctrl+V would; typing would auto-close brackets). */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Types code into a cell and runs it with Shift+Enter; waits until it finishes. */
  async run(index: number, code: string, status: 'done' | 'error' | 'interrupted' = 'done'): Promise<Locator> {
    await this.typeInCell(index, code);
    await this.page.keyboard.press('Shift+Enter');
    await expect(this.cell(index)).toHaveAttribute('data-cell-status', status, { timeout: 60_000 });
    return this.outputs(index);
  }

  /** Adds a code cell at the end (toolbar) and runs code in it. */
  async runNew(code: string, status: 'done' | 'error' | 'interrupted' = 'done'): Promise<Locator> {
    const n = await this.cells.count();
    const last = this.cell(n - 1);
    const empty = (await last.getAttribute('data-cell-type')) === 'code' && (await last.locator('.view-lines, .tl-code-static').first().innerText()).trim() === '';
    if (!empty) {
      await this.commandMode();
      await last.click({ position: { x: 5, y: 5 } });
      await this.button('Add code cell').click();
    }
    const index = empty ? n - 1 : n;
    return this.run(index, code, status);
  }

  async commandMode(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  async saved(): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  }
}
