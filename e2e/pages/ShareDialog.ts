import { expect, type Locator, type Page } from '@playwright/test';

/** "Share this notebook" (toolbar "Share"): a link that carries the notebook. */
export class ShareDialog {
  readonly root: Locator;
  readonly linkBox: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Share this notebook' });
    this.linkBox = this.root.getByRole('textbox', { name: 'Share link' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Share', exact: true }).click();
    await expect(this.root).toBeVisible();
  }

  /** The link shown (opening it elsewhere shows the notebook). */
  async link(): Promise<string> {
    return this.linkBox.inputValue();
  }

  /** What the dialog says about the link (e.g. that outputs were left out); '' when nothing. */
  async note(): Promise<string> {
    const s = this.root.getByRole('status');
    return (await s.count()) ? s.innerText() : '';
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
    await expect(this.root).toHaveCount(0);
  }
}
