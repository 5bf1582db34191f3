import { describe, expect, it } from 'vitest';
import { MIME } from '../protocol/outputs';
import { withFallbacks } from './fallbacks';
import { pickMime } from './registry';
import { gridRows, tensorFallback } from './tensor';
import { moduleFallback } from './module';
import { paramsFallback, totals } from './params';

const tensor = { shape: [2, 2], dtype: 'float32', device: 'cpu', requires_grad: true, grad_fn: 'AddBackward0', numel: 4, min: 1, max: 4, mean: 2.5, nan_count: 0, inf_count: 0, values: [1, 2, 3, 4], truncated: false };
const seq = {
  name: '', class: 'Sequential', extra_repr: '', params: 0, total_params: 25, trainable_params: 25,
  children: [
    { name: 'hidden_linear', class: 'Linear', extra_repr: 'in_features=1, out_features=8, bias=True', params: 16, total_params: 16, trainable_params: 16, children: [] },
    { name: 'hidden_activation', class: 'Tanh', extra_repr: '', params: 0, total_params: 0, trainable_params: 0, children: [] },
    { name: 'output_linear', class: 'Linear', extra_repr: 'in_features=8, out_features=1, bias=True', params: 9, total_params: 9, trainable_params: 9, children: [] },
  ],
};
const params = {
  rows: [
    { name: 'hidden_linear.weight', shape: [8, 1], numel: 8, dtype: 'float32', device: 'cpu', requires_grad: false },
    { name: 'hidden_linear.bias', shape: [8], numel: 8, dtype: 'float32', device: 'cpu', requires_grad: false },
    { name: 'output_linear.weight', shape: [1, 8], numel: 8, dtype: 'float32', device: 'cpu', requires_grad: true, grad_norm: 0.5, grad_mean: -0.01 },
    { name: 'output_linear.bias', shape: [1], numel: 1, dtype: 'float32', device: 'cpu', requires_grad: true, grad_norm: 0.1, grad_mean: 0.1 },
  ],
  total: { tensors: 4, numel: 25, trainable: 9 },
};

describe('renderer registry', () => {
  it('picks the richest type present', () => {
    expect(pickMime({ 'text/plain': 'x', [MIME.tensor]: tensor })).toBe(MIME.tensor);
    expect(pickMime({ 'text/plain': 'x', 'text/html': '<b>' })).toBe('text/html');
    expect(pickMime({ 'text/plain': 'x', 'application/x-unknown': 1 })).toBe('text/plain');
    expect(pickMime({})).toBeUndefined();
  });
});

describe('static fallbacks', () => {
  it('tensor: the summary, escaped', () => {
    const f = tensorFallback({ ...tensor, grad_fn: '<AddBackward0>' });
    expect(f.mime).toBe('text/html');
    expect(f.text).toContain('<b>grad_fn</b> &lt;AddBackward0&gt;');
    expect(f.text).toContain('<b>shape</b> [2, 2]');
    expect(f.text).toContain('<b>requires_grad</b> true');
  });

  it('tensor grid rows come from the flat values and the shape', () => {
    expect(gridRows(tensor)).toEqual([[1, 2], [3, 4]]);
    expect(gridRows({ ...tensor, shape: [4] })).toEqual([[1, 2, 3, 4]]);
    expect(gridRows({ ...tensor, shape: [1, 2, 2] })).toBeNull();
  });

  it('module: a nested list with parameter counts', () => {
    const f = moduleFallback(seq);
    expect(f.text).toContain('<b>Sequential</b>');
    expect(f.text).toContain('(hidden_linear): <b>Linear</b>(in_features=1, out_features=8, bias=True) <i>16 params</i>');
    expect(f.text).toContain('<i>25 params</i>');
  });

  it('params: one row per parameter, frozen marked, totals', () => {
    expect(totals(params)).toEqual({ total: 25, trainable: 9 });
    const f = paramsFallback(params);
    expect(f.text.match(/<tr>/g)).toHaveLength(6);
    expect(f.text).toContain('<td>hidden_linear.weight</td><td>[8, 1]</td><td>8</td>');
    expect(f.text).toContain('False (frozen)');
    expect(f.text).toContain('trainable 9');
    expect(f.text).not.toContain('grad std'); // a plain parameter table
  });

  it('of grads(model) add each gradient\'s std, min, max and share of zeros', () => {
    const rows = [{ name: 'w', shape: [2], numel: 2, dtype: 'float32', device: 'cpu', requires_grad: true, grad_norm: 5, grad_mean: 3.5, grad_std: 0.5, grad_min: 3, grad_max: 4, grad_zeros: 0.25 }];
    const f = paramsFallback({ rows, grads: true, total: { tensors: 1, numel: 2, trainable: 2 } });
    expect(f.text).toContain('<th>grad std</th><th>grad min</th><th>grad max</th><th>zeros</th>');
    expect(f.text).toContain('<td>0.5</td><td>3</td><td>4</td><td>25.0%</td>');
    expect(f.text).toContain('colspan="9"');
  });

  it('are added to vendor bundles only, and never replace existing html', () => {
    expect(withFallbacks({ 'text/plain': 'x', [MIME.params]: params })['text/html']).toMatch(/^<table/);
    expect(withFallbacks({ 'text/plain': 'x' })).toEqual({ 'text/plain': 'x' });
    const own = { 'text/plain': 'x', 'text/html': '<p>mine</p>', [MIME.tensor]: tensor };
    expect(withFallbacks(own)).toBe(own);
  });

  it('keep text/plain when a payload is malformed', () => {
    expect(withFallbacks({ 'text/plain': 'x', [MIME.params]: null })).toEqual({ 'text/plain': 'x', [MIME.params]: null });
  });
});
