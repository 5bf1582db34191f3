import { expect, type Locator, type Page } from '@playwright/test';

export class StartPage {
  readonly newNotebook: Locator;
  readonly localNotebooks: Locator;

  constructor(readonly page: Page) {
    this.newNotebook = page.getByRole('button', { name: 'New notebook' });
    this.localNotebooks = page.getByRole('list', { name: 'Local notebooks' });
  }

  async goto(): Promise<void> {
    await this.page.goto('./');
    await expect(this.newNotebook).toBeVisible();
  }

  async createNotebook(): Promise<void> {
    await this.newNotebook.click();
    await expect(this.page.getByRole('toolbar', { name: 'Notebook' })).toBeVisible();
    await expect(this.page.locator('[data-cell-id]').first().locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  }
}
