// The kernel registry: typed by backend/kernels.ts, a second registration of one kernel is an
// error (two files claiming it), replaceKernel swaps one in on purpose and gives the old back.
import { describe, expect, it } from 'vitest';
import '../index';
import { gemmJs } from './cpu/gemm';
import { getKernel, hasKernel, registerKernel, replaceKernel } from './registry';

describe('kernel registry', () => {
  it('refuses a second registration of the same kernel, naming it', () => {
    expect(() => registerKernel('matmul', 'cpu', (a) => a)).toThrow("the 'matmul' kernel of the cpu backend is already registered");
  });
  it('replaceKernel installs and restores a kernel; null removes it', () => {
    const before = getKernel('gemm', 'cpu');
    const mine = (...args: Parameters<typeof gemmJs>) => gemmJs(...args);
    expect(replaceKernel('gemm', 'cpu', mine)).not.toBeNull();
    expect(getKernel('gemm', 'cpu')).toBe(mine);
    replaceKernel('gemm', 'cpu', before);
    expect(getKernel('gemm', 'cpu')).toBe(before);
    const fused = replaceKernel('conv2d_fused', 'cpu', null);
    expect(hasKernel('conv2d_fused', 'cpu')).toBe(false);
    replaceKernel('conv2d_fused', 'cpu', fused);
  });
  it('the monitor\'s histograms are a kernel of both backends, with one signature', () => {
    expect(hasKernel('histograms', 'cpu')).toBe(true);
    expect(hasKernel('histograms', 'webgpu')).toBe(true);
    expect(() => registerKernel('histograms', 'cpu', (ts) => ts[0])).toThrow("the 'histograms' kernel of the cpu backend is already registered");
  });
  it('a missing kernel is a clear error', () => {
    expect(() => getKernel('matmul', 'webgpu' as never)).not.toThrow(); // registered by importing the WebGPU backend
    expect(() => getKernel('read', 'cpu')).toThrow("the 'read' kernel is not implemented for the cpu backend");
  });
});
