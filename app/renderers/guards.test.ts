// View JSON from a file is shape-checked before a rich renderer sees it (issue 9).
import { describe, expect, it } from 'vitest';
import { isPlotData, isProgressData, isTensorData, isTrainingData } from './guards';
import { pickMime } from './registry';
import { MIME } from '../protocol/messages';

const hist = { lo: -1, hi: 1, counts: [1, 2, 3], mean: 0, std: 0.5, norm: 1, min: -1, max: 1, zeros: 0, nonfinite: 0, n: 6 };
const training = {
  title: 'Training',
  bins: 3,
  epochs: [1, 2],
  metrics: { loss: [1, null] },
  hist_epochs: [1, 2],
  params: [{ name: 'w', shape: [2], numel: 2, requires_grad: true, grads: [hist, null], weights: [hist, { ...hist, mean: null }], hint: null }],
  total_epochs: 2,
  done: false,
  elapsed_s: 0.1,
};

describe('view guards', () => {
  it('accept what the kernel sends (NaN saved as null included)', () => {
    expect(isTrainingData(training)).toBe(true);
    expect(isTrainingData({ ...training, params: [{ ...training.params[0], hint: 'exploding' }] })).toBe(true);
    expect(isPlotData({ title: '', xlabel: 'x', ylabel: 'y', series: [{ kind: 'line', label: 'a', x: [1, null], y: [2, 3] }] })).toBe(true);
    expect(isProgressData({ desc: '', n: 3, total: null, elapsed_s: 1, rate: null, eta_s: null, done: false, postfix: {} })).toBe(true);
    expect(isTensorData({ shape: [], dtype: 'float32', values: [1] })).toBe(true);
  });

  it('reject strings where the SVG drawing expects numbers, and malformed shapes', () => {
    expect(isTrainingData({ ...training, hist_epochs: ['<img src=x onerror=alert(1)>', 2] })).toBe(false);
    expect(isTrainingData({ ...training, params: [{ ...training.params[0], grads: [{ ...hist, lo: '"/><script>' }] }] })).toBe(false);
    expect(isTrainingData({ ...training, params: [{ ...training.params[0], hint: '<b>x</b>' }] })).toBe(false);
    expect(isTrainingData({ ...training, params: 'x' })).toBe(false);
    expect(isPlotData({ series: [{ kind: 'bar', x: [], y: [] }] })).toBe(false);
    expect(isProgressData({ desc: 'x', n: '1' })).toBe(false);
    expect(isTensorData({ shape: 'x' })).toBe(false);
  });

  it('make pickMime fall back to text/plain for a malformed view', () => {
    expect(pickMime({ [MIME.training]: training, 'text/plain': 't' })).toBe(MIME.training);
    expect(pickMime({ [MIME.training]: { ...training, epochs: ['1'] }, 'text/plain': 't' })).toBe('text/plain');
    expect(pickMime({ 'text/html': { not: 'a string' }, 'text/plain': 't' })).toBe('text/plain');
    expect(pickMime({ 'application/x-unknown': '<b>' })).toBeUndefined();
  });
});
