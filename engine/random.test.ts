// The seeded generators' distributions, checked on a million draws against the exact normal CDF:
// moments, a Kolmogorov–Smirnov bound, the tails (the ziggurat's wedge and tail paths) and
// per-seed determinism.
import { describe, expect, it } from 'vitest';
import { fillNormal, fillUniform, manual_seed } from './random';

/** Φ(x) through erfc (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7). */
function Phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

const N = 1_000_000;

describe('normal generator (ziggurat)', () => {
  manual_seed(7);
  const d = new Float64Array(N);
  fillNormal(d, 0, N);

  it('has mean 0, variance 1, skew 0, kurtosis 3', () => {
    let m = 0, v = 0, s = 0, k = 0;
    for (const x of d) m += x;
    m /= N;
    for (const x of d) {
      const c = x - m;
      v += c * c; s += c * c * c; k += c ** 4;
    }
    v /= N; s /= N * v ** 1.5; k /= N * v * v;
    // 5 standard errors: √(1/N), √(2/N), √(6/N), √(24/N)
    expect(Math.abs(m)).toBeLessThan(5 * Math.sqrt(1 / N));
    expect(Math.abs(v - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(s)).toBeLessThan(5 * Math.sqrt(6 / N));
    expect(Math.abs(k - 3)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  it('passes a Kolmogorov–Smirnov test against Φ', () => {
    const s = Float64Array.from(d).sort();
    let D = 0;
    for (let i = 0; i < N; i++) {
      const p = Phi(s[i]);
      D = Math.max(D, Math.abs(p - i / N), Math.abs((i + 1) / N - p));
    }
    expect(D).toBeLessThan(1.95 / Math.sqrt(N)); // 0.1% critical value
  });

  it('puts the right mass in the tails (beyond the ziggurat base at 3.44) and both signs', () => {
    for (const c of [1, 2, 3, 3.442619855899, 4]) {
      const p = 2 * (1 - Phi(c));
      let hits = 0;
      for (const x of d) if (Math.abs(x) > c) hits++;
      expect(Math.abs(hits - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)) + 2);
    }
    let neg = 0;
    for (const x of d) if (x < 0) neg++;
    expect(Math.abs(neg - N / 2)).toBeLessThan(5 * Math.sqrt(N / 4));
    expect(Math.max(...d.subarray(0, 100000).map(Math.abs))).toBeGreaterThan(3.8);
  });

  it('scales by std and shifts by mean; a seed gives the same values in float32 and float64', () => {
    manual_seed(11);
    const a = new Float32Array(5000);
    fillNormal(a, 0, a.length, 3, 0.5);
    manual_seed(11);
    const b = new Float64Array(5000);
    fillNormal(b, 0, b.length, 3, 0.5);
    expect(Array.from(a)).toEqual(Array.from(b, Math.fround));
    const mean = b.reduce((x, y) => x + y, 0) / b.length;
    expect(mean).toBeCloseTo(3, 1);
    manual_seed(11);
    const c = new Float64Array(5010);
    fillNormal(c, 10, 5000, 3, 0.5);
    expect(Array.from(c.subarray(10))).toEqual(Array.from(b));
  });
});

describe('uniform generator', () => {
  it('is uniform on [a, b)', () => {
    manual_seed(3);
    const u = new Float64Array(N);
    fillUniform(u, 0, N, -1, 3);
    const bins = new Array(10).fill(0);
    let outside = 0;
    for (const x of u) {
      if (!(x >= -1 && x < 3)) outside++;
      else bins[Math.floor((x + 1) / 0.4)]++;
    }
    expect(outside).toBe(0);
    for (const b of bins) expect(Math.abs(b - N / 10)).toBeLessThan(5 * Math.sqrt(N * 0.09));
  });
});

describe('the generator state (torch.get_rng_state / set_rng_state / initial_seed / random.fork_rng)', () => {
  it('restoring a state replays the same draws, through every sampler', async () => {
    const { torch, nn } = await import('./index');
    torch.manual_seed(7);
    expect(torch.initial_seed()).toBe(7);
    torch.randn(3); // an odd count: a cached normal is part of the state
    const s = torch.get_rng_state();
    expect(String(s.dtype)).toBe('torch.uint8');
    const draw = () => [torch.randn(5), torch.rand(2), torch.randint(0, 100, [4]), nn.Linear(3, 2).weight.detach(), torch.randperm(6)];
    const a = draw();
    torch.set_rng_state(s);
    const b = draw();
    a.forEach((t, i) => expect(t.cpu_tolist()).toEqual(b[i].cpu_tolist()));
    expect(() => torch.set_rng_state(torch.zeros(3))).toThrow('RNG state must be a torch.ByteTensor');
    expect(() => torch.set_rng_state(torch.zeros(3, { dtype: torch.uint8 }))).toThrow(/found the input RNG state size to be 3/);
  });
  it('fork_rng leaves the stream outside as it was, also when the block throws', async () => {
    const { torch } = await import('./index');
    torch.manual_seed(3);
    const expected = (() => { const s = torch.get_rng_state(); const v = torch.rand(3).cpu_tolist(); torch.set_rng_state(s); return v; })();
    torch.random.fork_rng(() => torch.randn(100));
    expect(() => torch.random.fork_rng(() => { torch.rand(9); throw new Error('x'); })).toThrow('x');
    await torch.random.fork_rng(async () => torch.rand(5));
    expect(torch.rand(3).cpu_tolist()).toEqual(expected);
  });
});
