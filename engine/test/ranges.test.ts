// torch.linspace and torch.arange against PyTorch 1.13's bits (scripts/golden/ranges.py →
// golden/ranges.json): float steps, the second half of linspace filled from the end, float64 and
// int64 dtypes, linspace's one step (start) and the errors of a step against the range.
import { describe, expect, it } from 'vitest';
import golden from './golden/ranges.json';
import { torch } from '../index';
import type { Encoded } from './harness';

interface RangeCase { fn: 'linspace' | 'arange'; args: number[]; dtype: string; output: Encoded }

describe('torch.linspace / torch.arange, bit for bit as PyTorch 1.13 (CPU)', () => {
  for (const c of golden.cases as RangeCase[]) {
    it(`${c.fn}(${c.args.join(', ')}${c.dtype ? `, dtype=${c.dtype}` : ''})`, () => {
      const opts = c.dtype ? { dtype: (torch as unknown as Record<string, unknown>)[c.dtype] } : {};
      const t = (torch[c.fn] as (...a: unknown[]) => ReturnType<typeof torch.ones>)(...c.args, opts);
      expect(t.dtype.name).toBe(c.output.dtype);
      expect(t.shape).toEqual(c.output.shape);
      // exact: the values are PyTorch's bits (a float32 is written as the shortest decimal that rounds to it)
      const want = (c.output.data as number[]).map((v) => (c.output.dtype === 'float32' ? Math.fround(v) : v));
      expect(Array.from(t.cpu_data() as ArrayLike<number>)).toEqual(want);
    });
  }

  it("raises PyTorch's errors for a step against the range and negative steps", () => {
    const errs = golden.errors as Record<string, { type: string; message: string }>;
    expect(() => torch.arange(0, 5, -1)).toThrow(errs.arange_sign.message);
    expect(() => torch.arange(1, 0, 0.5)).toThrow(errs.arange_sign_f.message);
    expect(() => torch.linspace(0, 1, -1)).toThrow(errs.linspace_neg.message);
  });
});
