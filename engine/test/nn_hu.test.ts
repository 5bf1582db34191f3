// The nn additions whose behaviour is random or structural (their values, gradients, reprs and
// errors vs PyTorch are golden cases in nn_breadth.json): Dropout3d / AlphaDropout /
// FeatureAlphaDropout masks and constants, LazyLinear, the MaxPool2d → MaxUnpool2d round trip,
// the deprecated F.upsample* warnings, and the checks PyTorch 2.x added. Expected numbers and
// strings were printed by PyTorch 1.13 (`/usr/bin/python3`), 2.x's where the test says so.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { F, nn, torch } from '../index';
import { resetWarnings } from '../warnings';
import type { Tensor } from '../tensor';

const close = (a: number, b: number, tol = 1e-5) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('alpha dropout', () => {
  it('keeps a·x + α·a·p or drops to α·a·(p − 1), with PyTorch\'s constants (p = 0.2)', () => {
    // PyTorch: a = 0.8789035834435328, α·a·p = 0.30903996214409446, α·a·(p − 1) = -1.2361598485763778
    torch.manual_seed(3);
    const x = torch.randn(2000);
    const y = F.alpha_dropout(x, 0.2, true);
    expect(y.grad_fn).toBeNull(); // no input requires grad
    const xs = x.cpu_tolist() as number[], ys = y.cpu_tolist() as number[];
    let dropped = 0;
    ys.forEach((v, i) => {
      if (Math.abs(v - -1.2361598485763778) < 1e-5) dropped++;
      else close(v, 0.8789035834435328 * xs[i] + 0.30903996214409446, 1e-5);
    });
    expect(dropped / 2000).toBeGreaterThan(0.15);
    expect(dropped / 2000).toBeLessThan(0.25);
    // mean 0 / std 1 are kept (SELU's self-normalisation)
    close(y.mean().cpu_item() as number, 0, 0.1);
    close(y.std().cpu_item() as number, 1, 0.1);
  });
  it('is AddBackward0, identity in eval / with training false (F\'s default), zeros at p = 1', () => {
    const x = torch.randn(4, 3, { requires_grad: true });
    expect(F.alpha_dropout(x, 0.5, true).grad_fn!.name()).toBe('AddBackward0');
    expect(F.alpha_dropout(x, 0.5)).toBe(x);
    expect(F.alpha_dropout(torch.ones(3), 1.0, true).cpu_tolist()).toEqual([0, 0, 0]);
    const m = nn.AlphaDropout(0.3);
    m.eval();
    expect(m(x)).toBe(x);
    expect(() => F.alpha_dropout(x, 1.5, true)).toThrow('dropout probability has to be between 0 and 1, but got 1.5');
  });
  it('feature_alpha_dropout draws once per channel', () => {
    torch.manual_seed(5);
    const y = F.feature_alpha_dropout(torch.ones(8, 6, 5), 0.5, true);
    const rows = y.cpu_tolist() as number[][][];
    for (const n of rows) for (const c of n) expect(new Set(c.map((v) => v.toFixed(5))).size).toBe(1);
  });
  it('inplace writes into the input', () => {
    const x = torch.randn(10);
    expect(F.alpha_dropout(x, 0.4, true, true)).toBe(x);
  });
});

describe('dropout3d', () => {
  it('zeroes whole channels of a 5-D input and scales the rest by 1/(1−p); 4-D is one unbatched sample', () => {
    torch.manual_seed(7);
    const y = F.dropout3d(torch.ones(4, 6, 2, 2, 2), 0.5);
    for (const n of y.cpu_tolist() as number[][][][][]) for (const c of n) expect(new Set(c.flat(2)).size).toBe(1);
    expect(new Set((y.cpu_tolist() as number[][][][][]).flat(4))).toEqual(new Set([0, 2]));
    const z = F.dropout3d(torch.ones(6, 2, 2, 2), 0.5);
    for (const c of z.cpu_tolist() as number[][][][]) expect(new Set(c.flat(2)).size).toBe(1);
    const x = torch.randn(2, 3, 2, 2, 2, { requires_grad: true });
    expect(F.dropout3d(x, 0.5).grad_fn!.name()).toBe('MulBackward0');
  });
  it('modules print as PyTorch\'s', () => {
    expect(String(nn.Dropout3d(0.25))).toBe('Dropout3d(p=0.25, inplace=False)');
    expect(String(nn.AlphaDropout())).toBe('AlphaDropout(p=0.5, inplace=False)');
    expect(String(nn.FeatureAlphaDropout(0.3, true))).toBe('FeatureAlphaDropout(p=0.3, inplace=True)');
  });
});

describe('LazyLinear', () => {
  it('reads in_features from the first input, then is a Linear (repr, instanceof, state_dict)', () => {
    const m = nn.LazyLinear(3);
    expect(String(m)).toBe('LazyLinear(in_features=0, out_features=3, bias=True)');
    expect(Object.keys(m.state_dict())).toEqual(['weight', 'bias']);
    const y = m(torch.randn(4, 5));
    expect(y.shape).toEqual([4, 3]);
    expect(String(m)).toBe('Linear(in_features=5, out_features=3, bias=True)');
    expect(m instanceof nn.Linear).toBe(true);
    expect(m.weight.shape).toEqual([3, 5]);
    expect(m.parameters().length).toBe(2);
    // initialised as Linear: |w| ≤ 1/√5
    expect(Math.max(...(m.weight.abs().cpu_tolist() as number[][]).flat())).toBeLessThanOrEqual(1 / Math.sqrt(5));
    m(torch.randn(2, 5)).sum().backward();
    expect(m.weight.grad!.shape).toEqual([3, 5]);
    const nb = nn.LazyLinear(2, { bias: false });
    nb(torch.randn(1, 3));
    expect(String(nb)).toBe('Linear(in_features=3, out_features=2, bias=False)');
  });
});

describe('LazyConv*d / LazyConvTranspose*d / LazyBatchNorm*d', () => {
  it('print as PyTorch\'s before the first call, then become the regular module', () => {
    // PyTorch 1.13's reprs
    expect(String(nn.LazyConv2d(4, 3))).toBe('LazyConv2d(0, 4, kernel_size=(3, 3), stride=(1, 1))');
    expect(String(nn.LazyConv1d(4, 3, { padding: 1 }))).toBe('LazyConv1d(0, 4, kernel_size=(3,), stride=(1,), padding=(1,))');
    expect(String(nn.LazyConvTranspose2d(4, 3, { stride: 2 }))).toBe('LazyConvTranspose2d(0, 4, kernel_size=(3, 3), stride=(2, 2))');
    expect(String(nn.LazyConv3d(4, 2, { bias: false }))).toBe('LazyConv3d(0, 4, kernel_size=(2, 2, 2), stride=(1, 1, 1), bias=False)');
    expect(String(nn.LazyBatchNorm2d())).toBe('LazyBatchNorm2d(0, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)');
    const c = nn.LazyConv2d(4, 3, { padding: 1 });
    const x = torch.randn(2, 3, 5, 5);
    const y = c(x);
    expect(String(c)).toBe('Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))');
    expect(c instanceof nn.Conv2d).toBe(true);
    expect(c.weight.shape).toEqual([4, 3, 3, 3]);
    expect((y.sub(F.conv2d(x, c.weight, c.bias, 1, 1)).abs().max().cpu_item() as number)).toBe(0);
    const bn = nn.LazyBatchNorm1d();
    bn(torch.randn(4, 3));
    // PyTorch: BatchNorm1d(3, …) with keys weight, bias, running_mean, running_var, num_batches_tracked
    expect(String(bn)).toBe('BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)');
    expect(Object.keys(bn.state_dict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
    expect(bn.num_batches_tracked!.cpu_item()).toBe(1);
  });
  it('a LeNet of lazy layers infers every size', () => {
    const net = nn.Sequential(nn.LazyConv2d(6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.LazyLinear(10));
    expect(net(torch.randn(1, 1, 12, 12)).shape).toEqual([1, 10]);
    expect(String(net[4])).toBe('Linear(in_features=96, out_features=10, bias=True)');
  });
  it("raises PyTorch's error for the wrong input rank", () => {
    expect(() => nn.LazyConv2d(4, 3)(torch.randn(2, 3))).toThrow('Expected 3D (unbatched) or 4D (batched) input to LazyConv2d, but got input of size: torch.Size([2, 3])');
  });
});

describe('MaxPool2d(return_indices) → MaxUnpool2d (autoencoders)', () => {
  it('puts each max back at its place, zeros elsewhere, and the gradient flows through both', () => {
    const pool = nn.MaxPool2d(2, { stride: 2, return_indices: true }), unpool = nn.MaxUnpool2d(2, { stride: 2 });
    const x = torch.arange(1, 17, { dtype: torch.float32 }).view(1, 1, 4, 4).requires_grad_();
    const [y, i] = pool(x) as unknown as [Tensor, Tensor];
    const u = unpool(y, i);
    // PyTorch: tensor([[[[ 0.,  0.,  0.,  0.], [ 0.,  6.,  0.,  8.], [ 0.,  0.,  0.,  0.], [ 0., 14.,  0., 16.]]]])
    expect(u.cpu_tolist()).toEqual([[[[0, 0, 0, 0], [0, 6, 0, 8], [0, 0, 0, 0], [0, 14, 0, 16]]]]);
    expect(u.grad_fn!.name()).toBe('MaxUnpool2DBackward0');
    u.sum().backward();
    expect(x.grad!.cpu_tolist()).toEqual([[[[0, 0, 0, 0], [0, 1, 0, 1], [0, 0, 0, 0], [0, 1, 0, 1]]]]);
    expect(String(unpool)).toBe('MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))');
  });
  it('takes output_size positionally in forward (an odd input size)', () => {
    const [y, i] = F.max_pool2d(torch.randn(1, 1, 5, 5), 2, { return_indices: true });
    expect(nn.MaxUnpool2d(2)(y, i, [5, 5]).shape).toEqual([1, 1, 5, 5]);
    expect(nn.MaxUnpool2d(2)(y, i, [1, 1, 5, 5]).shape).toEqual([1, 1, 5, 5]);
  });
});

describe('deprecated F.upsample*: PyTorch\'s warnings', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetWarnings();
  });
  it('warn and resize as interpolate (upsample_bilinear with align_corners)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = torch.tensor([[[[1, 2], [3, 4]]]], { dtype: torch.float32 });
    // PyTorch: F.upsample_bilinear(x, scale_factor=2)[0, 0, 0] = [1.0, 1.3333, 1.6667, 2.0]
    const r = (F.upsample_bilinear(x, { scale_factor: 2 }).cpu_tolist() as number[][][][])[0][0][0];
    [1, 4 / 3, 5 / 3, 2].forEach((v, k) => close(r[k], v));
    F.upsample(x, { scale_factor: 2 });
    F.upsample_nearest(x, { scale_factor: 2 });
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      'nn.functional.upsample_bilinear is deprecated. Use nn.functional.interpolate instead.',
      'nn.functional.upsample is deprecated. Use nn.functional.interpolate instead.',
      'nn.functional.upsample_nearest is deprecated. Use nn.functional.interpolate instead.',
    ]);
  });
});

describe("PyTorch 2.x's checks (1.13 had none)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetWarnings();
  });
  it('TripletMarginWithDistanceLoss: margin > 0, equal dimensionality, keyword-only options', () => {
    const a = torch.randn(3, 4);
    expect(() => nn.TripletMarginWithDistanceLoss({ margin: 0 })).toThrow('TripletMarginWithDistanceLoss: expected margin to be greater than 0, got 0 instead');
    expect(() => F.triplet_margin_with_distance_loss(a, a, a, { margin: -1 })).toThrow('TripletMarginWithDistanceLoss: expected margin to be greater than 0, got -1 instead');
    expect(() => F.triplet_margin_with_distance_loss(a, a.select(0, 0), a)).toThrow(
      'The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor 2D, positive 1D, and negative 2D inputs');
    // a custom distance (a module or a function)
    const l1 = (x: Tensor, y: Tensor) => x.sub(y).abs().sum(-1);
    const p = torch.randn(3, 4), n = torch.randn(3, 4);
    const want = l1(a, p).sub(l1(a, n)).add(1).clamp({ min: 0 }).mean().cpu_item() as number;
    close(nn.TripletMarginWithDistanceLoss({ distance_function: l1 })(a, p, n).cpu_item() as number, want);
    close(nn.TripletMarginWithDistanceLoss({ distance_function: nn.PairwiseDistance(1, 0) })(a, p, n).cpu_item() as number, want, 1e-4);
  });
  it('InstanceNorm checks the channel count against num_features', () => {
    expect(() => nn.InstanceNorm1d(3, { affine: true })(torch.randn(2, 4, 5))).toThrow("expected input's size at dim=1 to match num_features (3), but got: 4.");
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    nn.InstanceNorm3d(3)(torch.randn(4, 2, 2, 2));
    expect(String(warn.mock.calls[0][0])).toBe("input's size at dim=0 does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False");
  });
});

describe('losses reject the deprecated size_average / reduce (they were accepted and ignored)', () => {
  it.each([
    ['margin_ranking_loss', () => F.margin_ranking_loss(torch.randn(3), torch.randn(3), torch.ones(3), { size_average: false })],
    ['hinge_embedding_loss', () => F.hinge_embedding_loss(torch.randn(3), torch.ones(3), { reduce: false })],
    ['triplet_margin_loss', () => F.triplet_margin_loss(torch.randn(2, 3), torch.randn(2, 3), torch.randn(2, 3), { size_average: true })],
    ['multi_margin_loss', () => F.multi_margin_loss(torch.randn(2, 3), torch.tensor([0, 1]), { size_average: false })],
    ['soft_margin_loss', () => F.soft_margin_loss(torch.randn(3), torch.ones(3), { reduce: false })],
  ])('%s', (name, f) => {
    expect(f).toThrow(`${name}(): size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
  });
});
