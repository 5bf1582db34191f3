// matmul family: PyTorch's shape rules, errors, grad_fn names, values on sizes that exercise the
// blocked kernel's edges and strided (transposed, broadcast) operands, and finite differences.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';
import type { Tensor } from '../tensor';
import { gemmJs } from '../backend/cpu/gemm';
import { replaceKernel } from '../backend/registry';
import { gradcheck, prng } from '../test/gradcheck';

const f64 = { dtype: torch.float64 };
function rand(shape: number[], seed = 1): Tensor {
  const r = prng(seed);
  return torch.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r()), f64).reshape(shape);
}
/** Reference product in plain JS on [M, K] · [K, N] nested arrays. */
function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}
const enc = (t: Tensor) => ({ shape: [...t.shape], dtype: 'float64' as const, data: Array.from(t.cpu_data()) });

describe('matmul shapes (PyTorch rules)', () => {
  const cases: [number[], number[], number[]][] = [
    [[4], [4], []], [[3, 4], [4], [3]], [[4], [4, 5], [5]], [[3, 4], [4, 5], [3, 5]],
    [[2, 3, 4], [4], [2, 3]], [[4], [2, 4, 5], [2, 5]], [[2, 3, 4], [4, 5], [2, 3, 5]],
    [[3, 4], [2, 4, 5], [2, 3, 5]], [[2, 1, 3, 4], [5, 4, 2], [2, 5, 3, 2]],
  ];
  for (const [sa, sb, so] of cases)
    it(`[${sa}] @ [${sb}] → [${so}]`, () => expect([...torch.matmul(torch.ones(sa), torch.ones(sb)).shape]).toEqual(so));
});

describe('matmul values', () => {
  for (const [m, k, n] of [[1, 1, 1], [5, 7, 3], [17, 33, 19], [64, 70, 65], [130, 257, 67]])
    it(`${m}x${k} @ ${k}x${n} matches the naive product`, () => {
      const a = rand([m, k], 1), b = rand([k, n], 2);
      const want = naive(a.cpu_tolist() as number[][], b.cpu_tolist() as number[][]).flat();
      const got = Array.from(torch.mm(a, b).cpu_data());
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 10));
    });
  it('reads transposed and broadcast operands in place', () => {
    const a = rand([40, 30], 3), b = rand([50, 40], 4);
    const want = naive(a.t().contiguous().cpu_tolist() as number[][], b.t().contiguous().cpu_tolist() as number[][]).flat();
    Array.from(torch.mm(a.t(), b.t()).cpu_data()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 10));
    const batched = torch.matmul(a.t().unsqueeze(0).expand(3, 30, 40), b.t());
    Array.from(batched.select(0, 2).cpu_data()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 10));
  });
  it('float32 1024² is accurate to float32 rounding', () => {
    torch.manual_seed(0);
    const a = torch.randn(128, 512), b = torch.randn(512, 96);
    const c = torch.mm(a, b);
    const ref = torch.mm(a.double(), b.double());
    expect(c.double().sub(ref).abs().max().cpu_item()).toBeLessThan(1e-3);
  });
  it("runs on the registered 'gemm' kernel, as the WASM one plugs in", () => {
    let calls = 0;
    const old = replaceKernel('gemm', 'cpu', (...args) => {
      calls++;
      gemmJs(...args);
    });
    const fused = replaceKernel('conv2d_fused', 'cpu', null); // tied to the WASM GEMM, if installed
    try {
      expect(torch.mm(torch.ones(2, 3), torch.ones(3, 2)).cpu_tolist()).toEqual([[3, 3], [3, 3]]);
      torch.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2));
    } finally {
      replaceKernel('gemm', 'cpu', old);
      replaceKernel('conv2d_fused', 'cpu', fused);
    }
    expect(calls).toBe(2);
  });
  it('int64 products', () => {
    expect(torch.mm(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[5], [6]])).cpu_tolist()).toEqual([[17], [39]]);
  });
  it('dot, outer, mv, addmm, linear', () => {
    const a = torch.tensor([1, 2, 3], f64), b = torch.tensor([4, 5, 6], f64);
    expect(torch.dot(a, b).cpu_item()).toBe(32);
    expect(torch.outer(a, b).cpu_tolist()).toEqual([[4, 5, 6], [8, 10, 12], [12, 15, 18]]);
    expect(torch.mv(torch.eye(3, f64).mul(2), a).cpu_tolist()).toEqual([2, 4, 6]);
    const x = torch.tensor([[1, 2]], f64), w = torch.tensor([[1, 0], [0, 1], [1, 1]], f64), bias = torch.tensor([10, 20, 30], f64);
    expect(torch.linear(x, w, bias).cpu_tolist()).toEqual([[11, 22, 33]]);
    expect(torch.addmm(bias, x, w.t(), { beta: 0.5, alpha: 2 }).cpu_tolist()).toEqual([[7, 14, 21]]);
    expect(torch.linear(torch.ones(2, 3, 2, f64), w).shape.equals([2, 3, 3])).toBe(true);
  });
});

describe('matmul errors and grad_fn', () => {
  it('throws PyTorch messages', () => {
    expect(() => torch.mm(torch.ones(2, 3), torch.ones(4, 5))).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
    expect(() => torch.matmul(torch.ones(3), torch.ones(4))).toThrow('inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively');
    expect(() => torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 4, 5))).toThrow('Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].');
    expect(() => torch.matmul(torch.ones(2, 2, 3), torch.ones(3, 3, 5))).toThrow('The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0');
    expect(() => torch.matmul(torch.ones([]), torch.ones(4, 5))).toThrow('both arguments to matmul need to be at least 1D, but they are 0D and 2D');
    expect(() => torch.linear(torch.ones(2, 3), torch.ones(4, 5), torch.ones(4))).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 5x4)');
  });
  it('names gradients like PyTorch', () => {
    const a = torch.ones(2, 3, { requires_grad: true });
    expect(String(torch.mm(a, torch.ones(3, 2)).grad_fn)).toBe('<MmBackward0>');
    expect(String(torch.linear(a, torch.ones(4, 3), torch.ones(4)).grad_fn)).toBe('<AddmmBackward0>');
    expect(String(torch.bmm(a.unsqueeze(0), torch.ones(1, 3, 2)).grad_fn)).toBe('<BmmBackward0>');
    expect(String(torch.matmul(a.select(0, 0), torch.ones(3)).grad_fn)).toBe('<DotBackward0>');
    expect(String(torch.matmul(a.expand(4, 2, 3), torch.ones(4, 3, 2)).grad_fn)).toBe('<UnsafeViewBackward0>');
    expect(String(torch.matmul(a.expand(4, 2, 3), torch.ones(3, 2)).grad_fn)).toBe('<UnsafeViewBackward0>');
  });
});

describe('matmul gradcheck (float64)', () => {
  const gc = (f: (xs: Tensor[]) => Tensor, ...ts: Tensor[]) => gradcheck(f as never, ts.map((t) => ({ value: enc(t), differentiable: true })));
  it('mm', () => gc(([a, b]) => torch.mm(a, b), rand([3, 5], 1), rand([5, 4], 2)));
  it('batched broadcast matmul', () => gc(([a, b]) => torch.matmul(a, b), rand([2, 1, 3, 4], 3), rand([5, 4, 2], 4)));
  it('matmul 1-D·3-D', () => gc(([a, b]) => torch.matmul(a, b), rand([4], 5), rand([2, 4, 3], 6)));
  it('addmm with beta/alpha', () => gc(([i, a, b]) => torch.addmm(i, a, b, { beta: 0.5, alpha: -2 }), rand([3], 7), rand([2, 4], 8), rand([4, 3], 9)));
  it('linear on 3-D input', () => gc(([x, w, b]) => torch.linear(x, w, b), rand([2, 3, 4], 10), rand([5, 4], 11), rand([5], 12)));
  it('mv and dot', () => gc(([m, v]) => torch.mv(m, v).dot(v), rand([3, 3], 13), rand([3], 14)));
});

describe('einsum', () => {
  const a = () => torch.arange(24, f64).reshape(2, 3, 4);
  const b = () => torch.arange(40, f64).reshape(2, 4, 5);
  const v = () => torch.arange(3, f64);
  it('values (from PyTorch)', () => {
    expect(torch.einsum('bij,bjk->bik', a(), b()).sum().cpu_item()).toBe(34860);
    expect((torch.einsum('bij->ji', a()).cpu_tolist() as number[][])[0]).toEqual([12, 20, 28]);
    expect(torch.einsum('ij,j->i', a().select(0, 0), torch.arange(4, f64)).cpu_tolist()).toEqual([14, 38, 62]);
    expect([...torch.einsum('bij,bjk', a(), b()).shape]).toEqual([3, 5]);
    expect(torch.einsum('i,j->ij', v(), v()).cpu_tolist()).toEqual([[0, 0, 0], [0, 1, 2], [0, 2, 4]]);
    expect(torch.einsum('bij,i,bjk->k', [a(), v(), b()]).cpu_tolist()).toEqual([7540, 7880, 8220, 8560, 8900]);
  });
  it('errors', () => {
    expect(() => torch.einsum('ij,jk', torch.ones(2, 3))).toThrow('einsum(): fewer operands were provided than specified in the equation');
    expect(() => torch.einsum('ijk', torch.ones(2, 3))).toThrow('does not match the number of dimensions (2) for operand 0');
    expect(() => torch.einsum('ij->k', torch.ones(2, 3))).toThrow('einsum(): output subscript k does not appear in the equation for any input operand');
  });
  it('gradcheck (attention-shaped)', () =>
    gradcheck(([q, k]) => torch.einsum('bqd,bkd->bqk', q, k) as never, [
      { value: enc(rand([2, 3, 4], 21)), differentiable: true },
      { value: enc(rand([2, 5, 4], 22)), differentiable: true },
    ]));
});

describe("the create_graph gradient of Linear's input", () => {
  it("is PyTorch's MmBackward0 (grad_output.mm(weight)), as the gradient penalty reads it", () => {
    const x = torch.ones(2, 3, { requires_grad: true });
    const lin = torch.nn.Linear(3, 4);
    const [g] = torch.autograd.grad(lin(x).sum(), x, { create_graph: true }) as Tensor[];
    expect(g.grad_fn!.name()).toBe('MmBackward0');
  });
});
