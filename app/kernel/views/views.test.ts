import { describe, expect, it } from 'vitest';
import { torch, nn } from '../../../engine/index';
import { downsampleIndices, fromRaw, gradientHint, histogram, histogramsOf, type Histogram } from './histogram';
import type { ViewsHost } from './host';
import { MIME, type PlotJson, type ProgressJson, type TrainingJson } from '../../protocol/outputs';
import { createViews } from './index';
import { progressText } from './progress';
import { trainingText } from './monitor';
import type { MimeBundle } from '../../protocol/messages';

function fakeHost() {
  let t = 0;
  const shown: { id: number; bundles: MimeBundle[] }[] = [];
  const host: ViewsHost & { advance(ms: number): void } = {
    display(b) {
      const rec = { id: shown.length, bundles: [b] };
      shown.push(rec);
      return { update: (nb) => void rec.bundles.push(nb) };
    },
    now: () => t,
    setTimeout: () => 0,
    clearTimeout: () => {},
    advance(ms) {
      t += ms;
    },
  };
  return { host, shown, last: (i = 0) => shown[i].bundles[shown[i].bundles.length - 1] };
}

describe('histogram', () => {
  it('bins values over their range and keeps exact statistics', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5);
    expect(h.counts).toEqual([2, 2, 2, 2, 2]);
    expect(h.lo).toBe(0);
    expect(h.hi).toBe(9);
    expect(h.mean).toBeCloseTo(4.5);
    expect(h.norm).toBeCloseTo(Math.sqrt(285));
    expect(h.std).toBeCloseTo(Math.sqrt(8.25));
    expect(h.zeros).toBeCloseTo(0.1);
  });
  it('puts the maximum in the last bin and handles constant and non-finite values', () => {
    expect(histogram([1, 1, 1], 4).counts.reduce((a, b) => a + b)).toBe(3);
    const h = histogram([NaN, Infinity, 2, 4], 2);
    expect(h.nonfinite).toBe(2);
    expect(h.counts).toEqual([1, 1]);
  });
  it('downsamples evenly and keeps the last', () => {
    expect(downsampleIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const d = downsampleIndices(5000, 200);
    expect(d.length).toBe(200);
    expect(d[0]).toBe(0);
    expect(d[d.length - 1]).toBe(4999);
  });
  it('hints vanishing and exploding gradients', () => {
    expect(gradientHint(histogram([1e-9, -1e-9]))).toBe('vanishing');
    expect(gradientHint(histogram([1e4, 2e4]))).toBe('exploding');
    expect(gradientHint(histogram([0.1, -0.2]))).toBe(null);
  });
});

describe('monitor', () => {
  it('records 20 epochs of loss and per-parameter gradient histograms; frozen parameters have none', () => {
    torch.manual_seed(1);
    const model = nn.Sequential(new Map<string, any>([['hidden_linear', nn.Linear(1, 8)], ['hidden_activation', nn.Tanh()], ['output_linear', nn.Linear(8, 1)]]));
    model.hidden_linear.requires_grad_(false);
    const x = torch.linspace(-1, 1, 11).unsqueeze(1), y = x.mul(3);
    const { host, last } = fakeHost();
    const views = createViews(host);
    const mon = views.monitor(model);
    const opt = torch.optim.SGD(model.parameters(), { lr: 0.1 });
    for (let e = 0; e < 20; e++) {
      opt.zero_grad();
      const loss = model(x).sub(y).pow(2).mean();
      loss.backward();
      opt.step();
      mon.epoch({ loss });
    }
    mon.close();
    const j = last()[MIME.training] as TrainingJson;
    expect(j.total_epochs).toBe(20);
    expect(j.hist_epochs).toHaveLength(20);
    expect(j.metrics.loss).toHaveLength(20);
    expect(j.metrics.loss[19]!).toBeLessThan(j.metrics.loss[0]!);
    const byName = Object.fromEntries(j.params.map((p) => [p.name, p]));
    expect(byName['hidden_linear.weight'].requires_grad).toBe(false);
    expect(byName['hidden_linear.weight'].grads.every((g) => g === null)).toBe(true);
    expect(byName['output_linear.weight'].grads.every((g) => g !== null && g.counts.reduce((a, b) => a + b) === 8)).toBe(true);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
    const text = trainingText(j);
    expect(text).toContain('20 epochs');
    expect(text).toContain('hidden_linear.weight [8, 1]: frozen');
  });
  it('every epoch of a run of up to 200 has its histograms, however slow they are (a 100-epoch tutorial had 52 on a loaded machine)', () => {
    const p = torch.ones(3, { requires_grad: true });
    const { host, last } = fakeHost();
    const base = host.now;
    let extra = 0;
    host.now = () => base() + (extra += 0.05); // each histogram pass "takes" 0.05 ms
    const mon = createViews(host).monitor([['p', p]]);
    for (let e = 0; e < 200; e++) {
      p.grad = torch.full([3], e, { dtype: torch.float32 }); // a float32 grad for a float32 parameter (assigning int64 is PyTorch's "different type" error)
      mon.epoch({ loss: 1 / (e + 1) });
    }
    mon.close();
    const j = last()[MIME.training] as TrainingJson;
    expect(j.hist_epochs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
  it('after epoch 200, on a fast CPU loop, histograms wait for 19× their own cost of training time (≤ 5%)', () => {
    const run = (cost: number) => {
      const p = torch.ones(3, { requires_grad: true });
      const { host, last } = fakeHost();
      const base = host.now;
      let extra = 0;
      host.now = () => base() + (extra += cost);
      const mon = createViews(host).monitor([['p', p]]);
      for (let e = 0; e < 1000; e++) {
        p.grad = torch.full([3], e, { dtype: torch.float32 }); // a float32 grad for a float32 parameter (assigning int64 is PyTorch's "different type" error)
        mon.epoch({ loss: 1 / (e + 1) });
      }
      mon.close();
      return last()[MIME.training] as TrainingJson;
    };
    const free = run(0).hist_epochs.filter((e) => e > 200 && e < 1000).length;
    const j = run(0.05);
    const later = j.hist_epochs.filter((e) => e > 200 && e < 1000);
    expect(later.length).toBeGreaterThan(0);
    expect(later.length).toBeLessThan(free);
    expect(j.hist_epochs.at(-1)).toBe(1000);
    // each one still holds the values of its own epoch
    const k = j.hist_epochs.indexOf(later[1]);
    expect(j.params[0].grads[k]!.mean).toBeCloseTo(later[1] - 1, 5);
  });
  it('keeps the view bounded on long runs (a few hundred epochs plus the last)', () => {
    const p = torch.ones(3, { requires_grad: true });
    const { host, last } = fakeHost();
    const mon = createViews(host).monitor([['p', p]]);
    for (let e = 0; e < 3000; e++) {
      p.grad = torch.full([3], e, { dtype: torch.float32 }); // a float32 grad for a float32 parameter (assigning int64 is PyTorch's "different type" error)
      mon.epoch({ loss: 1 / (e + 1) });
    }
    mon.close();
    const j = last()[MIME.training] as TrainingJson;
    expect(j.hist_epochs.length).toBeLessThanOrEqual(200);
    expect(j.hist_epochs[j.hist_epochs.length - 1]).toBe(3000);
    expect(j.epochs.length).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(j).length).toBeLessThan(400_000);
    // the histogram words live in a pool of slots that thinning frees and later epochs reuse
    expect((mon as unknown as { store: { slots: number } }).store.slots).toBeLessThanOrEqual(2 * 200 + 1);
  });
});

describe('progress', () => {
  it('counts iterations with a total and prints like tqdm', () => {
    const { host, last } = fakeHost();
    let seen = 0;
    for (const _ of createViews(host).progress([1, 2, 3, 4], { desc: 'epochs' })) {
      seen++;
      host.advance(500);
    }
    expect(seen).toBe(4);
    const j = last()[MIME.progress] as ProgressJson;
    expect(j).toMatchObject({ n: 4, total: 4, done: true, desc: 'epochs' });
    expect(j.rate).toBeCloseTo(2);
    expect(progressText(j)).toMatch(/^epochs: 100%\|█{20}\| 4\/4 \[00:02<00:00, 2\.00it\/s\]$/);
  });
});

describe('plot', () => {
  it('plots tensors as scatter + sorted line and histograms', () => {
    const { host, last, shown } = fakeHost();
    const views = createViews(host);
    views.plot.scatter(torch.tensor([3, 1, 2]), torch.tensor([30, 10, 20]), { xlabel: 'x' }).line(torch.tensor([3, 1, 2]), [9, 7, 8], { label: 'fit' });
    const j = last()[MIME.plot] as PlotJson;
    expect(j.series.map((s) => s.kind)).toEqual(['scatter', 'line']);
    expect(j.series[1].x).toEqual([1, 2, 3]);
    expect(j.series[1].y).toEqual([7, 8, 9]);
    expect(j.xlabel).toBe('x');
    views.plot.hist(torch.tensor([0, 0, 1, 1, 1, 2]), { bins: 2 });
    const h = shown[1].bundles[0][MIME.plot] as PlotJson;
    expect(h.series[0].y).toEqual([2, 4]);
    expect(h.series[0].x).toEqual([0, 1, 2]);
  });

  it('values read back later (a WebGPU tensor) show the plot at once and fill it when they arrive', async () => {
    const { host, shown, last } = fakeHost();
    let release!: () => void;
    const ready = new Promise<void>((r) => (release = r));
    const onDevice = { device: { type: 'webgpu' }, data: async () => (await ready, [1, 2, 3]) };
    createViews(host).plot.scatter(onDevice, onDevice, { title: 'Fit' });
    // displayed before the values arrive: the cell's result is a live view, not a Plot printed as text
    expect(shown).toHaveLength(1);
    expect((last()[MIME.plot] as PlotJson).series).toEqual([]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(shown).toHaveLength(1);
    expect((last()[MIME.plot] as PlotJson).series[0].y).toEqual([1, 2, 3]);
  });
});

describe('grads', () => {
  it('tabulates gradient statistics', async () => {
    const w = torch.tensor([1, 2, 3], { dtype: torch.float32, requires_grad: true });
    const frozen = torch.ones(2);
    w.mul(w).sum().backward();
    const rows = await createViews(fakeHost().host).grads([['w', w], ['frozen', frozen]]).rows();
    expect(rows[0].grad_norm).toBeCloseTo(Math.sqrt(4 + 16 + 36));
    expect(rows[0].grad_mean).toBeCloseTo(4);
    expect(rows[0].grad_min).toBe(2);
    expect(rows[1].requires_grad).toBe(false);
    expect(rows[1].grad_norm).toBeUndefined();
  });
});

/**
 * The float64 reference of a histogram: statistics summed in float64 (two-pass std), bins over
 * [min, max] (padded in float32 when constant, as every backend), a strided sample above 2²⁰ values.
 */
function reference(vals: ArrayLike<number>, bins: number) {
  const fin: number[] = [];
  for (let i = 0; i < vals.length; i++) if (Number.isFinite(vals[i])) fin.push(vals[i]);
  const n = vals.length, f = fin.length;
  let min = Infinity, max = -Infinity, sum = 0, sumSq = 0, zeros = 0;
  for (const v of fin) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    sumSq += v * v;
    if (v === 0) zeros++;
  }
  const mean = sum / f;
  let m2 = 0;
  for (const v of fin) m2 += (v - mean) ** 2;
  let lo = Math.fround(min), hi = Math.fround(max);
  if (lo === hi) {
    const pad = Math.fround(Math.max(Math.fround(Math.abs(lo) * Math.fround(0.05)), Math.fround(1e-12)));
    [lo, hi] = [Math.fround(lo - pad), Math.fround(hi + pad)];
  }
  const counts = new Array<number>(bins).fill(0);
  const step = n > 1 << 20 ? Math.ceil(n / (1 << 20)) : 1;
  for (let i = 0; i < n; i += step) {
    if (!Number.isFinite(vals[i])) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor((vals[i] - lo) * (bins / (hi - lo)))))] += step;
  }
  return { lo, hi, counts, mean, std: Math.sqrt(m2 / f), norm: Math.sqrt(sumSq), min, max, zeros: n ? zeros / n : 0, nonfinite: n - f, n, sum, sumSq, m2 };
}

/**
 * The tolerance of a kernel statistic against the float64 reference. The CPU kernel accumulates in
 * float64 in the reference's order and stores each sum (Σx, Σx², Σ(x − mean)²) once as float32: a
 * relative rounding of at most 2⁻²⁴, so mean, norm² and variance are within 2⁻²⁴ relative and the
 * square roots within 2⁻²⁵; 2⁻²³ (two float32 ulps) leaves room for the division.
 */
const F32_REL = 2 ** -23;
function expectNear(got: number, want: number, what: string): void {
  expect(Math.abs(got - want), what).toBeLessThanOrEqual(F32_REL * Math.abs(want) + 1e-300);
}

function expectReference(h: Histogram, vals: ArrayLike<number>, bins: number, what: string): void {
  const r = reference(vals, bins);
  expect(h.n, what).toBe(r.n);
  expect(h.nonfinite, what).toBe(r.nonfinite);
  expect(h.zeros, what).toBe(r.zeros);
  if (r.n === r.nonfinite) {
    expect(h, what).toMatchObject({ lo: 0, hi: 0, n: r.n });
    expect(h.counts.every((c) => c === 0), what).toBe(true);
    return;
  }
  // float32 values: min, max and the range are exact, so every value lands in the reference's bin
  expect([h.min, h.max], what).toEqual([Math.fround(r.min), Math.fround(r.max)]);
  expect([h.lo, h.hi], what).toEqual([r.lo, r.hi]);
  expect(h.counts, what).toEqual(r.counts);
  expectNear(h.mean, r.mean, `${what} mean`);
  expectNear(h.std, r.std, `${what} std`);
  expectNear(h.norm, r.norm, `${what} norm`);
}

describe('histograms on the engine kernel (torch._histograms)', () => {
  /** Words as the kernels write them for one tensor (header, then counts), built by hand. */
  function words(vals: number[], bins: number): ArrayBuffer {
    const key = (f: number) => {
      const u = new Uint32Array(new Float32Array([f]).buffer)[0];
      return (u & 0x80000000 ? ~u : u | 0x80000000) >>> 0;
    };
    const r = reference(vals, bins);
    const buf = new ArrayBuffer((8 + bins) * 4);
    const u = new Uint32Array(buf), f = new Float32Array(buf);
    [u[0], u[1], f[2], f[3], u[4], u[5], f[6]] = [key(r.min), key(r.max), r.sum, r.sumSq, r.zeros * r.n, r.n - r.nonfinite, r.m2];
    r.counts.forEach((c, i) => (u[8 + i] = c));
    return buf;
  }

  it('decode the words (order-preserving keys for min/max, centred sum for the std) into the view\'s form', () => {
    const vals = [-2, 0, 1, 3, NaN, -0.5];
    const d = fromRaw(torch._decode_histograms(words(vals, 4), 1, 4)[0], vals.length);
    expect(d).toMatchObject({ min: -2, max: 3, lo: -2, hi: 3, counts: [1, 2, 1, 1], nonfinite: 1, n: 6 });
    expect(d.zeros).toBeCloseTo(1 / 6, 12);
    expectReference(d, vals, 4, 'hand-made words');
    // a constant tensor: the range is padded (in float32, as the shaders)
    const k = fromRaw(torch._decode_histograms(words([2, 2, 2], 3), 1, 3)[0], 3);
    expect(k.lo).toBeCloseTo(1.9, 6);
    expect(k.hi).toBeCloseTo(2.1, 6);
    expect(k.std).toBe(0);
    // nothing finite: no range, every value counted as non-finite
    const empty = new ArrayBuffer((8 + 2) * 4);
    new Uint32Array(empty)[0] = 0xffffffff;
    const e = fromRaw(torch._decode_histograms(empty, 1, 2)[0], 5);
    expect(e).toMatchObject({ lo: 0, hi: 0, counts: [0, 0], nonfinite: 5, n: 5 });
    expect(e.mean).toBeNaN();
  });

  it('the CPU kernel matches the float64 reference within one float32 rounding of its sums', async () => {
    torch.manual_seed(3);
    const cases: [string, ReturnType<typeof torch.randn>][] = [
      ['randn', torch.randn(1000).mul(3)],
      ['far from zero (cancellation in Σx² − n·mean²)', torch.randn(5000).mul(1e-3).add(1e3)],
      ['special', torch.tensor([NaN, Infinity, -2, 0, 0, 3.5, -Infinity, 1e-3])],
      ['constant', torch.full([100], -1.5)],
      ['all NaN', torch.full([10], NaN)],
      ['empty', torch.zeros(0)],
      ['transposed view', torch.randn(30, 50).t()],
      ['sampled above 2^20 values', torch.rand(1_200_000)],
    ];
    const hs = await histogramsOf(cases.map(([, t]) => t), 30);
    cases.forEach(([name, t], i) => expectReference(hs[i], t.contiguous().cpu_data(), 30, name));
    // one kernel call for all, one device for all
    expect(() => torch._histograms([torch.ones(2)], 0)).toThrow(/bins must be an integer in 1 or more, got 0/);
    expect(() => torch._histograms([torch.ones(2)], 2.5)).toThrow(/bins must be an integer/);
    expect(torch._histograms([], 30).numel()).toBe(0);
  });

  it('a monitored run keeps every epoch\'s gradient and weight histograms within tolerance of the float64 reference', () => {
    torch.manual_seed(4);
    const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1));
    const x = torch.linspace(-1, 1, 11).unsqueeze(1), y = x.mul(3);
    const { host, last } = fakeHost();
    const mon = createViews(host).monitor(model);
    const opt = torch.optim.SGD(model.parameters(), { lr: 0.1 });
    const named = model.named_parameters();
    const seen: { grads: Float32Array[]; weights: Float32Array[] }[] = [];
    for (let e = 0; e < 25; e++) {
      opt.zero_grad();
      const loss = model(x).sub(y).pow(2).mean();
      loss.backward();
      opt.step();
      mon.epoch({ loss });
      seen.push({ grads: named.map(([, p]) => p.grad!.cpu_data() as Float32Array), weights: named.map(([, p]) => p.cpu_data() as Float32Array) });
    }
    mon.close();
    const j = last()[MIME.training] as TrainingJson;
    expect(j.hist_epochs).toEqual(seen.map((_, i) => i + 1));
    j.params.forEach((p, k) => {
      j.hist_epochs.forEach((ep, i) => {
        for (const [kind, vals] of [['grads', seen[ep - 1].grads[k]], ['weights', seen[ep - 1].weights[k]]] as const) {
          const h = p[kind][i]!;
          expectReference({ ...h, mean: h.mean!, std: h.std!, norm: h.norm!, min: h.min!, max: h.max! }, vals, j.bins, `${p.name} ${kind} epoch ${ep}`);
        }
      });
    });
  });
});
