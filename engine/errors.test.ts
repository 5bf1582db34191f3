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

describe('inputs PyTorch rejects (or Torchlit cannot hold) are rejected, never wrapped', () => {
  it('int64 arithmetic beyond ±2^31 raises instead of wrapping (2e9 + 2e9)', () => {
    const t = torch.tensor([2000000000]);
    const e = thrown(() => t.add(2000000000));
    expect(e.name).toBe('RuntimeError');
    expect(e.message).toMatch(/^value cannot be converted to type int64 without overflow: 4000000000 /);
    expect(thrown(() => t.mul(torch.tensor([2]))).message).toMatch(/overflow: 4000000000 /);
    expect(thrown(() => torch.tensor([-2000000000]).sub(2000000000)).message).toMatch(/overflow: -4000000000 /);
    expect(thrown(() => torch.tensor([2]).pow(40)).message).toMatch(/overflow: 1099511627776 /);
    expect(() => t.add_(2000000000)).toThrow(/overflow/);
    // in range: exact, and large operands that do not overflow pass
    expect(t.add(100000000).cpu_tolist()).toEqual([2100000000]);
    expect(torch.tensor([2000000000, -5]).add(torch.tensor([-2000000000, 5])).cpu_tolist()).toEqual([0, 0]);
  });
  it('int64 creation beyond ±2^31 raises', () => {
    expect(thrown(() => torch.tensor([3000000000])).message).toMatch(/overflow: 3000000000 /);
    expect(thrown(() => torch.full([2], -3000000000)).message).toMatch(/overflow: -3000000000 /);
    expect(torch.tensor([3000000000], { dtype: torch.float64 }).cpu_tolist()).toEqual([3000000000]);
  });
  it('an allocation too large is PyTorch\'s out-of-memory RuntimeError, not a JS RangeError', () => {
    const e = thrown(() => torch.zeros([1e5, 1e5]));
    expect(e.name).toBe('RuntimeError');
    expect(e.message).toBe('[enforce fail at alloc_cpu.cpp] . DefaultCPUAllocator: not enough memory: you tried to allocate 40000000000 bytes.');
    expect(thrown(() => torch.ones(3e9, { dtype: torch.int64 })).message).toContain('you tried to allocate 24000000000 bytes');
  });
  it('a plain Error maps to RuntimeError at the boundary; other classes are kept', async () => {
    const { asTorchError, IndexError } = await import('./errors');
    expect((asTorchError(new Error('x')) as Error).name).toBe('RuntimeError');
    expect((asTorchError(new IndexError('x')) as Error).name).toBe('IndexError');
    expect((asTorchError(new TypeError('x')) as Error).name).toBe('TypeError');
  });
});
