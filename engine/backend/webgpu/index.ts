// The WebGPU backend's public face: `torch.webgpu.is_available()` mirrors `torch.cuda.is_available()`.
// (The kernels arrive with the WebGPU issue; until then it reports why it is unavailable.)

let reason = 'the WebGPU backend is not built yet';

export const webgpu = {
  /** Whether tensors can be put on 'webgpu'. @example const device = torch.webgpu.is_available() ? 'webgpu' : 'cpu' */
  is_available(): boolean {
    return false;
  },
  /** Why `is_available()` is false (no adapter, no navigator.gpu, …), or null. */
  unavailable_reason(): string | null {
    return reason;
  },
  device_count(): number {
    return 0;
  },
  /** Requests an adapter and device; resolves to whether WebGPU is usable. */
  async init(): Promise<boolean> {
    reason = 'the WebGPU backend is not built yet';
    return false;
  },
};
