// `inplace=True` on the activations (DCGAN's nn.LeakyReLU(0.2, inplace=True)): the input is overwritten and
// returned, its version moves (so a graph that saved it refuses backward), the node is PyTorch's in-place one
// and the gradient is the out-of-place one. Expected values: PyTorch 1.13 on x = [-1, 0.5, 2] (h = x * 1).
import { describe, expect, it } from 'vitest';
import { F, nn, torch } from '../index';
import type { Tensor } from '../tensor';

const CASES: [string, (t: Tensor) => Tensor, string, number[]][] = [
  ['leaky_relu', (t) => F.leaky_relu(t, 0.2, { inplace: true }), 'LeakyReluBackward1', [0.2, 1, 1]],
  ['elu', (t) => F.elu(t, { inplace: true }), 'EluBackward1', [0.3678794503211975, 1, 1]],
  ['hardtanh', (t) => F.hardtanh(t, { inplace: true }), 'HardtanhBackward0', [0, 1, 0]],
  ['relu6', (t) => F.relu6(t, { inplace: true }), 'HardtanhBackward0', [0, 1, 1]],
  ['silu', (t) => F.silu(t, { inplace: true }), 'SiluBackward0', [0.07232948392629623, 0.7399612069129944, 1.0907843112945557]],
  ['mish', (t) => F.mish(t, { inplace: true }), 'MishBackward0', [0.059216730296611786, 0.8864244222640991, 1.0693179368972778]],
  ['selu', (t) => F.selu(t, { inplace: true }), 'EluBackward1', [0.6467685699462891, 1.0507010221481323, 1.0507010221481323]],
  ['celu', (t) => F.celu(t, { inplace: true }), 'CeluBackward1', [0.3678794503211975, 1, 1]],
  ['hardswish', (t) => F.hardswish(t, { inplace: true }), 'HardswishBackward0', [0.1666666567325592, 0.6666666865348816, 1.1666667461395264]],
  ['hardsigmoid', (t) => F.hardsigmoid(t, { inplace: true }), 'HardsigmoidBackward0', [0.1666666716337204, 0.1666666716337204, 0.1666666716337204]],
  ['threshold', (t) => F.threshold(t, 0.5, 2.0, { inplace: true }), 'ThresholdBackward1', [0, 0, 1]],
];

describe('activations with inplace: true', () => {
  for (const [name, f, fn, grad] of CASES) {
    it(name, () => {
      const x = torch.tensor([-1.0, 0.5, 2.0], { dtype: torch.float32, requires_grad: true });
      const h = x.mul(1);
      const v = h._version;
      const o = f(h);
      expect([o === h, h._version - v, o.grad_fn!.name()]).toEqual([true, 1, fn]);
      o.sum().backward();
      (x.grad!.cpu_tolist() as number[]).forEach((g, i) => expect(g).toBeCloseTo(grad[i], 6));
      // a sigmoid's saved output overwritten: PyTorch's in-place error at backward
      const s = torch.tensor([-1.0, 2.0], { dtype: torch.float32, requires_grad: true }).sigmoid();
      const o2 = f(s);
      expect(() => o2.sum().backward()).toThrow(/modified by an inplace operation: \[torch.FloatTensor \[2\]\], which is output 0 of SigmoidBackward0/);
    });
  }
  it('the modules pass inplace on (nn.LeakyReLU(0.2, {inplace: true}) in DCGAN), and a leaf refuses', () => {
    const x = torch.tensor([-1.0, 2.0], { dtype: torch.float32 });
    expect(nn.LeakyReLU(0.2, { inplace: true })(x)).toBe(x);
    expect(x.cpu_tolist()).toEqual([-0.20000000298023224, 2]);
    for (const m of [nn.ELU({ inplace: true }), nn.Hardtanh({ inplace: true }), nn.SiLU({ inplace: true }), nn.SELU(true), nn.Threshold(0, 1, true)]) {
      const t = torch.tensor([-1.0, 2.0], { dtype: torch.float32 });
      expect(m(t)).toBe(t);
    }
    const y = torch.tensor([-1.0, 2.0], { dtype: torch.float32 });
    expect(nn.LeakyReLU(0.2)(y)).not.toBe(y);
    const leaf = torch.tensor([-1.0, 2.0], { dtype: torch.float32, requires_grad: true });
    expect(() => F.leaky_relu(leaf, 0.2, { inplace: true })).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
  });
  it('a negative slope in place has no backward (PyTorch recovers the input from the sign of the output)', () => {
    const h = torch.tensor([1.0], { dtype: torch.float32, requires_grad: true }).mul(1);
    const o = F.leaky_relu(h, -0.2, { inplace: true });
    expect(() => o.sum().backward()).toThrow(/^In-place leakyReLu backward calculation is triggered with a negative slope which is not supported/);
    expect(F.leaky_relu(torch.tensor([-1.0], { dtype: torch.float32 }), -0.2, { inplace: true }).cpu_tolist()).toEqual([0.20000000298023224]);
  });
});

describe("activations' grad_fn names (out of place) are PyTorch's nodes", () => {
  it('elu … threshold', () => {
    const x = torch.tensor([-1.0, 0.5, 2.0], { dtype: torch.float32, requires_grad: true });
    const names = [F.elu(x), F.selu(x), F.celu(x), F.mish(x), F.hardswish(x), F.hardsigmoid(x), F.softplus(x), F.logsigmoid(x), F.threshold(x, 0.5, 2.0)]
      .map((t) => t.grad_fn!.name());
    expect(names).toEqual(['EluBackward0', 'EluBackward0', 'CeluBackward0', 'MishBackward0', 'HardswishBackward0', 'HardsigmoidBackward0',
      'SoftplusBackward0', 'LogSigmoidBackward0', 'ThresholdBackward0']);
  });
});

describe('hardshrink / softshrink (were missing: F.hardshrink was undefined)', () => {
  it("values, gradients, reprs and the negative-lambda error, as PyTorch's", () => {
    const x = torch.tensor([-1.0, -0.5, 0.2, 0.5, 2.0], { dtype: torch.float32, requires_grad: true });
    const s = F.softshrink(x);
    s.sum().backward();
    expect([s.cpu_tolist(), x.grad!.cpu_tolist(), s.grad_fn!.name()]).toEqual([[-0.5, 0, 0, 0, 1.5], [1, 0, 0, 0, 1], 'SoftshrinkBackward0']);
    x.grad = null;
    const h = nn.Hardshrink()(x);
    h.sum().backward();
    expect([h.cpu_tolist(), x.grad!.cpu_tolist(), h.grad_fn!.name()]).toEqual([[-1, 0, 0, 0, 2], [1, 0, 0, 0, 1], 'HardshrinkBackward0']);
    expect([String(nn.Hardshrink()), String(nn.Softshrink(0.3)), String(nn.Hardshrink({ lambd: 1 }))]).toEqual(['Hardshrink(0.5)', 'Softshrink(0.3)', 'Hardshrink(1)']);
    expect(() => F.softshrink(x, -1)).toThrow('lambda must be greater or equal to 0, but found to be -1.');
  });
});

describe("m.__class__.__name__ (DCGAN's weights_init)", () => {
  it('names the class as PyTorch, built-in or a user subclass', () => {
    class Generator extends nn.Module {
      main = nn.Sequential(nn.ConvTranspose2d(4, 2, 4), nn.BatchNorm2d(2));
    }
    const seen: string[] = [];
    new Generator().apply((m) => void seen.push(m.__class__.__name__));
    expect(seen).toEqual(['ConvTranspose2d', 'BatchNorm2d', 'Sequential', 'Generator']);
    expect(nn.Conv2d(1, 2, 3).__class__.__name__.indexOf('Conv')).toBe(0);
    expect(nn.Linear(1, 1).__class__).toBe(Object.getPrototypeOf(nn.Linear(1, 1)).constructor);
  });
});
