// The monitor's device histograms on a real WebGPU adapter (SwiftShader in headless Chromium):
// the bins computed on the GPU match the CPU histogram of the same values.
import { describe, expect, it } from 'vitest';
import { torch } from '../../../engine/index';
import { histogram } from './histogram';
import { deviceHistogram } from './histogram-device';

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
    const host = histogram(cpu.cpu_data(), 30);
    const dev = await deviceHistogram(cpu.to('webgpu'), 30);
    expect(dev.counts.reduce((a, b) => a + b)).toBe(5000);
    expect(dev.lo).toBeCloseTo(host.lo, 6);
    expect(dev.hi).toBeCloseTo(host.hi, 6);
    expect(dev.norm).toBeCloseTo(host.norm, 4);
    expect(dev.counts.reduce((a, c, i) => a + Math.abs(c - host.counts[i]), 0)).toBeLessThanOrEqual(4);
  });
});
