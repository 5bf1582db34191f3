// F.ctc_loss and nn.CTCLoss (Connectionist Temporal Classification), as PyTorch's CPU kernel:
// the log-space alpha recursion over the blank-extended target gives each sample's negative
// log-likelihood; the beta recursion gives the gradient. PyTorch's gradient w.r.t. log_probs is
//   exp(log_probs) − exp(log(Σ αβ over the label's positions) + nll − log_probs)
// (the gradient w.r.t. the logits when log_probs = log_softmax(logits): exact after a
// log_softmax, which is how CTC is used), and it is reproduced here. The per-sample losses are one
// CtcLossBackward0 node; zero_infinity and the reduction (mean divides by the target lengths) are
// public ops after it, as in ATen. The recursions run in JS on the CPU (float64 accumulation).
import { parseArgs } from '../args';
import { record } from '../autograd';
import { float64 } from '../dtype';
import { RuntimeError, ValueError } from '../errors';
import { tensor } from '../ops/creation';
import { Tensor } from '../tensor';
import { Module } from './module';

const NEG = -Infinity;
const lse2 = (a: number, b: number): number => {
  if (a === NEG) return b;
  if (b === NEG) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

function ints(v: Tensor | number[] | number, what: string): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.map(Number);
  if (v.device.type !== 'cpu') throw new RuntimeError(`ctc_loss runs on the CPU: ${what} is on ${v.device} (use .cpu())`);
  return Array.from(v._cpuContiguous() as ArrayLike<number>, Number);
}

const check = (msg: string) => new RuntimeError(`${msg} (while checking arguments for ctc_loss_cpu)`);

/** Per-sample negative log-likelihoods [N] and PyTorch's gradient w.r.t. log_probs (for an upstream of ones). */
function ctcCore(lp: ArrayLike<number>, T: number, N: number, C: number, targets: number[][], inLens: number[], blank: number): { nll: Float64Array; grad: Float64Array } {
  const nll = new Float64Array(N);
  const grad = new Float64Array(T * N * C);
  const at = (t: number, b: number, c: number) => lp[(t * N + b) * C + c];
  for (let b = 0; b < N; b++) {
    const tgt = targets[b], Tb = inLens[b], S = 2 * tgt.length + 1;
    const lab = (s: number) => (s % 2 === 0 ? blank : tgt[(s - 1) >> 1]);
    const skip = (s: number) => s % 2 === 1 && s >= 2 && lab(s) !== lab(s - 2);
    const alpha = new Float64Array(Math.max(Tb, 1) * S).fill(NEG);
    const beta = new Float64Array(Math.max(Tb, 1) * S).fill(NEG);
    if (Tb > 0) {
      alpha[0] = at(0, b, blank);
      if (S > 1) alpha[1] = at(0, b, lab(1));
      for (let t = 1; t < Tb; t++)
        for (let s = 0; s < S; s++) {
          let a = alpha[(t - 1) * S + s];
          if (s >= 1) a = lse2(a, alpha[(t - 1) * S + s - 1]);
          if (skip(s)) a = lse2(a, alpha[(t - 1) * S + s - 2]);
          alpha[t * S + s] = a === NEG ? NEG : a + at(t, b, lab(s));
        }
      const last = (Tb - 1) * S;
      const ll = S > 1 ? lse2(alpha[last + S - 1], alpha[last + S - 2]) : alpha[last];
      nll[b] = -ll;
      beta[last + S - 1] = at(Tb - 1, b, lab(S - 1));
      if (S > 1) beta[last + S - 2] = at(Tb - 1, b, lab(S - 2));
      for (let t = Tb - 2; t >= 0; t--)
        for (let s = 0; s < S; s++) {
          let v = beta[(t + 1) * S + s];
          if (s + 1 < S) v = lse2(v, beta[(t + 1) * S + s + 1]);
          if (s + 2 < S && skip(s + 2)) v = lse2(v, beta[(t + 1) * S + s + 2]);
          beta[t * S + s] = v === NEG ? NEG : v + at(t, b, lab(s));
        }
    } else nll[b] = tgt.length === 0 ? 0 : Infinity;
    // gradient: exp(lp) − exp(lcab + nll − lp) for t < Tb (lcab = log Σ αβ over positions with label c); 0 after
    const lcab = new Float64Array(C);
    for (let t = 0; t < Tb; t++) {
      lcab.fill(NEG);
      for (let s = 0; s < S; s++) lcab[lab(s)] = lse2(lcab[lab(s)], alpha[t * S + s] + beta[t * S + s]);
      for (let c = 0; c < C; c++) {
        const l = at(t, b, c);
        // (an impossible alignment, nll = inf, gives NaN here as in PyTorch; zero_infinity zeroes it)
        grad[(t * N + b) * C + c] = Math.exp(l) - Math.exp(lcab[c] + nll[b] - l);
      }
    }
  }
  return { nll, grad };
}

export interface CtcOptions {
  blank?: number;
  reduction?: 'mean' | 'sum' | 'none';
  zero_infinity?: boolean;
}

/**
 * CTC loss of `log_probs` [T, N, C] (log_softmax outputs; or [T, C] unbatched) against `targets`
 * (padded [N, S] or concatenated 1-D), with each sample's `input_lengths` and `target_lengths`.
 * 'mean' divides each loss by its target length, then averages over the batch (as PyTorch).
 * @example F.ctc_loss(torch.randn(6, 1, 4).log_softmax(2), torch.tensor([[1, 2]]), [6], [2]).shape // torch.Size([])
 */
export function ctc_loss(log_probs: Tensor, targets: Tensor, input_lengths: Tensor | number[] | number, target_lengths: Tensor | number[] | number, ...args: unknown[]): Tensor {
  const o = parseArgs<Required<CtcOptions>>('ctc_loss', args, ['blank', 'reduction', 'zero_infinity'], { blank: 0, reduction: 'mean', zero_infinity: false });
  if (!['mean', 'sum', 'none'].includes(o.reduction)) throw new ValueError(`${String(o.reduction)} is not a valid value for reduction`);
  if (log_probs.device.type !== 'cpu') throw new RuntimeError(`ctc_loss runs on the CPU: log_probs is on ${log_probs.device} (use .cpu())`);
  if (!log_probs.dtype.is_floating_point) throw new RuntimeError(`"ctc_loss_cpu" not implemented for '${String(log_probs.dtype).replace('torch.', '')}'`);
  const unbatched = log_probs.ndim === 2;
  if (log_probs.ndim !== 2 && log_probs.ndim !== 3) throw new RuntimeError(`ctc_loss expects log_probs of 2 (unbatched) or 3 dimensions, got [${log_probs._shape.join(', ')}]`);
  const lp3 = unbatched ? log_probs.unsqueeze(1) : log_probs;
  const [T, N, C] = lp3._shape;
  if (o.blank < 0 || o.blank >= C) throw check('blank must be in label range');
  const inLens = ints(input_lengths, 'input_lengths'), tgLens = ints(target_lengths, 'target_lengths');
  if (inLens.length !== N) throw check(`Expected tensor to have size ${N} at dimension 0, but got size ${inLens.length} for argument #3 'input_lengths'`);
  if (tgLens.length !== N) throw check(`Expected tensor to have size ${N} at dimension 0, but got size ${tgLens.length} for argument #4 'target_lengths'`);
  const tg = ints(targets, 'targets');
  const tgts: number[][] = [];
  // unbatched targets are one padded row (ATen unsqueezes them)
  const padded = targets.ndim === 2 || unbatched;
  if (padded) {
    const Smax = targets._shape[targets.ndim - 1];
    const need = Math.max(0, ...tgLens);
    if (Smax < need) throw check(`Expected tensor to have size at least ${need} at dimension 1, but got size ${Smax} for argument #2 'targets'`);
    for (let b = 0; b < N; b++) tgts.push(tg.slice(b * Smax, b * Smax + tgLens[b]));
  } else {
    const total = tgLens.reduce((a, v) => a + v, 0);
    if (tg.length !== total) throw check(`Expected tensor to have size ${total} at dimension 0, but got size ${tg.length} for argument #2 'targets'`);
    let p = 0;
    for (let b = 0; b < N; b++) {
      tgts.push(tg.slice(p, p + tgLens[b]));
      p += tgLens[b];
    }
  }
  for (let b = 0; b < N; b++) {
    if (inLens[b] > T) throw check(`Expected input_lengths to have value at most ${T}, but got value ${inLens[b]}`);
    if (inLens[b] < 0 || tgLens[b] < 0) throw check('input_lengths and target_lengths must be non-negative');
    for (const c of tgts[b]) if (c < 0 || c >= C || c === o.blank) throw new RuntimeError(`ctc_loss: target labels must be in [0, ${C}) and not the blank (${o.blank}), got ${c}`);
  }
  const { nll, grad } = ctcCore(lp3._cpuContiguous() as ArrayLike<number>, T, N, C, tgts, inLens, o.blank);
  const dtype = log_probs.dtype;
  let res = tensor(Array.from(nll), { dtype });
  const gradT = tensor(Array.from(grad), { dtype: float64 }).reshape([T, N, C]);
  const zeroInf = o.zero_infinity;
  res = record(res, 'CtcLossBackward0', [lp3], (g) => {
    // PyTorch's _ctc_loss_backward: per-sample upstream times the grad; zero where the loss is infinite (zero_infinity)
    let gg = gradT.to(dtype).mul(g.reshape([1, N, 1]));
    if (zeroInf) gg = gg.where(tensor(Array.from(nll, (v) => Number.isFinite(v))).reshape([1, N, 1]), 0);
    return [gg];
  });
  if (zeroInf) res = res.where(res.eq(Infinity).logical_not(), 0);
  if (unbatched) res = res.squeeze(0);
  if (o.reduction === 'none') return res;
  if (o.reduction === 'sum') return res.sum();
  const lens = tensor(tgLens, { dtype }).clamp(1);
  return res.div(unbatched ? lens.squeeze(0) : lens).mean();
}

/**
 * CTC loss as a module: `ctc(log_probs, targets, input_lengths, target_lengths)`.
 * @example const ctc = nn.CTCLoss({ blank: 0 }); ctc(torch.randn(6, 2, 4).log_softmax(2), torch.tensor([[1, 2], [3, 3]]), [6, 5], [2, 2]).shape // torch.Size([])
 */
export class CTCLoss extends Module {
  blank: number;
  reduction: 'mean' | 'sum' | 'none';
  zero_infinity: boolean;
  constructor(blank?: number | CtcOptions, reduction?: 'mean' | 'sum' | 'none' | CtcOptions, zero_infinity?: boolean | CtcOptions);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<Required<CtcOptions>>('CTCLoss', args, ['blank', 'reduction', 'zero_infinity'], { blank: 0, reduction: 'mean', zero_infinity: false });
    [this.blank, this.reduction, this.zero_infinity] = [o.blank, o.reduction, o.zero_infinity];
  }
  forward(log_probs: Tensor, targets: Tensor, input_lengths: Tensor | number[] | number, target_lengths: Tensor | number[] | number): Tensor {
    return ctc_loss(log_probs, targets, input_lengths, target_lengths, this.blank, this.reduction, this.zero_infinity);
  }
}
