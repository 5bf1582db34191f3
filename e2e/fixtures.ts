// Page objects as fixtures; `notebook` starts on a fresh, empty notebook.
//
// Two ways to get there:
// - `test`: every test gets its own browser context, loads the app cold and creates a notebook
//   (the default: nothing one test did can reach the next).
// - `warmTest`: the tests of a worker share one page; each test goes back to the start page inside
//   the app (no reload) and creates a new notebook there, as a learner opening another notebook
//   would. Opening a notebook after one that ran code restarts the kernel (app/services/session.ts),
//   so no variable carries over. A cold app load costs ~10 CPU-seconds on this 2-core machine (the
//   page's scripts, the editor's TypeScript worker, the kernel's engine); opening another notebook
//   in a warm page ~0.5 s. For spec files whose tests only work inside notebooks: no routes, init
//   scripts, reloads, second pages or remembered settings (line numbers, themes, "do not ask
//   again"), which would leak into the next test. After a failed test the page is thrown away, so
//   one failure cannot cascade.
import { test as base, expect, type Browser, type Page } from '@playwright/test';
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

/** The worker's shared page: made on first use, thrown away after a failed test. */
class WarmPage {
  private page: Page | null = null;
  /** Whether the current page has loaded the app yet. */
  loaded = false;
  constructor(
    private readonly browser: Browser,
    private readonly baseURL: string | undefined,
  ) {}

  async get(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    // an empty storageState: the config's ("Check Code as You Type" off) would apply otherwise, and
    // a warm page pays for the TypeScript worker once for all its tests
    const context = await this.browser.newContext({ baseURL: this.baseURL, viewport: { width: 1280, height: 720 }, storageState: { cookies: [], origins: [] } });
    this.page = await context.newPage();
    this.page.on('dialog', (d) => void d.dismiss().catch(() => {}));
    this.loaded = false;
    return this.page;
  }

  async discard(): Promise<void> {
    const p = this.page;
    this.page = null;
    this.loaded = false;
    if (p) await p.context().close().catch(() => {});
  }
}

export const warmTest = base.extend<{ start: StartPage; notebook: NotebookPage }, { warmPage: WarmPage }>({
  warmPage: [
    async ({ browser }, use, workerInfo) => {
      const warm = new WarmPage(browser, workerInfo.project.use.baseURL);
      await use(warm);
      await warm.discard();
    },
    { scope: 'worker' },
  ],
  page: async ({ warmPage }, use, testInfo) => {
    const page = await warmPage.get();
    await page.setViewportSize({ width: 1280, height: 720 });
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) await warmPage.discard();
  },
  start: async ({ page }, use) => {
    await use(new StartPage(page));
  },
  notebook: async ({ page, start, warmPage }, use) => {
    if (!warmPage.loaded) {
      await start.goto();
      warmPage.loaded = true;
    } else {
      // A kernel still starting or restarting (the last test restarted it) would restart again
      // when the new notebook opens, under the test's first cells: let it settle first.
      const status = page.locator('[data-kernel-status]');
      if (await status.count()) await expect(status).toHaveAttribute('data-kernel-status', /^(idle|busy)$/, { timeout: 30_000 });
      // back to the start page inside the app (a hash route), as its Home link does
      await page.evaluate(() => {
        location.hash = '#/';
      });
      await expect(start.newNotebook).toBeVisible();
    }
    await start.createNotebook();
    const notebook = new NotebookPage(page);
    // after a notebook that ran code the kernel restarts: the test starts on the fresh one
    await notebook.waitForKernel();
    await use(notebook);
  },
});

export { expect };
