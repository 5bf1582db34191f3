// Weights entries, legacy `pretrained`, builders' options and the preprocessing transform.
// (The full VGG trees against torchvision are in engine/test/models.node.test.ts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { models, torch } from '../index';

afterEach(() => vi.restoreAllMocks());

describe('models', () => {
  it('VGG16_Weights look like torchvision’s', () => {
    const w = models.VGG16_Weights.DEFAULT;
    expect(w).toBe(models.VGG16_Weights.IMAGENET1K_V1);
    expect(String(w)).toBe('VGG16_Weights.IMAGENET1K_V1');
    expect(w.url).toBe('https://download.pytorch.org/models/vgg16-397923af.pth');
    expect(w.meta.categories.length).toBe(1000);
    expect(w.meta.categories[0]).toBe('tench');
    expect(w.meta.categories[999]).toBe('toilet tissue');
    expect(w.meta.num_params).toBe(138357544);
    expect(models.VGG16_Weights.verify('DEFAULT')).toBe(w);
    expect(models.VGG16_Weights.verify('VGG16_Weights.IMAGENET1K_V1')).toBe(w);
    expect(() => models.VGG16_Weights.verify('IMAGENET1K_V2')).toThrow(/Failed to find Weights IMAGENET1K_V2/);
    expect(() => models.VGG16_Weights.verify(models.VGG19_Weights.DEFAULT)).toThrow(/expected VGG16_Weights but received VGG19_Weights/);
  });

  it('pretrained: true warns as torchvision and asks for the weights file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(models.vgg11({ pretrained: true, weights_url: 'http://127.0.0.1:9/vgg11.safetensors', progress: false })).rejects.toThrow(/Could not load weights from http:\/\/127.0.0.1:9\/vgg11.safetensors.*convert_weights.py vgg11/s);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      "The parameter 'pretrained' is deprecated since 0.13 and may be removed in the future, please use 'weights' instead.",
      "Arguments other than a weight enum or `None` for 'weights' are deprecated since 0.13 and may be removed in the future. The current behavior is equivalent to passing `weights=VGG11_Weights.IMAGENET1K_V1`. You can also use `weights=VGG11_Weights.DEFAULT` to get the most up-to-date weights.",
    ]);
  });

  it('num_classes with weights is an error; without, the head changes', async () => {
    await expect(models.vgg11({ weights: 'DEFAULT', num_classes: 10 })).rejects.toThrow("The parameter 'num_classes' expected value 1000 but got 10 instead.");
  });

  it('transforms(): resize 256, centre-crop 224, ImageNet normalisation', () => {
    const t = models.VGG16_Weights.DEFAULT.transforms();
    const img = torch.full([3, 300, 400], 0.5);
    const out = t(img);
    expect([...out.shape]).toEqual([3, 224, 224]);
    const d = out.cpu_data();
    expect(d[0]).toBeCloseTo((0.5 - 0.485) / 0.229, 5);
    expect(d[224 * 224]).toBeCloseTo((0.5 - 0.456) / 0.224, 5);
    const u8 = torch.full([3, 256, 256], 255, { dtype: torch.int64 });
    expect(t(u8).cpu_data()[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect([...t(torch.zeros(2, 3, 256, 256)).shape]).toEqual([2, 3, 224, 224]);
  });
});
