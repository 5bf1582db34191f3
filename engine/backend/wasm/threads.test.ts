// The threaded WASM GEMM (./threads): split across a worker pool, results are bitwise equal to
// the same GEMM on one thread (each element sums its K blocks in the same order), for odd shapes
// split by columns and by rows, strided operands and accumulation; conv2d and its backward (im2col
// GEMMs) through the public ops; set_num_threads / get_num_threads. Runs where a pool can run
// (Node; a crossOriginIsolated browser context), else checks that everything stays on one thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatOperand } from '../cpu/gemm';
import type { ConvGeom } from '../cpu/conv';
import { getKernel } from '../registry';
import type { Tensor } from '../../tensor';
import { torch } from '../../index';
import { gemm, wasmAvailable } from './index';
import { _setParallelMinFlops, _setThreadBackoff, _setWorkerDelay, _threadBackoffs, chunksRunByWorkers, get_num_threads, set_num_threads, threadsReady, threadsSupported } from './threads';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

function operand(rows: number, cols: number, transposed: boolean, r: () => number): MatOperand {
  const data = Float32Array.from({ length: rows * cols + 3 }, r);
  return transposed ? { data, off: 3, rs: 1, cs: rows } : { data, off: 3, rs: cols, cs: 1 };
}

const pooled = threadsSupported() && wasmAvailable();
const T = torch as any;

describe.runIf(pooled)('threaded WASM GEMM', () => {
  let oldMin = 0;
  beforeAll(async () => {
    set_num_threads(2);
    expect(await threadsReady()).toBe(2);
    oldMin = _setParallelMinFlops(0); // split every product, even tiny ones
    _setThreadBackoff(false); // keep splitting even when the machine is busy
  });
  afterAll(() => {
    _setParallelMinFlops(oldMin);
    _setThreadBackoff(true);
    set_num_threads(Math.max(2, get_num_threads()));
  });

  /** C from the installed GEMM with n threads. */
  function run(n: number, M: number, N: number, K: number, A: MatOperand, B: MatOperand, acc: Float32Array | null): Float32Array {
    set_num_threads(n);
    const C = acc ? acc.slice() : new Float32Array(M * N + 2);
    gemm(M, N, K, A, B, C, 2, N, acc !== null);
    return C;
  }

  // columns split (N long), rows split (M long), both tiny, K crossing the 256 block, 1024-wide
  const shapes: [number, number, number][] = [
    [2, 9, 3], [5, 17, 7], [33, 31, 29], [7, 301, 13], [301, 9, 13], [65, 127, 300], [130, 260, 513], [13, 1031, 70], [517, 24, 257],
  ];

  it('is bitwise equal to one thread for odd shapes, both splits, strided operands, accumulation', async () => {
    set_num_threads(2);
    await threadsReady();
    const r = rng(7);
    const before = chunksRunByWorkers();
    for (const [M, N, K] of shapes)
      for (const ta of [false, true])
        for (const tb of [false, true]) {
          const A = operand(M, K, ta, r), B = operand(K, N, tb, r);
          const one = run(1, M, N, K, A, B, null);
          const two = run(2, M, N, K, A, B, null);
          expect(two, `${M}×${N}×${K}`).toEqual(one);
          const base = Float32Array.from({ length: M * N + 2 }, r);
          expect(run(2, M, N, K, A, B, base), `${M}×${N}×${K} accumulate`).toEqual(run(1, M, N, K, A, B, base));
        }
    // (on a busy machine this thread may finish small products before the worker wakes: larger ones)
    const big = operand(384, 384, false, r);
    for (let i = 0; i < 50 && chunksRunByWorkers() === before; i++) run(2, 384, 384, 384, big, big, null);
    expect(chunksRunByWorkers(), 'chunks run by the worker').toBeGreaterThan(before);
    // and a real value: one element against a direct dot product
    const [M, N, K] = [37, 45, 300];
    const A = operand(M, K, false, r), B = operand(K, N, false, r);
    const C = run(2, M, N, K, A, B, null);
    let s = 0;
    for (let p = 0; p < K; p++) s += A.data[A.off + 36 * K + p] * B.data[B.off + p * N + 44];
    expect(C[2 + 36 * N + 44]).toBeCloseTo(s, 3);
  });

  it('matmul and conv2d forward/backward (im2col GEMMs) match one thread bitwise', () => {
    T.manual_seed(3);
    // 3×3, padding 1, stride (1, 2): oH 19, oW 12
    const g: ConvGeom = { N: 3, C: 5, H: 19, W: 23, O: 7, kh: 3, kw: 3, groups: 1, sh: 1, sw: 2, pt: 1, pl: 1, dh: 1, dw: 1, oH: 19, oW: 12 };
    const x = T.randn([3, 5, 19, 23]), w = T.randn([7, 5, 3, 3]), b = T.randn([7]), gOut = T.randn([3, 7, 19, 12]);
    const a = T.randn([2, 67, 129]), m = T.randn([129, 71]);
    const once = (n: number) => {
      set_num_threads(n);
      return [
        getKernel('conv2d', 'cpu')(x, w, b, g) as Tensor,
        getKernel('conv2d_backward_input', 'cpu')(gOut, w, g) as Tensor,
        getKernel('conv2d_backward_weight', 'cpu')(x, gOut, g) as Tensor,
        torch.matmul(a, m),
      ].map((t) => Array.from(t.cpu_data()));
    };
    const one = once(1), two = once(2);
    one.forEach((v, i) => expect(two[i], ['conv2d', 'backward_input', 'backward_weight', 'matmul'][i]).toEqual(v));
    // and one real value of the convolution: output (0, 0, 5, 5) by hand
    const X = x.cpu_data(), Wt = w.cpu_data();
    let s = b.cpu_data()[0];
    for (let c = 0; c < 5; c++) for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += X[(c * 19 + 5 + i - 1) * 23 + 10 + j - 1] * Wt[(c * 3 + i) * 3 + j];
    expect(two[0][5 * 12 + 5]).toBeCloseTo(s, 4);
  });
});

describe.runIf(pooled)('threads on busy cores', () => {
  it('backs off to one thread after workers stall, with the same results', async () => {
    set_num_threads(2);
    await threadsReady();
    const oldMin = _setParallelMinFlops(0);
    _setThreadBackoff(true);
    _threadBackoffs(true);
    const r = rng(5);
    const [M, N, K] = [64, 1024, 256]; // ~1 ms: the worker wakes and claims a chunk before this thread is done
    const A = operand(M, K, false, r), B = operand(K, N, false, r);
    const product = () => {
      const C = new Float32Array(M * N);
      gemm(M, N, K, A, B, C, 0, N);
      return C;
    };
    set_num_threads(1);
    const want = product();
    set_num_threads(2);
    try {
      _setWorkerDelay(30); // the worker sleeps 30 ms before each chunk: every split stalls
      // back to back (a slow comparison in between would let the worker fall asleep)
      const got: Float32Array[] = [];
      for (let i = 0; i < 40 && _threadBackoffs() === 0; i++) got.push(product());
      expect(_threadBackoffs()).toBe(1);
      // backed off (for 500 ms): the next products stay on this thread (the worker takes no chunk)
      const before = chunksRunByWorkers();
      const after = [product(), product(), product()];
      expect(chunksRunByWorkers()).toBe(before);
      // bit for bit (toEqual on 64K-element arrays is slow)
      const bits = new Uint32Array(want.buffer);
      for (const C of [...got, ...after]) expect(new Uint32Array(C.buffer).every((v, i) => v === bits[i])).toBe(true);
      expect(want[5]).not.toBe(0);
      expect(torch.__config__.parallel_info()).toMatch(/backed off to one thread \(workers stalled on busy cores\) : 1 times/);
    } finally {
      _setWorkerDelay(0);
      _setParallelMinFlops(oldMin);
      _threadBackoffs(true);
    }
  });
});

describe('set_num_threads / get_num_threads', () => {
  it('rejects non-positive or fractional counts with a clear error', () => {
    expect(() => torch.set_num_threads(0)).toThrow(/positive integer/);
    expect(() => torch.set_num_threads(1.5)).toThrow(/positive integer/);
  });
  it('reports 1 where no pool can run, else what was set', () => {
    const old = torch.get_num_threads();
    torch.set_num_threads(3);
    expect(torch.get_num_threads()).toBe(pooled ? 3 : 1);
    torch.set_num_threads(1);
    expect(torch.get_num_threads()).toBe(1);
    torch.set_num_threads(old);
  });
});
