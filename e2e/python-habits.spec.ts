// Python habits in the UI (issue 16): a cell written with a Python habit shows an error that says
// what to write instead, at the habit's line, before anything runs (docs/python-to-torchlit.md).
import { warmTest as test, expect } from './fixtures';

test.describe.configure({ timeout: 240_000 });

test('a keyword argument names the call and the options object to write, and nothing runs', async ({ notebook }) => {
  await notebook.waitForKernel();
  await notebook.run(0, 'let ran = false;\nconst model = nn.Linear(1, 1);');
  const out = await notebook.run(1, 'ran = true;\nconst opt = optim.SGD(model.parameters(), lr=1e-3);', 'error');
  await expect(out).toContainText('SyntaxError');
  await expect(out).toContainText("Python's keyword argument");
  await expect(out).toContainText('optim.SGD(model.parameters(), { lr: 1e-3 })');
  await expect(out).toContainText('line 2');
  await notebook.runNew('ran');
  await expect(notebook.cell(2).locator('.tl-result')).toContainText('false');
});

test('Python slicing and def say what to write instead, with a caret under the habit', async ({ notebook }) => {
  await notebook.waitForKernel();
  const slice = await notebook.run(0, 'const t = torch.arange(10);\nconst part = t[2:5];', 'error');
  await expect(slice).toContainText("t.index('2:5')");
  await expect(slice).toContainText('^');
  const def = await notebook.runNew('def loss_fn(y, t):\n  return ((y - t) ** 2).mean()', 'error');
  await expect(def).toContainText('function loss_fn(y, t) { … }');
  // what the habits point to works: t[-1] indexes the tensor; a traceback names the user's method
  // (not Proxy.forward) and folds the engine's frames into one line that expands
  await expect(await notebook.runNew('const t = torch.arange(10);\nt[-1]')).toContainText('tensor(9)');
  const tb = await notebook.runNew('class Bad extends nn.Module {\n  fc = nn.Linear(2, 3);\n  forward(x) {\n    return this.fc(x.matmul(torch.ones([5, 5])));\n  }\n}\nnew Bad()(torch.ones([2, 2]));', 'error');
  await expect(tb).toContainText('line 4, in Bad.forward');
  await expect(tb).not.toContainText('Proxy.forward');
  const fold = tb.locator('details.tl-trace-fold').first();
  await expect(fold.locator('summary')).toContainText(/… \d+ frames? in torchlit/);
  await fold.locator('summary').click();
  await expect(fold).toHaveAttribute('open', '');
});
