import { describe, expect, it } from 'vitest';
import { torch, nn } from '../../../engine/index';
import { downsampleIndices, gradientHint, histogram } from './histogram';
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
  it('keeps the view bounded on long runs (a few hundred epochs plus the last)', () => {
    const p = torch.ones(3, { requires_grad: true });
    const { host, last } = fakeHost();
    const mon = createViews(host).monitor([['p', p]]);
    for (let e = 0; e < 3000; e++) {
      p.grad = torch.full([3], e);
      mon.epoch({ loss: 1 / (e + 1) });
    }
    mon.close();
    const j = last()[MIME.training] as TrainingJson;
    expect(j.hist_epochs.length).toBeLessThanOrEqual(200);
    expect(j.hist_epochs[j.hist_epochs.length - 1]).toBe(3000);
    expect(j.epochs.length).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(j).length).toBeLessThan(400_000);
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

describe('device histograms', () => {
  /** The words the fused WebGPU histogram kernel writes for one tensor (header, then counts). */
  function words(vals: number[], bins: number): ArrayBuffer {
    const key = (f: number) => {
      const u = new Uint32Array(new Float32Array([f]).buffer)[0];
      return (u & 0x80000000 ? ~u : u | 0x80000000) >>> 0;
    };
    const fin = vals.filter(Number.isFinite);
    const h = histogram(vals, bins);
    const mean = fin.reduce((a, b) => a + b, 0) / fin.length;
    const buf = new ArrayBuffer((8 + bins) * 4);
    const u = new Uint32Array(buf), f = new Float32Array(buf);
    u[0] = key(Math.min(...fin));
    u[1] = key(Math.max(...fin));
    f[2] = fin.reduce((a, b) => a + b, 0);
    f[3] = fin.reduce((a, b) => a + b * b, 0);
    u[4] = vals.filter((v) => v === 0).length;
    u[5] = fin.length;
    f[6] = fin.reduce((a, b) => a + (b - mean) ** 2, 0);
    h.counts.forEach((c, i) => (u[8 + i] = c));
    return buf;
  }

  it('decode the kernel\'s words (order-preserving keys for min/max, centred sum for the std) into the CPU histogram\'s form', async () => {
    const { decodeDeviceHistograms } = await import('./histogram-device');
    const vals = [-2, 0, 1, 3, NaN, -0.5];
    const [d] = decodeDeviceHistograms(words(vals, 4), [{ numel: () => vals.length }], 4);
    const c = histogram(vals, 4);
    expect(d.min).toBe(-2);
    expect(d.max).toBe(3);
    expect([d.lo, d.hi]).toEqual([c.lo, c.hi]);
    expect(d.counts).toEqual(c.counts);
    expect(d.mean).toBeCloseTo(c.mean, 6);
    expect(d.std).toBeCloseTo(c.std, 6);
    expect(d.norm).toBeCloseTo(c.norm, 6);
    expect(d.zeros).toBeCloseTo(1 / 6, 9);
    expect(d.nonfinite).toBe(1);
    // a constant tensor: the range is padded as on the CPU (f32 here)
    const [k] = decodeDeviceHistograms(words([2, 2, 2], 3), [{ numel: () => 3 }], 3);
    expect(k.lo).toBeCloseTo(1.9, 6);
    expect(k.hi).toBeCloseTo(2.1, 6);
    expect(k.std).toBe(0);
    // nothing finite: no range, every value counted as non-finite
    const empty = new ArrayBuffer((8 + 2) * 4);
    new Uint32Array(empty)[0] = 0xffffffff;
    const [e] = decodeDeviceHistograms(empty, [{ numel: () => 5 }], 2);
    expect(e).toMatchObject({ lo: 0, hi: 0, counts: [0, 0], nonfinite: 5, n: 5 });
    expect(e.mean).toBeNaN();
  });

  it('CPU tensors are binned where they are, as the CPU histogram', async () => {
    const { deviceHistogram } = await import('./histogram-device');
    torch.manual_seed(3);
    const t = torch.randn(1000).mul(3);
    expect(await deviceHistogram(t, 30)).toEqual(histogram(t.cpu_data(), 30));
  });
});
