// Differences found by running learner code in PyTorch 1.13 and in Torchlit side by side
// (session 8's differential probes); each case states PyTorch's output it asserts.
import { describe, expect, it } from 'vitest';
import { F, nn, torch } from '../index';

describe('parity probes', () => {
  it('nn.Parameter(t, {requires_grad: false}) is frozen (the options object was read as true)', () => {
    // PyTorch: nn.Parameter(torch.tensor([1., 2.]), requires_grad=False).requires_grad → False,
    // repr "Parameter containing:\ntensor([1., 2.])"
    const p = nn.Parameter(torch.tensor([1.5, 2.5]), { requires_grad: false });
    expect(p.requires_grad).toBe(false);
    expect(String(p)).toBe('Parameter containing:\ntensor([1.5000, 2.5000])');
    expect(nn.Parameter(torch.tensor([1.5]), false).requires_grad).toBe(false);
    expect(nn.Parameter(torch.tensor([1.5])).requires_grad).toBe(true);
  });

  it('nn.Linear on a float64 or int64 input: addmm\'s dtype error', () => {
    // PyTorch 1.13: RuntimeError: mat1 and mat2 must have the same dtype (2.x adds ", but got Double and Float")
    const lin = nn.Linear(2, 1);
    expect(() => lin(torch.ones(1, 2, { dtype: torch.float64 }))).toThrow('mat1 and mat2 must have the same dtype, but got Double and Float');
    expect(() => lin(torch.ones(1, 2, { dtype: torch.int64 }))).toThrow('mat1 and mat2 must have the same dtype, but got Long and Float');
    // torch.mm keeps its own words: expected m1 and m2 to have the same dtype, but got: double != float
    expect(() => torch.mm(torch.ones(1, 2, { dtype: torch.float64 }), torch.ones(2, 1))).toThrow('expected m1 and m2 to have the same dtype, but got: double != float');
    expect(() => F.linear(torch.ones(1, 2), torch.ones(1, 2))).not.toThrow();
  });
});

describe('torch.cuda and torch.backends, as a PyTorch build without CUDA', () => {
  it('answer as PyTorch 1.13 without CUDA does', () => {
    // PyTorch (CPU build): False 0; manual_seed(_all) and empty_cache do nothing;
    // current_device() → AssertionError: Torch not compiled with CUDA enabled
    expect(torch.cuda.is_available()).toBe(false);
    expect(torch.cuda.device_count()).toBe(0);
    expect(() => torch.cuda.manual_seed_all(42)).not.toThrow();
    expect(() => torch.cuda.current_device()).toThrow('Torch not compiled with CUDA enabled');
    expect(torch.device(torch.cuda.is_available() ? 'cuda' : 'cpu').type).toBe('cpu');
    // torch.backends.mps.is_available() → False; cudnn settings can be set
    expect(torch.backends.mps.is_available()).toBe(false);
    torch.backends.cudnn.deterministic = true;
    expect(torch.backends.cudnn.deterministic).toBe(true);
    torch.backends.cudnn.deterministic = false;
  });
});

describe('dot of two dtypes', () => {
  it('is PyTorch\'s dot error (torch.dot and 1-D @ 1-D)', () => {
    // PyTorch: RuntimeError: dot : expected both vectors to have same dtype, but found Long and Float
    expect(() => torch.dot(torch.tensor([1, 2]), torch.ones(2))).toThrow('dot : expected both vectors to have same dtype, but found Long and Float');
    expect(() => torch.matmul(torch.ones(2, { dtype: torch.float64 }), torch.ones(2))).toThrow('dot : expected both vectors to have same dtype, but found Double and Float');
  });
});

describe('F.softmax without dim', () => {
  it('takes PyTorch\'s deprecated implicit dim (0 for 0-, 1- and 3-d input, else 1) and warns once', () => {
    const warned: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => void warned.push(String(m));
    try {
      // PyTorch: F.softmax(torch.tensor([[1., 2.], [3., 5.]])) → tensor([[0.2689, 0.7311], [0.1192, 0.8808]])
      const y = F.softmax(torch.tensor([[1, 2], [3, 5]], { dtype: torch.float32 })).cpu_tolist() as number[][];
      expect(y[0][0]).toBeCloseTo(0.2689414, 6);
      expect(y[1][1]).toBeCloseTo(0.8807971, 6);
      // F.log_softmax(torch.arange(6.).reshape(1, 2, 3)) → zeros (dim 0 of a 3-d input has size 1)
      expect(F.log_softmax(torch.arange(6, { dtype: torch.float32 }).reshape(1, 2, 3)).cpu_tolist()).toEqual([[[0, 0, 0], [0, 0, 0]]]);
      // F.softmin(torch.tensor([1., 2.])) → tensor([0.7311, 0.2689])
      expect((F.softmin(torch.tensor([1, 2], { dtype: torch.float32 })).cpu_tolist() as number[])[0]).toBeCloseTo(0.7310586, 6);
    } finally {
      console.warn = orig;
    }
    expect(warned.some((w) => w.includes('Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument.'))).toBe(true);
    expect(warned.some((w) => w.includes('Implicit dimension choice for log_softmax'))).toBe(true);
    // torch.softmax itself requires dim, as in PyTorch
    expect(() => torch.softmax(torch.ones(2))).toThrow("missing required argument 'dim'");
  });
});

describe('module backward hooks and optimizer arguments', () => {
  it('the older module backward hooks are a loud NotImplementedError, never a silent no-op (register_full_backward_hook works: app/kernel/parity-module-lessons.test.ts)', () => {
    expect(() => nn.Linear(2, 1).register_backward_hook(() => undefined)).toThrow(/NotImplemented|not implemented/);
    expect(() => nn.Linear(2, 1).register_full_backward_pre_hook(() => undefined)).toThrow(/NotImplemented|not implemented/);
    // several floating-point inputs (nn.MSELoss()(a, b)) are not supported: loud
    const l = nn.MSELoss();
    l.register_full_backward_hook(() => undefined);
    expect(() => l(torch.ones(2, { requires_grad: true }), torch.zeros(2))).toThrow(/register_full_backward_hook on a module called with 2 floating-point tensors is not implemented/);
  });
  it("an optimizer over a non-leaf is PyTorch's ValueError", () => {
    // PyTorch: ValueError: can't optimize a non-leaf Tensor
    const a = torch.ones(1, { requires_grad: true }).mul(2);
    let err: unknown;
    try {
      torch.optim.SGD([a], { lr: 0.1 });
    } catch (e) {
      err = e;
    }
    expect((err as Error).name).toBe('ValueError');
    expect((err as Error).message).toBe("can't optimize a non-leaf Tensor");
  });
});
