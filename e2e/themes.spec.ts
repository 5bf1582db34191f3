// Light and dark themes: the system's choice by default (prefers-color-scheme), the toolbar's
// Theme choice overrides it and is remembered; Monaco, outputs and the training charts follow;
// axe-core finds no serious or critical violation in either theme on a notebook with outputs.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const TRAIN = `const model = nn.Sequential(nn.Linear(1, 4), nn.Tanh(), nn.Linear(4, 1));
const x = torch.randn(16, 1);
const y = x * 2;
const opt = optim.SGD(model.parameters(), { lr: 0.05 });
const mon = monitor(model);
for (const epoch of range(3)) {
  const loss = nn.MSELoss()(model(x), y);
  opt.zero_grad();
  loss.backward();
  opt.step();
  mon.epoch({ loss });
}
mon.close();
print('\\x1b[31mred\\x1b[0m and \\x1b[32mgreen\\x1b[0m');
model.parameters()`;

const background = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
const luminance = (rgb: string) => {
  const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

async function serious(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 12).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('')}`).join('\n  ')}`);
}

test('follows prefers-color-scheme; the Theme choice overrides it and is remembered', async ({ page, start }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await start.goto();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await start.createNotebook();
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
  expect(luminance(await background(page, 'body'))).toBeLessThan(60);

  const theme = page.getByRole('combobox', { name: 'Theme' });
  await expect(theme).toHaveValue('system');
  await theme.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('.monaco-editor').first()).not.toHaveClass(/vs-dark/);
  expect(luminance(await background(page, 'body'))).toBeGreaterThan(200);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('no serious axe-core violations in either theme, with outputs, a training view and Markdown', async ({ notebook, page }) => {
  test.setTimeout(240_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await notebook.waitForKernel();
  await notebook.run(0, TRAIN);
  await notebook.runNew('throw new Error("a failing cell")', 'error');
  await notebook.commandMode();
  await page.keyboard.press('b');
  await page.keyboard.press('m');
  await page.keyboard.press('Enter');
  await page.keyboard.type('# A heading\n\nSome *Markdown* with `code` and [a link](https://pytorch.org).');
  await page.keyboard.press('Shift+Enter');
  const view = page.locator('section.tl-training');
  await expect(view).toHaveAttribute('data-done', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The training view's card and histogram text follow the theme.
  expect(luminance(await background(page, 'section.tl-training'))).toBeLessThan(60);
  const axisText = await view.locator('.tl-ridge svg text').first().evaluate((el) => getComputedStyle(el).fill);
  expect(luminance(axisText)).toBeGreaterThan(120);
  expect(await serious(page)).toEqual([]);

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(luminance(await background(page, 'section.tl-training'))).toBeGreaterThan(200);
  await expect(view.locator('.tl-uplot canvas').first()).toBeVisible();
  expect(await serious(page)).toEqual([]);
});
