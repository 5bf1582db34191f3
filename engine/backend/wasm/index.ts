// WASM SIMD kernels for the CPU backend. Importing this file registers them over the JS kernels
// when the engine runs WASM SIMD (the JS kernels stay registered as '<op>_js', the fallback and
// the reference in tests); `useWasmKernels(false)` switches back, e.g. to compare in the bench.
//
// The kernels are emitted as bytes from TypeScript at run time (./emit, ./gemm-kernel): no
// toolchain, no build step, a few hundred bytes compiled synchronously.
import '../cpu/index';
import { gemm as jsGemm } from '../cpu/gemm';
import { getKernel, hasKernel, registerKernel, type Kernel } from '../registry';
import { createWasmGemm, simdSupport, type WasmGemm } from './gemm';
import { makeConvKernels } from './conv';
import { makeGemm, makeMatmulKernel } from './matmul';

const support = simdSupport();
let wasmGemm: WasmGemm | null = null;
const jsKernels = new Map<string, Kernel>();
const wasmKernels = new Map<string, Kernel>();

if (support.simd) {
  // 4×8 micro-tile (8 f32x4 accumulators): the widest that V8 keeps in registers (6×8 spills).
  wasmGemm = createWasmGemm({ mr: 4, nv: 2, relaxed: false });
  const g = makeGemm(wasmGemm);
  wasmKernels.set('matmul', makeMatmulKernel(g));
  const conv = makeConvKernels(g);
  wasmKernels.set('conv2d', conv.conv2d);
  wasmKernels.set('conv2d_backward_input', conv.conv2d_backward_input);
  wasmKernels.set('conv2d_backward_weight', conv.conv2d_backward_weight);
  for (const op of wasmKernels.keys()) if (hasKernel(op, 'cpu')) jsKernels.set(op, getKernel(op, 'cpu'));
  for (const [op, k] of jsKernels) registerKernel(`${op}_js`, 'cpu', k);
  useWasmKernels(true);
}

/** Whether the WASM SIMD kernels loaded (the engine supports WASM SIMD). */
export function wasmAvailable(): boolean {
  return wasmGemm !== null;
}

/** Registers the WASM kernels as the CPU kernels (true) or restores the JS ones (false). */
export function useWasmKernels(on: boolean): void {
  for (const [op, k] of on ? wasmKernels : jsKernels) registerKernel(op, 'cpu', k);
}

/**
 * float32 GEMM with the signature of backend/cpu/gemm's `gemm`, on WASM SIMD when available
 * (for conv/im2col kernels that call GEMM directly).
 */
export const gemm: typeof jsGemm = wasmGemm ? makeGemm(wasmGemm) : jsGemm;
