// Files written by real PyTorch (scripts/convert_weights.py's writer): a tiny conv net with its
// input and eval-mode output, and the opt-in full-size VGG16 check.
import { openAsBlob, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { models, nn, torch } from '../index';
import type { Tensor } from '../tensor';
import { loadSafetensorsInto } from './load_module';
import { parseHeader } from './safetensors';

describe('safetensors written by PyTorch', () => {
  it('loads into the same architecture and reproduces PyTorch’s output', async () => {
    const bytes = readFileSync(new URL('./fixtures/tiny_pytorch.safetensors', import.meta.url));
    const sd = torch.load(bytes);
    const m = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(8, 3));
    const { __input: x, __output: y, ...weights } = sd;
    m.load_state_dict(weights);
    expect(String(weights['1.num_batches_tracked'].dtype)).toBe('torch.int64');
    m.eval();
    const out = m(x) as Tensor;
    const got = out.cpu_data(), want = y.cpu_data();
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    // the same file streamed from disk
    const m2 = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(8, 3));
    await expect(loadSafetensorsInto(m2, await openAsBlob(new URL('./fixtures/tiny_pytorch.safetensors', import.meta.url)))).rejects.toThrow(/Unexpected key\(s\) in state_dict: "__input", "__output"/);
    await loadSafetensorsInto(m2, await openAsBlob(new URL('./fixtures/tiny_pytorch.safetensors', import.meta.url)), { strict: false });
    expect((m2[4] as nn.Linear).weight.cpu_tolist()).toEqual((m[4] as nn.Linear).weight.cpu_tolist());
  });

  const file = process.env.TORCHLIT_VGG16_FILE;
  it.skipIf(!file)('opt-in: a full VGG16 safetensors file (TORCHLIT_VGG16_FILE) streams into models.vgg16', async () => {
    const blob = await openAsBlob(file!);
    let last = 0;
    const model = await models.vgg16({ weights: 'DEFAULT', weights_file: blob, onProgress: (n) => (last = n) });
    expect(last).toBe(blob.size);
    const n = model.parameters().reduce((a, p) => a + p.numel(), 0);
    expect(n).toBe(138357544);
    const x = torch.linspace(-1, 1, 3 * 224 * 224).reshape(1, 3, 224, 224);
    const out = torch.no_grad(() => model.eval()(x));
    expect([...out.shape]).toEqual([1, 1000]);
    // a file made by `convert_weights.py vgg16 --random` is torchvision's seed-0 init: compare with PyTorch's output
    const head = parseHeader(new Uint8Array(await blob.slice(0, 8 + Number(new DataView(await blob.slice(0, 8).arrayBuffer()).getBigUint64(0, true))).arrayBuffer()));
    if (head.metadata?.init === 'torch.manual_seed(0), weights=None') {
      const want = (JSON.parse(readFileSync(new URL('./fixtures/vgg16_random_output.json', import.meta.url), 'utf8')) as { output: number[] }).output;
      const got = out.cpu_data();
      let maxErr = 0;
      want.forEach((v, i) => (maxErr = Math.max(maxErr, Math.abs(got[i] - v))));
      expect(maxErr).toBeLessThan(1e-4);
    } else expect(Number.isFinite(Number(out.sum().cpu_item()))).toBe(true);
  }, 600_000);
});
