// Error classes as PyTorch's (Python class as `name`, PyTorch's message): values from
// /usr/bin/python3 with torch 1.13 (scripts/golden/errors.py has the shape messages).
import { describe, expect, it } from 'vitest';
import { torch, nn, F } from './index';

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('no error thrown');
}

describe('engine errors carry PyTorch exception classes', () => {
  it.each([
    ['index out of bounds', () => torch.zeros(3).select(0, 5), 'IndexError', 'index 5 is out of bounds for dimension 0 with size 3'],
    ['dim out of range', () => torch.zeros(3).sum(2), 'IndexError', 'Dimension out of range (expected to be in range of [-1, 0], but got 2)'],
    ['broadcast', () => torch.zeros(2, 3).add(torch.zeros(2, 5)), 'RuntimeError', 'The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1'],
    ['mm', () => torch.zeros(2, 3).mm(torch.zeros(4, 5)), 'RuntimeError', 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'],
    ['view', () => torch.zeros(2, 3).view(4, 2), 'RuntimeError', "shape '[4, 2]' is invalid for input of size 6"],
    ['cross-entropy target', () => F.cross_entropy(torch.randn(2, 3), torch.tensor([5, 0])), 'IndexError', 'Target 5 is out of bounds.'],
    ['cross-entropy negative target', () => F.cross_entropy(torch.randn(2, 3), torch.tensor([-1, 0])), 'IndexError', 'Target -1 is out of bounds.'],
    ['cross-entropy float target', () => F.cross_entropy(torch.randn(2, 3), torch.tensor([1, 0], { dtype: torch.float32 })), 'RuntimeError', 'expected scalar type Long but found Float'],
    ['nll float target', () => F.nll_loss(torch.randn(2, 3), torch.tensor([1, 0], { dtype: torch.float32 })), 'RuntimeError', 'expected scalar type Long but found Float'],
    ['BatchNorm1d features', () => new nn.BatchNorm1d(3)(torch.randn(2, 4)), 'RuntimeError', 'running_mean should contain 4 elements not 3'],
    ['BatchNorm2d features (eval)', () => new nn.BatchNorm2d(3).eval()(torch.randn(2, 4, 2, 2)), 'RuntimeError', 'running_mean should contain 4 elements not 3'],
    ['reduction', () => F.mse_loss(torch.zeros(2), torch.zeros(2), { reduction: 'foo' as never }), 'ValueError', 'foo is not a valid value for reduction'],
    ['optimizer lr', () => new torch.optim.SGD([torch.zeros(1).requires_grad_()], { lr: -1 }), 'ValueError', 'Invalid learning rate: -1'],
  ])('%s', (_, f, name, message) => {
    const e = thrown(f as () => unknown);
    expect(e.name).toBe(name);
    expect(e.message).toBe(message);
    expect(e).toBeInstanceOf(Error);
  });
});
