// Finite-difference gradient checking in float64 (central differences), as torch.autograd.gradcheck:
// the analytic vector-Jacobian product from backward() must match (f(x+eps) - f(x-eps)) / 2eps,
// projected on a fixed upstream vector, for every element of every differentiable input.
import { isTensorLike, makeTensor, outputsOf, T, type Dyn, type Encoded } from './harness';

export interface GradcheckOpts {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Check at most this many elements per input (evenly spaced), to keep big cases fast. */
  maxElements?: number;
}

/** A deterministic pseudo-random sequence (mulberry32), independent of the engine's RNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

export interface GradInput {
  /** Float inputs are perturbed and differentiated; others (indices, masks) are passed as they are. */
  value: Encoded;
  differentiable: boolean;
}

function f64(e: Encoded, data: number[], requires_grad: boolean): Dyn {
  return makeTensor({ shape: e.shape, dtype: 'float64', data }, { requires_grad });
}

/** The float outputs' values, read back in JS so the numeric side uses no engine reduction. */
async function readOutputs(res: unknown): Promise<number[][]> {
  const outs = outputsOf(res).filter((o) => String(o.dtype).endsWith('float64'));
  return Promise.all(outs.map(async (o) => Array.from((await o.data()) as Float64Array)));
}

/** <f(x+eps) - f(x-eps), u> / 2eps, differenced element by element so huge outputs elsewhere cost no precision. */
function directional(plus: number[][], minus: number[][], ups: number[][], eps: number): number {
  let acc = 0;
  for (let i = 0; i < ups.length; i++)
    for (let j = 0; j < ups[i].length; j++) {
      const d = plus[i][j] - minus[i][j];
      if (Number.isFinite(d)) acc += d * ups[i][j];
    }
  return acc / (2 * eps);
}

/**
 * Checks `f`'s gradients at `inputs` (all computed in float64). Throws an Error describing the
 * first mismatching elements; resolves when analytic and numeric gradients agree.
 */
export async function gradcheck(f: (xs: Dyn[]) => unknown, inputs: GradInput[], opts: GradcheckOpts = {}): Promise<void> {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, maxElements = 48 } = opts;
  const base = inputs.map((x) => x.value.data.map(Number));
  const build = (override?: { i: number; data: number[] }, grad = false) =>
    // a float input that is not differentiated (a BCE target) is float64 too, as PyTorch needs one dtype
    inputs.map((x, i) => (x.differentiable ? f64(x.value, override?.i === i ? override.data : base[i], grad) : x.value.dtype === 'float32' ? f64(x.value, base[i], false) : makeTensor(x.value)));

  // Analytic: backward of <f(x), u> with a fixed upstream u per float output.
  const xs = build(undefined, true);
  const res = f(xs);
  const all = outputsOf(res);
  const outs = all.filter((o) => String(o.dtype).endsWith('float64'));
  if (!outs.length) throw new Error(`float64 inputs gave no float64 output (dtypes: ${all.map((o) => String(o.dtype)).join(', ')})`);
  const rnd = prng(1234);
  const ups = outs.map((o) => Array.from({ length: o.numel() }, () => rnd() * 2));
  let loss: Dyn = null;
  outs.forEach((o, i) => {
    if (!o.requires_grad) return;
    const u = T.tensor(ups[i], { dtype: T.float64 }).reshape(Array.from(o.shape as ArrayLike<number>));
    const term = o.mul(u).sum();
    loss = loss === null ? term : loss.add(term);
  });
  if (loss === null) throw new Error('no output requires grad: the op did not record a graph');
  loss.backward();

  const problems: string[] = [];
  for (let i = 0; i < inputs.length; i++) {
    if (!inputs[i].differentiable) continue;
    const g = xs[i].grad;
    const n = base[i].length;
    const analytic = g && isTensorLike(g) ? Array.from((await g.data()) as Float64Array) : new Array<number>(n).fill(0);
    if (analytic.length !== n) {
      problems.push(`input ${i}: grad has ${analytic.length} elements, input has ${n}`);
      continue;
    }
    const step = Math.max(1, Math.ceil(n / maxElements));
    for (let j = 0; j < n; j += step) {
      const plus = [...base[i]];
      const minus = [...base[i]];
      plus[j] += eps;
      minus[j] -= eps;
      const fp = await readOutputs(T.no_grad(() => f(build({ i, data: plus }))));
      const fm = await readOutputs(T.no_grad(() => f(build({ i, data: minus }))));
      const numeric = directional(fp, fm, ups, eps);
      if (!(Math.abs(numeric - analytic[j]) <= atol + rtol * Math.abs(numeric)) && problems.length < 8)
        problems.push(`input ${i}[${j}]: numeric ${numeric.toPrecision(8)}, analytic ${analytic[j].toPrecision(8)}`);
    }
  }
  if (problems.length) throw new Error(`gradcheck failed (eps ${eps}, atol ${atol}, rtol ${rtol}): ${problems.join('; ')}`);
}
