// The reference in the app: F1 on a name in a cell, the search box of the keyboard help, and the
// editor's hover (all from the same doc comments as docs/reference/).
import { warmTest as test, expect } from './fixtures';

test('F1 on a name in a cell opens its reference entry; the keyboard help searches the reference', async ({ notebook, page }) => {
  await notebook.typeInCell(0, 'const lin = nn.Linear(2, 3);');
  // put the cursor inside "Linear"
  await page.keyboard.press('Home');
  for (let i = 0; i < 'const lin = nn.Lin'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('F1');
  const ref = page.getByRole('dialog', { name: 'Reference' });
  await expect(ref).toBeVisible();
  await expect(ref.getByRole('searchbox', { name: 'Search the reference' })).toHaveValue('nn.Linear');
  const entry = ref.getByRole('article', { name: 'Reference: nn.Linear' });
  await expect(entry).toContainText('torch.nn.Linear');
  await expect(entry).toContainText('in_features');
  // another search, another entry, with its options table and example
  await ref.getByRole('searchbox', { name: 'Search the reference' }).fill('monitor');
  const mon = ref.getByRole('article', { name: 'Reference: monitor' });
  await expect(mon.getByRole('table', { name: 'Options' })).toContainText('every');
  await expect(mon.getByLabel('Example').first()).toContainText('mon.epoch({ loss })');
  await page.keyboard.press('Escape');
  await expect(ref).toBeHidden();

  await notebook.button('Keyboard shortcuts').click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.getByRole('searchbox', { name: 'Search the reference' }).fill('zero_grad');
  await expect(help.getByRole('listbox', { name: 'Matches' })).toContainText('zero_grad');
  await expect(help.getByRole('article')).toContainText('PyTorch:');
});

test('hovering a name in a cell shows its documentation', async ({ notebook, page }) => {
  await notebook.typeInCell(0, 'const opt = optim.SGD([torch.zeros([1], {requires_grad: true})], {lr: 0.1});');
  // the cursor inside "SGD", then Monaco's "show hover" (Ctrl+K Ctrl+I), as a keyboard user would
  await page.keyboard.press('Home');
  for (let i = 0; i < 'const opt = optim.SG'.length; i++) await page.keyboard.press('ArrowRight');
  await expect(async () => {
    await page.keyboard.press('ControlOrMeta+K');
    await page.keyboard.press('ControlOrMeta+I');
    await expect(page.locator('.monaco-hover:visible')).toContainText(/momentum/i, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
});
