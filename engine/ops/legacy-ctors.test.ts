// torch.FloatTensor / LongTensor / … as PyTorch 1.13 (and 2.x) answers them.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';

describe('legacy typed constructors', () => {
  it('from lists, sizes, nothing, a tensor; isinstance', () => {
    const f = torch.FloatTensor([1, 2]);
    expect([String(f.dtype), f.cpu_tolist()]).toEqual(['torch.float32', [1, 2]]);
    expect(torch.LongTensor([1.7, 2]).cpu_tolist()).toEqual([1, 2]);
    expect([...torch.FloatTensor(2, 3).shape]).toEqual([2, 3]);
    expect([...torch.FloatTensor().shape]).toEqual([0]);
    expect(torch.BoolTensor([1, 0]).cpu_tolist()).toEqual([true, false]);
    expect(String(torch.DoubleTensor([[1]]).dtype)).toBe('torch.float64');
    expect(String(torch.IntTensor(2).dtype)).toBe('torch.int32');
    expect([...torch.FloatTensor(torch.Size([2, 2])).shape]).toEqual([2, 2]);
    const x = torch.tensor([1.0, 2.0], { dtype: torch.float32 });
    const y = torch.FloatTensor(x);
    expect([y === x, y.data_ptr() === x.data_ptr()]).toEqual([false, true]);
    expect([x instanceof torch.FloatTensor, x instanceof torch.LongTensor, torch.tensor([1]) instanceof torch.LongTensor]).toEqual([true, false, true]);
  });
  it("errors with PyTorch's words", () => {
    expect(() => torch.FloatTensor(torch.tensor([1, 2]))).toThrow(
      'expected TensorOptions(dtype=float, device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt)) (got TensorOptions(dtype=long int,');
    expect(() => torch.FloatTensor('a')).toThrow("new(): invalid data type 'str'");
    expect(() => torch.FloatTensor(2, [3])).toThrow("new(): argument 'size' must be tuple of ints, but found element of type list at pos 2");
  });
});

describe('torch.Size called as in Python', () => {
  it('builds a Size from an iterable of ints; instanceof holds for shapes', () => {
    const s = torch.Size([2, 3]);
    expect([String(s), s instanceof torch.Size, torch.zeros(2, 3).shape instanceof torch.Size, torch.zeros(2, 3).shape.equals(s)]).toEqual(['torch.Size([2, 3])', true, true, true]);
    expect(String(torch.Size())).toBe('torch.Size([])');
    expect(() => torch.Size([2, 'a'] as never)).toThrow("torch.Size() takes an iterable of 'int' (item 1 is 'str')");
    expect(() => torch.Size([2.5])).toThrow("torch.Size() takes an iterable of 'int' (item 0 is 'float')");
    expect(() => torch.Size(3 as never)).toThrow("'int' object is not iterable");
  });
});
