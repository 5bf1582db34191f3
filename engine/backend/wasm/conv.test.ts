// The WASM-GEMM conv kernels against the JS ones ('<op>_js'), on odd geometries, both backward
// kernels, and the banded im2col path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKernel, type Kernel } from '../registry';
import type { ConvGeom } from '../cpu/conv';
import { Tensor } from '../../tensor';
import { torch } from '../../index';
import { simdSupport } from './gemm';
import { _setConvBandLimit } from '../cpu/conv';
import { useFusedConv } from './index';
import { _setParallelMinFlops, _setThreadBackoff, chunksRunByWorkers, get_num_threads, set_num_threads, threadsReady, threadsSupported } from './threads';

const T = torch as any;

function geom(N: number, C: number, H: number, W: number, O: number, kh: number, kw: number, o: Partial<ConvGeom> = {}): ConvGeom {
  const g = { N, C, H, W, O, kh, kw, groups: 1, sh: 1, sw: 1, pt: 0, pl: 0, dh: 1, dw: 1, oH: 0, oW: 0, ...o };
  const pb = o.pt ?? 0, pr = o.pl ?? 0;
  g.oH = Math.floor((H + g.pt + pb - g.dh * (kh - 1) - 1) / g.sh) + 1;
  g.oW = Math.floor((W + g.pl + pr - g.dw * (kw - 1) - 1) / g.sw) + 1;
  return g;
}

function expectClose(a: Tensor, b: Tensor): void {
  expect(a._shape).toEqual(b._shape);
  const x = a.cpu_data(), y = b.cpu_data();
  let scale = 1;
  for (let i = 0; i < y.length; i++) scale = Math.max(scale, Math.abs(y[i]));
  for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-5 * scale);
}

describe.runIf(simdSupport().simd)('conv kernels on the WASM GEMM vs the JS ones', () => {
  const cases: [string, ConvGeom][] = [
    ['3×3 pad 1', geom(2, 3, 9, 11, 5, 3, 3, { pt: 1, pl: 1 })],
    ['1×1 direct', geom(2, 6, 7, 5, 4, 1, 1)],
    ['stride 2, dilation 2', geom(1, 4, 13, 12, 6, 3, 3, { sh: 2, sw: 2, dh: 2, dw: 2, pt: 2, pl: 1 })],
    ['groups 2, 5×3 kernel', geom(3, 4, 10, 9, 6, 5, 3, { groups: 2, pt: 2, pl: 1 })],
    // the bench CNN's second conv: the batched weight gradient sums 8·196 positions per tap
    ['8 → 16 channels, 14², batch 8', geom(8, 8, 14, 14, 16, 3, 3, { pt: 1, pl: 1 })],
    ['1 → 8 channels, 28², batch 4', geom(4, 1, 28, 28, 8, 3, 3, { pt: 1, pl: 1 })],
  ];
  for (const [name, g] of cases)
    it(name, () => {
      T.manual_seed(1);
      const x = T.randn([g.N, g.C, g.H, g.W]), w = T.randn([g.O, g.C / g.groups, g.kh, g.kw]), b = T.randn([g.O]);
      const gOut = T.randn([g.N, g.O, g.oH, g.oW]);
      for (const [op, args] of [['conv2d', [x, w, b, g]], ['conv2d_backward_input', [gOut, w, g]], ['conv2d_backward_weight', [x, gOut, g]]] as const) {
        const want = (getKernel(`${op}_js`, 'cpu') as Kernel)(...args) as Tensor;
        expectClose((getKernel(op, 'cpu') as Kernel)(...args) as Tensor, want);
        const old = _setConvBandLimit(40); // the banded im2col path
        try {
          expectClose((getKernel(op, 'cpu') as Kernel)(...args) as Tensor, want);
        } finally {
          _setConvBandLimit(old);
        }
      }
    });
});

describe.runIf(simdSupport().simd)('conv2d forward packed straight from the image (fused im2col)', () => {
  const pooled = threadsSupported();
  let byWorkers = 0;
  beforeAll(async () => {
    set_num_threads(2);
    await threadsReady();
    _setThreadBackoff(false);
    byWorkers = chunksRunByWorkers();
  });
  afterAll(() => {
    // where there is a pool, its worker packed and multiplied some of the chunks (a larger
    // convolution or a few, in case this thread finished the small ones before the worker woke)
    if (!pooled) return;
    set_num_threads(2);
    const g = geom(4, 16, 30, 30, 32, 3, 3, { pt: 1, pl: 1 });
    const x = T.randn([g.N, g.C, g.H, g.W]), w = T.randn([g.O, g.C, 3, 3]);
    for (let i = 0; i < 30 && chunksRunByWorkers() === byWorkers; i++) getKernel('conv2d', 'cpu')(x, w, null, g);
    _setThreadBackoff(true);
    expect(chunksRunByWorkers()).toBeGreaterThan(byWorkers);
  });
  const cases: [string, ConvGeom][] = [
    ['3×3 pad 1, batch 3', geom(3, 3, 9, 11, 5, 3, 3, { pt: 1, pl: 1 })],
    ['stride 2, dilation 2, asymmetric padding', geom(2, 4, 13, 12, 6, 3, 3, { sh: 2, sw: 2, dh: 2, dw: 2, pt: 2, pl: 1 })],
    ['groups 2, 5×3 kernel', geom(3, 4, 10, 9, 6, 5, 3, { groups: 2, pt: 2, pl: 1 })],
    ['2 output channels, 1×4 kernel, stride 3', geom(5, 2, 3, 40, 2, 1, 4, { sw: 3 })], // (M = 1 or tiny products go to the JS GEMM unfused)
  ];
  for (const [name, g] of cases)
    it(`${name}: bitwise equal to im2col + GEMM, one band or many, 1 or 2 threads`, () => {
      T.manual_seed(2);
      const x = T.randn([g.N, g.C, g.H, g.W]), w = T.randn([g.O, g.C / g.groups, g.kh, g.kw]), b = T.randn([g.O]);
      const conv = () => Array.from((getKernel('conv2d', 'cpu')(x, w, b, g) as Tensor).cpu_data());
      useFusedConv(false);
      const want = conv();
      useFusedConv(true);
      const threads = get_num_threads();
      try {
        for (const limit of [1 << 21, 40, 7])
          for (const n of [1, 2]) {
            set_num_threads(n);
            const old = _setConvBandLimit(limit), oldMin = _setParallelMinFlops(0);
            try {
              expect(conv(), `band limit ${limit}, ${n} threads`).toEqual(want);
            } finally {
              _setConvBandLimit(old);
              _setParallelMinFlops(oldMin);
            }
          }
      } finally {
        set_num_threads(threads);
      }
      // and against the JS kernel, by value
      expectClose(getKernel('conv2d', 'cpu')(x, w, b, g) as Tensor, getKernel('conv2d_js', 'cpu')(x, w, b, g) as Tensor);
    });
});
