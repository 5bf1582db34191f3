// The switches of every headless run (chromium.mjs): Playwright's own disabled features kept, and
// a new context's window without its omnibox popup page (the CPU it cost each test and measure).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DISABLE_FEATURES, PLAYWRIGHT_DISABLED_FEATURES } from './chromium.mjs';

describe('Chromium switches', () => {
  test("keep every feature the installed Playwright disables (a second --disable-features replaces its own)", () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('playwright-core/package.json'));
    const bundle = readFileSync(join(root, 'lib', 'coreBundle.js'), 'utf8');
    const m = bundle.match(/disabledFeatures = \[([^\]]*)\]/);
    expect(m, "playwright-core's disabledFeatures list was not found: update this test and chromium.mjs").not.toBeNull();
    const theirs = [...m![1].replace(/\/\/.*$/gm, '').matchAll(/"([A-Za-z0-9]+)"/g)].map((x) => x[1]);
    expect(theirs.length).toBeGreaterThan(5);
    const ours = DISABLE_FEATURES.slice('--disable-features='.length).split(',');
    expect(theirs.filter((f) => !ours.includes(f))).toEqual([]);
    expect(ours).toEqual(expect.arrayContaining(PLAYWRIGHT_DISABLED_FEATURES));
    expect(CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='))).toEqual([DISABLE_FEATURES]);
  });

  test('a new context opens no omnibox popup page, and a page still runs', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent('<p id="p">ok</p>');
      expect(await page.evaluate(() => document.getElementById('p')!.textContent)).toBe('ok');
      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = (await session.send('Target.getTargets', { filter: [{}] })) as { targetInfos: { type: string; url: string }[] };
      expect(targetInfos.some((t) => t.type === 'page')).toBe(true);
      expect(targetInfos.filter((t) => t.url.includes('omnibox'))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
