// The CPU matrix-multiply core: C (+)= A·B for strided A and B (any strides, so transposed
// and broadcast operands are read in place), row-major C.
//
// Cache-blocked as in GotoBLAS/BLIS: B is packed in KC×NC panels of NR-wide column strips,
// A in MC×KC blocks of MR-tall row strips, both as Float64Array so the micro-kernel reads
// two dense streams. The 4×4 register micro-kernel keeps 16 accumulators in locals (V8 keeps
// them in registers); edges run a generic tail kernel on zero-padded strips.
import type { TypedArray } from '../../dtype';
import type { MatOperand } from '../kernels';
import { getKernel, registerKernel } from '../registry';

export type { Gemm, MatOperand } from '../kernels';

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 1024;

const packA = new Float64Array(MC * KC);
const packB = new Float64Array(KC * NC);

/**
 * C[cOff + i*ldc + j] (+)= Σ_p A(i,p)·B(p,j) for i<M, j<N, p<K.
 * With `accumulate` false, C is overwritten (it need not be zeroed).
 * Dispatches to the registered 'gemm' kernel: this file's JS one, or WASM SIMD (backend/wasm
 * replaces it).
 */
export function gemm(M: number, N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, ldc: number, accumulate = false): void {
  getKernel('gemm', 'cpu')(M, N, K, A, B, C, cOff, ldc, accumulate);
}

/** The JS implementation: blocked and packed, 4×4 register tiles. */
export function gemmJs(M: number, N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, ldc: number, accumulate = false): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    if (!accumulate) for (let i = 0; i < M; i++) C.fill(0, cOff + i * ldc, cOff + i * ldc + N);
    return;
  }
  // Small products: the packing overhead outweighs blocking.
  if (M * N * K <= 4096 || N === 1 || M === 1) {
    naive(M, N, K, A, B, C, cOff, ldc, accumulate);
    return;
  }
  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      packPanelB(B, pc, jc, kc, nc);
      const acc = accumulate || pc > 0;
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packBlockA(A, ic, pc, mc, kc);
        macroKernel(mc, nc, kc, C, cOff + ic * ldc + jc, ldc, acc);
      }
    }
  }
}

/** B[pc:pc+kc, jc:jc+nc] → NR-wide strips, each stored k-major: strip s at s*kc*NR, (p, j) at p*NR + j. */
function packPanelB(B: MatOperand, pc: number, jc: number, kc: number, nc: number): void {
  const { data, rs, cs } = B;
  const pb = packB;
  let o = 0;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const w = Math.min(NR, nc - j0);
    const base = B.off + pc * rs + (jc + j0) * cs;
    if (w === NR) {
      for (let p = 0, r = base; p < kc; p++, r += rs) {
        pb[o] = data[r];
        pb[o + 1] = data[r + cs];
        pb[o + 2] = data[r + 2 * cs];
        pb[o + 3] = data[r + 3 * cs];
        o += NR;
      }
    } else {
      for (let p = 0, r = base; p < kc; p++, r += rs) {
        for (let j = 0; j < NR; j++) pb[o + j] = j < w ? data[r + j * cs] : 0;
        o += NR;
      }
    }
  }
}

/** A[ic:ic+mc, pc:pc+kc] → MR-tall strips, each k-major: (i, p) at p*MR + i. */
function packBlockA(A: MatOperand, ic: number, pc: number, mc: number, kc: number): void {
  const { data, rs, cs } = A;
  const pa = packA;
  let o = 0;
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const h = Math.min(MR, mc - i0);
    const base = A.off + (ic + i0) * rs + pc * cs;
    if (h === MR) {
      for (let p = 0, r = base; p < kc; p++, r += cs) {
        pa[o] = data[r];
        pa[o + 1] = data[r + rs];
        pa[o + 2] = data[r + 2 * rs];
        pa[o + 3] = data[r + 3 * rs];
        o += MR;
      }
    } else {
      for (let p = 0, r = base; p < kc; p++, r += cs) {
        for (let i = 0; i < MR; i++) pa[o + i] = i < h ? data[r + i * rs] : 0;
        o += MR;
      }
    }
  }
}

function macroKernel(mc: number, nc: number, kc: number, C: TypedArray, cBase: number, ldc: number, acc: boolean): void {
  const pa = packA, pb = packB;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const bOff = (j0 / NR) * kc * NR;
    const w = Math.min(NR, nc - j0);
    for (let i0 = 0; i0 < mc; i0 += MR) {
      const aOff = (i0 / MR) * kc * MR;
      const h = Math.min(MR, mc - i0);
      const c = cBase + i0 * ldc + j0;
      if (w === NR && h === MR) micro4x4(kc, pa, aOff, pb, bOff, C, c, ldc, acc);
      else microEdge(kc, pa, aOff, pb, bOff, C, c, ldc, acc, h, w);
    }
  }
}

function micro4x4(kc: number, pa: Float64Array, a: number, pb: Float64Array, b: number, C: TypedArray, c: number, ldc: number, acc: boolean): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (const end = a + kc * MR; a < end; a += MR, b += NR) {
    const b0 = pb[b], b1 = pb[b + 1], b2 = pb[b + 2], b3 = pb[b + 3];
    const a0 = pa[a], a1 = pa[a + 1], a2 = pa[a + 2], a3 = pa[a + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (acc) {
    C[c] += c00; C[c + 1] += c01; C[c + 2] += c02; C[c + 3] += c03; c += ldc;
    C[c] += c10; C[c + 1] += c11; C[c + 2] += c12; C[c + 3] += c13; c += ldc;
    C[c] += c20; C[c + 1] += c21; C[c + 2] += c22; C[c + 3] += c23; c += ldc;
    C[c] += c30; C[c + 1] += c31; C[c + 2] += c32; C[c + 3] += c33;
  } else {
    C[c] = c00; C[c + 1] = c01; C[c + 2] = c02; C[c + 3] = c03; c += ldc;
    C[c] = c10; C[c + 1] = c11; C[c + 2] = c12; C[c + 3] = c13; c += ldc;
    C[c] = c20; C[c + 1] = c21; C[c + 2] = c22; C[c + 3] = c23; c += ldc;
    C[c] = c30; C[c + 1] = c31; C[c + 2] = c32; C[c + 3] = c33;
  }
}

const edgeAcc = new Float64Array(MR * NR);
function microEdge(kc: number, pa: Float64Array, a: number, pb: Float64Array, b: number, C: TypedArray, c: number, ldc: number, acc: boolean, h: number, w: number): void {
  const t = edgeAcc;
  t.fill(0);
  for (let p = 0; p < kc; p++, a += MR, b += NR)
    for (let i = 0; i < h; i++) {
      const av = pa[a + i];
      for (let j = 0; j < w; j++) t[i * NR + j] += av * pb[b + j];
    }
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      const o = c + i * ldc + j;
      C[o] = acc ? C[o] + t[i * NR + j] : t[i * NR + j];
    }
}

/** naive's row accumulator, reused up to 4096 values (it never escapes the call): a Float64Array over 8 values is an off-heap ArrayBuffer in V8, ~0.5 µs and GC work per call. */
let rowScratch = new Float64Array(64);
const rowBuffer = (n: number): Float64Array => {
  if (n > 4096) return new Float64Array(n);
  if (rowScratch.length < n) rowScratch = new Float64Array(4096);
  return rowScratch;
};

function naive(M: number, N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, ldc: number, accumulate: boolean): void {
  const { data: ad, rs: ars, cs: acs } = A;
  const { data: bd, rs: brs, cs: bcs } = B;
  if (bcs === 1 && brs !== 1) {
    // rows of B are contiguous: accumulate C's row as Σ_p A(i,p)·B(p,:) (unit-stride inner loop)
    const row = rowBuffer(N);
    for (let i = 0; i < M; i++) {
      row.fill(0, 0, N);
      for (let p = 0, ai = A.off + i * ars, bi = B.off; p < K; p++, ai += acs, bi += brs) {
        const a = ad[ai];
        if (a === 0) continue;
        for (let j = 0; j < N; j++) row[j] += a * bd[bi + j];
      }
      const o = cOff + i * ldc;
      for (let j = 0; j < N; j++) C[o + j] = accumulate ? C[o + j] + row[j] : row[j];
    }
    return;
  }
  for (let i = 0; i < M; i++) {
    const aRow = A.off + i * ars;
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let p = 0, ai = aRow, bi = B.off + j * bcs; p < K; p++, ai += acs, bi += brs) s += ad[ai] * bd[bi];
      const o = cOff + i * ldc + j;
      C[o] = accumulate ? C[o] + s : s;
    }
  }
}

registerKernel('gemm', 'cpu', gemmJs);
