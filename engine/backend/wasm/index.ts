// WASM SIMD kernels for the CPU backend (placeholder while the GEMM lands).
export function wasmAvailable(): boolean {
  return false;
}
export function useWasmKernels(_on: boolean): void {}
