import { expect, type Locator, type Page } from '@playwright/test';

/** The Checkpoints dialog (toolbar "Checkpoints"): the last few stored versions, each revertible. */
export class CheckpointsDialog {
  readonly root: Locator;
  /** One list item per checkpoint, newest first. */
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Checkpoints' });
    this.rows = this.root.getByRole('list', { name: 'Checkpoints' }).getByRole('listitem');
  }

  async open(): Promise<void> {
    await this.page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Checkpoints', exact: true }).click();
    await expect(this.root).toBeVisible();
  }

  /** The checkpoints shown with this reason ('saved', 'before Run all', 'from a conflict', …). */
  withReason(reason: string): Locator {
    return this.rows.filter({ hasText: reason });
  }

  /** Reverts to the checkpoint in `row`, confirming; the dialog closes. */
  async revert(row: Locator): Promise<void> {
    await row.getByRole('button', { name: /^Revert to the checkpoint/ }).click();
    await row.getByRole('group', { name: 'Confirm revert' }).getByRole('button', { name: 'Revert' }).click();
    await expect(this.root).toHaveCount(0);
  }

  async delete(row: Locator): Promise<void> {
    await row.getByRole('button', { name: /^Delete the checkpoint/ }).click();
  }

  /** "Create checkpoint"; returns what the dialog says about it. */
  async create(): Promise<string> {
    await this.root.getByRole('button', { name: 'Create checkpoint' }).click();
    const status = this.root.getByRole('status');
    await expect(status).toBeVisible();
    return status.innerText();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
    await expect(this.root).toHaveCount(0);
  }
}
