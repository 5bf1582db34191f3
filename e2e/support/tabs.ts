// Tabs on a stored notebook: a new one saved from the start page, a second tab on the same one.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { NotebookPage } from '../pages/NotebookPage';
import type { StartPage } from '../pages/StartPage';
import { idFromUrl, sourceOf, stored } from './storage';

/** Opens a stored notebook in another tab of the same browser profile. */
export async function secondTab(context: BrowserContext, url: string): Promise<{ page: Page; nb: NotebookPage }> {
  const page = await context.newPage();
  page.on('dialog', (d) => void d.dismiss());
  await page.goto(url);
  const nb = new NotebookPage(page);
  await expect(nb.cell(0).locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  return { page, nb };
}

/** A new notebook whose first cell holds `code`, stored in IndexedDB. */
export async function newSavedNotebook(page: Page, start: StartPage, code: string): Promise<{ nb: NotebookPage; id: string; url: string }> {
  await start.goto();
  await start.createNotebook();
  const nb = new NotebookPage(page);
  await nb.typeInCell(0, code);
  await nb.commandMode();
  await nb.saved();
  await expect.poll(async () => sourceOf(await stored(page, idFromUrl(page.url())))).toBe(code);
  return { nb, id: idFromUrl(page.url()), url: page.url() };
}
