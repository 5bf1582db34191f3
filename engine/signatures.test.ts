// The signature table: every declared op is called once per keyword it declares (as a trailing
// options object, PyTorch's keyword arguments), and once with an unknown keyword, which must throw
// Python's TypeError naming the op, never be ignored.
import { describe, expect, it } from 'vitest';
import { torch, Tensor } from './index';
import { TENSOR_SIGNATURES, TORCH_SIGNATURES } from './signatures';

const f = (v: number[]) => torch.tensor(v, { dtype: torch.float32 });
/** A value for each parameter name, valid for the ops that declare it. */
function valueFor(op: string, name: string): unknown {
  switch (name) {
    case 'other': case 'vec2': return f([2, 3]);
    case 'exponent': return 2;
    case 'mat2': case 'vec': return torch.ones(2, 2);
    case 'alpha': return 2;
    case 'rounding_mode': return 'floor';
    case 'decimals': return 1;
    case 'value': return 1;
    case 'requires_grad': return false;
    case 'condition': return torch.tensor([true, false]);
    case 'gradient': return null;
    case 'retain_graph': case 'create_graph': return false;
    default: throw new Error(`no test value for ${op}(${name})`);
  }
}
function self(op: string): Tensor {
  if (op === 'mm' || op === 'bmm' || op === 'matmul') return torch.ones(op === 'bmm' ? [1, 2, 2] : [2, 2]);
  if (op === 'mv') return torch.ones(2, 2);
  if (op === 'backward') return f([1, 2]).requires_grad_().sum();
  return f([1.25, -2.5]);
}

describe('declared signatures (engine/signatures.ts)', () => {
  for (const [op, s] of Object.entries(TENSOR_SIGNATURES)) {
    if (op === 'bmm' || op === 'mv' || op === 'dot') continue; // their operands differ in rank; covered by matmul tests
    it(`Tensor.${op}: each declared keyword works, an unknown one throws`, () => {
      const run = (opts: Record<string, unknown>) => {
        const t = self(op);
        const pos = s.params.filter((p) => !(p in opts) && !['gradient', 'retain_graph', 'create_graph', 'requires_grad'].includes(p)).map((p) => valueFor(op, p));
        return (t as unknown as Record<string, (...a: unknown[]) => unknown>)[op](...pos, ...(Object.keys(opts).length ? [opts] : []));
      };
      for (const k of s.kwargs) expect(() => run({ [k]: valueFor(op, k) })).not.toThrow();
      expect(() => run({ foo: 1 })).toThrow(new TypeError(`${op}() got an unexpected keyword argument 'foo'`));
    });
  }
  for (const [op, s] of Object.entries(TORCH_SIGNATURES)) {
    if (['bmm', 'mv', 'dot', 'result_type', 'promote_types', 'can_cast'].includes(op)) continue;
    it(`torch.${op}: each declared keyword works, an unknown one throws`, () => {
      const fn = (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[op];
      expect(typeof fn).toBe('function');
      const args = s.params.map((p) => (p === 'input' ? self(op) : valueFor(op, p)));
      for (const k of s.kwargs) expect(() => fn(...args, { [k]: valueFor(op, k) })).not.toThrow();
      expect(() => fn(...args, { foo: 1 })).toThrow(new TypeError(`${op}() got an unexpected keyword argument 'foo'`));
    });
  }
  it('keywords are honoured, not just accepted', () => {
    expect(torch.round(f([1.25, 2.345]), { decimals: 1 }).cpu_tolist()).toEqual([1.2000000476837158, 2.299999952316284]);
    expect(f([1.25]).round({ decimals: 1 }).cpu_tolist()).toEqual([1.2000000476837158]);
    expect(f([1]).add(f([2]), { alpha: 3 }).cpu_tolist()).toEqual([7]);
    expect(torch.div(f([7]), 2, { rounding_mode: 'floor' }).cpu_tolist()).toEqual([3]);
  });
  it('plain Errors thrown inside a declared op reach the user as RuntimeError', () => {
    expect(() => torch.ones(2).mm(torch.ones(3, 3))).toThrow(expect.objectContaining({ name: 'RuntimeError' }));
  });
});
