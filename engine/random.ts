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
  if (kind === 'uniform') for (let i = 0; i < out.length; i++) out[i] = nextUniform();
  else for (let i = 0; i < out.length; i++) out[i] = nextNormal();
}
