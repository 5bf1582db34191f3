// Tensor and autograd parity found by session 9's differential probes (helper hX): learner code run
// in PyTorch 1.13 (/usr/bin/python3) and in Torchlit side by side; each case quotes PyTorch's output.
import { describe, expect, it } from 'vitest';
import { F, torch } from '../index';
import type { Tensor } from '../tensor';

/** A custom Function whose backward returns `grad(g)` for its one tensor input (after an optional scalar). */
function fnReturning(grad: (g: Tensor) => unknown) {
  return class Bad extends torch.autograd.Function {
    static forward(_ctx: unknown, ...args: unknown[]): Tensor {
      return (args.find((a) => a instanceof torch.Tensor) as Tensor).mul(2);
    }
    static backward(_ctx: unknown, g: Tensor): any {
      return grad(g);
    }
  };
}

describe("a custom autograd.Function's gradients are checked as PyTorch's validate_outputs", () => {
  const run = (grad: (g: Tensor) => unknown): Tensor | null => {
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    fnReturning(grad).apply(x).sum().backward();
    return x.grad;
  };

  it('a gradient the input broadcasts to is summed back to its shape (was stored with the wrong shape, silently)', () => {
    // backward returns torch.ones(2, 2) → x.grad = tensor([2., 2.]); torch.ones(1, 2) → tensor([1., 1.])
    expect(run(() => torch.ones(2, 2))!.cpu_tolist()).toEqual([2, 2]);
    expect(run(() => torch.ones(1, 2))!.shape).toEqual([2]);
  });

  it('a gradient of another shape is an error naming the Function (was accepted: x.grad = tensor(2.))', () => {
    // backward returns g.sum() → RuntimeError: Function BadBackward returned an invalid gradient at index 0 - got [] but expected shape compatible with [2]
    expect(() => run((g) => g.sum())).toThrow('Function BadBackward returned an invalid gradient at index 0 - got [] but expected shape compatible with [2]');
    expect(() => run(() => torch.ones(3))).toThrow('got [3] but expected shape compatible with [2]');
    expect(() => run(() => torch.ones(1))).toThrow('got [1] but expected shape compatible with [2]');
    // the index counts tensor inputs only: Bad.apply(2.0, x) with backward → (None, torch.ones(3)) says index 0
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    expect(() => fnReturning(() => [null, torch.ones(3)]).apply(2, x).sum().backward()).toThrow('invalid gradient at index 0 - got [3]');
  });

  it('a number is "expected Variable or None"; an int64 gradient is cast to the input dtype', () => {
    // backward returns 2.5 → RuntimeError: expected Variable or None (got float); 'a' → (got str)
    expect(() => run(() => 2.5)).toThrow('expected Variable or None (got float)');
    expect(() => run(() => 'a')).toThrow('expected Variable or None (got str)');
    // backward returns torch.ones(2, dtype=torch.int64) → x.grad = tensor([1., 1.]) (float32)
    const g = run(() => torch.ones(2, { dtype: torch.int64 }))!;
    expect(g.dtype).toBe(torch.float32);
    expect(g.cpu_tolist()).toEqual([1, 1]);
  });
});

describe('a tensor hook may not change the gradient\'s shape or dtype', () => {
  it("is PyTorch's error naming the hook (the replacement was used as is)", () => {
    // x.register_hook(lambda g: g.sum()); (x * 2).sum().backward() → RuntimeError: hook '<lambda>' has changed the size of value
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    x.register_hook((g) => g.sum());
    expect(() => x.mul(2).sum().backward()).toThrow("hook '<lambda>' has changed the size of value");
    // a named function: hook 'myhook'; a dtype change: (was torch.FloatTensor got torch.DoubleTensor)
    const y = torch.tensor([1.5, 2.5], { requires_grad: true });
    const z = y.mul(2);
    z.register_hook(function myhook(g: Tensor) { return g.double(); });
    expect(() => z.mul(2).sum().backward()).toThrow("hook 'myhook' has changed the type of value (was torch.FloatTensor got torch.DoubleTensor)");
    // a hook of the same shape and dtype still replaces the gradient: x.grad = tensor([20., 20.])
    const w = torch.tensor([1.5, 2.5], { requires_grad: true });
    const h = w.register_hook((g) => g.mul(10));
    w.mul(2).sum().backward();
    expect(w.grad!.cpu_tolist()).toEqual([20, 20]);
    h.remove();
  });
});

describe('gradients keep their input\'s dtype', () => {
  it('backward(gradient) of another dtype is cast to the output\'s (x.grad was int64 / float64)', () => {
    // (x * 2).backward(torch.tensor([1, 1])) → x.grad = tensor([2., 2.]); a float64 gradient likewise
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    x.mul(2).backward(torch.tensor([1, 1]));
    expect(x.grad!.dtype).toBe(torch.float32);
    expect(x.grad!.cpu_tolist()).toEqual([2, 2]);
    x.grad = null;
    x.mul(2).backward({ gradient: torch.tensor([1, 0.5], { dtype: torch.float64 }) });
    expect(x.grad!.dtype).toBe(torch.float32);
    expect(x.grad!.cpu_tolist()).toEqual([2, 1]);
  });

  it('a float32 leaf in an op with a float64 tensor gets a float32 .grad (mul, where, cat, stack)', () => {
    // y = x * torch.tensor([1., 3.], dtype=torch.float64); y.sum().backward() → y.dtype float64, x.grad = tensor([1., 3.])
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    const c = torch.tensor([1, 3], { dtype: torch.float64 });
    const b = torch.tensor([3], { dtype: torch.float64, requires_grad: true });
    const grads: [string, () => Tensor, number[]][] = [
      ['mul', () => x.mul(c), [1, 3]],
      // torch.where(x > 2, x, float64 tensor) → tensor([0., 1.])
      ['where', () => torch.where(x.gt(2), x, c), [0, 1]],
      // torch.cat([x, b]) → x.grad tensor([1., 1.]), b.grad float64; torch.stack([x, b.expand(2)]) likewise
      ['cat', () => torch.cat([x, b]), [1, 1]],
      ['stack', () => torch.stack([x, b.expand(2)]), [1, 1]],
    ];
    for (const [name, f, want] of grads) {
      x.grad = null;
      f().sum().backward();
      expect(x.grad!.dtype, name).toBe(torch.float32);
      expect(x.grad!.cpu_tolist(), name).toEqual(want);
    }
    expect(b.grad!.dtype).toBe(torch.float64);
  });
});

describe('reversed subtraction and alpha', () => {
  it("1 - x is RsubBackward1, torch.rsub(x, y) RsubBackward0 (were SubBackward0)", () => {
    // [t.grad_fn.name() for t in (torch.rsub(x, 1), torch.rsub(x, x), x - 1)] → ['RsubBackward1', 'RsubBackward0', 'SubBackward0']
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    expect([torch.rsub(x, 1), torch.rsub(x, x), x.sub(1)].map((t) => t.grad_fn!.name())).toEqual(['RsubBackward1', 'RsubBackward0', 'SubBackward0']);
    // torch.rsub(x, 1).sum().backward() → x.grad = tensor([-1., -1.]); torch.rsub(torch.tensor([1., 2.]), 10, alpha=2) → tensor([8., 6.])
    torch.rsub(x, 1).sum().backward();
    expect(x.grad!.cpu_tolist()).toEqual([-1, -1]);
    expect(torch.rsub(torch.tensor([1, 2], { dtype: torch.float32 }), 10, { alpha: 2 }).cpu_tolist()).toEqual([8, 6]);
  });

  it('a fractional alpha on integer tensors is an error (gave float values)', () => {
    // torch.add(torch.tensor([1, 2]), torch.tensor([1, 1]), alpha=0.5) → RuntimeError: For integral input tensors, argument alpha must not be a floating point number.
    const msg = 'For integral input tensors, argument alpha must not be a floating point number.';
    expect(() => torch.add(torch.tensor([1, 2]), torch.tensor([1, 1]), { alpha: 0.5 })).toThrow(msg);
    expect(() => torch.sub(torch.tensor([1, 2]), torch.tensor([1, 1]), { alpha: 1.5 })).toThrow(msg);
    // a float result takes it: torch.add(torch.tensor([1., 2.]), torch.tensor([1, 1]), alpha=0.5) → tensor([1.5000, 2.5000])
    expect(torch.add(torch.tensor([1, 2], { dtype: torch.float32 }), torch.tensor([1, 1]), { alpha: 0.5 }).cpu_tolist()).toEqual([1.5, 2.5]);
  });
});

describe('max / min / argmax / amax over an empty dim', () => {
  it("are PyTorch's errors (gave NaN values and index 0)", () => {
    const x = torch.zeros(0, 3);
    // x.max(-2) → IndexError: max(): Expected reduction dim 0 to have non-zero size.
    const cases: [() => unknown, string, string][] = [
      [() => x.max(-2), 'IndexError', 'max(): Expected reduction dim 0 to have non-zero size.'],
      [() => x.min(0), 'IndexError', 'min(): Expected reduction dim 0 to have non-zero size.'],
      [() => x.argmax(), 'IndexError', 'argmax(): Expected reduction dim to be specified for input.numel() == 0.'],
      [() => x.argmin(0), 'IndexError', 'argmin(): Expected reduction dim 0 to have non-zero size.'],
      [() => x.amax(), 'RuntimeError', "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."],
      [() => x.amax(0), 'IndexError', 'amax(): Expected reduction dim 0 to have non-zero size.'],
      [() => torch.zeros(0).max(), 'RuntimeError', "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."],
    ];
    for (const [f, cls, msg] of cases) {
      let err: Error | null = null;
      try { f(); } catch (e) { err = e as Error; }
      expect(err?.name, msg).toBe(cls);
      expect(err?.message).toBe(msg);
    }
    // along a non-empty dim the result is empty: x.max(1) → values tensor([]), indices tensor([], dtype=torch.int64)
    expect(x.max(1).values.shape).toEqual([0]);
    expect(x.argmax(1).shape).toEqual([0]);
  });
});

describe('a uint8 tensor as an index', () => {
  it("is a mask, as PyTorch's (deprecated there, with its warning); it was an IndexError", () => {
    const warned: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => void warned.push(String(m));
    try {
      // x = torch.arange(3); x[torch.tensor([1, 0, 1], dtype=torch.uint8)] → tensor([0, 2]) (UserWarning: indexing with dtype torch.uint8 is now deprecated, …)
      const m = torch.tensor([1, 0, 1], { dtype: torch.uint8 });
      expect(torch.arange(3).index(m).cpu_tolist()).toEqual([0, 2]);
      // y = torch.zeros(3); y[m] = 5 → tensor([5., 0., 5.])
      const y = torch.zeros(3);
      y.index_put_([m], 5);
      expect(y.cpu_tolist()).toEqual([5, 0, 5]);
    } finally {
      console.warn = orig;
    }
    expect(warned.some((w) => w.includes('indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool instead.'))).toBe(true);
  });
});

describe('floor_divide type promotion', () => {
  it('a 0-d tensor does not widen the result (int32 // tensor(2) was int64)', () => {
    // torch.tensor([1, 2], dtype=torch.int32) // torch.tensor(2) → tensor([0, 1], dtype=torch.int32)
    const r = torch.floor_divide(torch.tensor([1, 2], { dtype: torch.int32 }), torch.tensor(2));
    expect(r.dtype).toBe(torch.int32);
    expect(r.cpu_tolist()).toEqual([0, 1]);
    // torch.floor_divide(torch.tensor([7, -7]), 2.5) → tensor([ 2., -3.])
    expect(torch.floor_divide(torch.tensor([7, -7]), 2.5).cpu_tolist()).toEqual([2, -3]);
  });
});

describe('a number written into a tensor must fit its dtype', () => {
  it("is PyTorch's overflow error (int32 and float32 stored 0 / inf, silently)", () => {
    // torch.zeros(3, dtype=torch.int32).fill_(2**40) → RuntimeError: value cannot be converted to type int without overflow
    const int = 'value cannot be converted to type int without overflow';
    expect(() => torch.zeros(3, { dtype: torch.int32 }).fill_(2 ** 40)).toThrow(int);
    expect(() => torch.full([2], 2 ** 40, { dtype: torch.int32 })).toThrow(int);
    const w = torch.zeros(3, { dtype: torch.int32 });
    expect(() => w.index_put_([1], 2 ** 40)).toThrow(int);
    expect(() => w.masked_fill(torch.tensor([true, false, false]), 2 ** 40)).toThrow(int);
    // fill_(nan) on int64 → value cannot be converted to type int64_t without overflow; uint8 300 → uint8_t
    expect(() => torch.zeros(1, { dtype: torch.int64 }).fill_(NaN)).toThrow('value cannot be converted to type int64_t without overflow');
    expect(() => torch.zeros(1, { dtype: torch.uint8 }).fill_(300)).toThrow('value cannot be converted to type uint8_t without overflow');
    // torch.zeros(2).fill_(1e40) → value cannot be converted to type float without overflow; inf is fine
    expect(() => torch.zeros(2).fill_(1e40)).toThrow('value cannot be converted to type float without overflow');
    expect(torch.zeros(1).fill_(Infinity).cpu_item()).toBe(Infinity);
    // in range: uint8 fill_(-1) → 255, int8 fill_(2.5) → 2
    expect(torch.zeros(1, { dtype: torch.uint8 }).fill_(-1).cpu_item()).toBe(255);
    expect(torch.zeros(1, { dtype: torch.int8 }).fill_(2.5).cpu_item()).toBe(2);
  });
});

describe('indexing with a 0-d integer tensor, a zero step and a float', () => {
  it('x[torch.tensor(1)] is a view (SelectBackward0), as x[1] (was a copy: writes did not reach x)', () => {
    // z = torch.arange(6).view(2, 3); w = z[torch.tensor(1)]; w[0] = 100; z → tensor([[0, 1, 2], [100, 4, 5]])
    const z = torch.arange(6).view(2, 3);
    const w = z.index(torch.tensor(1));
    w.index_put_([0], 100);
    expect(z.cpu_tolist()).toEqual([[0, 1, 2], [100, 4, 5]]);
    const x = torch.arange(6, { dtype: torch.float32 }).view(2, 3).requires_grad_();
    expect(x.index(torch.tensor(-1)).grad_fn!.name()).toBe('SelectBackward0');
    // x[torch.tensor(1), [0, 2]] → tensor([3., 5.], grad_fn=<IndexBackward0>); x[torch.tensor(5)] → IndexError
    expect(x.index(torch.tensor(1), [0, 2]).cpu_tolist()).toEqual([3, 5]);
    expect(() => x.index(torch.tensor(5))).toThrow('index 5 is out of bounds for dimension 0 with size 2');
  });

  it("x[::0] and x[1.5] are Python's / PyTorch's errors", () => {
    // torch.arange(6)[::0] → ValueError: slice step cannot be zero
    expect(() => torch.arange(6).index('::0')).toThrow('slice step cannot be zero');
    // torch.arange(6)[1.5] → IndexError: only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)
    let err: Error | null = null;
    try { torch.arange(6).index(1.5); } catch (e) { err = e as Error; }
    expect(err?.name).toBe('IndexError');
    expect(err?.message).toBe('only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)');
  });
});

describe('integer and bool inputs PyTorch refuses', () => {
  it('mse_loss of integers and relu of bools are errors (gave an integer loss / the mask)', () => {
    // F.mse_loss(torch.tensor([1, 2]), torch.tensor([1, 3]), reduction='sum') → RuntimeError: "mse_cpu" not implemented for 'Long'
    expect(() => F.mse_loss(torch.tensor([1, 2]), torch.tensor([1, 3]), { reduction: 'sum' })).toThrow(`"mse_cpu" not implemented for 'Long'`);
    expect(() => F.mse_loss(torch.tensor([true]), torch.tensor([true]))).toThrow(`"mse_cpu" not implemented for 'Bool'`);
    // an integer input with a float target promotes: tensor(0.5000)
    expect(F.mse_loss(torch.tensor([1, 2]), torch.tensor([1, 3], { dtype: torch.float32 })).cpu_item()).toBe(0.5);
    // F.relu(torch.tensor([True])) → RuntimeError: Boolean inputs not supported for relu (relu_ too); integers are fine
    expect(() => F.relu(torch.tensor([true]))).toThrow('Boolean inputs not supported for relu');
    expect(() => torch.tensor([true]).relu_()).toThrow('Boolean inputs not supported for relu');
    expect(torch.relu(torch.tensor([1, -2])).cpu_tolist()).toEqual([1, 0]);
  });
});

describe('the autograd engine, as PyTorch 1.13 (hX found these, session 9 fixed them in autograd.ts)', () => {
  it('backward(create_graph) leaves x.grad with its graph: x.grad.backward() differentiates again', () => {
    // PyTorch: x = tensor([1., 2., 3.], requires_grad=True); (x**3).sum().backward(create_graph=True)
    // x.grad → tensor([ 3., 12., 27.], grad_fn=<CopyBackwards>); g = x.grad; x.grad = None;
    // g.sum().backward(); x.grad → tensor([ 6., 12., 18.])
    const x = torch.tensor([1, 2, 3], { requires_grad: true, dtype: torch.float32 });
    x.pow(3).sum().backward({ create_graph: true });
    expect(Array.from(x.grad!.cpu_data())).toEqual([3, 12, 27]);
    expect(x.grad!.requires_grad).toBe(true);
    const g = x.grad!;
    x.grad = null;
    g.sum().backward();
    expect(Array.from(x.grad!.cpu_data())).toEqual([6, 12, 18]);
  });

  it('a second backward through cumsum works without retain_graph (it saves nothing)', () => {
    // PyTorch: y = x.cumsum(0).sum(); y.backward(); y.backward(); x.grad → tensor([4., 2.])
    const x = torch.tensor([1, 2], { requires_grad: true, dtype: torch.float32 });
    const y = x.cumsum(0).sum();
    y.backward();
    y.backward();
    expect(Array.from(x.grad!.cpu_data())).toEqual([4, 2]);
  });

  it('gradients take their input\'s dtype; autograd.grad casts grad_outputs to the output\'s', () => {
    // PyTorch: x4 float64 leaf, (x4.float()*2).sum().backward() → x4.grad.dtype float64;
    // torch.autograd.grad(out, x3, torch.tensor(1, dtype=torch.float64))[0].dtype → float32
    const x4 = torch.tensor([1, 2], { requires_grad: true, dtype: torch.float64 });
    x4.float().mul(2).sum().backward();
    expect(x4.grad!.dtype).toBe(torch.float64);
    const x3 = torch.tensor([1, 2], { requires_grad: true, dtype: torch.float32 });
    const [g3] = torch.autograd.grad(x3.mul(2).sum(), x3, torch.tensor(1, { dtype: torch.float64 }));
    expect(g3!.dtype).toBe(torch.float32);
  });
});
