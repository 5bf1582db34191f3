// optim.LBFGS trajectories, optim.lr_scheduler.CyclicLR schedules and SparseAdam's errors against
// real PyTorch 1.13 (scripts/golden/optim_lbfgs.py → golden/optim_lbfgs.json). CyclicLR's beta1
// cycling (PyTorch 2.x; 1.13 cycled SGD momentum only) is checked against the SGD momentum
// sequence PyTorch gives for the same settings.
import { describe, expect, it } from 'vitest';
import golden from './golden/optim_lbfgs.json';
import { expectNumbers, makeTensor, optim, T, type Dyn, type Encoded } from './harness';

interface Step {
  loss: number;
  params: Encoded[];
  func_evals: number;
  n_iter: number;
  final_loss: number;
}
interface LbfgsCase {
  id: string;
  problem: string;
  kwargs: Record<string, unknown>;
  dtype: string;
  /** The least-squares problem's A and b. */
  data: Encoded[];
  init: Encoded[];
  steps: Step[];
}
interface CyclicCase {
  id: string;
  kwargs: Record<string, unknown>;
  opt: string;
  groups: number;
  lr: number[][];
  momentum: (number | null)[][];
}
const errors = golden.errors as Record<string, { type: string; message: string }>;

function problem(c: LbfgsCase, params: Dyn[]): () => Dyn {
  if (c.problem === 'rosenbrock') {
    const [x, y] = params;
    return () => {
      const x0 = x.select(0, 0), x1 = x.select(0, 1);
      return x0.neg().add(1).pow(2).add(y.sub(x0.pow(2)).pow(2).mul(100)).add(x1.sub(0.5).pow(2));
    };
  }
  const [A, b] = c.data.map((e) => makeTensor(e));
  const [w, c0] = params;
  return () => A.matmul(w).add(c0).sub(b).pow(2).mean().add(w.pow(4).sum().mul(0.1));
}

describe('optim.LBFGS vs PyTorch 1.13', () => {
  for (const c of golden.lbfgs as unknown as LbfgsCase[])
    it(c.id, async () => {
      const params = c.init.map((e) => makeTensor(e).requires_grad_(true));
      const f = problem(c, params);
      const opt = optim.LBFGS(params, c.kwargs);
      // float32 rounding differs from PyTorch's BLAS in the last bit and L-BFGS amplifies it a little per iteration
      const tol = c.dtype === 'float64' ? { rtol: 1e-7, atol: 1e-9 } : { rtol: 2e-3, atol: 2e-4 };
      for (const [i, s] of c.steps.entries()) {
        const loss = opt.step(() => {
          opt.zero_grad();
          const l = f();
          l.backward();
          return l;
        });
        expectNumbers([await loss.item()], [s.loss], tol, `${c.id} step ${i} loss`);
        for (const [j, p] of params.entries()) expectNumbers(Array.from(await p.data()), s.params[j].data as number[], tol, `${c.id} step ${i} param ${j}`);
        const st = opt.state.get(params[0]);
        // (float32: at convergence a stopping test such as |Δloss| < tolerance_change may fire one iteration apart)
        const slack = c.dtype === 'float64' ? 0 : 1;
        expect(Math.abs(st.func_evals - s.func_evals), `${c.id} step ${i} func_evals ${st.func_evals} vs ${s.func_evals}`).toBeLessThanOrEqual(slack);
        expect(Math.abs(st.n_iter - s.n_iter), `${c.id} step ${i} n_iter ${st.n_iter} vs ${s.n_iter}`).toBeLessThanOrEqual(slack);
      }
    });
  it('needs a closure, one param group and CPU tensors; rejects unknown options', () => {
    const x = T.zeros(2).requires_grad_(true);
    // Python's own TypeError for the missing argument (PyTorch 1.13 and 2.x)
    expect(() => optim.LBFGS([x]).step()).toThrow(expect.objectContaining({ name: 'TypeError', message: "LBFGS.step() missing 1 required positional argument: 'closure'" }));
    const e = errors.lbfgs_groups;
    expect(() => optim.LBFGS([{ params: [T.ones(1).requires_grad_(true)] }, { params: [T.ones(1).requires_grad_(true)] }])).toThrow(e.message);
    expect(() => optim.LBFGS([x], { line_search: 'strong_wolfe' })).toThrow("LBFGS() got an unexpected keyword argument 'line_search'");
    const bad = optim.LBFGS([x], { line_search_fn: 'backtracking' });
    expect(() => bad.step(() => {
      bad.zero_grad();
      const l = x.sub(1).pow(2).sum();
      l.backward();
      return l;
    })).toThrow("only 'strong_wolfe' is supported");
  });
});

describe('optim.SparseAdam', () => {
  it('rejects dense gradients with PyTorch error (Torchlit has no sparse gradients)', () => {
    const w = T.ones(2).requires_grad_(true);
    const opt = optim.SparseAdam([w]);
    w.sum().backward();
    let got: Error | null = null;
    try {
      opt.step();
    } catch (e) {
      got = e as Error;
    }
    expect([got?.name, got?.message]).toEqual([errors.sparse_adam_dense.type, errors.sparse_adam_dense.message]);
    expect(() => optim.SparseAdam([w], { lr: 0 })).toThrow(errors.sparse_adam_lr.message);
  });
});

describe('optim.lr_scheduler.CyclicLR vs PyTorch 1.13', () => {
  const make = (c: CyclicCase, useAdam = false) => {
    const groups = Array.from({ length: c.groups }, () => ({ params: [T.zeros(1).requires_grad_(true)] }));
    const opt = useAdam ? optim.Adam(groups, { lr: 0.1 }) : c.opt === 'SGD' ? optim.SGD(groups, { lr: 0.1, momentum: 0.9 }) : optim.SGD(groups, { lr: 0.1 });
    return { opt, sched: optim.lr_scheduler.CyclicLR(opt, c.kwargs) };
  };
  for (const c of golden.cyclic as unknown as CyclicCase[])
    it(c.id, () => {
      const { opt, sched } = make(c);
      const lrs: number[][] = [], moms: (number | null)[][] = [];
      for (let i = 0; i < c.lr.length; i++) {
        lrs.push(opt.param_groups.map((g: Dyn) => g.lr));
        moms.push(opt.param_groups.map((g: Dyn) => g.momentum ?? null));
        opt.step();
        sched.step();
      }
      expectNumbers(lrs.flat(), c.lr.flat(), { rtol: 1e-12, atol: 1e-15 }, `${c.id} lr`);
      if (c.opt === 'SGD') expectNumbers(moms.flat() as number[], c.momentum.flat() as number[], { rtol: 1e-12, atol: 1e-15 }, `${c.id} momentum`);
      if (c.opt === 'SGD') {
        // PyTorch 2.x cycles Adam's beta1 exactly as SGD's momentum
        const a = make(c, true);
        const betas: number[] = [];
        for (let i = 0; i < c.lr.length; i++) {
          betas.push(...a.opt.param_groups.map((g: Dyn) => g.betas[0]));
          expect(a.opt.param_groups[0].betas[1]).toBe(0.999);
          a.opt.step();
          a.sched.step();
        }
        expectNumbers(betas, c.momentum.flat() as number[], { rtol: 1e-12, atol: 1e-15 }, `${c.id} beta1`);
      }
    });
  it('errors as PyTorch', () => {
    const opt = optim.SGD([T.ones(1).requires_grad_(true)], { lr: 0.1, momentum: 0.9 });
    expect(() => optim.lr_scheduler.CyclicLR(opt, 0.01, 0.1, { mode: 'foo' })).toThrow(errors.cyclic_mode.message);
    expect(() => optim.lr_scheduler.CyclicLR(opt, [0.01, 0.02], 0.1)).toThrow(errors.cyclic_groups.message);
    const rms = optim.Adagrad([T.ones(1).requires_grad_(true)]);
    expect(() => optim.lr_scheduler.CyclicLR(rms, 0.01, 0.1)).toThrow('optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
  });
});
