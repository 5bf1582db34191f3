// The random orders torch.utils.data draws (DataLoader's shuffle, random_split, the samplers):
// from a torch.Generator's own stream, the global seeded one, or a private stream seeded by any
// object with initial_seed().
import { nextUniform } from '../random';
import { Generator } from '../generator';

/** A random permutation of 0..n-1 from the seeded generator (or from `rand`, a generator's own stream). */
export function permutation(n: number, rand: () => number = nextUniform): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

/** Anything with PyTorch's Generator.initial_seed() (e.g. what torch.manual_seed(s) returns). */
export interface GeneratorLike {
  initial_seed(): number;
}
/**
 * Runs `fn` with the uniform stream a `generator` option names: a torch.Generator's own stream
 * (torch.Generator().manual_seed(42)) or, for torch.manual_seed(s)'s default generator or no
 * generator, the global one; any other object with initial_seed() gets `own`, a private stream.
 */
export function drawing<T>(generator: GeneratorLike | null, own: (() => number) | null, fn: (rand: () => number) => T): T {
  if (generator instanceof Generator) return generator._draw(() => fn(nextUniform));
  return fn(own ?? nextUniform);
}

/** A private stream for a generator that is not a torch.Generator, or null. */
export function ownStream(generator: GeneratorLike | null): (() => number) | null {
  return generator && !(generator instanceof Generator) ? streamOf(generator) : null;
}

/** A private uniform stream seeded by `generator.initial_seed()` (mulberry32): the same seed, the same split. */
function streamOf(generator: GeneratorLike): () => number {
  if (typeof generator?.initial_seed !== 'function') throw new TypeError('generator must have initial_seed() (e.g. torch.manual_seed(42))');
  let a = Number(generator.initial_seed()) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
