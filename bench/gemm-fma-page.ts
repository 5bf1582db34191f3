// The page side of `bench/gemm-fma.ts --browser` (bundled by esbuild): window.__gemm runs one
// timed round of a kernel; the driver reads the main thread's CPU time around it (CDP).
import { createWasmGemm, simdSupport } from '../engine/backend/wasm/gemm';

const kernels = simdSupport().relaxed ? { plain: createWasmGemm({ mr: 4, nv: 2, relaxed: false }), fma: createWasmGemm({ mr: 4, nv: 2, relaxed: true }) } : null;
let op: { n: number; A: { data: Float32Array; off: number; rs: number; cs: number }; B: { data: Float32Array; off: number; rs: number; cs: number }; C: Float32Array } | null = null;

(window as unknown as { __gemm: unknown }).__gemm = {
  relaxed: kernels !== null,
  setup(n: number) {
    op = { n, A: { data: Float32Array.from({ length: n * n }, (_, i) => Math.sin(i)), off: 0, rs: n, cs: 1 }, B: { data: Float32Array.from({ length: n * n }, (_, i) => Math.cos(i)), off: 0, rs: n, cs: 1 }, C: new Float32Array(n * n) };
  },
  run(kernel: 'plain' | 'fma', reps: number) {
    const { n, A, B, C } = op!;
    for (let i = 0; i < reps; i++) kernels![kernel].gemm(n, n, n, A, B, C, 0, n);
  },
};
