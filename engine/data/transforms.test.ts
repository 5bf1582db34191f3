// torchvision.transforms on tensor images: values and reprs as torchvision 0.14 prints them.
import { describe, expect, it } from 'vitest';
import { datasets, torch } from '../index';

const T = datasets.transforms;
const list = (t: { cpu_tolist(): unknown }) => t.cpu_tolist();

describe('transforms', () => {
  it('print as torchvision\'s reprs', () => {
    // torchvision: Compose(\n    ToTensor()\n    Normalize(mean=[0.5], std=[0.5])\n)
    expect(String(T.Compose([T.ToTensor(), T.Normalize([0.5], [0.5])]))).toBe('Compose(\n    ToTensor()\n    Normalize(mean=[0.5], std=[0.5])\n)');
    expect(T.RandomHorizontalFlip().__repr__()).toBe('RandomHorizontalFlip(p=0.5)');
    expect(T.RandomVerticalFlip(0.3).__repr__()).toBe('RandomVerticalFlip(p=0.3)');
    expect(T.CenterCrop(24).__repr__()).toBe('CenterCrop(size=(24, 24))');
    expect(T.RandomCrop(32, { padding: 4 }).__repr__()).toBe('RandomCrop(size=(32, 32), padding=4)');
    expect(T.Pad(2).__repr__()).toBe('Pad(padding=2, fill=0, padding_mode=constant)');
    expect(T.Lambda((x) => x).__repr__()).toBe('Lambda()');
  });

  it('Normalize, CenterCrop and Pad give torchvision\'s values; Normalize checks as torchvision', () => {
    // T.Normalize((0.5,), (0.25,))(torch.tensor([[[0.0, 1.0]]])) → tensor([[[-2., 2.]]])
    expect(list(T.Normalize([0.5], [0.25])(torch.tensor([[[0.0, 1.0]]], { dtype: torch.float32 })))).toEqual([[[-2, 2]]]);
    // T.CenterCrop(3)(torch.arange(16.).reshape(1, 4, 4)): rows/cols 0..2 (round(0.5) = 0)
    expect(list(T.CenterCrop(3)(torch.arange(16, { dtype: torch.float32 }).reshape(1, 4, 4)))).toEqual([[[0, 1, 2], [4, 5, 6], [8, 9, 10]]]);
    // T.CenterCrop(2)(torch.arange(25.).reshape(1, 5, 5)) → [[12, 13], [17, 18]] (round(1.5) = 2)
    expect(list(T.CenterCrop(2)(torch.arange(25, { dtype: torch.float32 }).reshape(1, 5, 5)))).toEqual([[[12, 13], [17, 18]]]);
    expect(list(T.Pad(1)(torch.ones(1, 2, 2)))).toEqual([[[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]]]);
    // ValueError: std evaluated to zero after conversion to torch.float32, leading to division by zero.
    expect(() => T.Normalize([0.5], [0])).toThrow('std evaluated to zero');
    // TypeError: Input tensor should be a float tensor. Got torch.int64.
    expect(() => T.Normalize([0.5], [0.5])(torch.arange(4).reshape(1, 2, 2))).toThrow('Input tensor should be a float tensor. Got torch.int64.');
  });

  it('random flips and crops follow the seed and keep the shape', () => {
    const img = torch.arange(36, { dtype: torch.float32 }).reshape(1, 6, 6);
    const aug = T.Compose([T.RandomCrop(4, { padding: 1 }), T.RandomHorizontalFlip()]);
    torch.manual_seed(3);
    const a = [aug(img), aug(img), aug(img)].map(list);
    torch.manual_seed(3);
    expect([aug(img), aug(img), aug(img)].map(list)).toEqual(a);
    expect(aug(img).shape).toEqual([1, 4, 4]);
    expect(list(T.RandomHorizontalFlip(1)(torch.tensor([[[1.0, 2.0]]], { dtype: torch.float32 })))).toEqual([[[2, 1]]]);
    expect(list(T.RandomVerticalFlip(0)(torch.tensor([[[1.0], [2.0]]], { dtype: torch.float32 })))).toEqual([[[1], [2]]]);
  });
});
