// The kernel's device lifecycle: which backend cells run on, whether WebGPU can be chosen, and
// GPU faults. A cell that queued WebGPU work waits for it (`torch.webgpu.synchronize()`), so
// out-of-memory and validation errors show in that cell; after a device loss the kernel calls
// `torch.webgpu.init()` and says in the cell and the status that it recovered onto a new device,
// or falls back to the CPU when none can be had.
import type { Backend, KernelStatus } from '../protocol/messages';
import type { Torch } from './engine-types';

export class DeviceLifecycle {
  backend: Backend = 'cpu';
  webgpu: KernelStatus['webgpu'] = { available: false, reason: 'not checked yet' };

  constructor(private readonly torch: Torch) {}

  async checkWebgpu(): Promise<void> {
    const wg = this.torch.webgpu;
    try {
      if (!wg.is_available()) await wg.init();
      const ok = wg.is_available();
      this.webgpu = ok ? { available: true } : { available: false, reason: wg.unavailable_reason() ?? 'no WebGPU adapter' };
    } catch (e) {
      this.webgpu = { available: false, reason: (e as Error).message };
    }
  }

  async apply(device: Backend): Promise<void> {
    if (device === 'webgpu') {
      await this.checkWebgpu();
      if (!this.webgpu.available) {
        this.backend = 'cpu';
        return;
      }
    }
    try {
      this.torch.set_default_device(device);
      this.backend = device;
    } catch (e) {
      this.backend = 'cpu';
      if (device === 'webgpu') this.webgpu = { available: false, reason: (e as Error).message };
    }
  }

  /** A count that changes whenever WebGPU work is queued (0 without a device). */
  gpuActivity(): number {
    if (!this.webgpu.available) return 0;
    try {
      const s = this.torch.webgpu.stats();
      return s.submits + s.dispatches + s.uploads + s.bufferAllocations + s.bufferReuses;
    } catch {
      return 0;
    }
  }

  /** Waits for the WebGPU work a cell queued (its errors then belong to that cell). */
  synchronize(): Promise<void> {
    return this.torch.webgpu.synchronize();
  }

  /**
   * After a WebGPU device loss: recover onto a new device (`init()`), or fall back to the CPU
   * when none can be had. Returns what to tell the user, or null when nothing was lost.
   */
  async recoverFromLoss(): Promise<string | null> {
    const wg = this.torch.webgpu;
    if (!this.webgpu.available) return null;
    try {
      if (wg.is_available()) return null;
    } catch {
      return null;
    }
    const why = String(wg.unavailable_reason() ?? 'the WebGPU device was lost').split(';')[0];
    let ok = false;
    try {
      ok = (await wg.init()) && wg.is_available();
    } catch {
      ok = false;
    }
    if (ok) {
      this.webgpu = { available: true, reason: `a new device: ${why}` };
      return `${capitalize(why)}. The kernel recovered onto a new WebGPU device; tensors and models that lived on the old one are gone: re-run the cells that created them.`;
    }
    const reason = String(wg.unavailable_reason() ?? why);
    this.webgpu = { available: false, reason };
    if (this.backend === 'webgpu') {
      try {
        this.torch.set_default_device('cpu');
      } catch {
        // the default device stays; ops will say WebGPU is unavailable
      }
      this.backend = 'cpu';
    }
    return `${capitalize(why)}. No new WebGPU device could be created (${reason}), so the kernel fell back to the CPU; tensors that lived on the GPU are gone: re-run the cells that created them.`;
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
