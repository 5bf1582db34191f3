// Single-threaded SIMD GEMM for float32 on a WebAssembly.Memory scratch area: the operands are
// packed here (from any strides, so transposed views cost nothing extra) into the layout the
// emitted macro-kernel reads (./gemm-kernel), C is computed in WASM memory and copied out.
// Same contract as the JS kernel in backend/cpu/gemm.ts, which stays the fallback and reference.
import type { TypedArray } from '../../dtype';
import type { MatOperand } from '../kernels';
import type { ConvGeom } from '../cpu/conv';
import { gemmModuleBytes, type GemmKernelShape } from './gemm-kernel';
import { jobScratch, runGemmJob, setThreadKernel, threadsSupported } from './threads';
import { makeConvInputGrad, type GemmCore, makeConvWeightGrad, type ConvInputGrad, type ConvWeightGrad } from './conv-backward';

type Macro = (mc: number, nc: number, kc: number, a: number, b: number, c: number, ldc: number, kBytes: number, first: number) => void;

/** Cache blocking (elements): an MC×KC block of A stays in L2, a KC×NR sliver of B in L1. */
export interface GemmBlocking {
  mc: number;
  kc: number;
  nc: number;
}

export interface WasmGemm {
  shape: GemmKernelShape;
  blocking: GemmBlocking;
  /** Whether this instance's memory is shared with a worker pool (./threads). */
  threaded: boolean;
  gemm(M: number, N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, ldc: number, accumulate?: boolean): void;
  /**
   * conv2d forward (the 'conv2d_fused' kernel of backend/kernels.ts): the whole batch's
   * patch matrix is packed straight from the image into B (no im2col copy, packed by the
   * threads that multiply it), in bands of at most `bandLimit` elements; bitwise equal to
   * im2col + `gemm` per sample (and to adding the bias afterwards: C + b rounds once either way).
   */
  conv(X: Float32Array, Wt: Float32Array, Y: Float32Array, g: ConvGeom, bandLimit: number, bias?: Float32Array | null): void;
  /** conv2d's weight gradient as one product over the batch, operands packed from x and gOut (./conv-backward). */
  weightGrad: ConvWeightGrad;
  /** conv2d's input gradient per band of the batch, col2im read straight from WASM memory (./conv-backward). */
  inputGrad: ConvInputGrad;
}

const PAGE = 65536;

/** Whether this JS engine runs WASM SIMD (and relaxed SIMD). */
export function simdSupport(): { simd: boolean; relaxed: boolean } {
  const probe = (relaxed: boolean) => {
    try {
      return WebAssembly.validate(gemmModuleBytes({ mr: 1, nv: 1, relaxed }, { initial: 1 }));
    } catch {
      return false;
    }
  };
  const simd = typeof WebAssembly === 'object' && probe(false);
  return { simd, relaxed: simd && probe(true) };
}

const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

/** Pages (64 KiB) a shared memory may grow to: 4 GiB of address space, reserved, not committed. */
const SHARED_MAX_PAGES = [65536, 16384, 4096];

function sharedMemory(): { memory: WebAssembly.Memory; maximum: number } | null {
  for (const maximum of SHARED_MAX_PAGES) {
    try {
      return { memory: new WebAssembly.Memory({ initial: 16, maximum, shared: true }), maximum };
    } catch {
      // a smaller reservation may still fit
    }
  }
  return null;
}

/**
 * Instantiates the kernel (synchronously: the module is a few hundred bytes). With `threads`
 * (and where ./threads can run a pool) the memory is shared and large products are split across
 * worker threads; the instance becomes the pool's kernel (one threaded instance at a time).
 */
export function createWasmGemm(shape: GemmKernelShape, blocking: GemmBlocking = { mc: 72, kc: 256, nc: 1024 }, opts: { threads?: boolean } = {}): WasmGemm {
  const shared = opts.threads && threadsSupported() ? sharedMemory() : null;
  const memory = shared?.memory ?? new WebAssembly.Memory({ initial: 16 });
  const mod = new WebAssembly.Module(gemmModuleBytes(shape, shared ? { initial: 16, maximum: shared.maximum, shared: true } : { initial: 16 }));
  const macro = new WebAssembly.Instance(mod, { env: { memory } }).exports.macro as Macro;
  if (shared) setThreadKernel(mod, memory);
  const scratch = jobScratch();
  const MR = shape.mr, NR = 4 * shape.nv, KU = shape.ku ?? 1;
  const mcBlock = roundUp(blocking.mc, MR), ncBlock = roundUp(blocking.nc, NR), kcBlock = roundUp(blocking.kc, KU);
  let heap = new Float32Array(memory.buffer);
  const view = () => heap;

  const ensure = (bytes: number) => {
    // (heap's length, not memory.buffer: on a shared memory each .buffer read makes a new object)
    if (bytes > heap.byteLength) {
      memory.grow(Math.ceil((bytes - heap.byteLength) / PAGE));
      heap = new Float32Array(memory.buffer);
    }
  };

  function gemm(M: number, N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, ldc: number, accumulate = false): void {
    if (M === 0 || N === 0) return;
    if (K === 0) {
      if (!accumulate) for (let i = 0; i < M; i++) C.fill(0, cOff + i * ldc, cOff + i * ldc + N);
      return;
    }
    const Mp = roundUp(M, MR), Np = roundUp(N, NR), Kp = roundUp(K, KU);
    const aPtr = 64, bPtr = aPtr + Mp * Kp * 4, cPtr = bPtr + Np * Kp * 4;
    ensure(cPtr + Mp * Np * 4);
    packA(heap, aPtr >> 2, A, M, K, Kp, MR);
    packB(heap, bPtr >> 2, B, K, N, Kp, NR);
    // the block loop (jc, pc, ic), split across threads when there is a pool (./threads)
    const job = { Mp, Np, K: Kp, aPtr, bPtr, cPtr, mcBlock, ncBlock, kcBlock, MR, NR, pages: heap.byteLength / PAGE };
    runGemmJob(job, view, macro, scratch, shared !== null);
    const h = heap, c0 = cPtr >> 2;
    for (let i = 0; i < M; i++) {
      const src = c0 + i * Np, dst = cOff + i * ldc;
      if (accumulate) for (let j = 0; j < N; j++) C[dst + j] += h[src + j];
      else if (C instanceof Float32Array) C.set(h.subarray(src, src + N), dst);
      else for (let j = 0; j < N; j++) C[dst + j] = h[src + j];
    }
  }
  function conv(X: Float32Array, Wt: Float32Array, Y: Float32Array, g: ConvGeom, bandLimit: number, bias: Float32Array | null = null): void {
    const cg = g.C / g.groups, og = g.O / g.groups, K = cg * g.kh * g.kw, L = g.oH * g.oW, total = g.N * L;
    if (og === 0 || total === 0) return;
    const Mp = roundUp(og, MR), Kp = roundUp(K, KU);
    const band = Math.min(total, Math.max(NR, Math.floor(bandLimit / Kp / NR) * NR));
    const Npb = roundUp(band, NR);
    const aPtr = 64, xPtr = roundUp(aPtr + Mp * Kp * 4, 64), bPtr = roundUp(xPtr + X.length * 4, 64), cPtr = bPtr + Npb * Kp * 4;
    ensure(cPtr + Mp * Npb * 4);
    heap.set(X, xPtr >> 2);
    const HW = g.H * g.W;
    for (let gi = 0; gi < g.groups; gi++) {
      packA(heap, aPtr >> 2, { data: Wt, off: gi * og * K, rs: K, cs: 1 }, og, K, Kp, MR);
      for (let l0 = 0; l0 < total; l0 += band) {
        const bl = Math.min(band, total - l0), Np = roundUp(bl, NR);
        const im2col = { K, xPtr: xPtr + gi * cg * HW * 4, cg, H: g.H, W: g.W, kh: g.kh, kw: g.kw, sh: g.sh, sw: g.sw, pt: g.pt, pl: g.pl, dh: g.dh, dw: g.dw, oW: g.oW, L, sampleStride: g.C * HW, l0, bl };
        runGemmJob({ Mp, Np, K: Kp, aPtr, bPtr, cPtr, mcBlock, ncBlock, kcBlock, MR, NR, pages: heap.byteLength / PAGE, im2col }, view, macro, scratch, shared !== null);
        // C[o, l] → Y[sample, gi·og + o, position], in runs of one sample
        const h = heap, c0 = cPtr >> 2;
        for (let o = 0; o < og; o++)
          for (let l = l0; l < l0 + bl; ) {
            const n = Math.floor(l / L), r = l - n * L, len = Math.min(L - r, l0 + bl - l);
            const src = c0 + o * Np + (l - l0), dst = (n * g.O + gi * og + o) * L + r;
            if (bias) {
              const b = bias[gi * og + o];
              for (let t = 0; t < len; t++) Y[dst + t] = h[src + t] + b;
            } else Y.set(h.subarray(src, src + len), dst);
            l += len;
          }
      }
    }
  }
  const core = {
    MR,
    NR,
    KU,
    ensure: (bytes: number) => {
      ensure(bytes);
      return heap;
    },
    run: (job: Parameters<GemmCore['run']>[0]) => runGemmJob({ ...job, mcBlock, ncBlock, kcBlock, MR, NR, pages: heap.byteLength / PAGE }, view, macro, scratch, shared !== null),
  };
  return { shape, blocking, threaded: shared !== null, gemm, conv, weightGrad: makeConvWeightGrad(core), inputGrad: makeConvInputGrad(core) };
}

/**
 * A (M×K) → MR-tall strips, k-major: strip s at s·Kp·MR, (i, p) at p·MR + i; rows ≥ M and p ≥ K
 * are zero. The loop order follows A's layout so that the source is read along its rows.
 */
function packA(h: Float32Array, base: number, A: MatOperand, M: number, K: number, Kp: number, MR: number): void {
  const { data, rs, cs } = A;
  const rowMajor = Math.abs(cs) <= Math.abs(rs);
  for (let s = 0; s * MR < M; s++) {
    const o = base + s * Kp * MR;
    const h0 = Math.min(MR, M - s * MR);
    const r0 = A.off + s * MR * rs;
    if (h0 < MR || K < Kp) h.fill(0, o, o + Kp * MR);
    if (rowMajor) {
      for (let i = 0; i < h0; i++) for (let p = 0, r = r0 + i * rs, d = o + i; p < K; p++, r += cs, d += MR) h[d] = data[r];
    } else {
      for (let p = 0, d = o, rp = r0; p < K; p++, d += MR, rp += cs) for (let i = 0, r = rp; i < h0; i++, r += rs) h[d + i] = data[r];
    }
  }
}

/** B (K×N) → NR-wide strips, k-major: strip s at s·Kp·NR, (p, j) at p·NR + j; columns ≥ N and p ≥ K are zero. */
function packB(h: Float32Array, base: number, B: MatOperand, K: number, N: number, Kp: number, NR: number): void {
  const { data, rs, cs } = B;
  const full = Math.floor(N / NR);
  if (cs === 1 && NR === 8) {
    // row-major B: read each row once, front to back, scattering 8-wide pieces to the strips
    const stripLen = Kp * 8;
    for (let p = 0, rp = B.off; p < K; p++, rp += rs)
      for (let s = 0, d = base + p * 8, r = rp; s < full; s++, d += stripLen, r += 8) {
        h[d] = data[r]; h[d + 1] = data[r + 1]; h[d + 2] = data[r + 2]; h[d + 3] = data[r + 3];
        h[d + 4] = data[r + 4]; h[d + 5] = data[r + 5]; h[d + 6] = data[r + 6]; h[d + 7] = data[r + 7];
      }
    if (K < Kp) for (let s = 0; s < full; s++) h.fill(0, base + s * stripLen + K * 8, base + (s + 1) * stripLen);
    if (full * NR < N) packBStrip(h, base, B, K, N, Kp, NR, full);
    return;
  }
  for (let s = 0; s * NR < N; s++) packBStrip(h, base, B, K, N, Kp, NR, s);
}

function packBStrip(h: Float32Array, base: number, B: MatOperand, K: number, N: number, Kp: number, NR: number, s: number): void {
  const { data, rs, cs } = B;
  const o = base + s * Kp * NR;
  const w = Math.min(NR, N - s * NR);
  const r0 = B.off + s * NR * cs;
  if (w < NR || K < Kp) h.fill(0, o, o + Kp * NR);
  if (Math.abs(cs) <= Math.abs(rs)) {
    for (let p = 0, d = o, rp = r0; p < K; p++, d += NR, rp += rs) for (let j = 0, r = rp; j < w; j++, r += cs) h[d + j] = data[r];
  } else {
    for (let j = 0; j < w; j++) for (let p = 0, r = r0 + j * cs, d = o + j; p < K; p++, r += rs, d += NR) h[d] = data[r];
  }
}
