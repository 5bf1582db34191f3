// conv2d and pooling: values and input gradients against PyTorch 1.13 (golden/conv_pool.json,
// from golden/conv_pool.py, all float64), finite-difference checks, errors, and a float32 smoke run.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';
import type { Tensor } from '../tensor';
import { _setConvBandLimit } from '../backend/cpu/conv';
import golden from './golden/conv_pool.json';

const F = torch;
type Fn = (...xs: Tensor[]) => Tensor;
const ops: Record<string, Fn> = {
  conv_g2_s2_p1_d1: (x, w, b) => F.conv2d(x, w, b, [2, 1], 1, 1, 2),
  conv_same_d2: (x, w) => F.conv2d(x, w, null, { padding: 'same', dilation: 2 }),
  conv_same_even: (x, w) => F.conv2d(x, w, null, { padding: 'same' }),
  conv_1x1: (x, w) => F.conv2d(x, w),
  maxpool_k3_s2_p1_ceil: (x) => F.max_pool2d(x, 3, 2, 1, { ceil_mode: true }) as Tensor,
  maxpool_dil2: (x) => F.max_pool2d(x, 2, 1, 1, { dilation: 2 }) as Tensor,
  avgpool_ceil_excl: (x) => F.avg_pool2d(x, 3, 2, 1, { ceil_mode: true, count_include_pad: false }),
  avgpool_ceil_incl: (x) => F.avg_pool2d(x, 3, 2, 1, { ceil_mode: true }),
  avgpool_div: (x) => F.avg_pool2d(x, 2, { divisor_override: 3 }),
  adaptive_avg_3x4: (x) => F.adaptive_avg_pool2d(x, [3, 4]),
  adaptive_max_3x4: (x) => F.adaptive_max_pool2d(x, [3, 4]) as Tensor,
  adaptive_avg_none: (x) => F.adaptive_avg_pool2d(x, [null, 2]),
  convT_s2_p1_op1_g2_d1: (x, w, b) => F.conv_transpose2d(x, w, b, { stride: 2, padding: 1, output_padding: 1, groups: 2 }),
  convT_dil2: (x, w) => F.conv_transpose2d(x, w, null, [1, 2], [0, 1], 0, 1, 2),
  conv1d_s2_p1_g2: (x, w, b) => F.conv1d(x, w, b, 2, 1, 1, 2),
  maxpool1d_k3_s2_p1: (x) => F.max_pool1d(x, 3, 2, 1),
  avgpool1d_k2: (x) => F.avg_pool1d(x, 2),
  adaptive_avg1d_4: (x) => F.adaptive_avg_pool1d(x, 4),
};

interface Case { name: string; inputs: number[][]; shapes: number[][]; out: number[]; oshape: number[]; u: number[]; grads: number[][] }

function close(a: ArrayLike<number>, b: number[], tol = 1e-8): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) if (Math.abs(a[i] - b[i]) > tol * (1 + Math.abs(b[i]))) expect.fail(`[${i}] ${a[i]} vs ${b[i]}`);
}

describe('conv2d and pooling vs PyTorch (float64)', () => {
  for (const c of golden as Case[]) {
    it(c.name, () => check(c));
    if (c.name.startsWith('conv'))
      it(`${c.name}, in one-row im2col bands`, () => {
        const old = _setConvBandLimit(1);
        try {
          check(c);
        } finally {
          _setConvBandLimit(old);
        }
      });
  }
});

function check(c: Case): void {
  const xs = c.inputs.map((d, i) => torch.tensor(d, { dtype: torch.float64 }).reshape(c.shapes[i]).requires_grad_());
  const out = ops[c.name](...xs);
  expect([...out.shape]).toEqual(c.oshape);
  close(out.cpu_data(), c.out);
  out.mul(torch.tensor(c.u, { dtype: torch.float64 }).reshape(c.oshape)).sum().backward();
  xs.forEach((x, i) => close(x.grad!.cpu_data(), c.grads[i]));
}

describe('conv2d', () => {
  it('unbatched input and grad_fn', () => {
    const x = torch.ones(1, 4, 4, { requires_grad: true });
    const w = torch.ones(2, 1, 3, 3, { requires_grad: true });
    const y = torch.conv2d(x, w, torch.tensor([1, -1], { dtype: torch.float32 }), { padding: 1 });
    expect([...y.shape]).toEqual([2, 4, 4]);
    expect(String(y.grad_fn)).toBe('<SqueezeBackward1>');
    expect(Array.from(y.cpu_data()).slice(0, 4)).toEqual([5, 7, 7, 5]);
    y.sum().backward();
    expect(Array.from(w.grad!.cpu_data()).slice(0, 3)).toEqual([9, 12, 9]);
  });
  it('throws PyTorch errors before computing', () => {
    expect(() => torch.conv2d(torch.ones(1, 3, 5, 5), torch.ones(2, 2, 3, 3))).toThrow(
      'Given groups=1, weight of size [2, 2, 3, 3], expected input[1, 3, 5, 5] to have 2 channels, but got 3 channels instead',
    );
    expect(() => torch.conv2d(torch.ones(1, 1, 2, 2), torch.ones(1, 1, 3, 3))).toThrow(
      "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
    );
    expect(() => torch.conv2d(torch.ones(2, 3), torch.ones(1, 1, 3, 3))).toThrow('Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]');
    expect(() => torch.conv2d(torch.ones(1, 1, 5, 5), torch.ones(1, 1, 3, 3), null, 2, 'same')).toThrow("padding='same' is not supported for strided convolutions");
  });
  it('float32 batch of 64 MNIST-sized images, forward and backward', () => {
    torch.manual_seed(0);
    const x = torch.randn(64, 1, 28, 28);
    const w = torch.randn(8, 1, 3, 3, { requires_grad: true });
    const b = torch.zeros(8, { requires_grad: true });
    const y = torch.conv2d(x, w, b, { padding: 1 });
    expect([...y.shape]).toEqual([64, 8, 28, 28]);
    y.relu().sum().backward();
    expect([...w.grad!.shape]).toEqual([8, 1, 3, 3]);
    // bias grad = number of positive outputs per channel
    const pos = y.gt(0).sum([0, 2, 3]).cpu_data();
    expect(Array.from(b.grad!.cpu_data())).toEqual(Array.from(pos));
  });
});

describe('pooling', () => {
  it('max_pool2d returns flat H·W indices', () => {
    const x = torch.tensor([[[[1, 5, 2, 0], [3, 4, 8, 1], [0, 0, 1, 1], [9, 0, 1, 2]]]], { dtype: torch.float32 });
    const [v, i] = torch.max_pool2d(x, 2, { return_indices: true }) as [Tensor, Tensor];
    expect(Array.from(v.cpu_data())).toEqual([5, 8, 9, 2]);
    expect(Array.from(i.cpu_data())).toEqual([1, 6, 12, 15]);
    expect(String(torch.max_pool2d(x.requires_grad_(), 2).grad_fn)).toBe('<MaxPool2DWithIndicesBackward0>');
  });
  it('errors', () => {
    expect(() => torch.max_pool2d(torch.ones(1, 1, 4, 4), 3, 1, 2)).toThrow('pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1');
    expect(() => torch.max_pool2d(torch.ones(1, 1, 1, 1), 2)).toThrow('Output size is too small');
  });
});

describe('a small CNN trains with these ops', () => {
  it('conv → relu → max_pool → linear → log_softmax, batch 64 of 28×28, SGD lowers the loss', () => {
    torch.manual_seed(1);
    // two classes told apart by where the bright blob is (left half or right half)
    const labels = torch.randint(0, 2, [64]);
    const x = torch.randn(64, 1, 28, 28).mul(0.3);
    const side = labels.to(torch.float32).reshape(64, 1, 1, 1);
    const cols = torch.arange(28, { dtype: torch.float32 }).gt(13.5).to(torch.float32).reshape(1, 1, 1, 28);
    const input = x.add(side.mul(cols).add(side.neg().add(1).mul(cols.neg().add(1))));
    const w1 = torch.randn(8, 1, 3, 3).mul(0.3).requires_grad_();
    const b1 = torch.zeros(8, { requires_grad: true });
    const w2 = torch.randn(2, 8 * 14 * 14).mul(0.01).requires_grad_();
    const b2 = torch.zeros(2, { requires_grad: true });
    const params = [w1, b1, w2, b2];
    const losses: number[] = [];
    for (let step = 0; step < 8; step++) {
      const h = torch.max_pool2d(torch.conv2d(input, w1, b1, { padding: 1 }).relu(), 2).flatten(1);
      const logp = torch.log_softmax(torch.linear(h, w2, b2), 1);
      const loss = logp.gather(1, labels.unsqueeze(1)).mean().neg();
      losses.push(loss.cpu_item() as number);
      for (const p of params) p.grad = null;
      loss.backward();
      torch.no_grad(() => params.forEach((p) => p.sub_(p.grad!.mul(0.5))));
    }
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.7);
  });
});
