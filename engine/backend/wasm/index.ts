// WASM SIMD GEMM for the CPU backend. Importing this file replaces the CPU backend's 'gemm'
// kernel (and adds the fused 'conv2d_fused' forward tied to it) in the kernel registry, under the
// CPU kernels that multiply matrices — matmul and conv2d with its two backward kernels (im2col +
// GEMM) — when the engine runs WASM SIMD. The same kernels on the JS GEMM stay registered as
// '<op>_js' (the reference in tests); `useWasmKernels(false)` switches back, e.g. to compare in
// the bench.
//
// The kernel is emitted as bytes from TypeScript at run time (./emit, ./gemm-kernel): no
// toolchain, no build step, a few hundred bytes compiled synchronously.
import '../cpu/index';
import { gemmJs as jsGemm } from '../cpu/gemm';
import type { ConvForward, Gemm } from '../kernels';
import { getKernel, registerKernel, replaceKernel, type Kernel } from '../registry';
import { createWasmGemm, simdSupport, type WasmGemm } from './gemm';
import { makeGemm } from './matmul';

const support = simdSupport();
let wasmGemm: WasmGemm | null = null;
let wasmGemmFn: typeof jsGemm | null = null;

if (support.simd) {
  // 4×8 micro-tile (8 f32x4 accumulators): the widest that V8 keeps in registers (6×8 spills).
  wasmGemm = createWasmGemm({ mr: 4, nv: 2, relaxed: false }, undefined, { threads: true });
  wasmGemmFn = makeGemm(wasmGemm);
  for (const op of ['matmul', 'conv2d', 'conv2d_backward_input', 'conv2d_backward_weight'] as const) {
    const k = getKernel(op, 'cpu') as Kernel;
    registerKernel(`${op}_js`, 'cpu', (...args: unknown[]) => {
      // the JS GEMM is installed here, so the fused WASM conv forward (tied to the WASM GEMM) is off
      const prev = install(jsGemm, null);
      try {
        return k(...args);
      } finally {
        install(...prev);
      }
    });
  }
  useWasmKernels(true);
}

/** Installs a GEMM and the fused conv forward tied to it (or none) as CPU kernels; returns the previous pair. */
function install(g: Gemm, conv: ConvForward | null): [Gemm, ConvForward | null] {
  return [replaceKernel('gemm', 'cpu', g) ?? jsGemm, replaceKernel('conv2d_fused', 'cpu', conv)];
}

/** Whether the WASM SIMD kernels loaded (the engine supports WASM SIMD). */
export function wasmAvailable(): boolean {
  return wasmGemm !== null;
}

/** Installs the WASM GEMM under the CPU kernels (true) or restores the JS one (false). */
export function useWasmKernels(on: boolean): void {
  if (!wasmGemmFn || !wasmGemm) return;
  install(on ? wasmGemmFn : jsGemm, on ? wasmGemm.conv : null);
}

/** Whether conv2d's forward packs im2col straight into the WASM GEMM (true) or goes through a patch matrix and `gemm`. */
export function useFusedConv(on: boolean): void {
  // only while the WASM GEMM is installed: the fused forward is tied to it
  if (wasmGemm && wasmGemmFn && getKernel('gemm', 'cpu') === wasmGemmFn) replaceKernel('conv2d_fused', 'cpu', on ? wasmGemm.conv : null);
}

/**
 * float32 GEMM with the signature of backend/cpu/gemm's `gemm`, on WASM SIMD when available
 * (for conv/im2col kernels that call GEMM directly).
 */
export const gemm: typeof jsGemm = wasmGemm ? makeGemm(wasmGemm) : jsGemm;
