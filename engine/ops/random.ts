// Random sampling into existing tensors (normal_, uniform_, bernoulli_, exponential_, random_)
// and from tensors of probabilities (torch.bernoulli, torch.multinomial, torch.normal), all from
// the seeded stream of `torch.manual_seed`. Values are drawn on the CPU; a WebGPU tensor gets
// them copied in.
import { isOptions, parseArgs } from '../args';
import { float32, int64, scalarTypeName } from '../dtype';
import { fillNormal, fillUniform, nextUniform } from '../random';
import { withGenerator, type Generator } from '../generator';
import { broadcastShapes } from '../size';
import { state } from '../state';
import { Tensor } from '../tensor';
import { requireCpu } from './lanes';
import { copy_ } from './shape';
import { checkRandomDtype } from './creation';

/** Writes `fill(out)` (a fresh CPU buffer of this tensor's size, drawn from `generator` when given) into `self`, in place. */
function fillWith(self: Tensor, generator: unknown, op: string, fill: (out: Float64Array) => void): Tensor {
  const buf = new Float64Array(self.numel());
  withGenerator(op, generator, () => fill(buf));
  const src = Tensor._fromData(self.dtype.array === Float64Array ? buf : new self.dtype.array(buf), self._shape, self.dtype);
  return copy_(self, src);
}

/** Fills with N(mean, std²) in place. @example torch.no_grad(() => w.normal_(0, 0.02)) */
export function normal_(self: Tensor, ...args: unknown[]): Tensor {
  const { mean, std, generator } = parseArgs<{ mean: number; std: number; generator: unknown }>('normal_', args, ['mean', 'std', 'generator'], { mean: 0, std: 1 });
  if (std < 0) throw Object.assign(new Error(`normal expects std >= 0.0, but found std ${std}`), { name: 'RuntimeError' });
  checkRandomDtype('normal', self.dtype);
  return fillWith(self, generator, 'normal_', (b) => fillNormal(b, 0, b.length, mean, std));
}
/** Fills with U[from, to) in place. @example t.uniform_(-0.1, 0.1) */
export function uniform_(self: Tensor, ...args: unknown[]): Tensor {
  const { from, to, generator } = parseArgs<{ from: number; to: number; generator: unknown }>('uniform_', args, ['from', 'to', 'generator'], { from: 0, to: 1 });
  if (from > to) throw Object.assign(new Error(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`), { name: 'RuntimeError' });
  checkRandomDtype('uniform', self.dtype);
  return fillWith(self, generator, 'uniform_', (b) => fillUniform(b, 0, b.length, from, to));
}
/** Fills with 0/1 draws, 1 with probability `p` (a number or a tensor of probabilities). @example mask.bernoulli_(0.8) */
export function bernoulli_(self: Tensor, ...args: unknown[]): Tensor {
  const { p, generator } = parseArgs<{ p: number | Tensor; generator: unknown }>('bernoulli_', args, ['p', 'generator'], { p: 0.5 });
  const probs = probabilities('bernoulli_', p, self._shape);
  return fillWith(self, generator, 'bernoulli_', (b) => {
    for (let i = 0; i < b.length; i++) b[i] = nextUniform() < probs(i) ? 1 : 0;
  });
}
/** Fills with Exponential(lambd) draws in place. @example t.exponential_(2) */
export function exponential_(self: Tensor, ...args: unknown[]): Tensor {
  const { lambd, generator } = parseArgs<{ lambd: number; generator: unknown }>('exponential_', args, ['lambd', 'generator'], { lambd: 1 });
  if (!(lambd > 0)) throw Object.assign(new Error(`exponential_ expects lambda > 0.0, but found lambda=${lambd}`), { name: 'RuntimeError' });
  return fillWith(self, generator, 'exponential_', (b) => {
    for (let i = 0; i < b.length; i++) b[i] = -Math.log1p(-nextUniform()) / lambd;
  });
}
/** Fills with integers drawn uniformly from [from, to) (`random_(to)`: [0, to)). */
export function random_(self: Tensor, ...args: unknown[]): Tensor {
  const a = args.filter((v) => typeof v === 'number') as number[];
  const o = args.find((v) => isOptions(v)) as { from?: number; to?: number | null; generator?: unknown } | undefined;
  if (o?.from !== undefined) a.unshift(o.from);
  if (o?.to != null) a.push(o.to);
  const [from, to] = a.length >= 2 ? a : a.length === 1 ? [0, a[0]] : [0, 2 ** 24];
  return fillWith(self, o?.generator, 'random_', (b) => {
    for (let i = 0; i < b.length; i++) b[i] = from + Math.floor(nextUniform() * (to - from));
  });
}

function probabilities(op: string, p: number | Tensor, shape: number[]): (i: number) => number {
  if (!(p instanceof Tensor)) {
    if (!(p >= 0 && p <= 1)) throw Object.assign(new Error(`${op} expects p to be in [0, 1], but got p=${p}`), { name: 'RuntimeError' });
    return () => p;
  }
  requireCpu(op, p);
  const data = p.detach().expand(shape).contiguous()._cpuContiguous();
  for (const v of data) if (!(v >= 0 && v <= 1)) throw Object.assign(new Error(`${op}: Expected p_in >= 0 && p_in <= 1 to be true, but got false.`), { name: 'RuntimeError' });
  return (i) => data[i];
}

/**
 * 0/1 draws with the probabilities in `input` (same shape and dtype).
 * @example torch.bernoulli(torch.full([3], 0.5))
 */
export function bernoulli(input: Tensor, ...args: unknown[]): Tensor {
  const { p, generator } = parseArgs<{ p: number | null; generator: unknown }>('bernoulli', args, ['p', 'generator'], { p: null });
  const out = Tensor._empty(input._shape, input.dtype);
  bernoulli_(out, { p: p ?? input.detach(), generator });
  return input.device.type === 'cpu' ? out : (out.to(input.device) as Tensor);
}

/**
 * Samples `num_samples` category indices from each row of non-negative weights (int64);
 * without replacement by default.
 * @example torch.multinomial(probs, 1)  // one class per row
 */
export function multinomial(input: Tensor, ...args: unknown[]): Tensor {
  const { num_samples, replacement, generator } = parseArgs<{ num_samples: number; replacement: boolean; generator: unknown }>('multinomial', args, ['num_samples', 'replacement', 'generator'], { replacement: false });
  return withGenerator('multinomial', generator, () => multinomialDraw(input, num_samples, replacement));
}

function multinomialDraw(input: Tensor, num_samples: number, replacement: boolean): Tensor {
  requireCpu('multinomial', input);
  if (!input.dtype.is_floating_point) throw Object.assign(new Error(`multinomial only supports floating-point dtypes for input, got: ${scalarTypeName(input.dtype)}`), { name: 'RuntimeError' });
  if (input.ndim < 1 || input.ndim > 2) throw Object.assign(new Error('prob_dist must be 1 or 2 dim'), { name: 'RuntimeError' });
  const rows = input.ndim === 1 ? 1 : input._shape[0], n = input._shape[input.ndim - 1];
  if (!replacement && num_samples > n) throw Object.assign(new Error('cannot sample n_sample > prob_dist.size(-1) samples without replacement'), { name: 'RuntimeError' });
  const w = input.detach()._cpuContiguous();
  const out = new Int32Array(rows * num_samples);
  for (let r = 0; r < rows; r++) {
    const p = Array.from(w.subarray(r * n, (r + 1) * n), Number);
    if (p.some((v) => v < 0 || !Number.isFinite(v))) throw Object.assign(new Error('probability tensor contains either `inf`, `nan` or element < 0'), { name: 'RuntimeError' });
    const taken = new Set<number>();
    for (let s = 0; s < num_samples; s++) {
      const total = p.reduce((a, b) => a + b, 0);
      if (total <= 0 && s > 0 && !replacement) {
        // as PyTorch: once the non-zero categories are drawn, the zero ones follow (here lowest index first)
        let k = 0;
        while (taken.has(k)) k++;
        taken.add(k);
        out[r * num_samples + s] = k;
        continue;
      }
      if (total <= 0) throw Object.assign(new Error('invalid multinomial distribution (sum of probabilities <= 0)'), { name: 'RuntimeError' });
      let u = nextUniform() * total, k = 0;
      while (k < n - 1 && (u >= p[k] || p[k] === 0)) u -= p[k++];
      out[r * num_samples + s] = k;
      taken.add(k);
      if (!replacement) p[k] = 0;
    }
  }
  return Tensor._fromData(out, input.ndim === 1 ? [num_samples] : [rows, num_samples], int64);
}

/**
 * `torch.normal(mean, std, size?)`: draws N(mean, std²); mean and std may be tensors (broadcast)
 * or numbers (then `size` is needed).
 * @example torch.normal(0, 1, [2, 3]); torch.normal(torch.zeros(3), 0.1)
 */
export function normal(mean: number | Tensor, std: number | Tensor = 1, ...rest: unknown[]): Tensor {
  const opts = rest.length && isOptions(rest[rest.length - 1]) ? (rest.pop() as { dtype?: never; device?: never; generator?: unknown }) : {};
  const generator = opts.generator;
  if (!(mean instanceof Tensor) && !(std instanceof Tensor)) {
    const size = rest[0] as number[];
    if (!Array.isArray(size)) throw new TypeError('normal(): with a number mean and std, give the size: torch.normal(0, 1, [2, 3])');
    const t = Tensor._empty(size, opts.dtype ?? state.defaultDtype);
    normal_(t, { mean, std, generator });
    return opts.device ? (t.to(opts.device) as Tensor) : t;
  }
  const shape = broadcastShapes(mean instanceof Tensor ? mean._shape : [], std instanceof Tensor ? std._shape : []);
  const like = (mean instanceof Tensor ? mean : std) as Tensor;
  const z = Tensor._empty(shape, like.dtype.is_floating_point ? like.dtype : float32);
  normal_(z, { generator });
  const zd = like.device.type === 'cpu' ? z : (z.to(like.device) as Tensor);
  return zd.mul(std).add(mean).detach();
}

declare module '../tensor' {
  interface Tensor {
    /** In place: N(mean, std²) draws. @example w.normal_(0, 0.02) */
    normal_(mean?: number | { mean?: number; std?: number; generator?: Generator | null }, std?: number, opts?: { generator?: Generator | null }): Tensor;
    /** In place: U[from, to) draws. @example w.uniform_(-0.1, 0.1) */
    uniform_(from?: number | { from?: number; to?: number; generator?: Generator | null }, to?: number, opts?: { generator?: Generator | null }): Tensor;
    /** In place: 0/1 draws with probability p. */
    bernoulli_(p?: number | Tensor | { p?: number | Tensor; generator?: Generator | null }, opts?: { generator?: Generator | null }): Tensor;
    /** In place: Exponential(lambd) draws. */
    exponential_(lambd?: number | { lambd?: number; generator?: Generator | null }, opts?: { generator?: Generator | null }): Tensor;
    /** In place: integers from [from, to). */
    random_(from?: number | { from?: number; to?: number | null; generator?: Generator | null }, to?: number | { generator?: Generator | null }, opts?: { generator?: Generator | null }): Tensor;
    /** 0/1 draws with this tensor's probabilities. */
    bernoulli(opts?: { p?: number }): Tensor;
    /** Category indices sampled from these weights. */
    multinomial(num_samples: number, replacement?: boolean | { replacement?: boolean }): Tensor;
  }
}
const P = Tensor.prototype;
P.normal_ = function (...a: unknown[]) { return normal_(this, ...a); };
P.uniform_ = function (...a: unknown[]) { return uniform_(this, ...a); };
P.bernoulli_ = function (...a: unknown[]) { return bernoulli_(this, ...a); };
P.exponential_ = function (...a: unknown[]) { return exponential_(this, ...a); };
P.random_ = function (...a: unknown[]) { return random_(this, ...a); };
P.bernoulli = function (...a: unknown[]) { return bernoulli(this, ...a); };
P.multinomial = function (...a: unknown[]) { return multinomial(this, ...(a as [number])); };
