// Test helpers of the WebGPU browser suites: tolerances per op family, the GPU-vs-CPU value
// comparison, and the init every suite needs (WebGPU must be available in the test browser).
import { beforeAll, expect } from 'vitest';
import { torch } from '../../index';
import type { Tensor } from '../../tensor';

/** Tolerances per op family: f32 on both sides, but GPU math builtins (exp, tanh, pow) differ in the last bits. */
export const TOL = {
  exact: { rtol: 0, atol: 0 },
  elementwise: { rtol: 2e-5, atol: 1e-6 },
  transcendental: { rtol: 1e-4, atol: 1e-5 },
  reduction: { rtol: 1e-4, atol: 1e-5 },
  matmul: { rtol: 1e-4, atol: 1e-4 },
  gradients: { rtol: 1e-4, atol: 1e-5 },
  /** 100 SGD steps: f32 rounding differences (the CPU sums in f64) compound. */
  training: { rtol: 5e-4, atol: 1e-4 },
};
export type Tol = { rtol: number; atol: number };
export const T = torch as any;

export async function expectClose(gpuT: Tensor, cpuT: Tensor, tol: Tol, what = ''): Promise<void> {
  expect(gpuT.device.type, what).toBe('webgpu');
  expect([...gpuT.shape], what).toEqual([...cpuT.shape]);
  expect(gpuT.dtype, what).toBe(cpuT.dtype);
  const g = Array.from(await gpuT.data() as ArrayLike<number>), c = Array.from(cpuT.cpu_data() as ArrayLike<number>);
  for (let i = 0; i < c.length; i++) {
    const a = g[i], b = c[i];
    if (Number.isNaN(b)) {
      expect(Number.isNaN(a), `${what} [${i}]: ${a} vs NaN`).toBe(true);
      continue;
    }
    if (!Number.isFinite(b)) {
      expect(a, `${what} [${i}]`).toBe(b);
      continue;
    }
    const ok = Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b);
    if (!ok) expect(a, `${what} [${i}] (cpu ${b})`).toBeCloseTo(b, 12);
  }
}

export const gpu = (t: Tensor): Tensor => t.to('webgpu');

/** Initialises WebGPU before the suite's tests; a browser without it fails the suite with the reason. */
export function useWebGPU(): void {
  beforeAll(async () => {
    const ok = await T.webgpu.init();
    if (!ok) throw new Error(`WebGPU unavailable in the test browser: ${T.webgpu.unavailable_reason()}`);
  });
}
