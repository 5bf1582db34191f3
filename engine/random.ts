// The seeded random stream (`torch.manual_seed`): xoshiro128** for uniforms, a ziggurat for normals.
// Deterministic per seed (the same values on every run, in Node and Chromium), not PyTorch's bit for bit.
import type { TypedArray } from './dtype';

let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
let spareNormal: number | null = null;
let initialSeed = 0;

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
  initialSeed = seed;
  return { initial_seed: () => seed };
}

/** The seed the generator was last seeded with (`torch.initial_seed()`). */
export function initial_seed(): number {
  return initialSeed;
}

/** Bytes in the generator's state: four xoshiro words, a flag and the cached normal, the initial seed. */
export const RNG_STATE_BYTES = 29;

/** The generator's whole state as bytes (`torch.get_rng_state()`'s content). */
export function rngState(): Uint8Array {
  const b = new Uint8Array(RNG_STATE_BYTES);
  const v = new DataView(b.buffer);
  [s0, s1, s2, s3].forEach((w, i) => v.setUint32(4 * i, w >>> 0, true));
  v.setUint8(16, spareNormal === null ? 0 : 1);
  v.setFloat64(17, spareNormal ?? 0, true);
  v.setUint32(25, initialSeed >>> 0, true);
  return b;
}

/** Restores a state taken by rngState (`torch.set_rng_state`): the same draws follow. */
export function setRngState(b: Uint8Array): void {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  s0 = v.getUint32(0, true) | 0; s1 = v.getUint32(4, true) | 0; s2 = v.getUint32(8, true) | 0; s3 = v.getUint32(12, true) | 0;
  spareNormal = v.getUint8(16) ? v.getFloat64(17, true) : null;
  initialSeed = v.getUint32(25, true);
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

// The normal generator: Marsaglia & Tsang's ziggurat (128 layers). One 32-bit draw gives the
// layer (7 bits), the sign (1 bit) and the position in the layer (24 bits, independent of the
// layer bits, so no layer/value correlation); ~98.8% of draws are accepted by one multiply and one
// compare, the rest go to the wedge or tail tests (exp/log). It replaced Marsaglia's polar method
// (a log, a sqrt and a division per pair: ~80% of building VGG16's 138M parameters). Tables are
// built once with Math.exp/Math.log, so a seed gives the same values on every run and in Node and
// Chromium (both V8).
const ZIG_N = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
/** Values per fast pass (and the most misses one pass can queue). */
const ZIG_BLOCK = 4096;
/** zx[i]: right edge of layer i (zx[0] = V/f(R), the base strip's virtual width; zx[1] = R; zx[128] = 0). */
const zx = new Float64Array(ZIG_N + 1);
/** zf[i] = exp(-zx[i]²/2). */
const zf = new Float64Array(ZIG_N + 1);
/** zk[i] = zx[i+1] / zx[i]: a position below it is inside the next layer's rectangle (accept at once). */
const zk = new Float64Array(ZIG_N);
/** zw[i] = zx[i] / 2^24: scales the 24-bit position to the layer's width. */
const zw = new Float64Array(ZIG_N);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  zx[0] = ZIG_V / f(ZIG_R);
  zx[1] = ZIG_R;
  for (let i = 1; i < ZIG_N - 1; i++) zx[i + 1] = Math.sqrt(-2 * Math.log(ZIG_V / zx[i] + f(zx[i])));
  zx[ZIG_N] = 0;
  for (let i = 0; i <= ZIG_N; i++) zf[i] = f(zx[i]);
  for (let i = 0; i < ZIG_N; i++) {
    zk[i] = zx[i + 1] / zx[i];
    zw[i] = zx[i] / 16777216;
  }
}

// The fast path's tables are indexed by the low 8 bits (layer and sign): a branch on the sign
// would be mispredicted half the time (it tripled the cost per value).
/** zt[j] = zk[j & 127]·2^24: the acceptance test on the 24-bit position, no multiply. */
const zt = new Int32Array(2 * ZIG_N);
/** zs[j] = ±zw[j & 127], negative when bit 7 (the sign bit) is set. */
const zs = new Float64Array(2 * ZIG_N);
for (let j = 0; j < 2 * ZIG_N; j++) {
  zt[j] = Math.floor(zk[j & 127] * 16777216);
  zs[j] = j & 128 ? -zw[j & 127] : zw[j & 127];
}

/** The fast pass's misses: their index and first 32-bit word, finished by `zigSlow` after the pass. */
const missAt = new Int32Array(ZIG_BLOCK);
const missR = new Int32Array(ZIG_BLOCK);
/** zs scaled by the call's std (one multiply per value less). */
const zsScaled = new Float64Array(2 * ZIG_N);

/**
 * Fills `out[off..off+n)` with N(mean, std²) (the ziggurat above; `torch.randn`, `normal_` and
 * the init functions draw through here), in blocks of ZIG_BLOCK values: each block is one call of
 * `zigFast` (a small function V8 optimises on entry: one 100M-value loop would run on-stack-
 * replaced code with untyped state, ~4× slower), whose misses (~2.8%) are finished after it from
 * the stream where it left off, so the values depend only on the seed and the fill's length.
 */
export function fillNormal(out: ArrayLike<number> & { [i: number]: number }, off: number, n: number, mean = 0, std = 1): void {
  for (let j = 0; j < 2 * ZIG_N; j++) zsScaled[j] = zs[j] * std;
  for (let i = off, end = off + n; i < end; i += ZIG_BLOCK) {
    const stop = Math.min(end, i + ZIG_BLOCK);
    const misses = out instanceof Float32Array ? zigFast32(out, i, stop, mean) : zigFast(out, i, stop, mean);
    for (let m = 0; m < misses; m++) out[missAt[m]] = mean + std * zigSlow(missR[m]);
  }
}

/** The fast pass over out[i..end): accepted values written, misses queued; returns the miss count. */
function zigFast(out: ArrayLike<number> & { [i: number]: number }, i: number, end: number, mean: number): number {
  const t24 = zt, s24 = zsScaled, at = missAt, rs = missR;
  let x0 = s0 | 0, x1 = s1 | 0, x2 = s2 | 0, x3 = s3 | 0;
  let misses = 0;
  for (; i < end; i++) {
    const r = Math.imul(rotl(Math.imul(x1, 5), 7), 9);
    const t = x1 << 9;
    x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl(x3, 11);
    const j = r & 255;
    const pos = (r >> 8) & 0xffffff;
    if (pos < t24[j]) out[i] = mean + pos * s24[j];
    else {
      at[misses] = i;
      rs[misses++] = r;
    }
  }
  s0 = x0; s1 = x1; s2 = x2; s3 = x3;
  return misses;
}
/** `zigFast` for Float32Array only (parameters): a monomorphic store. */
function zigFast32(out: Float32Array, i: number, end: number, mean: number): number {
  const t24 = zt, s24 = zsScaled, at = missAt, rs = missR;
  let x0 = s0 | 0, x1 = s1 | 0, x2 = s2 | 0, x3 = s3 | 0;
  let misses = 0;
  for (; i < end; i++) {
    const r = Math.imul(rotl(Math.imul(x1, 5), 7), 9);
    const t = x1 << 9;
    x2 ^= x0; x3 ^= x1; x1 ^= x2; x0 ^= x3; x2 ^= t; x3 = rotl(x3, 11);
    const j = r & 255;
    const pos = (r >> 8) & 0xffffff;
    if (pos < t24[j]) out[i] = mean + pos * s24[j];
    else {
      at[misses] = i;
      rs[misses++] = r;
    }
  }
  s0 = x0; s1 = x1; s2 = x2; s3 = x3;
  return misses;
}

/** One normal draw whose first 32-bit word `r` missed the fast test: the wedge or tail, then fresh draws. */
function zigSlow(r: number): number {
  for (;;) {
    const layer = r & 127;
    const pos = (r >> 8) & 0xffffff;
    const x = pos * zw[layer];
    if (pos < zt[layer]) return r & 128 ? -x : x;
    if (layer === 0) {
      // the tail beyond R (Marsaglia 1964)
      let a: number, b: number;
      do {
        a = -Math.log(nextOpen()) / ZIG_R;
        b = -Math.log(nextOpen());
      } while (b + b < a * a);
      return r & 128 ? -(ZIG_R + a) : ZIG_R + a;
    }
    // the wedge between the layer's rectangle and the curve
    if (zf[layer] + nextUniform() * (zf[layer + 1] - zf[layer]) < Math.exp(-0.5 * x * x)) return r & 128 ? -x : x;
    r = nextBits();
  }
}

/** A uniform on the open interval (0, 1) (safe for log). */
const nextOpen = () => ((nextBits() >>> 0) + 0.5) / 4294967296;

/** One xoshiro128** step: 32 random bits as a signed int. */
function nextBits(): number {
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
  return r;
}
