// torch.linalg's decompositions and solvers against real PyTorch 1.13 (scripts/golden/linalg.py →
// golden/linalg.json): outputs, gradients of sum(out_i · up_i), and PyTorch's error messages;
// float64 gradchecks on well-conditioned inputs. Eigen- and singular vectors are unique only up to
// sign: both sides flip each one so its largest-magnitude entry is positive (`signfix`), and full
// SVDs compare only the first min(m, n) singular vectors (the rest are any basis of the complement).
import { describe, expect, it } from 'vitest';
import golden from './golden/linalg.json';
import { gradcheck } from './gradcheck';
import { expectGrad, expectTensor, makeTensor, T, type Dyn, type Encoded, type Tol } from './harness';

interface Case {
  id: string;
  fn: string;
  inputs: Encoded[];
  kwargs: Record<string, unknown>;
  outputs: Encoded[];
  signfix: [number[], number[], number] | null;
  upstream?: (Encoded | null)[];
  grads?: (Encoded | null)[];
}
const cases = golden.cases as unknown as Case[];
const errors = golden.errors as Record<string, { type: string; message: string }>;

const tolOf = (dtype: string): Tol => (dtype === 'float64' ? { rtol: 1e-8, atol: 1e-10 } : { rtol: 2e-4, atol: 2e-5 });

/** Per column of the first k columns of `v`: the sign of its largest-magnitude entry (a constant). */
function colsign(v: Dyn, k: number): Dyn {
  const c = v.narrow(-1, 0, k).detach();
  const idx = c.abs().argmax(-2, true);
  return c.gather(-2, idx).sign();
}

/** The outputs with vectors sign-fixed, as linalg.py's `fixed`. */
function fixed(outs: Dyn[], signfix: Case['signfix']): Dyn[] {
  if (!signfix) return outs;
  const [cols, rows, by] = signfix;
  const k = outs.length === 3 ? outs[1].shape[outs[1].ndim - 1] : outs[0].shape[outs[0].ndim - 1];
  const s = colsign(outs[by], k);
  const res = [...outs];
  const last = (t: Dyn, d: number) => t.shape[t.ndim + d];
  for (const i of cols) res[i] = T.cat([outs[i].narrow(-1, 0, k).mul(s), outs[i].narrow(-1, k, last(outs[i], -1) - k)], -1);
  for (const i of rows) res[i] = T.cat([outs[i].narrow(-2, 0, k).mul(s.mT), outs[i].narrow(-2, k, last(outs[i], -2) - k)], -2);
  return res;
}

const run = (c: Case, xs: Dyn[]): Dyn[] => {
  const r = T.linalg[c.fn](...xs, c.kwargs);
  return T.is_tensor(r) ? [r] : Array.from(r as Iterable<Dyn>);
};

describe('torch.linalg decompositions vs PyTorch 1.13', () => {
  for (const c of cases)
    it(c.id, async () => {
      const grad = !!c.grads;
      const xs = c.inputs.map((e) => makeTensor(e, { requires_grad: grad && e.dtype.startsWith('float') }));
      const outs = fixed(run(c, xs), c.signfix);
      expect(outs.length).toBe(c.outputs.length);
      const fullSvd = c.fn === 'svd' && c.kwargs.full_matrices !== false;
      for (let i = 0; i < outs.length; i++) {
        const e = c.outputs[i];
        const tol = tolOf(e.dtype);
        if (fullSvd && i !== 1) {
          // the first k vectors only; the rest must still make U / Vh orthogonal
          const k = c.outputs[1].shape[c.outputs[1].shape.length - 1];
          const d = i === 0 ? -1 : -2;
          expect(Array.from(outs[i].shape)).toEqual(e.shape);
          const ref = makeTensor(e).narrow(d, 0, k);
          await expectTensor(outs[i].narrow(d, 0, k), { ...e, shape: Array.from(ref.shape), data: Array.from(await ref.data()) as number[] }, tol, `${c.id} output ${i}`);
          const o = outs[i].detach();
          const gram = i === 0 ? o.mT.matmul(o) : o.matmul(o.mT);
          const err = Array.from((await gram.sub(T.eye(gram.shape[0], { dtype: o.dtype })).abs().data()) as Float32Array);
          expect(Math.max(...err)).toBeLessThan(1e-5);
        } else await expectTensor(outs[i], e, tol, `${c.id} output ${i}`);
      }
      if (!grad) return;
      let loss: Dyn = null;
      outs.forEach((o, i) => {
        const u = c.upstream![i];
        if (!u) return;
        const term = o.mul(makeTensor(u)).sum();
        loss = loss ? loss.add(term) : term;
      });
      loss.backward();
      for (let i = 0; i < xs.length; i++) {
        const g = c.grads![i];
        const tol = tolOf(c.inputs[i].dtype);
        await expectGrad(xs[i].grad, g, { rtol: tol.rtol * 10, atol: tol.atol * 10 }, `${c.id} grad ${i}`);
      }
    });
});

describe('torch.linalg errors as PyTorch', () => {
  const f = (rows: number[][]) => T.tensor(rows, { dtype: T.float32 });
  const calls: Record<string, () => unknown> = {
    cholesky_not_pd: () => T.linalg.cholesky(f([[1, 2], [2, 1]])),
    cholesky_not_pd_batch: () => T.linalg.cholesky(T.stack([T.eye(2), f([[1, 2], [2, 1]])])),
    cholesky_not_square: () => T.linalg.cholesky(T.ones(2, 3)),
    eigh_not_square: () => T.linalg.eigh(T.ones(2, 3)),
    eigh_uplo: () => T.linalg.eigh(T.eye(3), { UPLO: 'X' }),
    qr_1d: () => T.linalg.qr(T.ones(3)),
    qr_mode: () => T.linalg.qr(T.eye(3), { mode: 'x' }),
    svd_long: () => T.linalg.svd(T.tensor([[1, 2], [3, 4]])),
    svd_driver: () => T.linalg.svd(T.eye(3), { driver: 'gesvd' }),
    lstsq_rows: () => T.linalg.lstsq(T.ones(4, 3), T.ones(3, 2)),
    lstsq_driver: () => T.linalg.lstsq(T.ones(4, 3), T.ones(4, 2), { driver: 'foo' }),
    qr_r_backward: () => T.linalg.qr(T.ones(3, 2, { requires_grad: true }), { mode: 'r' })[1].sum().backward(),
    qr_complete_backward: () => T.linalg.qr(T.randn(3, 2, { requires_grad: true }), { mode: 'complete' })[1].sum().backward(),
  };
  for (const [id, call] of Object.entries(calls))
    it(id, () => {
      const want = errors[id];
      let got: Error | null = null;
      try {
        call();
      } catch (e) {
        got = e as Error;
      }
      expect(got?.message).toBe(want.message);
      expect(got?.name).toBe(want.type);
    });
  it('rejects unknown and keyword-only-given-positionally options', () => {
    expect(() => T.linalg.cholesky(T.eye(2), { lower: true })).toThrow("linalg_cholesky() got an unexpected keyword argument 'lower'");
    expect(() => T.linalg.cholesky(T.eye(2), true)).toThrow(TypeError);
    expect(() => T.linalg.pinv(T.eye(2), { out: T.eye(2) })).toThrow("linalg_pinv() got an unexpected keyword argument 'out'");
  });
  it('eig and eigvals say why they are missing (no complex dtype)', () => {
    expect(() => T.linalg.eig(T.eye(2))).toThrow(/torch\.linalg\.eig is not implemented in Torchlit \(see docs\/pytorch-coverage.md\): its results are complex/);
    expect(() => T.linalg.eigvals(T.eye(2))).toThrow(/NotImplementedError|not implemented/);
  });
  it('named tuples destructure, index and print as PyTorch', () => {
    const r = T.linalg.qr(T.eye(2));
    const [Q, R] = r;
    expect(Q).toBe(r.Q);
    expect(R).toBe(r[1]);
    expect(String(r)).toMatch(/^torch\.return_types\.linalg_qr\(\nQ=tensor/);
    expect(r.Q.grad_fn).toBeNull();
    const x = T.eye(2).requires_grad_(true);
    expect(T.linalg.svd(x).S.grad_fn.name()).toBe('LinalgSvdBackward0');
    expect(T.linalg.cholesky(x).grad_fn.name()).toBe('LinalgCholeskyExBackward0');
    expect(T.linalg.eigh(x).eigenvalues.grad_fn.name()).toBe('LinalgEighBackward0');
    expect(T.linalg.pinv(x).grad_fn.name()).toBe('LinalgPinvBackward0');
  });
});

describe('torch.linalg float64 gradchecks', () => {
  const rnd = (shape: number[], seed: number): Encoded => {
    let a = seed;
    const n = shape.reduce((p, q) => p * q, 1);
    const data = Array.from({ length: n }, () => ((a = (a * 16807) % 2147483647) / 2147483647) * 2 - 1);
    return { shape, dtype: 'float64', data };
  };
  const spd = (x: Dyn) => x.matmul(x.mT).add(T.eye(x.shape[x.ndim - 1], { dtype: T.float64 }).mul(3));
  const symm = (x: Dyn) => x.add(x.mT);
  const cases: [string, (xs: Dyn[]) => unknown, Encoded[]][] = [
    ['cholesky', (xs) => T.linalg.cholesky(spd(xs[0])), [rnd([3, 3], 1)]],
    ['cholesky upper, batched', (xs) => T.linalg.cholesky(spd(xs[0]), { upper: true }), [rnd([2, 3, 3], 2)]],
    ['qr tall', (xs) => Array.from(T.linalg.qr(xs[0])), [rnd([4, 3], 3)]],
    ['qr wide', (xs) => Array.from(T.linalg.qr(xs[0])), [rnd([2, 4], 4)]],
    ['qr complete (square)', (xs) => Array.from(T.linalg.qr(xs[0], 'complete')), [rnd([3, 3], 5)]],
    ['eigh', (xs) => fixed(Array.from(T.linalg.eigh(symm(xs[0]))), [[1], [], 1]), [rnd([3, 3], 6)]],
    ['eigvalsh', (xs) => T.linalg.eigvalsh(symm(xs[0]), 'U'), [rnd([2, 3, 3], 7)]],
    ['svd tall', (xs) => fixed(Array.from(T.linalg.svd(xs[0], false)), [[0], [2], 0]), [rnd([4, 3], 8)]],
    // (the rows of a full Vh past min(m, n) are any basis of the complement: PyTorch's gradient ignores them)
    ['svd wide, full', (xs) => fixed(Array.from(T.linalg.svd(xs[0])), [[0], [2], 0]).map((o, i) => (i === 2 ? o.narrow(-2, 0, 2) : o)), [rnd([2, 3], 9)]],
    ['svdvals', (xs) => T.linalg.svdvals(xs[0]), [rnd([3, 4], 10)]],
    ['pinv', (xs) => T.linalg.pinv(xs[0]), [rnd([3, 2], 11)]],
    ['pinv wide', (xs) => T.linalg.pinv(xs[0]), [rnd([2, 3], 12)]],
    ['lstsq', (xs) => T.linalg.lstsq(xs[0], xs[1]).solution, [rnd([4, 2], 13), rnd([4, 2], 14)]],
    ['matrix_norm nuc', (xs) => T.linalg.matrix_norm(xs[0], 'nuc'), [rnd([3, 2], 15)]],
  ];
  for (const [name, f, inputs] of cases)
    it(name, async () => {
      await gradcheck(f, inputs.map((value) => ({ value, differentiable: true })), { atol: 1e-6, rtol: 1e-4 });
    });
});
