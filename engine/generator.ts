// `torch.Generator`: a random stream of its own, for the functions that take `generator=`
// (rand, randn, randint, randperm, normal, bernoulli, multinomial, poisson, the in-place fills,
// nn.init, random_split, the samplers and DataLoader's shuffling). `torch.manual_seed(s)` returns
// `torch.default_generator`, the global stream, as PyTorch's does.
//
// The engine draws from one module-level xoshiro128** state (engine/random.ts, fast loops over
// module variables). A Generator keeps its own state as the 29 bytes of `rngState()`; drawing from
// it swaps that state in for the call and the advanced state back out (`withGenerator`), so a
// generator's draws neither move nor depend on the global stream. Its values are Torchlit's
// stream, not PyTorch's mt19937 (as for torch.manual_seed): the same seed gives the same values
// in every Torchlit run, not PyTorch's values.
import { Device, toDevice, type DeviceLike } from './device';
import { uint8 } from './dtype';
import { RuntimeError } from './errors';
import { callableClass } from './nn/callable';
import { initial_seed as globalInitialSeed, manual_seed as seedGlobal, RNG_STATE_BYTES, rngState, setRngState } from './random';
import { Tensor } from './tensor';

/** PyTorch's seed for a new `torch.Generator()` (`torch.Generator().initial_seed()`). */
export const DEFAULT_GENERATOR_SEED = 67280421310721;

/** The bytes of a stream seeded with `seed`, leaving the global stream as it was. */
function seededState(seed: number): Uint8Array {
  const saved = rngState();
  seedGlobal(seed);
  const s = rngState();
  setRngState(saved);
  return s;
}

function checkSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new TypeError(`manual_seed expected an integer seed, got ${typeof seed === 'number' ? seed : typeof seed}`);
  if (seed < -(2 ** 63) || seed >= 2 ** 64) throw new RuntimeError(`Overflow when unpacking long`);
  return seed < 0 ? seed + 2 ** 64 : seed;
}

function stateBytes(new_state: unknown): Uint8Array {
  if (!(new_state instanceof Tensor) || new_state.dtype !== uint8) throw new TypeError('RNG state must be a torch.ByteTensor');
  if (new_state.numel() !== RNG_STATE_BYTES)
    throw new RuntimeError(`Expected an RNG state of size ${RNG_STATE_BYTES} (one from get_state() in Torchlit; PyTorch's mt19937 states do not load) but found the input RNG state size to be ${new_state.numel()}`);
  return Uint8Array.from(new_state.reshape(-1).cpu_tolist() as number[]);
}

/**
 * A random number generator with its own state, as PyTorch's `torch.Generator`: give it as
 * `generator` to a random function and only its stream moves.
 * @example const g = torch.Generator().manual_seed(42); torch.rand(2, {generator: g})
 */
class GeneratorImpl {
  /** The stream's state (rngState's bytes); null for the default generator, whose stream is the global one. */
  _state: Uint8Array | null;
  _seed: number;
  readonly device: Device;

  constructor(device: DeviceLike = 'cpu') {
    this.device = toDevice(device, Device.cpu);
    this._seed = DEFAULT_GENERATOR_SEED;
    this._state = seededState(DEFAULT_GENERATOR_SEED);
  }

  /** Seeds this generator and returns it (so `torch.Generator().manual_seed(42)` chains). */
  manual_seed(seed: number): this {
    const s = checkSeed(seed);
    this._seed = s;
    this._state = seededState(s);
    return this;
  }

  /** Seeds from a non-deterministic source and returns the seed. */
  seed(): number {
    const s = Math.floor(Math.random() * 2 ** 52);
    this.manual_seed(s);
    return s;
  }

  /** The seed this generator was last seeded with. */
  initial_seed(): number {
    return this._seed;
  }

  /** Its state as a uint8 tensor, for `set_state` later (the same draws then follow). */
  get_state(): Tensor {
    return Tensor._fromData(Uint8Array.from(this._state!), [RNG_STATE_BYTES], uint8);
  }

  /** Restores a state from `get_state()`; returns this generator. */
  set_state(new_state: Tensor): this {
    this._state = stateBytes(new_state);
    return this;
  }

  /** Runs `fn` drawing from this generator's stream (the global stream is put back after). */
  _draw<T>(fn: () => T): T {
    const saved = rngState();
    setRngState(this._state!);
    try {
      return fn();
    } finally {
      this._state = rngState();
      setRngState(saved);
    }
  }

  __repr__(): string {
    return '<torch._C.Generator object>';
  }
}
Object.defineProperty(GeneratorImpl, 'name', { value: 'Generator' });

/** `torch.default_generator`: the global stream that `torch.manual_seed` seeds. */
class DefaultGenerator extends GeneratorImpl {
  constructor() {
    super('cpu');
    this._state = null;
  }
  override manual_seed(seed: number): this {
    seedGlobal(checkSeed(seed));
    return this;
  }
  override initial_seed(): number {
    return globalInitialSeed();
  }
  override get_state(): Tensor {
    return Tensor._fromData(rngState(), [RNG_STATE_BYTES], uint8);
  }
  override set_state(new_state: Tensor): this {
    setRngState(stateBytes(new_state));
    return this;
  }
  override _draw<T>(fn: () => T): T {
    return fn();
  }
}
Object.defineProperty(DefaultGenerator, 'name', { value: 'Generator' });

export const Generator = callableClass(GeneratorImpl);
export type Generator = GeneratorImpl;

/** `torch.default_generator`. */
export const default_generator: Generator = new DefaultGenerator();

/**
 * Seeds the global random stream (rand, randn, randint, randperm, dropout, init, DataLoader
 * shuffling) and returns `torch.default_generator`.
 * @example torch.manual_seed(0); torch.rand(2)  // the same two numbers on every run
 */
export function manual_seed(seed: number): Generator {
  return default_generator.manual_seed(seed);
}

/**
 * Runs `fn` drawing from `generator` (a torch.Generator) when one is given, else from the global
 * stream. Anything else given as a generator is PyTorch's TypeError.
 */
export function withGenerator<T>(op: string, generator: unknown, fn: () => T): T {
  if (generator === null || generator === undefined) return fn();
  if (!(generator instanceof GeneratorImpl)) throw new TypeError(`${op}(): argument 'generator' must be torch.Generator, not ${typeNameOf(generator)}`);
  return generator._draw(fn);
}

function typeNameOf(v: unknown): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'object' || typeof v === 'function') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}
