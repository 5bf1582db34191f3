// The WASM SIMD GEMM against the JS GEMM (the reference) on random and odd shapes, strided and
// transposed operands, accumulation, and several micro-tile shapes; then the registered
// 'matmul' kernel against 'matmul_js' through the public ops.
import { describe, expect, it } from 'vitest';
import { gemmJs as jsGemm, type MatOperand } from '../cpu/gemm';
import { getKernel } from '../registry';
import { torch } from '../../index';
import { createWasmGemm, simdSupport } from './gemm';
import { wasmAvailable } from './index';
import { makeGemm } from './matmul';
import type { Tensor } from '../../tensor';

const hasSimd = simdSupport().simd;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

/** A random M×K operand stored row-major, column-major (a transposed view) or with padded rows. */
function operand(rows: number, cols: number, layout: 'row' | 'col' | 'padded', r: () => number): MatOperand {
  const ld = layout === 'padded' ? cols + 3 : layout === 'row' ? cols : rows;
  const n = layout === 'col' ? cols * rows : rows * ld;
  const data = Float32Array.from({ length: n + 5 }, r);
  return layout === 'col' ? { data, off: 5, rs: 1, cs: rows } : { data, off: 5, rs: ld, cs: 1 };
}

function maxRelErr(got: Float32Array, want: Float32Array, K: number): number {
  let e = 0;
  for (let i = 0; i < got.length; i++) e = Math.max(e, Math.abs(got[i] - want[i]) / Math.sqrt(K));
  return e;
}

const shapes: [number, number, number][] = [
  [1, 1, 1], [2, 3, 4], [3, 5, 7], [4, 8, 1], [5, 9, 2], [7, 13, 17], [8, 8, 8], [16, 16, 16], [33, 31, 29], [64, 10, 128],
  [65, 127, 300], [100, 1, 50], [1, 100, 50], [130, 260, 257], [11, 8, 1],
];

describe.runIf(hasSimd)('WASM SIMD GEMM vs the JS GEMM', () => {
  const tiles = [
    { mr: 4, nv: 2, relaxed: false },
    { mr: 3, nv: 1, relaxed: false, ku: 2 },
    { mr: 6, nv: 2, relaxed: false, ku: 4 },
    ...(simdSupport().relaxed ? [{ mr: 4, nv: 2, relaxed: true }] : []),
  ];
  for (const tile of tiles) {
    // small blocks, so that every block boundary (mc, kc, nc) is crossed by the shapes above
    const g = createWasmGemm(tile, { mc: 12, kc: 20, nc: 40 });
    it(`tile ${tile.mr}×${4 * tile.nv}${tile.ku ? ` k-unroll ${tile.ku}` : ''}${tile.relaxed ? ' relaxed' : ''}: random shapes and layouts`, () => {
      const r = rng(tile.mr * 100 + tile.nv);
      for (const [M, N, K] of shapes)
        for (const la of ['row', 'col', 'padded'] as const)
          for (const lb of ['row', 'col'] as const) {
            const A = operand(M, K, la, r), B = operand(K, N, lb, r);
            const want = new Float32Array(M * N), got = new Float32Array(M * N);
            jsGemm(M, N, K, A, B, want, 0, N);
            g.gemm(M, N, K, A, B, got, 0, N);
            expect(maxRelErr(got, want, K), `${M}×${N}×${K} A ${la} B ${lb}`).toBeLessThan(1e-5);
          }
    });
  }

  it('writes into a strided C (ldc > N, offset) and accumulates when asked', () => {
    const g = createWasmGemm({ mr: 4, nv: 2, relaxed: false }, { mc: 8, kc: 16, nc: 16 });
    const r = rng(7);
    const [M, N, K, ldc, off] = [19, 21, 23, 30, 7];
    const A = operand(M, K, 'row', r), B = operand(K, N, 'col', r);
    const base = Float32Array.from({ length: off + M * ldc }, r);
    const want = base.slice(), got = base.slice();
    jsGemm(M, N, K, A, B, want, off, ldc, true);
    g.gemm(M, N, K, A, B, got, off, ldc, true);
    expect(maxRelErr(got, want, K)).toBeLessThan(1e-5);
    jsGemm(M, N, K, A, B, want, off, ldc, false);
    g.gemm(M, N, K, A, B, got, off, ldc, false);
    expect(maxRelErr(got, want, K)).toBeLessThan(1e-5);
    // the padding between rows of C is untouched
    for (let i = 0; i < M; i++) for (let j = N; j < ldc && off + i * ldc + j < got.length; j++) expect(got[off + i * ldc + j]).toBe(base[off + i * ldc + j]);
  });

  it('K = 0 gives zeros, or leaves C alone when accumulating', () => {
    const g = createWasmGemm({ mr: 4, nv: 2, relaxed: false });
    const A = { data: new Float32Array(0), off: 0, rs: 0, cs: 1 };
    const c = new Float32Array(6).fill(3);
    g.gemm(2, 3, 0, A, A, c, 0, 3, true);
    expect([...c]).toEqual([3, 3, 3, 3, 3, 3]);
    g.gemm(2, 3, 0, A, A, c, 0, 3);
    expect([...c]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('grows its memory for a large product, then still works for small ones', () => {
    const g = createWasmGemm({ mr: 4, nv: 2, relaxed: false });
    const r = rng(3);
    for (const [M, N, K] of [[300, 400, 500], [5, 6, 7]] as const) {
      const A = operand(M, K, 'row', r), B = operand(K, N, 'row', r);
      const want = new Float32Array(M * N), got = new Float32Array(M * N);
      jsGemm(M, N, K, A, B, want, 0, N);
      g.gemm(M, N, K, A, B, got, 0, N);
      expect(maxRelErr(got, want, K)).toBeLessThan(1e-5);
    }
  });
});

describe.runIf(hasSimd)('the GEMM entry point (WASM GEMM, row·Wᵀ dot products, JS) vs the JS GEMM', () => {
  const g = makeGemm(createWasmGemm({ mr: 4, nv: 2, relaxed: false }));
  it('one row times a transposed weight (a Linear layer at batch 1), odd K, accumulate', () => {
    const r = rng(11);
    for (const [N, K] of [[7, 64], [10, 131], [33, 1000]])
      for (const acc of [false, true]) {
        const A = operand(1, K, 'row', r), B = operand(K, N, 'col', r);
        const want = Float32Array.from({ length: N }, r), got = want.slice();
        jsGemm(1, N, K, A, B, want, 0, N, acc);
        g(1, N, K, A, B, got, 0, N, acc);
        expect(maxRelErr(got, want, K), `${N}×${K}`).toBeLessThan(1e-5);
      }
    // x read with a stride (a column of a matrix), two outputs per pass and an odd one left over
    const x = Float32Array.from({ length: 2 * 67 + 1 }, r);
    const A = { data: x, off: 1, rs: 0, cs: 2 }, B = operand(67, 9, 'col', r);
    const want = new Float32Array(9), got = new Float32Array(9);
    jsGemm(1, 9, 67, A, B, want, 0, 9);
    g(1, 9, 67, A, B, got, 0, 9);
    expect(maxRelErr(got, want, 67)).toBeLessThan(1e-5);
    expect(Math.abs(got[8])).toBeGreaterThan(0);
  });
});

describe.runIf(hasSimd)("registered 'matmul' kernel (WASM) vs 'matmul_js'", () => {
  const T = torch as any;
  const close = (a: Tensor, b: Tensor) => {
    const x = a.cpu_data(), y = b.cpu_data();
    expect(a._shape).toEqual(b._shape);
    for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-4 * (1 + Math.abs(y[i])));
  };
  it('is active after import', () => {
    expect(wasmAvailable()).toBe(true);
    expect(getKernel('matmul', 'cpu')).not.toBe(getKernel('matmul_js', 'cpu'));
  });
  it('batched, broadcast and transposed operands through torch.matmul', () => {
    T.manual_seed(0);
    const cases: [number[], number[], boolean][] = [
      [[37, 53], [53, 29], false],
      [[3, 17, 33], [3, 33, 9], false],
      [[2, 1, 12, 20], [4, 20, 16], false],
      [[64, 784], [128, 784], true],
      [[5, 5], [5, 5], true],
    ];
    const js = getKernel('matmul_js', 'cpu');
    for (const [sa, sb, transB] of cases) {
      const a = T.randn(sa), b0 = T.randn(sb);
      const b = transB ? b0.transpose(-1, -2) : b0;
      const got = T.matmul(a, b);
      const ea = a.expand([...got._shape.slice(0, -2), a._shape.at(-2), a._shape.at(-1)]);
      const eb = b.expand([...got._shape.slice(0, -2), b._shape.at(-2), b._shape.at(-1)]);
      close(got, js(ea, eb));
    }
  });
  it('float64 stays on the JS kernel and stays exact to float64', () => {
    const a = T.randn([9, 10], { dtype: T.float64 }), b = T.randn([10, 11], { dtype: T.float64 });
    const got = T.matmul(a, b), want = getKernel('matmul_js', 'cpu')(a, b);
    expect(got.dtype).toBe(T.float64);
    expect([...got.cpu_data()]).toEqual([...want.cpu_data()]);
  });
});
