// Tensor.unfold (values, strides, gradients), Tensor.apply_ and Tensor.cuda's error against real
// PyTorch 1.13 (scripts/golden/tensor_methods.py → golden/tensor_methods.json), and a float64
// gradcheck of unfold.
import { describe, expect, it } from 'vitest';
import golden from './golden/tensor_methods.json';
import { gradcheck } from './gradcheck';
import { expectGrad, expectTensor, makeTensor, T, type Encoded } from './harness';

interface UnfoldCase {
  id: string;
  input: Encoded;
  args: [number, number, number];
  output: Encoded;
  stride: number[];
  upstream?: Encoded;
  grad?: Encoded;
}
const errors = golden.errors as Record<string, { type: string; message: string }>;
const tight = { rtol: 1e-6, atol: 1e-7 };

/** The same table as tensor_methods.py's FNS. */
const FNS: Record<string, (v: number) => number | boolean> = {
  times10: (v) => v * 10,
  times1_5: (v) => v * 1.5,
  neg_half: (v) => -v / 2,
  not: (v) => !v,
  square_plus1: (v) => v * v + 1,
};

function thrown(f: () => unknown): Error | null {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return null;
}

describe('Tensor.unfold vs PyTorch 1.13', () => {
  for (const c of golden.unfold as unknown as UnfoldCase[])
    it(c.id, async () => {
      const x = makeTensor(c.input, { requires_grad: !!c.grad });
      const out = x.unfold(...c.args);
      await expectTensor(out, c.output, tight, `${c.id} output`);
      expect(out.stride()).toEqual(c.stride);
      expect(out._storage).toBe(x._storage);
      if (!c.grad) return;
      expect(out.grad_fn.name()).toBe('UnfoldBackward0');
      out.mul(makeTensor(c.upstream!)).sum().backward();
      await expectGrad(x.grad, c.grad, tight, `${c.id} grad`);
    });
  it("takes PyTorch's keywords and rejects others", async () => {
    const x = T.arange(5, { dtype: T.float32 });
    expect(x.unfold({ dimension: 0, size: 2, step: 2 }).cpu_tolist()).toEqual([[0, 1], [2, 3]]);
    expect(x.unfold(0, { size: 3, step: 1 }).shape[0]).toBe(3);
    expect(() => x.unfold(0, 2, { stride: 1 })).toThrow("unfold() got an unexpected keyword argument 'stride'");
    expect(() => x.unfold(0, 2)).toThrow("unfold() missing required argument 'step'");
  });
  it('a write through the view reaches the input', async () => {
    const x = T.zeros(5);
    x.unfold(0, 2, 2).select(1, 0).fill_(1);
    expect(Array.from(await x.data())).toEqual([1, 0, 1, 0, 0]);
  });
  it('gradcheck (float64, overlapping windows, twice unfolded)', () =>
    gradcheck(([a]) => a.unfold(1, 3, 1).unfold(0, 2, 1), [{ value: { shape: [3, 5], dtype: 'float64', data: Array.from({ length: 15 }, (_, i) => Math.sin(i + 1)) }, differentiable: true }]));
  for (const id of ['unfold_too_big', 'unfold_step0', 'unfold_0d_too_big'])
    it(`error: ${id}`, () => {
      const e = thrown(() => (id === 'unfold_0d_too_big' ? T.tensor(3.5).unfold(0, 2, 1) : T.arange(7, { dtype: T.float32 }).unfold(0, id === 'unfold_too_big' ? 8 : 2, id === 'unfold_step0' ? 0 : 1)));
      expect([e?.name, e?.message]).toEqual([errors[id].type, errors[id].message]);
    });
});

describe('Tensor.apply_ and Tensor.cuda vs PyTorch 1.13', () => {
  for (const c of golden.apply as unknown as { id: string; input: Encoded; fn: string; output: Encoded; version: number }[])
    it(c.id, async () => {
      const x = makeTensor(c.input);
      expect(x.apply_(FNS[c.fn])).toBe(x);
      await expectTensor(x, c.output, tight, c.id);
      expect(x._version).toBe(c.version);
    });
  it('writes through a transposed view into its base', async () => {
    const base = T.arange(6, { dtype: T.float32 }).reshape(2, 3);
    base.t().apply_((v: number) => v * 10);
    await expectTensor(base, golden.apply_view.output as Encoded, tight, 'base');
  });
  it('errors as PyTorch', () => {
    for (const [id, f] of [
      ['apply_requires_grad', () => T.ones(2, { requires_grad: true }).apply_((v: number) => v)],
      ['apply_str', () => T.ones(2).apply_(() => 'a')],
      ['cuda', () => T.ones(2).cuda()],
    ] as const) {
      const e = thrown(f);
      expect(e?.name, id).toBe(errors[id].type);
      expect(e?.message.startsWith(errors[id].message), `${id}: ${e?.message}`).toBe(true);
    }
    expect(thrown(() => T.ones(2).cuda())?.message).toMatch(/use t\.to\('webgpu'\)/);
  });
});
