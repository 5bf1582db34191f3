// The training views as a learner sees them: the parameter table of the seed model (with
// requires_grad flags and totals), freezing, a monitored 20-epoch loop, and the views coming
// back from the saved notebook without running anything.
import { expect, test } from './fixtures';

const SEED = `torch.manual_seed(0);
const seq_model = nn.Sequential({
  hidden_linear: nn.Linear(1, 8),
  hidden_activation: nn.Tanh(),
  output_linear: nn.Linear(8, 1),
});
const t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
const t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1);
const t_un = 0.1 * t_u;
seq_model.named_parameters()`;

test('parameter table, freezing, and 20 monitored epochs that survive a reload', async ({ notebook, page }) => {
  // the seed model's parameter table
  const out = await notebook.runNew(SEED);
  const table = out.getByRole('table');
  await expect(table).toBeVisible();
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'hidden_linear.weight', exact: true }) });
  await expect(row).toContainText('[8, 1]');
  await expect(row.getByRole('cell').nth(1)).toHaveText('8');
  await expect(row).toHaveAttribute('data-requires-grad', 'true');
  await expect(table.getByRole('row').last()).toContainText('25');

  // freezing hidden_linear: its rows read frozen, 9 stay trainable
  const frozen = await notebook.runNew(`seq_model.hidden_linear.requires_grad_(false);\nseq_model.parameters()`);
  const ft = frozen.getByRole('table');
  await expect(ft.locator('tbody tr[data-requires-grad="false"]')).toHaveCount(2);
  await expect(ft.locator('tbody tr[data-requires-grad="false"]').first()).toContainText('frozen');
  await expect(ft.getByRole('row').last()).toContainText('trainable 9');

  // 20 epochs with monitor: 20 histograms per trainable parameter, a falling loss
  await notebook.runNew(`seq_model.hidden_linear.requires_grad_(true);
const optimizer = optim.SGD(seq_model.parameters(), { lr: 1e-2 });
const mon = monitor(seq_model);
for (const epoch of range(20)) {
  const loss = nn.MSELoss()(seq_model(t_un), t_c);
  optimizer.zero_grad();
  loss.backward();
  optimizer.step();
  mon.epoch({ loss });
}
mon.close();`);
  const view = page.locator('section.tl-training');
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('data-epochs', '20');
  await expect(view).toHaveAttribute('data-done', 'true');
  const cards = view.locator('[data-param]');
  await expect(cards).toHaveCount(4);
  for (const card of await cards.all()) await expect(card).toHaveAttribute('data-hist-count', '20');
  const first = Number(await view.getAttribute('data-first-loss'));
  const last = Number(await view.getAttribute('data-last-loss'));
  expect(last).toBeLessThan(first);
  await expect(view.getByRole('img', { name: /output_linear\.weight gradient histograms over 20 epochs/ })).toBeVisible();
  await expect(view.locator('.tl-uplot canvas').first()).toBeVisible();

  // gradients at a glance: grads(model) adds std, min, max and the share of zeros
  const g = await notebook.runNew(`seq_model.output_linear.weight.grad.zero_();\ngrads(seq_model)`);
  const gt = g.getByRole('table');
  for (const h of ['grad norm', 'grad mean', 'grad std', 'grad min', 'grad max', 'zeros']) await expect(gt.getByRole('columnheader', { name: h })).toBeVisible();
  const dead = gt.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'output_linear.weight', exact: true }) });
  await expect(dead.getByRole('cell').last()).toHaveText('100.0%');
  const live = gt.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'hidden_linear.weight', exact: true }) });
  await expect(live.getByRole('cell').last()).toHaveText('0.0%');
  const [std, mn, mx] = (await live.getByRole('cell').allInnerTexts()).slice(-4, -1).map(Number);
  expect(std).toBeGreaterThan(0);
  expect(mn).toBeLessThanOrEqual(mx);

  // reopen the saved notebook: the same views, nothing run
  await notebook.saved();
  await page.reload();
  await expect(page.getByRole('toolbar', { name: 'Notebook' })).toBeVisible();
  const again = page.locator('section.tl-training');
  await expect(again).toHaveAttribute('data-epochs', '20');
  for (const card of await again.locator('[data-param]').all()) await expect(card).toHaveAttribute('data-hist-count', '20');
  await expect(page.getByRole('table').first()).toBeVisible();
  await expect(page.locator('[data-cell-status="running"], [data-cell-status="done"]')).toHaveCount(0);
});
