// torch.tensor(t) of a tensor and of a list of one-element tensors, and the three wordings PyTorch has for
// an integer tensor asked to require gradients (style transfer's Normalization does `torch.tensor(mean)`).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { torch } from '../index';
import { resetWarnings } from '../warnings';

const f32 = { dtype: torch.float32 };

describe('torch.tensor of tensors', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetWarnings();
  });
  it('copies a tensor, detached, with PyTorch\'s warning; dtype and requires_grad apply', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const a = torch.tensor([1.0, 2.5], { dtype: torch.float32, requires_grad: true });
    const b = torch.tensor(a);
    expect([b.cpu_tolist(), String(b.dtype), b.requires_grad, b.grad_fn]).toEqual([[1, 2.5], 'torch.float32', false, null]);
    b.add_(1);
    expect(a.cpu_tolist()).toEqual([1, 2.5]); // a copy
    expect(String(warn.mock.calls[0][0])).toBe('To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).');
    const c = torch.tensor(a, { dtype: torch.float64, requires_grad: true });
    expect([String(c.dtype), c.requires_grad, c.is_leaf]).toEqual(['torch.float64', true, true]);
    expect(String(torch.tensor(torch.tensor([1, 2])).dtype)).toBe('torch.int64');
  });
  it('reads a list of one-element tensors as their values', () => {
    const t = torch.tensor([torch.tensor(1.5, f32), torch.tensor([2.0], f32)]);
    expect([t.cpu_tolist(), String(t.dtype), [...t.shape]]).toEqual([[1.5, 2], 'torch.float32', [2]]);
    expect(String(torch.tensor([torch.tensor(1), 2.5]).dtype)).toBe('torch.float32');
    expect(String(torch.tensor([torch.tensor(1), torch.tensor(2)]).dtype)).toBe('torch.int64');
    expect(() => torch.tensor([torch.tensor([1.5, 1], f32)])).toThrow(
      expect.objectContaining({ name: 'ValueError', message: 'only one element tensors can be converted to Python scalars' }));
  });
});

describe('requires_grad on an integer tensor: PyTorch\'s three wordings', () => {
  const fails = (f: () => unknown, message: string) => expect(f).toThrow(expect.objectContaining({ name: 'RuntimeError', message }));
  it('requires_grad_(), the attribute, a factory', () => {
    fails(() => torch.tensor([1, 2]).requires_grad_(), 'only Tensors of floating point dtype can require gradients');
    fails(() => (torch.tensor([1, 2]).requires_grad = true), 'only Tensors of floating point and complex dtype can require gradients');
    fails(() => torch.zeros(2, { dtype: torch.int64, requires_grad: true }), 'Only Tensors of floating point and complex dtype can require gradients');
    fails(() => torch.full([2], 1, { requires_grad: true }), 'Only Tensors of floating point and complex dtype can require gradients');
    fails(() => torch.tensor([1, 2], { dtype: torch.int64, requires_grad: true }), 'Only Tensors of floating point and complex dtype can require gradients');
    // a JS [1, 2] with requires_grad is float32 (the integers may have been written 1.0)
    expect(String(torch.tensor([1, 2], { requires_grad: true }).dtype)).toBe('torch.float32');
  });
});
