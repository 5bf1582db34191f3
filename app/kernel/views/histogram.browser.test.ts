// The monitor's histograms on a real WebGPU adapter (SwiftShader in headless Chromium): the
// WebGPU `histograms` kernel (torch._histograms on WebGPU tensors) matches the CPU kernel on the
// same values and a float64 reference, for small tensors (one invocation each), large ones
// (workgroup passes), views, non-finite values, and tensors split over several bindings.
import { describe, expect, it } from 'vitest';
import { torch } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { histogram, histogramsOf, type Histogram } from './histogram';
import { nn } from '../../../engine/index';
import { grads } from './grads';

/** The CPU kernel's histogram of the same values (a CPU copy of the tensor). */
async function onCpu(t: Tensor, bins: number): Promise<Histogram> {
  const c = t.device.type === 'cpu' ? t : await torch.webgpu.to_cpu(t);
  return (await histogramsOf([c.contiguous()], bins))[0];
}

/** Σ in float64 of the finite values, for the float64 reference of mean, std and norm. */
async function reference64(t: Tensor): Promise<{ mean: number; std: number; norm: number }> {
  const c = t.device.type === 'cpu' ? t : await torch.webgpu.to_cpu(t);
  const v = Array.from(c.contiguous().cpu_data() as Float32Array).filter(Number.isFinite);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length), norm: Math.sqrt(v.reduce((a, b) => a + b * b, 0)) };
}

/**
 * WebGPU against the float64 reference: the shaders sum in float32 (a tree over workgroups, or
 * Kahan sums for small tensors), so the error grows like log₂(n)·2⁻²⁴ of Σ|x| (≈ 20·6e−8 ≈ 1.2e−6
 * for n ≤ 10⁶); 1e−5 of the scale (|mean| + std) leaves an order of magnitude of room. The std's
 * Σ(x − mean)² uses the float32 mean, a second-order effect: 1e−4 relative.
 */
async function expectNear64(dev: Histogram, t: Tensor, what: string): Promise<void> {
  const r = await reference64(t);
  expect(Math.abs(dev.mean - r.mean), `${what} mean vs float64`).toBeLessThanOrEqual(1e-5 * (Math.abs(r.mean) + r.std));
  expect(Math.abs(dev.std - r.std), `${what} std vs float64`).toBeLessThanOrEqual(1e-4 * r.std + 1e-7 * Math.abs(r.mean));
  expect(Math.abs(dev.norm - r.norm), `${what} norm vs float64`).toBeLessThanOrEqual(1e-5 * r.norm);
}

function expectSame(dev: Histogram, host: Histogram, what: string): void {
  expect(dev.n, what).toBe(host.n);
  expect(dev.nonfinite, what).toBe(host.nonfinite);
  expect(dev.counts.reduce((a, b) => a + b), what).toBe(host.n - host.nonfinite);
  expect(dev.min, what).toBe(host.min);
  expect(dev.max, what).toBe(host.max);
  expect(dev.lo, what).toBeCloseTo(host.lo, 6);
  expect(dev.hi, what).toBeCloseTo(host.hi, 6);
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));
  expect(rel(dev.norm, host.norm), `${what} norm`).toBeLessThan(1e-5);
  expect(Math.abs(dev.mean - host.mean), `${what} mean`).toBeLessThanOrEqual(1e-5 * (Math.abs(host.mean) + host.std));
  expect(Math.abs(dev.std - host.std), `${what} std`).toBeLessThanOrEqual(1e-4 * host.std + 1e-7 * Math.abs(host.mean));
  expect(dev.zeros, what).toBeCloseTo(host.zeros, 9);
  // float32 rounding at bin edges may move a value or two per thousand
  const diff = dev.counts.reduce((a, c, i) => a + Math.abs(c - host.counts[i]), 0);
  expect(diff, `${what} counts ${dev.counts} vs ${host.counts}`).toBeLessThanOrEqual(Math.max(2, host.n / 2000));
}

describe('device histograms on WebGPU', () => {
  it('match the CPU histogram, reading back only the bins', async () => {
    const ok = await torch.webgpu.init();
    if (!ok) {
      // no adapter on this machine: say so instead of passing silently
      expect(torch.webgpu.unavailable_reason()).toBeTruthy();
      return;
    }
    torch.manual_seed(5);
    const cpu = torch.randn(5000).mul(0.01);
    const before = torch.webgpu.stats().readbacks;
    const [dev] = await histogramsOf([cpu.to('webgpu')], 30);
    expect(torch.webgpu.stats().readbacks - before).toBe(1);
    expectSame(dev, await onCpu(cpu, 30), 'randn 5000');
    await expectNear64(dev, cpu, 'randn 5000');
  });

  it('one fused pass for many tensors of every size: small, large, views, non-finite, constant, empty', async () => {
    if (!(await torch.webgpu.init())) return;
    torch.manual_seed(7);
    const special = torch.tensor([NaN, Infinity, -2, 0, 0, 3.5, -Infinity, 1e-3]);
    const cases: [string, Tensor][] = [
      ['tiny', torch.tensor([0.25, -1, 4])],
      ['special', special],
      ['constant', torch.full([100], -1.5)],
      ['zeros', torch.zeros(64)],
      ['all NaN', torch.full([10], NaN)],
      ['empty', torch.zeros(0)],
      ['large (workgroup passes)', torch.randn(70000).mul(2).add(5)],
      ['just above the small path', torch.rand(8193).sub(0.5)],
      ['transposed view', torch.randn(30, 50).t()],
      ['offset view', torch.randn(200, 100).narrow(0, 17, 60)],
    ];
    const dev = cases.map(([, t]) => t.to('webgpu'));
    const before = torch.webgpu.stats();
    const hs = await histogramsOf(dev, 30);
    const after = torch.webgpu.stats();
    expect(after.readbacks - before.readbacks).toBe(1);
    for (const [i, [name, t]] of cases.entries()) {
      const host = await onCpu(t, 30);
      if (host.n - host.nonfinite === 0) {
        expect(hs[i], name).toMatchObject({ lo: 0, hi: 0, nonfinite: host.nonfinite, n: host.n });
        expect(hs[i].counts.every((c) => c === 0), name).toBe(true);
      } else {
        expectSame(hs[i], host, name);
        await expectNear64(hs[i], t, name);
      }
    }
  });

  it('tensors larger than one storage binding are binned in windows (binding limit lowered to 16 KiB)', async () => {
    if (!(await torch.webgpu.init())) return;
    torch.manual_seed(9);
    const big = torch.randn(50000).mul(0.1), small = torch.randn(300);
    const gb = big.to('webgpu'), gs = small.to('webgpu');
    const offset = torch.randn(30000).to('webgpu').narrow(0, 1001, 20000);
    (torch.webgpu as any)._set_max_binding(16384);
    try {
      const [hb, hs, ho] = await histogramsOf([gb, gs, offset], 24);
      expectSame(hb, await onCpu(big, 24), 'big, 13 windows');
      expectSame(hs, await onCpu(small, 24), 'small next to it');
      expectSame(ho, await onCpu(offset, 24), 'offset view, windows');
      await expectNear64(hb, big, 'big, 13 windows');
    } finally {
      (torch.webgpu as any)._set_max_binding(0);
    }
  });

  it('bad bin counts are refused clearly', async () => {
    if (!(await torch.webgpu.init())) return;
    expect(() => torch.webgpu.histograms_raw([torch.ones(3).to('webgpu')], 0)).toThrow(/bins must be an integer in 1…256/);
    expect(() => torch.webgpu.histograms_raw([torch.ones(3).to('webgpu')], 1000)).toThrow(/bins must be/);
    // through the engine: the WebGPU kernel's limit, and one device for all the tensors
    expect(() => torch._histograms([torch.ones(3).to('webgpu')], 300)).toThrow(/bins must be an integer in 1…256/);
    expect(() => torch._histograms([torch.ones(3).to('webgpu'), torch.ones(3)], 30)).toThrow(/Expected all tensors to be on the same device/);
  });

  it('plain values and grads() are binned on the CPU in a notebook whose default device is WebGPU', async () => {
    if (!(await torch.webgpu.init())) return;
    // A WebGPU notebook sets the default device; plot.hist and grads() bin plain numbers, which
    // must not become (float64) WebGPU tensors: that threw, and the views showed nothing.
    torch.set_default_device('webgpu');
    try {
      const h = histogram([1, 2, 2, 3, Number.NaN], 3);
      expect(h.counts).toEqual([1, 2, 1]);
      expect(h.nonfinite).toBe(1);
      const model = nn.Linear(2, 1);
      model(torch.ones([4, 2])).sum().backward();
      const rows = await grads(model).rows();
      expect(rows.map((r) => r.name)).toEqual(['weight', 'bias']);
      expect(rows[1].grad_norm).toBeCloseTo(4, 5);
    } finally {
      torch.set_default_device('cpu');
    }
  });
});
