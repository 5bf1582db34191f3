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

  it('ToTensor scales a uint8 image only, as torchvision does a uint8 array (int64 images were scaled by 1/255, silently)', () => {
    // T.ToTensor()(np.array([[1, 2]], dtype=np.uint8)) -> tensor([[[0.0039, 0.0078]]]) (float32: the default dtype)
    const u = T.ToTensor()(torch.tensor([[[1, 2]]], { dtype: torch.uint8 }));
    expect([u.dtype, u.cpu_tolist()]).toEqual([torch.float32, [[[1 / 255, 2 / 255].map(Math.fround)]]]);
    // np.int64 -> tensor([[[1, 2]]]) (int64, unscaled); np.bool_ -> tensor([[[ True, False]]]); np.float32 -> as is
    const i = T.ToTensor()(torch.tensor([[[1, 2]]]));
    expect([i.dtype, i.cpu_tolist()]).toEqual([torch.int64, [[[1, 2]]]]);
    expect(T.ToTensor()(torch.tensor([[[true, false]]])).dtype).toBe(torch.bool);
    const f = torch.tensor([[[0.5]]], { dtype: torch.float32 });
    expect(T.ToTensor()(f)).toBe(f);
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

  it('take their arguments by name too (RandomHorizontalFlip({p: 1.0}) never flipped: p was the options object)', () => {
    // T.RandomHorizontalFlip(p=1.0)(torch.arange(3.).view(1, 1, 3)) -> tensor([[[2., 1., 0.]]])
    expect(list(T.RandomHorizontalFlip({ p: 1.0 })(torch.arange(3, { dtype: torch.float32 }).view(1, 1, 3)))).toEqual([[[2, 1, 0]]]);
    expect(list(T.RandomVerticalFlip({ p: 1.0 })(torch.arange(2, { dtype: torch.float32 }).view(1, 2, 1)))).toEqual([[[1], [0]]]);
    // T.Normalize(mean=[0.5], std=[0.25])(torch.ones(1, 1, 2)) -> tensor([[[2., 2.]]])
    expect(list(T.Normalize({ mean: [0.5], std: [0.25] })(torch.ones(1, 1, 2)))).toEqual([[[2, 2]]]);
    // T.Pad(1, fill=3)(torch.zeros(1, 1, 1)); repr of T.Pad([1, 0], fill=2)
    expect(list(T.Pad(1, { fill: 3 })(torch.zeros(1, 1, 1)))).toEqual([[[3, 3, 3], [3, 0, 3], [3, 3, 3]]]);
    expect(T.Pad([1, 0], { fill: 2 }).__repr__()).toBe('Pad(padding=[1, 0], fill=2, padding_mode=constant)');
    // torch.manual_seed(0); T.RandomCrop(3, pad_if_needed=True)(torch.ones(1, 2, 2)): padded to 4x4 by 1 on every side, any 3x3 window
    expect(T.RandomCrop(3, { pad_if_needed: true })(torch.ones(1, 2, 2)).shape).toEqual([1, 3, 3]);
    expect(() => T.RandomHorizontalFlip({ q: 1 } as never)).toThrow("RandomHorizontalFlip() got an unexpected keyword argument 'q'");
    // T.Normalize([0.5], [0.5])(torch.ones(2, 2)) -> ValueError: Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = torch.Size([2, 2])
    expect(() => T.Normalize([0.5], [0.5])(torch.ones(2, 2))).toThrow('Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = torch.Size([2, 2])');
  });

  it('CenterCrop pads an image smaller than the crop with zeros, as torchvision', () => {
    // (T.CenterCrop(4)(torch.ones(1, 2, 3)), T.CenterCrop((3, 2))(torch.ones(1, 2, 3)))
    expect(list(T.CenterCrop(4)(torch.ones(1, 2, 3)))).toEqual([[[0, 0, 0, 0], [1, 1, 1, 0], [1, 1, 1, 0], [0, 0, 0, 0]]]);
    expect(list(T.CenterCrop([3, 2])(torch.ones(1, 2, 3)))).toEqual([[[1, 1], [1, 1], [0, 0]]]);
  });

  it('Resize and RandomResizedCrop give torchvision 0.14\'s sizes, values and reprs (tensor images: no antialias)', () => {
    // T.Resize(2)(torch.arange(24.).view(1, 4, 6)) -> [[[3.5, 5.5, 7.5], [15.5, 17.5, 19.5]]]
    expect(list(T.Resize(2)(torch.arange(24, { dtype: torch.float32 }).view(1, 4, 6)))).toEqual([[[3.5, 5.5, 7.5], [15.5, 17.5, 19.5]]]);
    // T.Resize([3, 5], T.InterpolationMode.NEAREST)(torch.arange(24.).view(1, 4, 6))
    expect(list(T.Resize([3, 5], T.InterpolationMode.NEAREST)(torch.arange(24, { dtype: torch.float32 }).view(1, 4, 6))))
      .toEqual([[[0, 1, 2, 3, 4], [6, 7, 8, 9, 10], [12, 13, 14, 15, 16]]]);
    // uint8 goes through float32 and is rounded back: T.Resize([4, 2])(torch.tensor([[[0, 100, 255], [7, 8, 9]]], dtype=torch.uint8))
    const u8 = T.Resize([4, 2])(torch.tensor([[[0, 100, 255], [7, 8, 9]]], { dtype: torch.uint8 }));
    expect(u8.dtype).toBe(torch.uint8);
    expect(list(u8)).toEqual([[[25, 216], [21, 164], [12, 61], [7, 9]]]);
    // shapes: Resize(256) of 3x300x500 -> [3, 256, 426]; [100, 50]; max_size=400 -> [3, 240, 400]; batched [2, 3, 500, 300] -> [2, 3, 166, 100]
    const x = torch.zeros(3, 300, 500);
    expect(T.Resize(256)(x).shape).toEqual([3, 256, 426]);
    expect(T.Resize([100, 50])(x).shape).toEqual([3, 100, 50]);
    expect(T.Resize(256, { max_size: 400 })(x).shape).toEqual([3, 240, 400]);
    expect(T.Resize(100)(torch.zeros(2, 3, 500, 300)).shape).toEqual([2, 3, 166, 100]);
    expect(() => T.Resize(20, { max_size: 20 })(torch.zeros(1, 4, 6))).toThrow('max_size = 20 must be strictly greater than the requested size for the smaller edge size = [20]');
    expect(T.Resize(256).__repr__()).toBe('Resize(size=256, interpolation=bilinear, max_size=None, antialias=None)');
    expect(T.Resize([224, 224]).__repr__()).toBe('Resize(size=[224, 224], interpolation=bilinear, max_size=None, antialias=None)');
    // torchvision 0.14's own repr, with its stray parenthesis
    expect(T.RandomResizedCrop(224).__repr__()).toBe('RandomResizedCrop(size=(224, 224), scale=(0.08, 1.0), ratio=(0.75, 1.3333), interpolation=bilinear), antialias=None)');
    // the whole image when scale and ratio allow only that: T.RandomResizedCrop(2, scale=(1.0, 1.0), ratio=(1.0, 1.0))(torch.arange(16.).view(1, 4, 4))
    expect(list(T.RandomResizedCrop(2, { scale: [1.0, 1.0], ratio: [1.0, 1.0] })(torch.arange(16, { dtype: torch.float32 }).view(1, 4, 4))))
      .toEqual([[[2.5, 4.5], [10.5, 12.5]]]);
    const rrc = T.RandomResizedCrop(8);
    const img = torch.rand(3, 20, 30);
    torch.manual_seed(5);
    const a = list(rrc(img));
    torch.manual_seed(5);
    expect(list(rrc(img))).toEqual(a);
    expect(rrc(img).shape).toEqual([3, 8, 8]);
  });
});
