import { expect, type Locator, type Page } from '@playwright/test';

/** "This notebook changed in another tab": shown once when another tab saved over this tab's unsaved edits. */
export class ConflictDialog {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'This notebook changed in another tab' });
  }

  async expectShown(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.root).toContainText('Nothing has been overwritten');
  }

  /** Saves this tab's version over the other (which becomes a checkpoint). */
  async keepMine(): Promise<void> {
    await this.choose('Keep mine');
  }

  /** Loads the other tab's version (this tab's becomes a checkpoint). */
  async takeTheirs(): Promise<void> {
    await this.choose('Take theirs');
  }

  /** Stores this tab's version as a new notebook "<name> (my copy)" and opens it. */
  async saveMineAsCopy(): Promise<void> {
    await this.choose('Save mine as a copy');
  }

  private async choose(label: string): Promise<void> {
    await this.root.getByRole('button', { name: label }).click();
    await expect(this.root).toHaveCount(0);
  }
}
