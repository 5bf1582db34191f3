// The WebGPU backend against the CPU backend, in headless Chromium (SwiftShader without a GPU).
// Every op family is compared on odd shapes (size-0 and size-1 dims, non-contiguous views,
// sizes that are not multiples of the tile sizes), with a tolerance per family (TOL below).
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../tensor';
import { UNARY, BINARY } from '../elementwise-spec';
import { binaryRaw } from '../../ops/raw';
import { expectClose, gpu, T, TOL, useWebGPU } from './gpu-compare';

useWebGPU();

describe('device', () => {
  it('init gives an available device with a name and the webgpu:0 device', async () => {
    expect(T.webgpu.is_available()).toBe(true);
    expect(T.webgpu.unavailable_reason()).toBe(null);
    expect(T.webgpu.device_count()).toBe(1);
    const t = T.ones([2]).to('webgpu');
    expect(String(t.device)).toBe('webgpu:0');
    expect(await t.tolist()).toEqual([1, 1]);
  });
  it('float64 is refused with a clear error', () => {
    expect(() => T.zeros([2], { dtype: T.float64 }).to('webgpu')).toThrow(/WebGPU does not support float64/);
  });
  it('mixing devices gives PyTorch\'s error', () => {
    expect(() => T.ones([2]).to('webgpu').add(T.ones([2]))).toThrow(/Expected all tensors to be on the same device/);
  });
  it('round-trips every dtype', async () => {
    for (const [data, dtype] of [[[1.5, -2, 3e7], 'float32'], [[1, -2, 2147483647], 'int64'], [[3, -4], 'int32'], [[true, false, true], 'bool']] as const) {
      const c = T.tensor(data, { dtype });
      const g = gpu(c);
      expect(await g.tolist()).toEqual(c.cpu_tolist());
      expect((await g.data()).constructor).toBe(c.cpu_data().constructor);
    }
  });
  it('g.cpu() is a Promise of the CPU copy (using it unawaited is an explained error); torch.webgpu.to_cpu works', async () => {
    const g = gpu(T.arange(6).reshape([2, 3]).float());
    expect(() => g.cpu().add(1)).toThrow(/asynchronous/);
    expect((await g.cpu()).cpu_tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
    const c = await T.webgpu.to_cpu(g);
    expect(c.cpu_tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
  });
});

const positive = new Set(['log', 'log2', 'sqrt', 'rsqrt', 'log1p']);
const transcendental = new Set(['tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'exp2', 'exp', 'log', 'log2', 'log1p', 'expm1', 'tanh', 'sigmoid', 'erf', 'gelu', 'gelu_tanh', 'silu', 'softplus', 'sin', 'cos', 'rsqrt', 'sqrt', 'reciprocal', 'pow', 'atan2', 'div']);

describe('elementwise (generated from the op table)', () => {
  T.manual_seed(0);
  const shapes: number[][] = [[], [1], [0, 3], [3, 1, 5], [17, 33]];
  for (const name of Object.keys(UNARY)) {
    it(`unary ${name}`, async () => {
      for (const shape of shapes) {
        let x = T.randn(shape).mul(3);
        if (positive.has(name)) x = x.abs().add(0.1);
        // tan within 0.05 of a pole amplifies one float32 ulp of the argument past any fixed
        // tolerance (tan 1.5706 ≈ 6100 moves 0.2% per ulp): compare away from the poles
        if (name === 'tan') x = x.masked_fill(x.cos().abs().lt(0.05), 0);
        const tol = transcendental.has(name) ? TOL.transcendental : TOL.elementwise;
        const f = (t: Tensor) => name === 'gelu_tanh' ? T.nn.functional.gelu(t, { approximate: 'tanh' }) : T[name] ? T[name](t) : (t as any)[name]();
        await expectClose(f(gpu(x)), f(x), tol, `${name} ${shape}`);
        if (x.ndim === 2) await expectClose(f(gpu(x).t()), f(x.t()), tol, `${name} transposed`);
      }
    });
  }
  it('unary ops on integer and bool tensors', async () => {
    const xi = T.tensor([[-3, 0, 7], [2, -1, 5]]);
    for (const name of ['neg', 'abs', 'sign', 'square', 'relu', 'floor', 'round', 'exp', 'sqrt', 'logical_not', 'isnan']) {
      const f = (t: Tensor) => (t as any)[name]?.() ?? T[name](t);
      await expectClose(f(gpu(xi)), f(xi), TOL.transcendental, `int ${name}`);
    }
    const xb = T.tensor([true, false, true]);
    await expectClose(gpu(xb).logical_not(), xb.logical_not(), TOL.exact, 'bool not');
  });
  it('NaN and Inf behave as on the CPU', async () => {
    const x = T.tensor([NaN, Infinity, -Infinity, 0, -0.5, 2]);
    for (const name of ['relu', 'isnan', 'isinf', 'isfinite', 'exp', 'tanh', 'sigmoid', 'abs']) {
      const f = (t: Tensor) => (t as any)[name]?.() ?? T[name](t);
      await expectClose(f(gpu(x)), f(x), TOL.transcendental, name);
    }
    const y = T.tensor([1, NaN, 3, 0, 0, -2]);
    await expectClose(gpu(x).maximum(gpu(y)), x.maximum(y), TOL.exact, 'maximum NaN');
    await expectClose(gpu(x).minimum(gpu(y)), x.minimum(y), TOL.exact, 'minimum NaN');
  });
  for (const name of Object.keys(BINARY)) {
    it(`binary ${name} (broadcast, scalars, views)`, async () => {
      const tol = transcendental.has(name) ? TOL.transcendental : TOL.elementwise;
      let a = T.randn([4, 1, 6]).mul(2);
      const b = T.randn([5, 1]).mul(2);
      if (name === 'pow') a = a.abs().add(0.5);
      // ops without a torch function (threshold_backward: ReLU's backward) through the op layer
      const f = (x: unknown, y: unknown) => (typeof T[name] === 'function' ? T[name](x, y) : binaryRaw(name, x as Tensor, y as Tensor));
      await expectClose(f(gpu(a), gpu(b)), f(a, b), tol, `${name} broadcast`);
      await expectClose(f(gpu(a), 1.5), f(a, 1.5), tol, `${name} scalar right`);
      await expectClose(f(2.5, gpu(a)), f(2.5, a), tol, `${name} scalar left`);
      const m = T.randn([7, 9]).mul(3), n = T.randn([9, 7]).mul(3);
      const mm = name === 'pow' ? m.abs() : m;
      await expectClose(f(gpu(mm), gpu(n).t()), f(mm, n.t()), tol, `${name} transposed`);
      await expectClose(f(gpu(T.zeros([0, 3])), gpu(T.ones([3]))), f(T.zeros([0, 3]), T.ones([3])), tol, `${name} empty`);
    });
  }
  it('integer arithmetic stays exact (int64 as i32), with PyTorch promotion', async () => {
    const a = T.tensor([[7, -7, 5], [0, 9, -3]]), b = T.tensor([2, -3, 4]);
    for (const name of ['add', 'sub', 'mul', 'remainder', 'fmod', 'maximum', 'minimum', 'eq', 'lt', 'ge', 'div', 'pow', 'logical_and', 'logical_xor']) {
      const bb = name === 'pow' ? b.abs() : b;
      await expectClose(T[name](gpu(a), gpu(bb)), T[name](a, bb), TOL.exact, `int ${name}`);
    }
    await expectClose(gpu(a).mul(0.5), a.mul(0.5), TOL.exact, 'int * float scalar → float');
    await expectClose(gpu(a).add(gpu(T.tensor([0.25, 0.5, 1]))), a.add(T.tensor([0.25, 0.5, 1])), TOL.exact, 'int + float → float');
  });
  it('where, clamp, cast and in-place ops on views', async () => {
    const x = T.randn([5, 6]), y = T.randn([6]);
    const c = x.gt(0);
    await expectClose(T.where(gpu(c), gpu(x), gpu(y)), T.where(c, x, y), TOL.exact, 'where');
    await expectClose(T.where(gpu(c), gpu(x), 0), T.where(c, x, 0), TOL.exact, 'where scalar');
    await expectClose(gpu(x).clamp(-0.5, 0.5), x.clamp(-0.5, 0.5), TOL.exact, 'clamp');
    for (const dt of ['int64', 'int32', 'bool', 'float32'])
      await expectClose(gpu(x.mul(4)).to(dt), x.mul(4).to(dt), TOL.exact, `cast ${dt}`);
    await expectClose(gpu(T.tensor([true, false])).to('float32'), T.tensor([1, 0]).float(), TOL.exact, 'bool → float');
    const base = T.randn([6, 5]), gb = gpu(base);
    const v = base.t(), gv = gb.t();
    v.add_(1);
    gv.add_(1);
    await expectClose(gb, base, TOL.exact, 'add_ through a transposed view');
    base.narrow(1, 1, 3).mul_(2);
    gb.narrow(1, 1, 3).mul_(2);
    await expectClose(gb, base, TOL.exact, 'mul_ on a narrow view');
    await expectClose(gpu(base).narrow(0, 2, 3).contiguous(), base.narrow(0, 2, 3).contiguous(), TOL.exact, 'contiguous of a view');
  });
});

describe('reductions (workgroup trees)', () => {
  it('sum, mean, prod, max, min, argmax, argmin, amax, amin, all, any', async () => {
    T.manual_seed(1);
    for (const shape of [[7], [3, 300], [300, 3], [2, 5, 129], [1, 1], [0, 4]]) {
      const x = T.randn(shape);
      const ndim = shape.length;
      for (const dim of [null, 0, ndim - 1, ...(ndim === 3 ? [[0, 2]] : [])]) {
        const args = dim === null ? [] : [dim];
        for (const op of ['sum', 'mean', 'amax', 'amin', 'prod']) {
          if ((op === 'amax' || op === 'amin') && x.numel() === 0) continue;
          const xx = op === 'prod' ? x.mul(0.2).add(1) : x;
          const call = (t: Tensor) => (t as unknown as Record<string, (...a: unknown[]) => Tensor>)[op](...args);
          await expectClose(call(gpu(xx)), call(xx), TOL.reduction, `${op} ${shape} dim=${dim}`);
        }
        if (typeof dim === 'number' && x.numel() > 0) {
          for (const op of ['argmax', 'argmin'] as const) await expectClose(gpu(x)[op](dim), x[op](dim), TOL.exact, `${op} ${shape} ${dim}`);
          const [v, i] = gpu(x).max(dim, { keepdim: true }), [cv, ci] = x.max(dim, { keepdim: true });
          await expectClose(v, cv, TOL.exact, 'max values');
          await expectClose(i, ci, TOL.exact, 'max indices');
        }
        const b = x.gt(0);
        const d = (args as number[])[0] ?? null;
        if (!Array.isArray(d)) {
          await expectClose(gpu(b).all(d), b.all(d), TOL.exact, `all ${shape}`);
          await expectClose(gpu(b).any(d), b.any(d), TOL.exact, `any ${shape}`);
        }
      }
      if (ndim === 2) await expectClose(gpu(x).t().sum(0), x.t().sum(0), TOL.reduction, 'sum of a transposed view');
    }
  });
  it('NaN propagates and ties pick the first index', async () => {
    const x = T.tensor([[1, NaN, 3], [2, 5, 5], [-1, -1, -2]]);
    await expectClose(gpu(x).amax(1), x.amax(1), TOL.exact, 'amax nan');
    await expectClose(gpu(x).argmax(1), x.argmax(1), TOL.exact, 'argmax ties');
    await expectClose(gpu(x).argmin(1), x.argmin(1), TOL.exact, 'argmin ties');
    const big = T.full([1000], 1.0).index_put_ ? T.ones([1000]) : T.ones([1000]);
    await expectClose(gpu(big).argmax(0), big.argmax(0), TOL.exact, 'argmax all equal, long run');
  });
  it('integer sums stay integers', async () => {
    const x = T.arange(1000).reshape([10, 100]);
    await expectClose(gpu(x).sum(1), x.sum(1), TOL.exact, 'int sum');
    await expectClose(gpu(x.gt(500)).sum(), x.gt(500).sum(), TOL.exact, 'bool sum');
  });
});

describe('matmul (tiled, skinny, strided, batched)', () => {
  it('matches the CPU on shapes that are not multiples of the tile', async () => {
    T.manual_seed(2);
    for (const [M, K, N] of [[1, 1, 1], [3, 5, 7], [65, 17, 130], [64, 64, 64], [68, 36, 72], [1, 700, 33], [33, 700, 2], [5, 0, 3], [0, 4, 5]]) {
      const a = T.randn([M, K]), b = T.randn([K, N]);
      await expectClose(gpu(a).matmul(gpu(b)), a.matmul(b), TOL.matmul, `${M}x${K}x${N}`);
      const [aT, bT] = [a.t().contiguous(), b.t().contiguous()];
      await expectClose(gpu(aT).t().matmul(gpu(b)), a.matmul(b), TOL.matmul, `Aᵀ stored ${M}x${K}x${N}`);
      await expectClose(gpu(a).matmul(gpu(bT).t()), a.matmul(b), TOL.matmul, `Bᵀ stored (x @ W.T) ${M}x${K}x${N}`);
      await expectClose(gpu(aT).t().matmul(gpu(bT).t()), a.matmul(b), TOL.matmul, `both transposed ${M}x${K}x${N}`);
    }
  });
  it('batched and broadcast products, mv, linear', async () => {
    const a = T.randn([2, 3, 9, 11]), b = T.randn([11, 4]), c = T.randn([3, 11, 5]);
    await expectClose(gpu(a).matmul(gpu(b)), a.matmul(b), TOL.matmul, 'broadcast b');
    await expectClose(gpu(a).matmul(gpu(c)), a.matmul(c), TOL.matmul, 'broadcast batch');
    const v = T.randn([11]);
    await expectClose(gpu(a).matmul(gpu(v)), a.matmul(v), TOL.matmul, 'matrix-vector');
    const w = T.randn([6, 11]), bias = T.randn([6]);
    await expectClose(T.nn.functional.linear(gpu(a), gpu(w), gpu(bias)), T.nn.functional.linear(a, w, bias), TOL.matmul, 'linear');
  });
});

describe('softmax, indexing, conv, pooling', () => {
  const F = () => T.nn.functional;
  it('softmax and log_softmax along every dim, short and long rows, stable for large logits', async () => {
    T.manual_seed(4);
    for (const shape of [[4, 70], [3, 5, 2], [1, 300], [6]]) {
      const x = T.randn(shape).mul(10);
      for (let d = 0; d < shape.length; d++) {
        await expectClose(gpu(x).softmax(d), x.softmax(d), TOL.transcendental, `softmax ${shape} ${d}`);
        await expectClose(gpu(x).log_softmax(d), x.log_softmax(d), TOL.transcendental, `log_softmax ${shape} ${d}`);
      }
    }
    const big = T.tensor([[1000, 1001, 999], [-Infinity, 0, -Infinity]]);
    await expectClose(gpu(big).softmax(1), big.softmax(1), TOL.transcendental, 'large logits');
    await expectClose(gpu(big).log_softmax(1), big.log_softmax(1), TOL.transcendental, 'log -inf');
    const t = T.randn([5, 3]);
    await expectClose(gpu(t).t().softmax(1), t.t().softmax(1), TOL.transcendental, 'non-contiguous');
  });
  it('gather, scatter, scatter_add (duplicates), index, index_put_ (accumulate)', async () => {
    const x = T.randn([4, 70]);
    const idx = T.tensor([[0, 3], [2, 1], [69, 0], [5, 5]]);
    await expectClose(gpu(x).gather(1, gpu(idx)), x.gather(1, idx), TOL.exact, 'gather');
    await expectClose(gpu(T.zeros([4, 70])).scatter(1, gpu(idx), 1.5), T.zeros([4, 70]).scatter(1, idx, 1.5), TOL.exact, 'scatter scalar');
    await expectClose(gpu(T.zeros([4, 70])).scatter_add(1, gpu(idx), gpu(x).narrow(1, 0, 2)), T.zeros([4, 70]).scatter_add(1, idx, x.narrow(1, 0, 2)), TOL.elementwise, 'scatter_add');
    const r = T.tensor([3, 0, 1, -1]);
    await expectClose(gpu(x).index(gpu(r)), x.index(r), TOL.exact, 'index rows (negative wraps)');
    await expectClose(gpu(x).index(null, gpu(r)), x.index(null, r), TOL.exact, 'index with a new axis');
    await expectClose(gpu(x).index(gpu(T.tensor([0, 1])), gpu(T.tensor([5, 6]))), x.index(T.tensor([0, 1]), T.tensor([5, 6])), TOL.exact, 'two index tensors');
    const y = T.zeros([5, 3]), yg = gpu(y);
    y.index_put_([T.tensor([0, 0, 4])], T.ones([3]), true);
    yg.index_put_([gpu(T.tensor([0, 0, 4]))], gpu(T.ones([3])), true);
    await expectClose(yg, y, TOL.exact, 'index_put_ accumulate');
    expect(() => gpu(x).gt(0).nonzero()).toThrow(/readback/);
  });
  it('in-place ops with broadcasting on a multi-dim tensor', async () => {
    const a = T.randn([2, 3, 4]), b = T.randn([3, 1]);
    const ga = gpu(a);
    a.add_(b);
    ga.add_(gpu(b));
    await expectClose(ga, a, TOL.exact, 'add_ broadcast');
  });
  it('conv2d forward and backward (padding, stride, dilation, groups, bias)', async () => {
    T.manual_seed(5);
    for (const [opts, groups] of [[{}, 1], [{ padding: 1 }, 1], [{ stride: 2, padding: 2, dilation: 2 }, 1], [{ padding: 1 }, 2]] as const) {
      const x = T.randn([2, 4, 9, 7]), w = T.randn([6, 4 / groups, 3, 3]), b = T.randn([6]);
      const run = (dev: string) => {
        const [xx, ww, bb] = [x, w, b].map((t) => t.clone().to(dev).detach().requires_grad_());
        const y = F().conv2d(xx, ww, bb, { ...opts, groups });
        y.pow(2).sum().backward();
        return [y, xx.grad, ww.grad, bb.grad];
      };
      const c = run('cpu'), g = run('webgpu');
      const scale = { rtol: 1e-4, atol: 1e-3 };
      for (let i = 0; i < 4; i++) await expectClose(g[i], c[i], i === 0 ? TOL.matmul : scale, `conv ${JSON.stringify(opts)} g${groups} #${i}`);
    }
  });
  it('max/avg/adaptive pooling forward and backward', async () => {
    const x = T.randn([2, 3, 9, 8]);
    const cases: [string, (t: Tensor) => Tensor][] = [
      ['max 2', (t) => F().max_pool2d(t, 2)], ['max 3/1/1', (t) => F().max_pool2d(t, 3, 1, 1)],
      ['avg 3/2/1', (t) => F().avg_pool2d(t, 3, 2, 1)], ['adaptive avg', (t) => F().adaptive_avg_pool2d(t, [4, 3])],
    ];
    for (const [name, f] of cases) {
      const xc = x.clone().requires_grad_(), xg = gpu(x).detach().requires_grad_();
      const yc = f(xc), yg = f(xg);
      await expectClose(yg, yc, TOL.reduction, name);
      yc.pow(2).sum().backward();
      yg.pow(2).sum().backward();
      await expectClose(xg.grad!, xc.grad!, TOL.reduction, `${name} grad`);
    }
  });
});

describe('tensors larger than one binding are chunked', () => {
  it('elementwise, copies and matmul give the same values with a 16 KiB binding limit', async () => {
    T.webgpu._set_max_binding(16384);
    try {
      const x = T.randn([30000]), y = T.randn([30000]);
      await expectClose(gpu(x).add(gpu(y)).mul(2), x.add(y).mul(2), TOL.elementwise, 'dense add');
      const m = T.randn([400, 100]), r = T.randn([100]);
      await expectClose(gpu(m).narrow(1, 3, 50).exp(), m.narrow(1, 3, 50).exp(), TOL.transcendental, 'strided view');
      await expectClose(gpu(m).add(gpu(r)), m.add(r), TOL.elementwise, 'broadcast row');
      const xin = T.randn([3, 2000]), w = T.randn([300, 2000]);
      await expectClose(gpu(xin).matmul(gpu(w).t()), xin.matmul(w.t()), TOL.matmul, 'x @ W.T, W larger than a binding');
    } finally {
      T.webgpu._set_max_binding(0);
    }
  });
});

describe('faults', () => {
  it('debug mode names the op that produced NaN/Inf at the next readback', async () => {
    T.webgpu.set_debug(true);
    try {
      const x = gpu(T.tensor([1, 0, 2]));
      const y = x.log().add(1);
      await expect(y.data()).rejects.toThrow(/'log' kernel .* produced NaN or Inf/);
      expect(await gpu(T.tensor([1, 2])).add(1).tolist()).toEqual([2, 3]);
    } finally {
      T.webgpu.set_debug(false);
    }
  });
  it('a lost device makes WebGPU unavailable with a reason, and init() recovers', async () => {
    const old = gpu(T.ones([3]));
    T.webgpu._lose_device();
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 50 && T.webgpu.is_available(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(T.webgpu.is_available()).toBe(false);
    expect(T.webgpu.unavailable_reason()).toMatch(/lost/);
    expect(() => T.ones([2]).to('webgpu')).toThrow(/WebGPU is not available: the WebGPU device was lost/);
    expect(await T.webgpu.init()).toBe(true);
    expect(() => old.add(1)).toThrow(/device that was lost/);
    expect(await gpu(T.ones([2])).add(1).tolist()).toEqual([2, 2]);
  });
});
