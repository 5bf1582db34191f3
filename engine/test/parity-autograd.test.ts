// Autograd and tensor parity found by session 9's differential probes (helper hX): learner code run
// in PyTorch 1.13 (/usr/bin/python3) and in Torchlit side by side; each case quotes PyTorch's output.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';
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
