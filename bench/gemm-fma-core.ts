// The A/B of bench/gemm-fma.ts, shared by its Node and Chromium runs: the two micro-kernels
// alternate, round after round, on the same operands; the first round only warms up.
import type { WasmGemm } from '../engine/backend/wasm/gemm';
import type { GemmKernelShape } from '../engine/backend/wasm/gemm-kernel';

export interface KernelAB { n: number; plain: { median: number; best: number }; fma: { median: number; best: number } }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The median and the best of a list of GFLOP/s figures. */
export const summary = (xs: number[]) => ({ median: median(xs), best: Math.max(...xs) });

/** GFLOP/s of n×n×n products per kernel: the median and the best round (`clock` in ms). */
export function abKernels(create: (s: GemmKernelShape) => WasmGemm, clock: () => number, rounds: number, sizes: number[]): KernelAB[] {
  const kernels = { plain: create({ mr: 4, nv: 2, relaxed: false }), fma: create({ mr: 4, nv: 2, relaxed: true }) };
  return sizes.map((n) => {
    const A = { data: Float32Array.from({ length: n * n }, (_, i) => Math.sin(i)), off: 0, rs: n, cs: 1 };
    const B = { data: Float32Array.from({ length: n * n }, (_, i) => Math.cos(i)), off: 0, rs: n, cs: 1 };
    const C = new Float32Array(n * n);
    const reps = Math.max(1, Math.round(5e8 / (2 * n ** 3)));
    const got: Record<'plain' | 'fma', number[]> = { plain: [], fma: [] };
    for (let r = 0; r <= rounds; r++)
      for (const k of ['plain', 'fma'] as const) {
        const t0 = clock();
        for (let i = 0; i < reps; i++) kernels[k].gemm(n, n, n, A, B, C, 0, n);
        const ms = clock() - t0;
        if (r > 0) got[k].push((2 * n ** 3 * reps) / ms / 1e6);
      }
    return { n, plain: summary(got.plain), fma: summary(got.fma) };
  });
}

export function formatAB(rows: KernelAB[], rounds: number): string[] {
  return rows.map(
    ({ n, plain, fma }) =>
      `${n}²: mul + add ${plain.median.toFixed(1)} GFLOP/s (best ${plain.best.toFixed(1)}), relaxed_madd ${fma.median.toFixed(1)} (best ${fma.best.toFixed(1)}): ` +
      `${(fma.median / plain.median).toFixed(2)}× median, ${(fma.best / plain.best).toFixed(2)}× best (${rounds} rounds)`,
  );
}
