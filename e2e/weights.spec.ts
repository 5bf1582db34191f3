// Pretrained weights from the app's weights/ folder (issue 17): the kernel runs in a worker on a
// second origin, yet `weights: 'DEFAULT'` and relative URLs in a cell mean the folder next to the
// app (public/weights/ → /weights/ on the app origin), not the worker script's /assets/.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { warmTest as test, expect } from './fixtures';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..');
const golden = JSON.parse(readFileSync(join(here, 'data/weights/tiny_net.json'), 'utf8')) as { logits: { data: number[] } };

test.beforeAll(() => {
  // What the README asks of a user (a file in public/weights/, which the build copies into
  // dist/weights/), done on the build this run serves. A VGG file is 0.5 GB: this is a tiny conv
  // net's, written with its logits by real PyTorch (scripts/golden/weights_tiny.py).
  const dir = join(repo, process.env.TORCHLIT_DIST ?? 'dist', 'weights');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(here, 'data/weights/tiny_net.safetensors'), join(dir, 'tiny_net.safetensors'));
});

test('a file in the weights folder loads in a cell and gives PyTorch’s logits', async ({ notebook }) => {
  await notebook.waitForKernel();
  const out = await notebook.runNew(
    [
      'const net = nn.Sequential(nn.Conv2d(3, 4, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(4 * 3 * 3, 5));',
      "net.load_state_dict(await torch.load('weights/tiny_net.safetensors'));",
      'const x = torch.linspace(-1, 1, 3 * 6 * 6).reshape(1, 3, 6, 6);',
      'print(JSON.stringify(net(x).tolist()[0]));',
    ].join('\n'),
  );
  const logits = JSON.parse((await out.first().innerText()).trim()) as number[];
  expect(logits).toHaveLength(5);
  logits.forEach((v, i) => expect(v).toBeCloseTo(golden.logits.data[i], 5));
});

test("weights: 'DEFAULT' looks in the app's weights folder and says how to provide a missing file", async ({ notebook, baseURL }) => {
  await notebook.waitForKernel();
  const out = await notebook.runNew("const vgg = await models.vgg11({ weights: 'DEFAULT' });", 'error');
  const text = await out.first().innerText();
  const tried = new URL('weights/vgg11.safetensors', baseURL).href;
  // a 404 read through CORS (not "the request failed"): the kernel reached the app's folder
  expect(text).toContain(`WeightsNotFound: Could not load weights from ${tried}: HTTP 404 Not Found.`);
  expect(text).toContain('python3 scripts/convert_weights.py vgg11');
  expect(text).toContain('public/weights/vgg11.safetensors');
  expect(text).toContain('models.set_weights_base_url(url)');
});

test('a relative weights_url reads from the app too', async ({ notebook }) => {
  await notebook.waitForKernel();
  // the tiny file through the builders' path: found and read (its keys are not VGG's)
  const out = await notebook.runNew("const v = await models.vgg11({ weights: 'DEFAULT', progress: false, weights_url: 'weights/tiny_net.safetensors' });", 'error');
  const text = await out.first().innerText();
  expect(text).toMatch(/Error\(s\) in loading state_dict for VGG:\s+Missing key\(s\) in state_dict: "features\.0\.weight"/);
});
