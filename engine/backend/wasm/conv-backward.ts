// conv2d's weight gradient on the WASM GEMM as one product over the whole batch (per group):
// dWᵀ[K, og] = cols[K, N·L] · gOutᵀ[N·L, og], where cols is the batch's patch matrix. Both
// operands are packed straight into the kernel's layout, A (the patch taps, MR per strip) from
// the image and B (the output channels, NR per strip) from gOut, so there is no im2col matrix, no
// per-sample GEMM call and no per-sample packing of skinny operands: before, a small GEMM per
// sample (M = og, N = K, K = L) spent more time packing and dispatching than multiplying (bench's
// CNN: 8–16 output channels, 9–72 taps). The positions are cut into bands so that the packed
// operands stay near `bandLimit` elements; each band's product is added into the result.
import type { ConvGeom } from '../kernels';
import type { GemmJob } from './threads';

/** What the weight gradient needs of a WASM GEMM instance (./gemm). */
export interface GemmCore {
  MR: number;
  NR: number;
  KU: number;
  /** Grows the WASM memory to at least `bytes` and returns the current view of it. */
  ensure(bytes: number): Float32Array;
  /** Runs the block loop of a job whose A and B are packed (threaded when large). */
  run(job: Omit<GemmJob, 'mcBlock' | 'ncBlock' | 'kcBlock' | 'MR' | 'NR' | 'pages'>): void;
}

/** dL/dw (float32, [O, C/g, kh, kw]) of a conv2d from x and gOut, written into GW (which starts at zero). */
export type ConvWeightGrad = (X: Float32Array, G: Float32Array, GW: Float32Array, g: ConvGeom, bandLimit: number) => void;

const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

export function makeConvWeightGrad(core: GemmCore): ConvWeightGrad {
  const { MR, NR, KU } = core;
  return (X, G, GW, g, bandLimit) => {
    const cg = g.C / g.groups, og = g.O / g.groups, K = cg * g.kh * g.kw, L = g.oH * g.oW, total = g.N * L;
    if (og === 0 || K === 0 || total === 0) return;
    const Mp = roundUp(K, MR), Np = roundUp(og, NR);
    const band = Math.min(total, Math.max(KU, Math.floor(bandLimit / (Mp + Np) / KU) * KU));
    const Kb = roundUp(band, KU);
    const aPtr = 64, bPtr = roundUp(aPtr + Mp * Kb * 4, 64), cPtr = roundUp(bPtr + Np * Kb * 4, 64);
    for (let gi = 0; gi < g.groups; gi++)
      for (let p0 = 0; p0 < total; p0 += band) {
        const bl = Math.min(band, total - p0), Kp = roundUp(bl, KU);
        const h = core.ensure(cPtr + Mp * Np * 4);
        packTaps(h, aPtr >> 2, X, g, gi * cg, K, Mp, Kp, MR, p0, bl);
        packChannels(h, bPtr >> 2, G, g, gi * og, og, Np, Kp, NR, p0, bl);
        core.run({ Mp, Np, K: Kp, aPtr, bPtr, cPtr });
        const c0 = cPtr >> 2, hc = core.ensure(0);
        for (let k = 0; k < K; k++)
          for (let o = 0, d = gi * og * K + k; o < og; o++, d += K) GW[d] += hc[c0 + k * Np + o];
      }
  };
}

/**
 * A = the patch matrix's rows (taps) over positions [p0, p0 + bl) of the batch, in MR-tall strips,
 * k-major: tap r at strip ⌊r/MR⌋, position q at q·MR + r mod MR; taps ≥ K and q ≥ bl are zero.
 */
function packTaps(h: Float32Array, base: number, X: Float32Array, g: ConvGeom, c0: number, K: number, Mp: number, Kp: number, MR: number, p0: number, bl: number): void {
  const { H, W, kh, kw, sh, sw, pt, pl, dh, dw, oH, oW } = g;
  const HW = H * W, L = oH * oW, sampleStride = g.C * HW;
  for (let r = 0; r < Mp; r++) {
    const d0 = base + Math.floor(r / MR) * Kp * MR + (r % MR);
    if (r >= K) {
      for (let q = 0; q < Kp; q++) h[d0 + q * MR] = 0;
      continue;
    }
    const c = Math.floor(r / (kh * kw)), i = Math.floor(r / kw) % kh, j = r % kw;
    const di = i * dh - pt, dj = j * dw - pl;
    // output columns whose input column is inside [0, W)
    const oxLo = Math.min(oW, Math.max(0, Math.ceil(-dj / sw)));
    const oxHi = Math.max(oxLo, Math.min(oW, Math.ceil((W - dj) / sw)));
    let n = Math.floor(p0 / L);
    const rem = p0 - n * L;
    let oy = Math.floor(rem / oW), ox = rem - oy * oW;
    for (let q = 0; q < bl; ) {
      const run = Math.min(oW - ox, bl - q), end = ox + run;
      const iy = oy * sh + di;
      let d = d0 + q * MR;
      if (iy < 0 || iy >= H) for (let t = 0; t < run; t++, d += MR) h[d] = 0;
      else {
        const src = n * sampleStride + (c0 + c) * HW + iy * W + dj;
        const lo = Math.max(ox, oxLo), hi = Math.max(lo, Math.min(end, oxHi));
        let x = ox;
        for (; x < lo; x++, d += MR) h[d] = 0;
        if (sw === 1) for (; x < hi; x++, d += MR) h[d] = X[src + x];
        else for (; x < hi; x++, d += MR) h[d] = X[src + x * sw];
        for (; x < end; x++, d += MR) h[d] = 0;
      }
      q += run;
      ox = 0;
      if (++oy === oH) {
        oy = 0;
        n++;
      }
    }
    for (let q = bl; q < Kp; q++) h[d0 + q * MR] = 0;
  }
}

/** B = gOutᵀ over positions [p0, p0 + bl): channel o at strip ⌊o/NR⌋, position q at q·NR + o mod NR; o ≥ og and q ≥ bl are zero. */
function packChannels(h: Float32Array, base: number, G: Float32Array, g: ConvGeom, o0: number, og: number, Np: number, Kp: number, NR: number, p0: number, bl: number): void {
  const L = g.oH * g.oW;
  for (let o = 0; o < Np; o++) {
    const d0 = base + Math.floor(o / NR) * Kp * NR + (o % NR);
    if (o >= og) {
      for (let q = 0; q < Kp; q++) h[d0 + q * NR] = 0;
      continue;
    }
    let n = Math.floor(p0 / L), l = p0 - n * L;
    for (let q = 0; q < bl; ) {
      const run = Math.min(L - l, bl - q);
      const src = (n * g.O + o0 + o) * L + l;
      for (let t = 0, d = d0 + q * NR; t < run; t++, d += NR) h[d] = G[src + t];
      q += run;
      l = 0;
      n++;
    }
    for (let q = bl; q < Kp; q++) h[d0 + q * NR] = 0;
  }
}

/** dL/dx (float32, [N, C, H, W]) of a conv2d from gOut and w, added into GX (which starts at zero). */
export type ConvInputGrad = (G: Float32Array, Wt: Float32Array, GX: Float32Array, g: ConvGeom, bandLimit: number) => void;

/**
 * conv2d's input gradient as one product per band of the batch's positions: gCols[K, positions] =
 * Wᵀ[K, og] · gOut[og, positions], read back from WASM memory straight into dL/dx (col2im). Wᵀ is
 * packed once per group, not once per sample, and gCols is never copied out.
 */
export function makeConvInputGrad(core: GemmCore): ConvInputGrad {
  const { MR, NR, KU } = core;
  return (G, Wt, GX, g, bandLimit) => {
    const cg = g.C / g.groups, og = g.O / g.groups, K = cg * g.kh * g.kw, L = g.oH * g.oW, total = g.N * L;
    if (og === 0 || K === 0 || total === 0) return;
    const Mp = roundUp(K, MR), Kp = roundUp(og, KU);
    const band = Math.min(total, Math.max(NR, Math.floor(bandLimit / (Mp + Kp) / NR) * NR));
    const Npb = roundUp(band, NR);
    const aPtr = 64, bPtr = roundUp(aPtr + Mp * Kp * 4, 64), cPtr = roundUp(bPtr + Npb * Kp * 4, 64);
    for (let gi = 0; gi < g.groups; gi++) {
      let h = core.ensure(cPtr + Mp * Npb * 4);
      // A = Wᵀ: tap r, channel p at strip ⌊r/MR⌋, p·MR + r mod MR
      const a0 = aPtr >> 2;
      h.fill(0, a0, a0 + Mp * Kp);
      for (let p = 0; p < og; p++)
        for (let r = 0, src = (gi * og + p) * K; r < K; r++) h[a0 + Math.floor(r / MR) * Kp * MR + p * MR + (r % MR)] = Wt[src + r];
      for (let p0 = 0; p0 < total; p0 += band) {
        const bl = Math.min(band, total - p0), Np = roundUp(bl, NR);
        h = core.ensure(0);
        packPositions(h, bPtr >> 2, G, g, gi * og, og, Kp, Np, NR, p0, bl);
        core.run({ Mp, Np, K: Kp, aPtr, bPtr, cPtr });
        col2imFrom(core.ensure(0), cPtr >> 2, Np, GX, g, gi * cg, K, p0, bl);
      }
    }
  };
}

/** B = gOut[og, positions p0…p0+bl) in NR-wide strips, k-major: (o, q) at ⌊q/NR⌋·Kp·NR + o·NR + q mod NR; o ≥ og and q ≥ bl zero. */
function packPositions(h: Float32Array, base: number, G: Float32Array, g: ConvGeom, o0: number, og: number, Kp: number, Np: number, NR: number, p0: number, bl: number): void {
  const L = g.oH * g.oW;
  if (og < Kp || bl < Np) h.fill(0, base, base + Np * Kp);
  for (let o = 0; o < og; o++) {
    let n = Math.floor(p0 / L), l = p0 - n * L;
    for (let q = 0; q < bl; ) {
      const run = Math.min(L - l, bl - q);
      const src = (n * g.O + o0 + o) * L + l;
      for (let t = 0; t < run; t++, q++) h[base + (q - (q % NR)) * Kp + o * NR + (q % NR)] = G[src + t];
      l = 0;
      n++;
    }
  }
}

/** Adds gCols (C in WASM memory: tap r, band position q at r·Np + q) into dL/dx: the adjoint of im2col. */
function col2imFrom(h: Float32Array, c0: number, Np: number, GX: Float32Array, g: ConvGeom, ch0: number, K: number, p0: number, bl: number): void {
  const { H, W, kh, kw, sh, sw, pt, pl, dh, dw, oH, oW } = g;
  const HW = H * W, L = oH * oW, sampleStride = g.C * HW;
  for (let r = 0; r < K; r++) {
    const c = Math.floor(r / (kh * kw)), i = Math.floor(r / kw) % kh, j = r % kw;
    const di = i * dh - pt, dj = j * dw - pl;
    const oxLo = Math.min(oW, Math.max(0, Math.ceil(-dj / sw)));
    const oxHi = Math.max(oxLo, Math.min(oW, Math.ceil((W - dj) / sw)));
    const row = c0 + r * Np;
    let n = Math.floor(p0 / L);
    const rem = p0 - n * L;
    let oy = Math.floor(rem / oW), ox = rem - oy * oW;
    for (let q = 0; q < bl; ) {
      const run = Math.min(oW - ox, bl - q), end = ox + run;
      const iy = oy * sh + di;
      if (iy >= 0 && iy < H) {
        const dst = n * sampleStride + (ch0 + c) * HW + iy * W + dj;
        const lo = Math.max(ox, oxLo), hi = Math.max(lo, Math.min(end, oxHi));
        const s = row + q - ox;
        if (sw === 1) for (let x = lo; x < hi; x++) GX[dst + x] += h[s + x];
        else for (let x = lo; x < hi; x++) GX[dst + x * sw] += h[s + x];
      }
      q += run;
      ox = 0;
      if (++oy === oH) {
        oy = 0;
        n++;
      }
    }
  }
}
