// A GEMM with backend/cpu/gemm's signature on the WASM SIMD kernel: float32 only; other dtypes
// and tiny or vector-shaped products go to the JS GEMM, where packing would cost more than it saves.
import { gemmJs as jsGemm } from '../cpu/gemm';
import type { MatOperand } from '../kernels';
import type { TypedArray } from '../../dtype';
import type { WasmGemm } from './gemm';

/** Whether the WASM GEMM pays off for an M×K·K×N product. */
export function wasmWorthIt(M: number, N: number, K: number): boolean {
  return M > 1 && N > 1 && K > 1 && M * N * K >= 512;
}

/** Products sent to the WASM kernel so far (tests check that tiny ones never are). */
let wasmProducts = 0;
export const wasmGemmCalls = (): number => wasmProducts;

/**
 * A GEMM with the JS kernel's signature that takes the WASM path for float32 when it pays off.
 * Tiny products (the seed loop's [11,1]·[1,13], [11,13]·[13,1], …) go to the JS GEMM: no copy into
 * WASM memory, no thread pool (workers are woken only from the WASM path, above 2 MFLOP).
 */
export function makeGemm(w: WasmGemm) {
  return (M: number, N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, ldc: number, accumulate = false): void => {
    if (M === 1 && B.rs === 1 && K >= 64) gemvRows(N, K, A, B, C, cOff, accumulate);
    else if (A.data instanceof Float32Array && B.data instanceof Float32Array && wasmWorthIt(M, N, K)) {
      wasmProducts++;
      w.gemm(M, N, K, A, B, C, cOff, ldc, accumulate);
    } else jsGemm(M, N, K, A, B, C, cOff, ldc, accumulate);
  };
}

/**
 * x·B for one row x when B's columns are contiguous (B = Wᵀ of a Linear layer's weight): one dot
 * product per output over contiguous memory, four partial sums to break the add chain, two
 * outputs per pass so that each x value is loaded once for both (~1.4× faster, same sums).
 * Packing B for the WASM GEMM would cost as much as this whole product.
 */
function gemvRows(N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, accumulate: boolean): void {
  const x = A.data, W = B.data, xs = A.cs, bs = B.cs;
  const K4 = K & ~3;
  let j = 0;
  for (; j + 1 < N; j += 2) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    let b = B.off + j * bs, c = b + bs, a = A.off;
    for (let p = 0; p < K4; p += 4, b += 4, c += 4, a += 4 * xs) {
      const x0 = x[a], x1 = x[a + xs], x2 = x[a + 2 * xs], x3 = x[a + 3 * xs];
      s0 += x0 * W[b];
      s1 += x1 * W[b + 1];
      s2 += x2 * W[b + 2];
      s3 += x3 * W[b + 3];
      t0 += x0 * W[c];
      t1 += x1 * W[c + 1];
      t2 += x2 * W[c + 2];
      t3 += x3 * W[c + 3];
    }
    for (let p = K4; p < K; p++, b++, c++, a += xs) {
      s0 += x[a] * W[b];
      t0 += x[a] * W[c];
    }
    const s = s0 + s1 + (s2 + s3), t = t0 + t1 + (t2 + t3);
    C[cOff + j] = accumulate ? C[cOff + j] + s : s;
    C[cOff + j + 1] = accumulate ? C[cOff + j + 1] + t : t;
  }
  for (; j < N; j++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let b = B.off + j * bs, a = A.off;
    for (let p = 0; p < K4; p += 4, b += 4, a += 4 * xs) {
      s0 += x[a] * W[b];
      s1 += x[a + xs] * W[b + 1];
      s2 += x[a + 2 * xs] * W[b + 2];
      s3 += x[a + 3 * xs] * W[b + 3];
    }
    for (let p = K4; p < K; p++, b++, a += xs) s0 += x[a] * W[b];
    const s = s0 + s1 + (s2 + s3);
    C[cOff + j] = accumulate ? C[cOff + j] + s : s;
  }
}
