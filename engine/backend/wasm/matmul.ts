// A GEMM with backend/cpu/gemm's signature on the WASM SIMD kernel: float32 only; other dtypes
// and tiny or vector-shaped products go to the JS GEMM, where packing would cost more than it saves.
import { gemmJs as jsGemm, type MatOperand } from '../cpu/gemm';
import type { TypedArray } from '../../dtype';
import type { WasmGemm } from './gemm';

/** Whether the WASM GEMM pays off for an M×K·K×N product. */
export function wasmWorthIt(M: number, N: number, K: number): boolean {
  return M > 1 && N > 1 && K > 1 && M * N * K >= 512;
}

/** A GEMM with the JS kernel's signature that takes the WASM path for float32 when it pays off. */
export function makeGemm(w: WasmGemm) {
  return (M: number, N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, ldc: number, accumulate = false): void => {
    if (M === 1 && B.rs === 1 && K >= 64) gemvRows(N, K, A, B, C, cOff, accumulate);
    else if (A.data instanceof Float32Array && B.data instanceof Float32Array && wasmWorthIt(M, N, K)) w.gemm(M, N, K, A, B, C, cOff, ldc, accumulate);
    else jsGemm(M, N, K, A, B, C, cOff, ldc, accumulate);
  };
}

/**
 * x·B for one row x when B's columns are contiguous (B = Wᵀ of a Linear layer's weight): one dot
 * product per output over contiguous memory, four partial sums to break the add chain.
 * Packing B for the WASM GEMM would cost as much as this whole product.
 */
function gemvRows(N: number, K: number, A: MatOperand, B: MatOperand, C: TypedArray, cOff: number, accumulate: boolean): void {
  const x = A.data, W = B.data, xs = A.cs;
  const K4 = K & ~3;
  for (let j = 0; j < N; j++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let b = B.off + j * B.cs, a = A.off;
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
