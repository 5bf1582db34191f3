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
    case 'other': return MATRIX_OPS.includes(op) ? torch.ones(2, 2) : f([2, 3]);
    case 'vec2': return f([2, 3]);
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
    case 'dim0': case 'axis0': case 'start_dim': case 'source': case 'start': return 0;
    case 'dim1': case 'axis1': case 'destination': case 'length': case 'shifts': return 1;
    case 'end_dim': return -1;
    case 'dims': return 0;
    case 'keepdim': return false;
    case 'dim': return op === 'unflatten' ? 1 : 0;
    case 'sizes': return [2, 1];
    case 'mask': return torch.tensor([[true, false], [false, true]]);
    case 'index': return ['gather', 'scatter_add', 'scatter_add_'].includes(op) ? torch.tensor([[0], [1]]) : op === 'select' ? 0 : torch.tensor([0]);
    case 'src': return torch.ones(2, 1);
    case 'end': return torch.zeros(2, 2);
    case 'weight': return 0.25;
    case 'size': return [2, 2];
    case 'out': return null; // PyTorch's out=None; writing into out is tested in engine/test/parity-lessons.test.ts
    default: throw new Error(`no test value for ${op}(${name})`);
  }
}
const MATRIX_OPS = ['transpose', 'swapaxes', 'unsqueeze', 'squeeze', 'flatten', 'roll', 'logsumexp', 'masked_fill', 'index_select', 'gather', 'narrow',
  'select', 'amax', 'amin', 'all', 'any', 'movedim', 'unflatten', 'masked_fill_', 'unsqueeze_', 'squeeze_', 'transpose_', 'index_fill_', 'scatter_add',
  'scatter_add_', 'expand_as', 'view_as', 'reshape_as', 'type_as', 'lerp'];
function self(op: string): Tensor {
  if (MATRIX_OPS.includes(op)) return torch.tensor([[1.25, -2.5], [0.5, 3]], { dtype: torch.float32 });
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
  it('positional parameters may be given by name, as Python allows (issue #15: an options object once reached masked_fill as its value)', () => {
    const x = torch.tensor([[3, 4], [6, 8]], { dtype: torch.float32 }) as any;
    expect(x.masked_fill(x.gt(4), { value: 0 } as never).cpu_tolist()).toEqual([[3, 4], [0, 0]]);
    expect(x.pow({ exponent: 2 } as never).cpu_tolist()).toEqual([[9, 16], [36, 64]]);
    expect(x.transpose({ dim0: 0, dim1: 1 } as never).cpu_tolist()).toEqual([[3, 6], [4, 8]]);
    expect([...x.unsqueeze({ dim: 0 } as never).shape]).toEqual([1, 2, 2]);
    expect([...torch.tensor([1, 2]).expand({ size: [2, 2] } as never).shape]).toEqual([2, 2]);
    expect([...torch.tensor([1, 2, 3, 4]).view({ size: [2, 2] } as never).shape]).toEqual([2, 2]);
    expect(x.flatten({ start_dim: 0 } as never).cpu_tolist()).toEqual([3, 4, 6, 8]);
    expect((torch.narrow as any)(x, { dim: 1, start: 1, length: 1 }).cpu_tolist()).toEqual([[4], [8]]);
    expect(x.logsumexp(1, { keepdim: true } as never).shape.length).toBe(2);
    expect(() => x.transpose(0, { dim0: 1 } as never)).toThrow(new TypeError("transpose() got multiple values for argument 'dim0'"));
    const y = f([1, 2]).requires_grad_().mul(2).sum();
    y.backward(null, { retain_graph: true });
    (y.backward as any)({ gradient: null });
  });
  it('plain Errors thrown inside a declared op reach the user as RuntimeError', () => {
    expect(() => torch.ones(2).mm(torch.ones(3, 3))).toThrow(expect.objectContaining({ name: 'RuntimeError' }));
  });
});
