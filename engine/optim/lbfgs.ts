// L-BFGS, a step-for-step port of PyTorch's torch/optim/lbfgs.py (itself from Torch7's lbfgs.lua
// and lswolfe.lua): `step(closure)` runs up to max_iter iterations, re-evaluating the closure, with
// a fixed step or a strong-Wolfe line search. The parameters are handled as one flat vector
// (JS arrays, rounded to the parameters' dtype where PyTorch keeps a tensor), so it reads the loss
// and gradients synchronously: CPU tensors only.
import { withGradMode } from '../autograd';
import { parseArgs } from '../args';
import { RuntimeError, ValueError } from '../errors';
import { Tensor } from '../tensor';
import { Optimizer, type Hyper, type ParamGroup, type Params } from './optimizer';

export interface LBFGSOptions {
  lr?: number;
  max_iter?: number;
  max_eval?: number | null;
  tolerance_grad?: number;
  tolerance_change?: number;
  history_size?: number;
  line_search_fn?: 'strong_wolfe' | null;
}

type Vec = Float64Array;
const dot = (a: Vec, b: Vec) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const absMax = (a: Vec) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Minimum of the cubic through (x1, f1, g1), (x2, f2, g2), clamped to bounds (lswolfe's polyinterp). */
function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2sq = d1 * d1 - g1 * g2;
  if (d2sq >= 0) {
    const d2 = Math.sqrt(d2sq);
    const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

type Obj = (t: number, d: Vec) => [number, Vec];

/** PyTorch's _strong_wolfe: returns [f, g, t, evaluations]. */
function strongWolfe(obj: Obj, t: number, d: Vec, f: number, g: Vec, gtd: number, c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25): [number, Vec, number, number] {
  const dNorm = absMax(d);
  let [fNew, gNew] = obj(t, d);
  let evals = 1;
  let gtdNew = dot(gNew, d);
  let tPrev = 0, fPrev = f, gPrev = g, gtdPrev = gtd;
  let done = false, lsIter = 0;
  let bracket: number[] = [], bf: number[] = [], bg: Vec[] = [], bgtd: number[] = [];
  while (lsIter < maxLs) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      [bracket, bf, bg, bgtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bf, bg] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bf, bg, bgtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev), maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = gNew;
    gtdPrev = gtdNew;
    [fNew, gNew] = obj(t, d);
    evals++;
    gtdNew = dot(gNew, d);
    lsIter++;
  }
  if (lsIter === maxLs) [bracket, bf, bg, bgtd] = [[0, t], [f, fNew], [g, gNew], [gtd, gtdNew]];
  // zoom: refine the bracket until a point satisfies the strong Wolfe conditions
  let insufProgress = false;
  let [low, high] = bf[0] <= bf[bf.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;
    t = cubicInterpolate(bracket[0], bf[0], bgtd[0], bracket[1], bf[1], bgtd[1]);
    const bmax = Math.max(...bracket), bmin = Math.min(...bracket);
    const eps = 0.1 * (bmax - bmin);
    if (Math.min(bmax - t, t - bmin) < eps) {
      if (insufProgress || t >= bmax || t <= bmin) {
        t = Math.abs(t - bmax) < Math.abs(t - bmin) ? bmax - eps : bmin + eps;
        insufProgress = false;
      } else insufProgress = true;
    } else insufProgress = false;
    [fNew, gNew] = obj(t, d);
    evals++;
    gtdNew = dot(gNew, d);
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bf[low]) {
      [bracket[high], bf[high], bg[high], bgtd[high]] = [t, fNew, gNew, gtdNew];
      [low, high] = bf[0] <= bf[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[high] - bracket[low]) >= 0) [bracket[high], bf[high], bg[high], bgtd[high]] = [bracket[low], bf[low], bg[low], bgtd[low]];
      [bracket[low], bf[low], bg[low], bgtd[low]] = [t, fNew, gNew, gtdNew];
    }
  }
  return [bf[low], bg[low], bracket[low], evals];
}

interface LBFGSState {
  func_evals: number;
  n_iter: number;
  d?: Vec;
  t?: number;
  old_dirs?: Vec[];
  old_stps?: Vec[];
  ro?: number[];
  H_diag?: number;
  prev_flat_grad?: Vec;
  prev_loss?: number;
}

/**
 * L-BFGS (PyTorch's): `step(closure)` with a closure that zeroes the gradients, computes the loss,
 * calls backward() and returns the loss. One param group only; CPU tensors.
 * @example const opt = optim.LBFGS([x], {line_search_fn: 'strong_wolfe'}); opt.step(() => { opt.zero_grad(); const l = f(x); l.backward(); return l; })
 */
export class LBFGS extends Optimizer {
  constructor(params: Params, lr?: number | LBFGSOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<LBFGSOptions>>('LBFGS', args, ['lr', 'max_iter', 'max_eval', 'tolerance_grad', 'tolerance_change', 'history_size', 'line_search_fn'],
      { lr: 1, max_iter: 20, max_eval: null, tolerance_grad: 1e-7, tolerance_change: 1e-9, history_size: 100, line_search_fn: null });
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    // (line_search_fn is the one string hyperparameter; the base class stores it as given)
    super(params, { ...o, max_eval: o.max_eval ?? Math.floor((o.max_iter * 5) / 4) } as unknown as Record<string, Hyper>);
    if (this.param_groups.length !== 1) throw new ValueError("LBFGS doesn't support per-parameter options (parameter groups)");
  }
  _step_group(): void {
    // (step() is overridden: L-BFGS needs the closure inside every iteration)
  }
  private get _params(): Tensor[] {
    return this.param_groups[0].params;
  }
  /** The float type PyTorch keeps the flat vectors in (the parameters' dtype). */
  private _round(v: Vec): Vec {
    if (this._params[0].dtype.name === 'float32') for (let i = 0; i < v.length; i++) v[i] = Math.fround(v[i]);
    return v;
  }
  private _gatherFlatGrad(): Vec {
    const out = new Float64Array(this._params.reduce((n, p) => n + p.numel(), 0));
    let off = 0;
    for (const p of this._params) {
      if (p.grad) out.set(p.grad._cpuContiguous(), off);
      off += p.numel();
    }
    return out;
  }
  private _addGrad(t: number, d: Vec): void {
    let off = 0;
    for (const p of this._params) {
      const n = p.numel();
      const u = Tensor._empty(p._shape, p.dtype);
      u._storage.data!.set(d.subarray(off, off + n));
      p.add_(u, { alpha: t });
      off += n;
    }
  }
  private _cloneParams(): Tensor[] {
    return this._params.map((p) => p.detach().clone());
  }
  private _setParams(x: Tensor[]): void {
    this._params.forEach((p, i) => p.copy_(x[i]));
  }
  /**
   * Runs up to `max_iter` L-BFGS iterations; `closure` re-evaluates the model and returns the loss.
   * Returns the loss of the first evaluation (as PyTorch).
   */
  step(closure?: () => Tensor): Tensor | undefined {
    if (!closure) throw new TypeError("LBFGS.step() missing 1 required positional argument: 'closure'"); // Python's words
    for (const p of this._params) if (p.device.type !== 'cpu') throw new RuntimeError(`LBFGS reads the loss and gradients synchronously and runs on CPU tensors only in Torchlit: move the model to the CPU first (\`await model.to('cpu')\`), see docs/pytorch-coverage.md`);
    return withGradMode(false, () => this._lbfgs(closure));
  }
  private _lbfgs(closure: () => Tensor): Tensor {
    const g = this.param_groups[0] as ParamGroup & Required<LBFGSOptions> & { max_eval: number };
    const { lr, max_iter, max_eval, tolerance_grad, tolerance_change, line_search_fn, history_size } = g;
    const evalClosure = () => withGradMode(true, closure);
    const lossOf = (l: Tensor) => (typeof l === 'number' ? l : l.detach().cpu_item());
    const st = this._state(this._params[0]) as unknown as LBFGSState;
    st.func_evals ??= 0;
    st.n_iter ??= 0;
    const origLoss = evalClosure();
    let loss = lossOf(origLoss);
    let currentEvals = 1;
    st.func_evals++;
    let flatGrad = this._gatherFlatGrad();
    if (absMax(flatGrad) <= tolerance_grad) return origLoss;
    let { d, t, old_dirs: oldDirs, old_stps: oldStps, ro, H_diag: Hdiag, prev_flat_grad: prevFlatGrad, prev_loss: prevLoss } = st;
    let nIter = 0;
    while (nIter < max_iter) {
      nIter++;
      st.n_iter++;
      if (st.n_iter === 1) {
        d = this._round(flatGrad.map((v) => -v));
        oldDirs = [];
        oldStps = [];
        ro = [];
        Hdiag = 1;
      } else {
        const y = this._round(flatGrad.map((v, i) => v - prevFlatGrad![i]));
        const s = this._round(d!.map((v) => v * t!));
        const ys = dot(y, s);
        if (ys > 1e-10) {
          if (oldDirs!.length === history_size) {
            oldDirs!.shift();
            oldStps!.shift();
            ro!.shift();
          }
          oldDirs!.push(y);
          oldStps!.push(s);
          ro!.push(1 / ys);
          Hdiag = ys / dot(y, y);
        }
        const num = oldDirs!.length;
        const al = new Array<number>(num);
        const q = flatGrad.map((v) => -v);
        for (let i = num - 1; i >= 0; i--) {
          al[i] = dot(oldStps![i], q) * ro![i];
          for (let k = 0; k < q.length; k++) q[k] -= al[i] * oldDirs![i][k];
          this._round(q);
        }
        const r = this._round(q.map((v) => v * Hdiag!));
        for (let i = 0; i < num; i++) {
          const be = dot(oldDirs![i], r) * ro![i];
          for (let k = 0; k < r.length; k++) r[k] += (al[i] - be) * oldStps![i][k];
          this._round(r);
        }
        d = r;
      }
      prevFlatGrad = Float64Array.from(flatGrad);
      prevLoss = loss;
      t = st.n_iter === 1 ? Math.min(1, 1 / flatGrad.reduce((a, v) => a + Math.abs(v), 0)) * lr : lr;
      const gtd = dot(flatGrad, d!);
      if (gtd > -tolerance_change) break;
      let lsEvals = 0;
      let optCond = false;
      if (line_search_fn !== null && line_search_fn !== undefined) {
        if (line_search_fn !== 'strong_wolfe') throw new RuntimeError("only 'strong_wolfe' is supported");
        const x0 = this._cloneParams();
        const obj: Obj = (tt, dd) => {
          this._addGrad(tt, dd);
          const l = lossOf(evalClosure());
          const fg = this._gatherFlatGrad();
          this._setParams(x0);
          return [l, fg];
        };
        [loss, flatGrad, t, lsEvals] = strongWolfe(obj, t, d!, loss, flatGrad, gtd);
        this._addGrad(t, d!);
        optCond = absMax(flatGrad) <= tolerance_grad;
      } else {
        this._addGrad(t, d!);
        if (nIter !== max_iter) {
          loss = lossOf(evalClosure());
          flatGrad = this._gatherFlatGrad();
          optCond = absMax(flatGrad) <= tolerance_grad;
          lsEvals = 1;
        }
      }
      currentEvals += lsEvals;
      st.func_evals += lsEvals;
      if (nIter === max_iter || currentEvals >= max_eval || optCond) break;
      if (absMax(d!.map((v) => v * t!)) <= tolerance_change) break;
      if (Math.abs(loss - prevLoss) < tolerance_change) break;
    }
    Object.assign(st, { d, t, old_dirs: oldDirs, old_stps: oldStps, ro, H_diag: Hdiag, prev_flat_grad: prevFlatGrad, prev_loss: prevLoss });
    return origLoss;
  }
}
