// Page objects as fixtures; `notebook` starts on a fresh, empty notebook.
import { test as base, expect } from '@playwright/test';
import { NotebookPage } from './pages/NotebookPage';
import { StartPage } from './pages/StartPage';

export const test = base.extend<{ start: StartPage; notebook: NotebookPage }>({
  start: async ({ page }, use) => {
    await use(new StartPage(page));
  },
  notebook: async ({ page, start }, use) => {
    page.on('dialog', (d) => void d.dismiss());
    await start.goto();
    await start.createNotebook();
    await use(new NotebookPage(page));
  },
});

export { expect };
