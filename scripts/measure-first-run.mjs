// The seed lesson's training loop as a learner first runs it, in a new kernel, through the app: a
// share link with two cells (the data and the model; the 5000-epoch loop, timed inside the cell),
// the first cell run with the toolbar's Run, `readMs` of reading, then the loop, `runs` times.
// A new browser each time (a cold kernel). Prints the loop's time of each run.
//   node scripts/measure-first-run.mjs <app url, e.g. http://localhost:5173/> [readMs=6000] [runs=2]
import { chromium } from 'playwright-core';
import lz from 'lz-string';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './notebook-test/chromium.mjs';
const [url, readMs = '6000', runs = '2'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node scripts/measure-first-run.mjs <app url> [readMs] [runs]');
  process.exit(2);
}
const src = (s) => s.split(/(?<=\n)/);
const nb = { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'torchlit', display_name: 'Torchlit', language: 'typescript' } }, cells: [
  { cell_type: 'code', id: 'a1', metadata: {}, execution_count: null, outputs: [], source: src(`const t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
const t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1);
const t_un = 0.1 * t_u;
const seq_model = nn.Sequential({hidden_linear: nn.Linear(1, 13), hidden_activation: nn.Tanh(), output_linear: nn.Linear(13, 1)});
const optimizer = optim.SGD(seq_model.parameters(), {lr: 1e-3});`) },
  { cell_type: 'code', id: 'a2', metadata: {}, execution_count: null, outputs: [], source: src(`const t0 = performance.now();
for (let epoch = 1; epoch <= 5000; epoch++) {
  const loss = F.mse_loss(seq_model(t_un), t_c);
  optimizer.zero_grad();
  loss.backward();
  optimizer.step();
}
print(\`ms=\${(performance.now() - t0).toFixed(0)}\`);`) },
] };
const link = `${url}#/share/${lz.compressToEncodedURIComponent(JSON.stringify(nb))}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await (await browser.newContext()).newPage();
await page.goto(link);
await page.locator('[data-kernel-status="idle"]').waitFor({ timeout: 60000 });
const cells = page.locator('[data-cell-id]');
await cells.nth(0).waitFor();
// a learner's way: run the cells with the toolbar's Run (no editor focus: the TypeScript worker stays asleep)
const run = async (i) => {
  await cells.nth(i).click({ position: { x: 5, y: 5 } });
  await page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Run cell' }).click();
  await cells.nth(i).and(page.locator('[data-cell-status="done"]')).waitFor({ timeout: 60000 });
};
await run(0);
await page.waitForTimeout(Number(readMs));
const times = [];
for (let k = 0; k < Number(runs); k++) {
  await run(1);
  times.push((await cells.nth(1).locator('[data-mime]').innerText()).trim());
  await page.waitForTimeout(1500);
}
console.log(times.join(' '));
await browser.close();
