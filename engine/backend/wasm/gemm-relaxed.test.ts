// The two WASM GEMM micro-kernels: f32x4.mul + f32x4.add (everywhere WASM SIMD runs) and
// f32x4.relaxed_madd (where the engine has relaxed SIMD: Chromium; Node 20 only with
// --experimental-wasm-relaxed-simd). Each one against a float64 reference within float32's
// accumulation bound, against itself (the same bits run after run, from a fresh instance, on one
// thread or two), relaxed_madd's rounding (fused or not, the same for every element), and the
// switch between them through the public matmul.
import { afterAll, describe, expect, it } from 'vitest';
import type { MatOperand } from '../cpu/gemm';
import { torch } from '../../index';
import type { Tensor } from '../../tensor';
import { createWasmGemm, simdSupport } from './gemm';
import { relaxedSimdAvailable, relaxedSimdInUse, useRelaxedSimd, wasmAvailable } from './index';
import { get_num_threads, parallel_info, set_num_threads, threadsReady, threadsSupported } from './threads';

const support = simdSupport();
const kernels = [false, ...(support.relaxed ? [true] : [])];
const label = (relaxed: boolean) => (relaxed ? 'f32x4.relaxed_madd' : 'f32x4.mul + f32x4.add');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

const rowMajor = (data: Float32Array, cols: number): MatOperand => ({ data, off: 0, rs: cols, cs: 1 });

/** Σₖ a·b in float64, and Σₖ |a·b| (the scale of float32's rounding error). */
function reference(M: number, N: number, K: number, a: Float32Array, b: Float32Array): { c: Float64Array; abs: Float64Array } {
  const c = new Float64Array(M * N), abs = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0, t = 0;
      for (let k = 0; k < K; k++) {
        const p = a[i * K + k] * b[k * N + j];
        s += p;
        t += Math.abs(p);
      }
      c[i * N + j] = s;
      abs[i * N + j] = t;
    }
  return { c, abs };
}

const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [8, 8, 2], [33, 31, 29], [65, 127, 300], [17, 40, 1000], [130, 260, 513]];

describe.runIf(support.simd)('the WASM GEMM micro-kernels, each on its own', () => {
  for (const relaxed of kernels) {
    const tile = { mr: 4, nv: 2, relaxed };

    it(`${label(relaxed)}: within float32's accumulation bound of a float64 reference`, () => {
      const g = createWasmGemm(tile, { mc: 24, kc: 64, nc: 128 });
      const r = rng(5);
      for (const [M, N, K] of shapes) {
        const a = Float32Array.from({ length: M * K }, r), b = Float32Array.from({ length: K * N }, r);
        const got = new Float32Array(M * N);
        g.gemm(M, N, K, rowMajor(a, K), rowMajor(b, N), got, 0, N);
        const { c, abs } = reference(M, N, K, a, b);
        // |error| ≤ γ_K Σ|a·b| with γ_K ≈ K·2⁻²⁴ (recursive summation), plus the final rounding
        for (let e = 0; e < M * N; e++) expect(Math.abs(got[e] - c[e]), `${M}×${N}×${K} element ${e}`).toBeLessThanOrEqual((K + 1) * 2 ** -24 * abs[e] + 1e-30);
        // and typically far inside it: the mean error is a few ulps of the row's scale
        let err = 0, scale = 0;
        for (let e = 0; e < M * N; e++) {
          err += Math.abs(got[e] - c[e]);
          scale += abs[e];
        }
        expect(err / scale, `${M}×${N}×${K} mean`).toBeLessThan(8 * 2 ** -24);
      }
    });

    it(`${label(relaxed)}: the same bits every run, from a fresh instance too`, () => {
      const r = rng(9);
      const [M, N, K] = [67, 75, 700];
      const A = rowMajor(Float32Array.from({ length: M * K }, r), K), B = rowMajor(Float32Array.from({ length: K * N }, r), N);
      const runOn = (g: ReturnType<typeof createWasmGemm>) => {
        const C = new Float32Array(M * N);
        g.gemm(M, N, K, A, B, C, 0, N);
        return new Uint32Array(C.buffer);
      };
      const g = createWasmGemm(tile);
      const first = runOn(g);
      expect(runOn(g)).toEqual(first);
      expect(runOn(createWasmGemm(tile))).toEqual(first);
    });
  }

  it.runIf(support.relaxed)('f32x4.relaxed_madd rounds every element the same way: all fused (FMA) or all unfused', () => {
    // K = 2: c = a₁b₁ ⊕ a₂b₂; fused: round(a₂b₂ + round(a₁b₁)), unfused: round(round(a₂b₂) + round(a₁b₁))
    const g = createWasmGemm({ mr: 4, nv: 2, relaxed: true });
    const r = rng(13);
    const [M, N, K] = [16, 16, 2];
    const a = Float32Array.from({ length: M * K }, r), b = Float32Array.from({ length: K * N }, r);
    const got = new Float32Array(M * N);
    g.gemm(M, N, K, rowMajor(a, K), rowMajor(b, N), got, 0, N);
    const f = Math.fround;
    let fusedOnly = 0, unfusedOnly = 0;
    for (let i = 0; i < M; i++)
      for (let j = 0; j < N; j++) {
        const p1 = f(a[i * K] * b[j]);
        const exact2 = a[i * K + 1] * b[N + j]; // exact in float64 (24 + 24 bits)
        const fused = f(exact2 + p1), unfused = f(f(exact2) + p1);
        const v = got[i * N + j];
        expect(v === fused || v === unfused, `element ${i},${j}`).toBe(true);
        if (fused !== unfused) {
          if (v === fused) fusedOnly++;
          else unfusedOnly++;
        }
      }
    expect(fusedOnly === 0 || unfusedOnly === 0, `fused ${fusedOnly}, unfused ${unfusedOnly}`).toBe(true);
  });
});

describe.runIf(support.simd && wasmAvailable())('the GEMM the CPU kernels use', () => {
  afterAll(() => {
    useRelaxedSimd(true);
    set_num_threads(threads);
  });

  const threads = get_num_threads();
  const r = rng(21);
  const xs = Float32Array.from({ length: 96 * 200 }, r), ws = Float32Array.from({ length: 200 * 130 }, r);
  const x = torch.tensor(Array.from(xs)).reshape([96, 200]) as Tensor;
  const w = torch.tensor(Array.from(ws)).reshape([200, 130]) as Tensor;
  const bits = (t: Tensor) => new Uint32Array(Float32Array.from(t.cpu_data() as ArrayLike<number>).buffer);
  const direct = (relaxed: boolean) => {
    const C = new Float32Array(96 * 130);
    createWasmGemm({ mr: 4, nv: 2, relaxed }).gemm(96, 130, 200, rowMajor(xs, 200), rowMajor(ws, 130), C, 0, 130);
    return new Uint32Array(C.buffer);
  };

  it('uses relaxed_madd by default exactly where the engine has relaxed SIMD, and says so', () => {
    expect(relaxedSimdAvailable()).toBe(support.relaxed);
    expect(relaxedSimdInUse()).toBe(support.relaxed);
    expect(parallel_info()).toContain(support.relaxed ? 'f32x4.relaxed_madd' : 'f32x4.mul + f32x4.add');
  });

  it('matmul gives each kernel’s own bits, on one thread or two, and switches between them', async () => {
    for (const relaxed of [...kernels, ...kernels]) {
      expect(useRelaxedSimd(relaxed)).toBe(relaxed);
      const want = direct(relaxed);
      set_num_threads(1);
      expect(bits(torch.matmul(x, w) as Tensor), `${label(relaxed)}, 1 thread`).toEqual(want);
      if (threadsSupported()) {
        set_num_threads(2);
        await threadsReady();
        expect(bits(torch.matmul(x, w) as Tensor), `${label(relaxed)}, 2 threads`).toEqual(want);
      }
    }
    set_num_threads(threads);
    expect(useRelaxedSimd(false)).toBe(false);
    expect(parallel_info()).toContain('f32x4.mul + f32x4.add');
  });
});
