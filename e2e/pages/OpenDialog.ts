import { expect, type Locator, type Page } from '@playwright/test';

/** Opening a file: the toolbar's "Open" (or the start page's "Open .ipynb…") and the browser's file chooser. */
export class OpenDialog {
  constructor(readonly page: Page) {}

  /** Picks a file named `name` with this content in the file chooser that `Open` shows. */
  async openFile(name: string, content: string | Buffer, from: 'toolbar' | 'start' = 'toolbar'): Promise<void> {
    const button = from === 'toolbar' ? this.page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Open', exact: true }) : this.page.getByRole('button', { name: /Open \.ipynb/ });
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), button.click()]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: typeof content === 'string' ? Buffer.from(content) : content });
  }

  /** The alert saying a file could not be opened. */
  error(name: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: `${name} could not be opened` });
  }

  async dismissError(name: string): Promise<void> {
    await this.error(name).getByRole('button', { name: 'Dismiss' }).click();
    await expect(this.error(name)).toHaveCount(0);
  }

  /** The note that the file was repaired while opening. */
  get repaired(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'repaired' });
  }
}
