// The seeded random stream (`torch.manual_seed`). Deterministic per seed, not PyTorch's bit for bit.
import type { TypedArray } from './dtype';

let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
let spareNormal: number | null = null;

function splitmix(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Seeds the generator used by rand, randn, randint, randperm, dropout, init and DataLoader shuffling. */
export function manual_seed(seed: number): { initial_seed(): number } {
  const sm = splitmix(seed);
  s0 = sm(); s1 = sm(); s2 = sm(); s3 = sm();
  spareNormal = null;
  return { initial_seed: () => seed };
}
manual_seed(Date.now() % 2 ** 31);

/** xoshiro128** → a float in [0, 1) with 32 random bits. */
export function nextUniform(): number {
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
  return r / 4294967296;
}
const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

export function nextNormal(): number {
  if (spareNormal !== null) {
    const v = spareNormal;
    spareNormal = null;
    return v;
  }
  let u = 0;
  while (u === 0) u = nextUniform();
  const v = nextUniform();
  const r = Math.sqrt(-2 * Math.log(u));
  spareNormal = r * Math.sin(2 * Math.PI * v);
  return r * Math.cos(2 * Math.PI * v);
}

export function randomFill(out: TypedArray | Float64Array, kind: 'uniform' | 'normal'): void {
  if (kind === 'uniform') fillUniform(out, 0, out.length);
  else fillNormal(out, 0, out.length);
}

/**
 * Fills `out[off..off+n)` with uniform values on [a, b) (one monomorphic loop: VGG16's 138M
 * parameters are initialised through here).
 */
export function fillUniform(out: ArrayLike<number> & { [i: number]: number }, off: number, n: number, a = 0, b = 1): void {
  const scale = (b - a) / 4294967296;
  let x0 = s0, x1 = s1, x2 = s2, x3 = s3;
  for (let i = off, end = off + n; i < end; i++) {
    const r = Math.imul(rotl(Math.imul(x1, 5), 7), 9) >>> 0;
    const t = x1 << 9;
    x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl(x3, 11);
    out[i] = a + r * scale;
  }
  s0 = x0; s1 = x1; s2 = x2; s3 = x3;
}

/** Fills `out[off..off+n)` with N(mean, std²) by Marsaglia's polar method (no sin/cos). */
export function fillNormal(out: ArrayLike<number> & { [i: number]: number }, off: number, n: number, mean = 0, std = 1): void {
  let x0 = s0, x1 = s1, x2 = s2, x3 = s3;
  const next = () => {
    const r = Math.imul(rotl(Math.imul(x1, 5), 7), 9) >>> 0;
    const t = x1 << 9;
    x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl(x3, 11);
    return r / 2147483648 - 1; // [-1, 1)
  };
  let i = off;
  const end = off + n;
  while (i < end) {
    let u: number, v: number, q: number;
    do {
      u = next();
      v = next();
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    out[i++] = mean + std * u * f;
    if (i < end) out[i++] = mean + std * v * f;
  }
  s0 = x0; s1 = x1; s2 = x2; s3 = x3;
}
