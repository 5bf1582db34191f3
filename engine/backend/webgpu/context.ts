// The WebGPU device: adapter and device requests (with the adapter's highest limits), loss and
// error handling, and the counters behind `torch.webgpu.stats()`.
// Every other file of this backend reaches the device through `gpu()`, which throws a clear
// error when there is none, so no kernel runs against a lost or missing device.

export interface GpuContext {
  device: GPUDevice;
  adapterInfo: string;
  isFallbackAdapter: boolean;
  /** Largest byte range one storage binding may cover. */
  maxBinding: number;
  maxBufferSize: number;
  /** Alignment of a storage binding's offset (bytes). */
  storageAlign: number;
  uniformAlign: number;
  maxWorkgroupsPerDim: number;
  /** Bumped on each new device: buffers from an older generation are dead. */
  generation: number;
}

let ctx: GpuContext | null = null;
/** The GPU object the device came from, held so it is not collected (Dawn in Node destroys its instance then). */
let api: GPU | null = null;
let generation = 0;
let reason: string | null = 'torch.webgpu.init() has not been called';
/** GPU errors reported asynchronously (uncaptured, error scopes); thrown at the next sync point. */
const pendingErrors: string[] = [];
const lossListeners: (() => void)[] = [];

export const counters = {
  submits: 0,
  dispatches: 0,
  bufferAllocations: 0,
  bufferReuses: 0,
  pipelines: 0,
  bindGroups: 0,
  readbacks: 0,
  uploads: 0,
  bytesAllocated: 0,
};

export const settings = {
  debug: false,
  /** Test hook: pretend bindings are this small (to exercise chunked kernels). */
  maxBindingOverride: 0,
  /** Dispatches per queue.submit before an automatic flush. */
  batchSize: 256,
};

/** The live device context; throws a PyTorch-like error when WebGPU is not usable. */
export function gpu(): GpuContext {
  if (!ctx) throw new Error(`WebGPU is not available: ${reason}. Check torch.webgpu.is_available() (after await torch.webgpu.init()) or use device 'cpu'.`);
  return ctx;
}

export function gpuOrNull(): GpuContext | null {
  return ctx;
}

export function unavailableReason(): string | null {
  return ctx ? null : reason;
}

export function maxBinding(): number {
  const c = gpu();
  return settings.maxBindingOverride > 0 ? Math.min(settings.maxBindingOverride, c.maxBinding) : c.maxBinding;
}

/** Called by the queue and pool so their state is dropped when the device goes away. */
export function onDeviceLoss(fn: () => void): void {
  lossListeners.push(fn);
}

export function reportError(msg: string): void {
  // "X is invalid due to a previous error": a consequence, reported when its cause was
  if (/is invalid due to a previous error/.test(msg)) return;
  pendingErrors.push(msg);
}

/** Error scopes not resolved yet (allocations); synchronize() waits for them so none reports late. */
const openScopes = new Set<Promise<unknown>>();
export function trackScope(p: Promise<unknown>): void {
  openScopes.add(p);
  void p.finally(() => openScopes.delete(p));
}
export async function settleScopes(): Promise<void> {
  while (openScopes.size) await Promise.allSettled([...openScopes]);
}

const isCause = (m: string) => /^(out of GPU memory|invalid GPU buffer) allocating/.test(m);

/** Throws the first asynchronously reported GPU error, if any (called at readbacks and flushes). */
export function throwPendingErrors(): void {
  if (!pendingErrors.length) return;
  // The cause first: a failed allocation, before the errors of the commands that then used its invalid buffer.
  const msgs = pendingErrors.splice(0).sort((x, y) => Number(isCause(y)) - Number(isCause(x)));
  throw new Error(`WebGPU error in an earlier operation: ${msgs[0]}${msgs.length > 1 ? ` (and ${msgs.length - 1} more)` : ''}`);
}

function gpuApi(explicit?: GPU): GPU | null {
  if (explicit) return explicit;
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return nav?.gpu ?? null;
}

// The limits we raise to the adapter's maximum (numeric limits whose larger value is better).
const RAISED_LIMITS = [
  'maxBufferSize', 'maxStorageBufferBindingSize', 'maxUniformBufferBindingSize', 'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupSizeY', 'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension', 'maxStorageBuffersPerShaderStage', 'maxBindGroups', 'maxBindingsPerBindGroup',
] as const;

/**
 * Requests an adapter and a device with the adapter's highest limits. Resolves to whether WebGPU
 * is usable; on failure `unavailableReason()` says why. Safe to call again (after a device loss).
 */
export async function initDevice(opts: { gpu?: GPU; powerPreference?: GPUPowerPreference } = {}): Promise<boolean> {
  if (ctx) return true;
  api = gpuApi(opts.gpu);
  if (!api) {
    reason = 'navigator.gpu is missing (this browser or context has no WebGPU; in Chromium headless pass --enable-unsafe-webgpu)';
    return false;
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await api.requestAdapter({ powerPreference: opts.powerPreference ?? 'high-performance' });
  } catch (e) {
    reason = `requestAdapter() failed: ${(e as Error).message}`;
    return false;
  }
  if (!adapter) {
    reason = 'no WebGPU adapter was found (requestAdapter() returned null)';
    return false;
  }
  const requiredLimits: Record<string, number> = {};
  const al = adapter.limits as unknown as Record<string, number>;
  for (const k of RAISED_LIMITS) if (typeof al[k] === 'number') requiredLimits[k] = al[k];
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredLimits });
  } catch (e) {
    reason = `requestDevice() failed: ${(e as Error).message}`;
    return false;
  }
  const info = (adapter as { info?: GPUAdapterInfo }).info;
  const gen = ++generation;
  const lim = device.limits;
  ctx = {
    device,
    adapterInfo: info ? [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter' : 'unknown adapter',
    isFallbackAdapter: !!(info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter || !!(adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter,
    maxBinding: Math.min(lim.maxStorageBufferBindingSize, lim.maxBufferSize),
    maxBufferSize: lim.maxBufferSize,
    storageAlign: lim.minStorageBufferOffsetAlignment,
    uniformAlign: lim.minUniformBufferOffsetAlignment,
    maxWorkgroupsPerDim: lim.maxComputeWorkgroupsPerDimension,
    generation: gen,
  };
  reason = null;
  device.addEventListener('uncapturederror', (ev) => {
    const err = (ev as GPUUncapturedErrorEvent).error;
    reportError(`${err.constructor?.name ?? 'GPUError'}: ${err.message}`);
  });
  void device.lost.then((lost) => {
    if (!ctx || ctx.generation !== gen) return;
    markLost(`the WebGPU device was lost (${lost.reason ?? 'unknown'}${lost.message ? `: ${lost.message}` : ''}); call await torch.webgpu.init() to get a new one — tensors on the old device are gone`);
  });
  return true;
}

/** Forgets the device (after a loss, or for tests); `init()` may then request a new one. */
export function markLost(why: string): void {
  ctx = null;
  reason = why;
  for (const fn of lossListeners) fn();
}

/** Destroys the device on purpose (tests of the loss path). */
export function destroyDevice(): void {
  ctx?.device.destroy();
}

export function currentGeneration(): number {
  return ctx?.generation ?? -1;
}
