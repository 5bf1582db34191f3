// torch.set_debug_nonfinite / torch.autograd.set_detect_anomaly: the first op that produces NaN
// or inf is named (forward and backward), on the CPU at once and on WebGPU at the next readback;
// with both off the registry holds the original kernels (no cost on the dispatch path).
import { afterEach, describe, expect, it } from 'vitest';
import { getKernel } from './backend/registry';
import { backends, T } from './test/harness';

const devices = await backends();

afterEach(() => {
  T.set_debug_nonfinite(false);
  T.autograd.set_detect_anomaly(false);
});

describe('debug modes off', () => {
  it('leave the original kernels in the registry', () => {
    const before = getKernel('binary', 'cpu');
    T.set_debug_nonfinite(true);
    const wrapped = getKernel('binary', 'cpu');
    expect(wrapped).not.toBe(before);
    T.set_debug_nonfinite(false);
    expect(getKernel('binary', 'cpu')).toBe(before);
    T.autograd.set_detect_anomaly(true);
    expect(getKernel('binary', 'cpu')).not.toBe(before);
    T.autograd.set_detect_anomaly(false);
    expect(getKernel('binary', 'cpu')).toBe(before);
  });
  it('let NaN and inf through silently', async () => {
    expect(Array.from(await T.tensor([1, 0]).log().data())).toEqual([0, -Infinity]);
  });
});

describe('torch.set_debug_nonfinite on the CPU', () => {
  it('names the first op that turns finite values into inf or NaN', () => {
    T.set_debug_nonfinite(true);
    expect(T.is_debug_nonfinite_enabled()).toBe(true);
    const y = T.tensor([1, 0, 2]).mul(2); // finite: no error
    expect(() => y.log()).toThrow(/the 'log' op produced inf \(1 of 3 values\) from finite inputs/);
    expect(() => T.tensor([0, 1]).div(T.tensor([0, 1]))).toThrow(/'div' op produced NaN/);
    try {
      T.tensor([1, 0]).log();
    } catch (e) {
      expect((e as Error).name).toBe('NonFiniteError');
    }
  });
  it('does not blame an op for NaN that was already in its input', async () => {
    T.set_debug_nonfinite(true);
    const x = T.tensor([NaN, 1]);
    expect(Array.from(await x.add(1).data())).toEqual([NaN, 2]);
  });
  it('names the backward function and its kernel', () => {
    T.set_debug_nonfinite(true);
    const x = T.tensor([0, 4], { requires_grad: true });
    const y = x.sqrt().sum(); // forward finite; d/dx sqrt at 0 is inf
    expect(() => y.backward()).toThrow(/Function 'SqrtBackward0' returned inf values \(its '\w+' kernel/);
  });
});

describe('torch.autograd.set_detect_anomaly on the CPU', () => {
  it('names the backward function that returned NaN, and ignores forward values and inf', () => {
    T.autograd.set_detect_anomaly(true);
    expect(T.autograd.is_anomaly_enabled()).toBe(true);
    expect(() => T.tensor([1, 0]).log()).not.toThrow(); // forward is not checked (as PyTorch)
    const a = T.tensor([0, 4], { requires_grad: true });
    a.sqrt().sum().backward(); // inf gradient, no NaN: fine
    const x = T.tensor([0, 4], { requires_grad: true });
    const y = x.sqrt().mul(T.tensor([0, 1])).sum(); // 0 * inf in SqrtBackward0 → NaN
    expect(() => y.backward()).toThrow(/Function 'SqrtBackward0' returned NaN values/);
  });
  it('detect_anomaly(fn) turns it on for fn only', () => {
    const x = T.tensor([0], { requires_grad: true });
    const y = x.sqrt().mul(0).sum();
    expect(() => T.autograd.detect_anomaly(() => y.backward())).toThrow(/SqrtBackward0/);
    expect(T.autograd.is_anomaly_enabled()).toBe(false);
  });
});

describe.each(devices.filter((d) => d !== 'cpu'))('debug modes on %s', (device) => {
  it('name the op at the next readback, forward and backward', async () => {
    T.set_debug_nonfinite(true);
    const x = T.tensor([1, 0, 2]).to(device);
    const y = x.mul(2).log().add(1);
    await expect(y.data()).rejects.toThrow(/'log' kernel .*produced NaN or Inf/);
    expect(await T.tensor([1, 2]).to(device).add(1).tolist()).toEqual([2, 3]);
    const w = T.tensor([0, 4], { dtype: T.float32 }).to(device).requires_grad_(true);
    w.sqrt().mul(T.tensor([0, 1], { dtype: T.float32 }).to(device)).sum().backward();
    await expect(w.grad.data()).rejects.toThrow(/kernel in 'SqrtBackward0'.*produced NaN or Inf/);
    T.set_debug_nonfinite(false);
    expect(await T.tensor([1, 0]).to(device).log().tolist()).toEqual([0, -Infinity]);
  });
});
