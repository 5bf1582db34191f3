import { describe, expect, it } from 'vitest';
import { plotFallback } from './PlotView';
import { progressFallback } from './ProgressView';
import { trainingFallback } from './TrainingView';
import type { TrainingJson } from '../../protocol/outputs';

const hist = (lo: number, hi: number, counts: number[]) => ({ lo, hi, counts, mean: 0, std: 1, norm: 1, min: lo, max: hi, zeros: 0, nonfinite: 0, n: counts.reduce((a, b) => a + b) });

const training: TrainingJson = {
  title: 'Training',
  bins: 3,
  epochs: [1, 2, 3],
  metrics: { loss: [3, 2, 1] },
  hist_epochs: [1, 2, 3],
  params: [
    { name: 'hidden_linear.weight', shape: [8, 1], numel: 8, requires_grad: false, grads: [null, null, null], weights: [null, null, null], hint: null },
    { name: 'output_linear.<b>bias</b>', shape: [1], numel: 1, requires_grad: true, grads: [hist(-1, 1, [1, 0, 0]), hist(-1, 1, [0, 1, 0]), hist(-1, 1, [0, 0, 1])], weights: [null, null, null], hint: 'vanishing' },
  ],
  total_epochs: 3,
  done: true,
  elapsed_s: 0.2,
};

describe('training view fallbacks', () => {
  it('saves an SVG with the loss curve, one ridgeline per trainable parameter and the frozen list', () => {
    const f = trainingFallback(training);
    expect(f.mime).toBe('image/svg+xml');
    expect(f.text.startsWith('<svg')).toBe(true);
    expect(f.text).toContain('Training: 3 epochs');
    expect(f.text).toContain('output_linear.&lt;b&gt;bias&lt;/b&gt; grad (vanishing)');
    expect(f.text).toContain('frozen (requires_grad=False): hidden_linear.weight');
    expect(f.text.match(/<path /g)!.length).toBe(3);
    expect(f.text).not.toMatch(/<b>|NaN/);
  });
  it('saves progress as HTML and plots as SVG', () => {
    const p = progressFallback({ desc: 'epochs', n: 5, total: 10, elapsed_s: 1, rate: 5, eta_s: 1, done: false, postfix: {} });
    expect(p.mime).toBe('text/html');
    expect(p.text).toContain('epochs: 5/10');
    expect(p.text).toContain('width:150px');
    const s = plotFallback({ title: 'fit', xlabel: 'x', ylabel: 'y', series: [{ kind: 'scatter', label: 'data', x: [1, 2], y: [3, 4] }, { kind: 'line', label: 'model', x: [1, 2], y: [3, 4] }] });
    expect(s.mime).toBe('image/svg+xml');
    expect(s.text.match(/<circle /g)!.length).toBe(2);
    expect(s.text).toContain('<polyline');
  });
});

describe('loss axis scale', () => {
  it('is logarithmic by default when every value is positive and they span two orders of magnitude', async () => {
    const { spansDecades } = await import('./svg');
    expect(spansDecades([[200, 50, 10, 2]])).toBe(true);
    expect(spansDecades([[200, 50, 10, 2.5]])).toBe(false); // 80×
    expect(spansDecades([[200, 1], [0.5, null, 0.9]])).toBe(true); // all series together (loss and accuracy)
    expect(spansDecades([[200, 1], [0, 0.9]])).toBe(false); // a zero: no log axis
    expect(spansDecades([[200, -1]])).toBe(false);
    expect(spansDecades([[Infinity, 1]])).toBe(false);
    expect(spansDecades([[]])).toBe(false);
  });
});
