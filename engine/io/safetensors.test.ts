// safetensors: round trip, streaming from Blob/Response in small chunks, timm key mapping, errors.
import { describe, expect, it } from 'vitest';
import { nn, torch, models } from '../index';
import { loadSafetensorsInto } from './load_module';
import { loadSafetensors, parseHeader, saveSafetensors } from './safetensors';

/** A Response whose body arrives in `size`-byte chunks (as a slow download would). */
function chunked(bytes: Uint8Array, size: number): Response {
  let at = 0;
  return new Response(new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, (at += size)));
    },
  }));
}

describe('safetensors', () => {
  it('torch.save → torch.load round trip (float32, float64, int64, bool)', async () => {
    const sd = {
      w: torch.tensor([[1.5, -2], [3, 4]]),
      d: torch.tensor([1.25, 2], { dtype: torch.float64 }),
      i: torch.tensor([1, -7, 300000]),
      b: torch.tensor([true, false]),
    };
    const bytes = await torch.save(sd, { format: 'pt' });
    const h = parseHeader(bytes);
    expect([...h.tensors.keys()]).toEqual(['w', 'd', 'i', 'b']);
    expect(h.tensors.get('i')!.dtype).toBe('I64');
    expect(h.dataStart % 8).toBe(0);
    const back = torch.load(bytes);
    for (const k of Object.keys(sd) as (keyof typeof sd)[]) {
      expect(back[k].cpu_tolist()).toEqual(sd[k].cpu_tolist());
      expect(String(back[k].dtype)).toBe(String(sd[k].dtype));
    }
    const streamed = await loadSafetensors(chunked(bytes, 7));
    expect(streamed.i.cpu_tolist()).toEqual([1, -7, 300000]);
    const blob = await loadSafetensors(new Blob([bytes.slice().buffer as ArrayBuffer]));
    expect(blob.w.cpu_tolist()).toEqual([[1.5, -2], [3, 4]]);
  });

  it('a model state dict survives save/load; streaming into a model reports progress', async () => {
    const a = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2));
    const bytes = await torch.save(a.state_dict());
    const b = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2));
    const w = (b[0] as nn.Linear).weight;
    const seen: number[] = [];
    await loadSafetensorsInto(b, chunked(bytes, 5), { onProgress: (n) => seen.push(n) });
    expect((b[0] as nn.Linear).weight).toBe(w); // filled in place
    expect(w.cpu_tolist()).toEqual((a[0] as nn.Linear).weight.cpu_tolist());
    expect(seen[seen.length - 1]).toBe(bytes.length);
    b.load_state_dict(torch.load(bytes));
  });

  it('maps timm vgg names and reshapes conv-shaped fc weights', async () => {
    // a tiny VGG-like head: classifier.0 is [4, 2*1*1]; timm stores it as pre_logits.fc1 [4, 2, 1, 1]
    const tv = nn.Sequential({ classifier: nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Dropout(), nn.Linear(4, 4), nn.ReLU(), nn.Dropout(), nn.Linear(4, 3)) });
    const cls = tv.classifier as nn.Sequential;
    const timm = {
      'pre_logits.fc1.weight': torch.arange(8, { dtype: torch.float32 }).reshape(4, 2, 1, 1),
      'pre_logits.fc1.bias': torch.zeros(4),
      'pre_logits.fc2.weight': torch.ones(4, 4, 1, 1),
      'pre_logits.fc2.bias': torch.zeros(4),
      'head.fc.weight': torch.ones(3, 4),
      'head.fc.bias': torch.tensor([1, 2, 3], { dtype: torch.float32 }),
    };
    await loadSafetensorsInto(tv, await torch.save(timm), { keyMap: models.timmVggKeyMap });
    expect((cls[0] as nn.Linear).weight.cpu_tolist()).toEqual([[0, 1], [2, 3], [4, 5], [6, 7]]);
    expect((cls[6] as nn.Linear).bias!.cpu_tolist()).toEqual([1, 2, 3]);
  });

  it('errors: missing keys, size mismatch, missing file, .pth', async () => {
    const m = nn.Linear(2, 2);
    await expect(loadSafetensorsInto(m, await torch.save({ weight: torch.zeros(2, 3) }))).rejects.toThrow(
      'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". \n\tsize mismatch for weight: copying a param with shape torch.Size([2, 3]) from checkpoint, the shape in current model is torch.Size([2, 2]).',
    );
    await expect(models.vgg16({ weights: 'DEFAULT', weights_url: 'http://127.0.0.1:9/nope/vgg16.safetensors', progress: false })).rejects.toThrow(/scripts\/convert_weights.py vgg16/);
    expect(() => torch.load(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0]))).toThrow(/zip \(.pth\)/);
    await expect(saveSafetensors({ x: 3 as never })).rejects.toThrow(/not a tensor/);
  });
});
