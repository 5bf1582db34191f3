// Random factories past the seed: randint_like, poisson and torch.seed.
import { RuntimeError } from '../errors';
import { isOptions, parseArgs } from '../args';
import { type DTypeLike } from '../dtype';
import { type DeviceLike } from '../device';
import { initial_seed as initialSeed, nextNormal, nextUniform, RNG_STATE_BYTES, rngState, setRngState } from '../random';
import { default_generator, Generator, manual_seed, withGenerator } from '../generator';
import { Tensor } from '../tensor';
import { randint, tensor } from './creation';
import { requireCpu } from './lanes';

interface Factory {
  dtype?: DTypeLike | null;
  device?: DeviceLike | null;
  requires_grad?: boolean;
}

/**
 * Random integers in [low, high) shaped like `input` (its dtype unless `dtype` is given).
 * @example torch.randint_like(torch.zeros(2, 3), 10)
 */
export function randint_like(input: Tensor, ...args: unknown[]): Tensor {
  const opts = args.length && isOptions(args[args.length - 1]) ? (args.pop() as Factory) : {};
  const [low, high] = args.length >= 2 ? (args as number[]) : [0, args[0] as number];
  if (high === undefined) throw new TypeError("randint_like() missing 1 required positional argument: 'high'");
  return randint(low, high, input._shape, { dtype: opts.dtype ?? input.dtype, device: opts.device ?? input.device, requires_grad: opts.requires_grad });
}

function poissonSample(lambda: number): number {
  if (!(lambda >= 0)) return NaN;
  if (lambda === 0) return 0;
  if (lambda < 30) {
    // Knuth: count uniforms until their product drops below e^-λ
    const L = Math.exp(-lambda);
    let k = 0, p = 1;
    do {
      k++;
      p *= nextUniform();
    } while (p > L);
    return k - 1;
  }
  // large λ: the normal approximation, rounded and clamped at 0 (|error| of the distribution < 1%)
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * nextNormal()));
}

/**
 * A Poisson sample for every element, with the element as its rate (same dtype; CPU).
 * @example torch.poisson(torch.full([3], 4.0))
 */
export function poisson(rates: Tensor, ...args: unknown[]): Tensor {
  const { generator } = parseArgs<{ generator: unknown }>('poisson', args, ['generator'], { generator: null });
  return withGenerator('poisson', generator, () => poissonFill(rates));
}

function poissonFill(rates: Tensor): Tensor {
  requireCpu('poisson', rates);
  const src = rates.detach()._cpuContiguous();
  const out = Tensor._empty(rates._shape, rates.dtype);
  const o = out._storage.data!;
  for (let i = 0; i < src.length; i++) {
    if (src[i] < 0 || Number.isNaN(src[i])) throw new RuntimeError('invalid Poisson rate, expected rate to be non-negative');
    o[i] = poissonSample(src[i]);
  }
  return out;
}

/**
 * Seeds the generator from a non-deterministic source and returns that seed (PyTorch's `torch.seed()`).
 * @example const s = torch.seed(); torch.manual_seed(s)
 */
export function seed(): number {
  const s = Math.floor(Math.random() * 2 ** 31);
  manual_seed(s);
  return s;
}

/**
 * The seed the generator was last seeded with (by `torch.manual_seed` or `torch.seed`).
 * @example torch.manual_seed(7); torch.initial_seed() // 7
 */
export function initial_seed(): number {
  return initialSeed();
}

/**
 * The random generator's state as a uint8 tensor, to give back to `torch.set_rng_state` later:
 * the same random numbers then follow. (Torchlit's generator is not PyTorch's mt19937: its state
 * is 29 bytes, not 5056, and a state from one does not load into the other.)
 * @example const s = torch.get_rng_state(); const a = torch.rand(2); torch.set_rng_state(s); torch.rand(2) // equals a
 */
export function get_rng_state(): Tensor {
  return tensor(rngState(), { dtype: 'uint8' });
}

/**
 * Restores the random generator's state from `torch.get_rng_state()`.
 * @example const s = torch.get_rng_state(); torch.rand(3); torch.set_rng_state(s)
 */
export function set_rng_state(new_state: Tensor): void {
  if (!(new_state instanceof Tensor) || new_state.dtype.name !== 'uint8') throw new TypeError('RNG state must be a torch.ByteTensor');
  if (new_state.numel() !== RNG_STATE_BYTES)
    throw new RuntimeError(`Expected an RNG state of size ${RNG_STATE_BYTES} (one from torch.get_rng_state() in Torchlit; PyTorch's mt19937 states do not load) but found the input RNG state size to be ${new_state.numel()}`);
  requireCpu('set_rng_state', new_state);
  setRngState(Uint8Array.from(new_state.reshape(-1).cpu_tolist() as number[]));
}

/**
 * Runs `fn` and restores the random generator's state afterwards (after the promise settles, when
 * `fn` is async): PyTorch's `with torch.random.fork_rng():` block, as a function.
 * @example const noise = torch.random.fork_rng(() => torch.randn(3)) // the stream outside is untouched
 */
function fork_rng<T>(fn: () => T): T {
  const saved = rngState();
  let r: T;
  try {
    r = fn();
  } catch (e) {
    setRngState(saved);
    throw e;
  }
  if (r && typeof (r as { then?: unknown }).then === 'function')
    return (r as unknown as Promise<unknown>).finally(() => setRngState(saved)) as T;
  setRngState(saved);
  return r;
}

/** `torch.random`: the generator's functions under PyTorch's module name. */
export const random = { manual_seed, seed, initial_seed, get_rng_state, set_rng_state, fork_rng, default_generator };

export { Generator, default_generator };
