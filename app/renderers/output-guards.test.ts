// Vendor JSON from a file is shape-checked (app/protocol/outputs.ts) before a rich renderer sees it (issue 9).
import { describe, expect, it } from 'vitest';
import { isModuleJson, isParamsJson, isPlotJson, isProgressJson, isTensorJson, isTrainingJson, MIME } from '../protocol/outputs';
import { pickMime } from './registry';

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
    expect(isTrainingJson(training)).toBe(true);
    expect(isTrainingJson({ ...training, params: [{ ...training.params[0], hint: 'exploding' }] })).toBe(true);
    expect(isPlotJson({ title: '', xlabel: 'x', ylabel: 'y', series: [{ kind: 'line', label: 'a', x: [1, null], y: [2, 3] }] })).toBe(true);
    expect(isProgressJson({ desc: '', n: 3, total: null, elapsed_s: 1, rate: null, eta_s: null, done: false, postfix: {} })).toBe(true);
    expect(isTensorJson({ shape: [], dtype: 'float32', values: [1] })).toBe(true);
    const linear = { name: '0', class: 'Linear', extra_repr: 'in_features=1, out_features=8, bias=True', params: 16, total_params: 16, trainable_params: 16, children: [] };
    expect(isModuleJson({ ...linear, name: '', class: 'Sequential', children: [linear] })).toBe(true);
    const row = { name: 'w', shape: [2], numel: 2, dtype: 'float32', device: 'cpu', requires_grad: true, grad_norm: 1, grad_mean: null };
    expect(isParamsJson({ rows: [row, { ...row, name: 'b', requires_grad: false }], total: { tensors: 2, numel: 4, trainable: 2 }, grads: true })).toBe(true);
  });

  it('reject strings where the SVG drawing expects numbers, and malformed shapes', () => {
    expect(isTrainingJson({ ...training, hist_epochs: ['<img src=x onerror=alert(1)>', 2] })).toBe(false);
    expect(isTrainingJson({ ...training, params: [{ ...training.params[0], grads: [{ ...hist, lo: '"/><script>' }] }] })).toBe(false);
    expect(isTrainingJson({ ...training, params: [{ ...training.params[0], hint: '<b>x</b>' }] })).toBe(false);
    expect(isTrainingJson({ ...training, params: 'x' })).toBe(false);
    expect(isPlotJson({ series: [{ kind: 'bar', x: [], y: [] }] })).toBe(false);
    expect(isProgressJson({ desc: 'x', n: '1' })).toBe(false);
    expect(isTensorJson({ shape: 'x' })).toBe(false);
    expect(isModuleJson({ name: '', class: 'Net', extra_repr: '', params: 0, total_params: 0, trainable_params: 0, children: 5 })).toBe(false);
    expect(isModuleJson({ name: '', class: { toString: 1 }, extra_repr: '', params: 0, total_params: 0, trainable_params: 0, children: [] })).toBe(false);
    expect(isParamsJson({ rows: [{ name: { x: 1 } }], total: { tensors: 1, numel: 1, trainable: 1 } })).toBe(false);
    expect(isParamsJson({ rows: [{ name: 'w', shape: [2], numel: 2, dtype: 'float32', device: 'cpu', requires_grad: true, grad_norm: '1' }], total: { tensors: 1, numel: 2, trainable: 2 } })).toBe(false);
  });

  it('make pickMime fall back to text/plain for a malformed view', () => {
    expect(pickMime({ [MIME.training]: training, 'text/plain': 't' })).toBe(MIME.training);
    expect(pickMime({ [MIME.training]: { ...training, epochs: ['1'] }, 'text/plain': 't' })).toBe('text/plain');
    expect(pickMime({ 'text/html': { not: 'a string' }, 'text/plain': 't' })).toBe('text/plain');
    expect(pickMime({ 'application/x-unknown': '<b>' })).toBeUndefined();
  });
});
