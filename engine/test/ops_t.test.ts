// The Tensor methods and torch functions added in task hT (golden/ops_t.json, from
// scripts/golden/ops_t.py) against PyTorch 1.13: values, dtypes, shapes, gradients and grad_fn
// names; float64 finite-difference gradchecks; PyTorch's errors. Ops with a CPU kernel only run
// their golden cases on the CPU (webgpuGap below says which, and why).
import { describe, expect, it } from 'vitest';
import golden from './golden/ops_t.json';
import { backends, decodeArg, makeTensor, outputsOf, T } from './harness';
import { goldenOpSuites } from './golden-op-suites';
import type { OpCase } from './op_case';
import { OPS } from './ops_table';

const cases = golden.cases as unknown as (OpCase & { grad_fn?: string })[];
const devices = await backends();
// CPU kernels only (float64 loops, a sort, a scan, or a synchronous read of indices or norms)
const CPU_ONLY = /^(svd\.S|frexp\.long|cholesky\.sym|(torch|Tensor|inplace)\.(svd|qr|cholesky|pinverse|polygamma|mvlgamma|i0|frexp|index_reduce|lgamma|digamma|nextafter|gcd|lcm|bitwise_\w+|matrix_exp|logcumsumexp|nanmedian|quantile|nanquantile|msort|scatter_reduce|histogram|masked_scatter|put|index_copy|cumsum|cumprod|fill_diagonal)_?)$/;
// linalg.inv/det have CPU kernels only: logdet, slogdet and negative matrix powers use them
const cpuOnly = (c: OpCase) => CPU_ONLY.test(c.op) || /^torch\.(logdet|slogdet)\/|^torch\.matrix_power\/neg$/.test(c.id);
// the known gaps on WebGPU, skipped there with the reason (as harness.ts knownGap's); every case runs on the CPU
const webgpuGap = (device: string, c: OpCase): string | null => {
  if (device !== 'webgpu') return null;
  if (cpuOnly(c)) return `${c.op} has a CPU kernel only (docs/differences-from-pytorch.md)`;
  // WGSL compares NaN as the GPU does (engine/ops/ieee.test.ts lists the same gap for binary.ne)
  if (c.id === 'torch.not_equal/float') return 'NaN != NaN is false in WGSL on some GPUs (ieee.test.ts: binary.ne)';
  return null;
};
goldenOpSuites('hT ops', cases, devices, webgpuGap);

// PyTorch composes these from other ops, so their grad_fn is an implementation detail that moves between
// versions (1.13's ReshapeAliasBackward0 for inner, SqueezeBackward3 for quantile, CopySlices for fill_diagonal_)
const COMPOSITE = /^(torch|Tensor|inplace)\.(inner|quantile|nanquantile|cov|corrcoef|fill_diagonal_)$|^torch\.matrix_power\/0$/;

describe('hT ops: grad_fn names as PyTorch', () => {
  for (const c of cases.filter((c) => c.grad_fn && !COMPOSITE.test(c.op) && !COMPOSITE.test(c.id)))
    it(c.id, () => {
      const xs = c.inputs.map((e) => makeTensor(e, { device: 'cpu', requires_grad: e.dtype.startsWith('float') }));
      const out = outputsOf(OPS[c.op](T, xs, decodeArg(c.args, {}) as unknown[], decodeArg(c.kwargs, {}) as Record<string, unknown>))[0];
      expect(out.grad_fn?.name()).toBe(c.grad_fn);
    });
});

describe('hT ops: errors and small behaviours as PyTorch (values printed from PyTorch 1.13)', () => {
  const f = (...v: number[]) => T.tensor(v, { dtype: T.float32 });
  it('rejects bad input with PyTorch messages', () => {
    expect(() => T.gcd(f(1), f(2))).toThrow(`"gcd_cpu" not implemented for 'Float'`);
    expect(() => T.bitwise_xor(T.tensor([1]), 2.5)).toThrow(`"bitwise_xor_cpu" not implemented for 'Float'`);
    expect(() => T.hypot(T.tensor([1]), T.tensor([2]))).toThrow(`"hypot_cpu" not implemented for 'Long'`);
    expect(() => T.logaddexp(T.tensor([1]), T.tensor([2]))).toThrow(`"logaddexp_cpu" not implemented for 'Long'`);
    // a number where PyTorch wants a tensor is its TypeError (fmax's was cast to the input's dtype: fmax(int, 2.5) compared with 2)
    for (const op of ['fmax', 'fmin', 'hypot', 'logaddexp', 'logaddexp2', 'nextafter'])
      expect(() => T[op](f(1.5, 2), 2.5)).toThrow(`${op}(): argument 'other' (position 2) must be Tensor, not float`);
    expect(() => T.ldexp(f(1.5), 2)).toThrow("ldexp(): argument 'other' (position 2) must be Tensor, not int");
    expect(() => T.gcd(T.tensor([4]), 2)).toThrow("gcd(): argument 'other' (position 2) must be Tensor, not int");
    expect(T.bitwise_and(T.tensor([4]), 2).cpu_tolist()).toEqual([0]);
    expect(T.bitwise_left_shift(2, T.tensor([3])).cpu_tolist()).toEqual([16]);
    expect(() => T.heaviside(f(1), 1)).toThrow("heaviside(): argument 'values' (position 2) must be Tensor, not int");
    expect(() => T.heaviside(f(1), T.tensor([1]))).toThrow('heaviside is not yet implemented for tensors with different dtypes');
    expect(() => T.tensor([1, 2]).clamp_min_(1.5)).toThrow("result type Float can't be cast to the desired output type long int");
    expect(() => T.tensor([1, 2]).clamp_(1.5)).toThrow("result type Float can't be cast to the desired output type long int");
    expect(() => T.tensor([1, 2]).true_divide_(2)).toThrow("result type Float can't be cast to the desired output type Long");
    expect(() => T.tensor([1, 2]).cumsum_(0, { dtype: T.float32 })).toThrow('Bad in-place call: input tensor dtype long int and output tensor dtype float should match');
    expect(() => T.positive(T.tensor([true]))).toThrow('The `+` operator, on a bool tensor is not supported.');
    expect(() => T.hsplit(T.zeros(3, 4), 3)).toThrow('torch.hsplit attempted to split along dimension 1, but the size of the dimension 4 is not divisible by the split_size 3!');
    expect(() => T.vsplit(T.zeros(4), 2)).toThrow('torch.vsplit requires a tensor with at least 2 dimension, but got a tensor with 1 dimensions!');
    expect(() => T.dsplit(T.zeros(2, 2), 2)).toThrow('torch.dsplit requires a tensor with at least 3 dimension, but got a tensor with 2 dimensions!');
    expect(() => T.inner(T.zeros(3, 1), T.zeros(1, 3))).toThrow('inner() the last dimension must match on both input tensors but got shapes [3, 1] and [1, 3]');
    expect(() => T.vdot(T.zeros(3, 1), T.zeros(3))).toThrow('1D tensors expected, but got 2D and 1D tensors');
    expect(() => T.ger(T.zeros(2, 2), T.zeros(2))).toThrow('outer: Expected 1-D argument self, but got 2-D');
    expect(() => T.matrix_power(T.zeros(2, 3), 2)).toThrow('linalg.matrix_power: A must be batches of square matrices, but they are 2 by 3 matrices');
    expect(() => T.addmv(T.zeros(2), T.zeros(2, 3), T.zeros(2))).toThrow('size mismatch, got 2, 2x3,2');
    expect(() => T.baddbmm(T.zeros(2, 3), T.zeros(5, 2, 4), T.zeros(4, 4, 3))).toThrow('Expected size for first two dimensions of batch2 tensor to be: [5, 4] but got: [4, 4].');
    expect(() => T.quantile(T.tensor([1, 2]), 0.5)).toThrow('quantile() input tensor must be either float or double dtype');
    expect(() => T.quantile(f(1, 2), 1.5)).toThrow('quantile() q must be in the range [0, 1] but got 1.5');
    expect(() => T.quantile(f(1, 2), f(1.3))).toThrow('quantile() q values must be in the range [0, 1]');
    expect(() => T.quantile(f(1, 2), T.tensor([[0.3]], { dtype: T.float32 }))).toThrow('quantile() q must be a scalar or 1D tensor');
    expect(() => T.quantile(f(1, 2), 0.3, { interpolation: 'foo' })).toThrow('quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got foo');
    expect(() => T.zeros(3, 2).masked_scatter(T.tensor([true, false]), f(1))).toThrow('Number of elements of source < number of ones in mask');
    expect(() => T.zeros(3, 2).index_copy(0, T.tensor([2, 0]), T.ones(3, 2))).toThrow('index_copy_(): Number of indices (2) should be equal to source.size(dim) (3)');
    expect(() => T.zeros(3, 2).index_copy(0, T.tensor([3]), T.ones(1, 2))).toThrow('index_copy_(): index 3 is out of bounds for dimension 0 with size 3');
    expect(() => T.zeros(3, 2).index_copy(0, f(2), T.ones(1, 2))).toThrow('index_copy_(): Expected a long tensor for index, but got Float');
    expect(() => T.zeros(4).put_(T.tensor([5]), f(1))).toThrow('out of range: tried to access index 5 on a tensor of 4 elements.');
    expect(() => T.zeros(4).put_(T.tensor([1, 2]), f(1))).toThrow('put_(): Expected source and index to have the same number of elements, but got source.numel() = 1, index.numel() = 2');
    expect(() => T.zeros(2, 3, 2).fill_diagonal_(1)).toThrow('all dimensions of input must be of equal length');
    expect(() => T.zeros(3).fill_diagonal_(1)).toThrow('dimensions must larger than 1');
    expect(() => T.tensor([[1, 2], [3, 4]]).sum_to_size(3)).toThrow('size {[3]} is not expandable to size {[2, 2]}.');
    expect(() => T.zeros(3).scatter_reduce(0, T.tensor([0]), f(1), 'max')).toThrow('reduce argument must be either sum, prod, mean, amax or amin.');
    expect(() => T.histogram(T.tensor([1, 2]), 3)).toThrow(`"histogramdd" not implemented for 'Long'`);
    expect(() => T.tensor([1, 2]).is_nonzero()).toThrow('Boolean value of Tensor with more than one value is ambiguous');
    expect(() => T.tensor([]).is_nonzero()).toThrow('Boolean value of Tensor with no values is ambiguous');
  });
  it('predicates: is_nonzero, is_signed, is_complex, is_cpu, get_device, is_same_size, ndimension', () => {
    expect(T.tensor([1.5]).is_nonzero()).toBe(true);
    expect(T.is_nonzero(T.tensor(0))).toBe(false);
    expect(T.tensor([1.5]).is_signed()).toBe(true);
    expect(T.tensor([true]).is_signed()).toBe(false);
    expect(T.tensor([1], { dtype: T.uint8 }).is_signed()).toBe(false);
    expect(T.is_complex(T.zeros(1))).toBe(false);
    expect(T.zeros(1).is_cpu).toBe(true);
    expect(T.zeros(1).get_device()).toBe(-1);
    expect(T.is_same_size(T.zeros(2, 3), T.ones(2, 3))).toBe(true);
    expect(T.zeros(2, 3).is_same_size(T.ones(3, 2))).toBe(false);
    expect(T.zeros(2, 3).ndimension()).toBe(2);
    const x = T.zeros(2);
    expect(T.positive(x)).toBe(x);
  });
  it('clamp with tensor bounds gives the bounds their gradient (ClampBackward0), as PyTorch', () => {
    // PyTorch: x = [0.5, 1.5, -2], lo = [1, 2, 3]: x.clamp(min=lo) → x.grad [0, 0, 0], lo.grad [1, 1, 1]
    const x = T.tensor([0.5, 1.5, -2], { requires_grad: true }), lo = T.tensor([1, 2, 3], { dtype: T.float32, requires_grad: true });
    const r = x.mul(1).clamp({ min: lo });
    expect(r.grad_fn.name()).toBe('ClampBackward0');
    r.backward(T.ones(3));
    expect(x.grad.cpu_tolist()).toEqual([0, 0, 0]);
    expect(lo.grad.cpu_tolist()).toEqual([1, 1, 1]);
    // and clamp_max with a tensor: ClampMaxBackward1, the bound gets the gradient where it wins
    const h = T.tensor([0.5, 1, 2], { requires_grad: true }), hi = T.tensor([1, 1, 1], { dtype: T.float32, requires_grad: true });
    T.clamp_max(h, hi).sum().backward();
    expect(h.grad.cpu_tolist()).toEqual([1, 1, 0]);
    expect(hi.grad.cpu_tolist()).toEqual([0, 0, 1]);
  });
  it('div with a rounding mode is one DivBackward2 node with zero gradients (was TruncBackward0 over DivBackward0)', () => {
    const a = T.tensor([5, -5], { dtype: T.float32, requires_grad: true }), b = T.tensor([2, 2], { dtype: T.float32, requires_grad: true });
    const q = T.div(a, b, { rounding_mode: 'trunc' });
    expect(q.grad_fn.name()).toBe('DivBackward2');
    expect(q.cpu_tolist()).toEqual([2, -2]);
    q.sum().backward();
    expect(a.grad.cpu_tolist()).toEqual([0, 0]);
    expect(b.grad.cpu_tolist()).toEqual([0, 0]);
  });
  it('in-place comparisons record a zero-gradient node; logical_*_ keep the history, as PyTorch', () => {
    const x = T.tensor([1, 2, 3], { dtype: T.float32, requires_grad: true });
    const y = x.mul(1);
    y.lt_(2);
    expect(y.grad_fn.name()).toBe('LtBackward0');
    y.sum().backward();
    expect(x.grad.cpu_tolist()).toEqual([0, 0, 0]);
    const z = x.mul(1);
    z.logical_not_();
    expect(z.grad_fn.name()).toBe('MulBackward0');
    expect(z.cpu_tolist()).toEqual([0, 0, 0]);
  });
  it('sgn has a zero gradient; heaviside and nextafter raise on backward as PyTorch', () => {
    const x = T.tensor([-2, 0, 3], { dtype: T.float32, requires_grad: true });
    const s = T.sgn(x);
    expect(s.grad_fn.name()).toBe('SgnBackward0');
    s.sum().backward();
    expect(x.grad.cpu_tolist()).toEqual([0, 0, 0]);
    const h = T.heaviside(x, T.tensor(0.5));
    expect(h.grad_fn.name()).toBe('torch::autograd::NotImplemented');
    expect(() => h.sum().backward()).toThrow("the derivative for 'heaviside' is not implemented.");
  });
  it('named tuples: slogdet (sign, logabsdet), aminmax (min, max), histogram (hist, bin_edges)', () => {
    const s = T.slogdet(T.tensor([[2, 1], [1, 3]], { dtype: T.float32 }));
    expect(s.sign.cpu_item()).toBe(1);
    expect(s.logabsdet.cpu_item()).toBeCloseTo(1.6094379, 6);
    const m = T.aminmax(f(3, -1, 2));
    expect([m.min.cpu_item(), m.max.cpu_item()]).toEqual([-1, 3]);
    const fr = T.frexp(f(8, 0.75));
    expect([fr.mantissa.cpu_tolist(), fr.exponent.cpu_tolist(), fr.exponent.dtype]).toEqual([[0.5, 0.75], [4, 0], T.int32]);
    const h = T.histogram(f(1, 2, 1), 2);
    expect(h.hist.cpu_tolist()).toEqual([2, 1]);
    expect(h.bin_edges.cpu_tolist()).toEqual([1, 1.5, 2]);
  });
});
