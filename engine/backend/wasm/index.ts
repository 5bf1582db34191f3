// WASM SIMD GEMM for the CPU backend. Importing this file replaces the CPU backend's 'gemm'
// kernel (and adds the fused 'conv2d_fused' forward tied to it) in the kernel registry, under the
// CPU kernels that multiply matrices — matmul and conv2d with its two backward kernels (im2col +
// GEMM) — when the engine runs WASM SIMD. The same kernels on the JS GEMM stay registered as
// '<op>_js' (the reference in tests); `useWasmKernels(false)` switches back, e.g. to compare in
// the bench.
//
// The kernel is emitted as bytes from TypeScript at run time (./emit, ./gemm-kernel): no
// toolchain, no build step, a few hundred bytes compiled synchronously. Where the engine has
// relaxed SIMD (Chromium ≥ 114, Node ≥ 22, Node 20 with --experimental-wasm-relaxed-simd) the
// micro-kernel multiply-adds with f32x4.relaxed_madd (one fused FMA where the CPU has it);
// elsewhere with f32x4.mul + f32x4.add. Each gives the same bits run after run and on any number
// of threads; the two differ from each other in the last bits (FMA rounds once).
import '../cpu/index';
import { gemmJs as jsGemm } from '../cpu/gemm';
import type { ConvForward, Gemm } from '../kernels';
import { getKernel, registerKernel, replaceKernel, type Kernel } from '../registry';
import { createWasmGemm, simdSupport, type WasmGemm } from './gemm';
import type { GemmKernelShape } from './gemm-kernel';
import { makeGemm } from './matmul';
import { setGemmKernelLabel } from './threads';

const support = simdSupport();
let wasmGemm: WasmGemm | null = null;
let wasmGemmFn: typeof jsGemm | null = null;

/** 4×8 micro-tile (8 f32x4 accumulators): the widest that V8 keeps in registers (6×8 spills). */
const tile = (relaxed: boolean): GemmKernelShape => ({ mr: 4, nv: 2, relaxed });

/** Creates the (threaded) WASM GEMM with or without FMA and makes it the one the kernels use. */
function createGemm(relaxed: boolean): void {
  wasmGemm = createWasmGemm(tile(relaxed), undefined, { threads: true });
  wasmGemmFn = makeGemm(wasmGemm);
  setGemmKernelLabel(relaxed ? 'WASM SIMD, f32x4.relaxed_madd (fused multiply-add)' : 'WASM SIMD, f32x4.mul + f32x4.add');
}

if (support.simd) {
  createGemm(support.relaxed);
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
  // the fused gradients go with the GEMM itself (the fused forward can be switched off alone)
  replaceKernel('conv2d_backward_weight_fused', 'cpu', wasmGemm && g === wasmGemmFn ? wasmGemm.weightGrad : null);
  replaceKernel('conv2d_backward_input_fused', 'cpu', wasmGemm && g === wasmGemmFn ? wasmGemm.inputGrad : null);
  return [replaceKernel('gemm', 'cpu', g) ?? jsGemm, replaceKernel('conv2d_fused', 'cpu', conv)];
}

/** Whether the engine runs relaxed SIMD, so the GEMM can use its fused multiply-add. */
export function relaxedSimdAvailable(): boolean {
  return support.relaxed;
}

/** Whether the WASM GEMM in use multiplies-adds with f32x4.relaxed_madd. */
export function relaxedSimdInUse(): boolean {
  return wasmGemm?.shape.relaxed === true;
}

/**
 * Switches the WASM GEMM between the relaxed-SIMD (FMA) micro-kernel and the plain one, e.g. to
 * compare them in the bench; FMA only where the engine has relaxed SIMD. Returns whether FMA is
 * now in use. The thread pool restarts with the new kernel at the next large product.
 */
export function useRelaxedSimd(on: boolean): boolean {
  if (!support.simd || !wasmGemmFn) return false;
  const want = on && support.relaxed;
  if (relaxedSimdInUse() === want) return want;
  const old = wasmGemmFn;
  const [gemmNow, convNow] = install(jsGemm, null);
  createGemm(want);
  // the new GEMM (and its fused conv, if the old one's was on) where the old one was installed
  if (gemmNow === old) install(wasmGemmFn!, convNow ? wasmGemm!.conv : null);
  else install(gemmNow, convNow);
  return want;
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
export const gemm: typeof jsGemm = (...args) => (wasmGemmFn ?? jsGemm)(...args);
