// Debug modes that find where NaN or inf first appears, by op name:
//   torch.set_debug_nonfinite(true)        every kernel, forward and backward: NaN or ±inf
//   torch.autograd.set_detect_anomaly(true)  PyTorch's: backward functions that return NaN
// While a mode is on, the kernel registry holds wrapped kernels (engine/backend/registry.ts);
// off, the originals are back and dispatch costs nothing extra.
// CPU: a kernel whose float output holds a non-finite value while its inputs held none throws at
// once, naming the op (and the backward function it ran in). WebGPU: results exist only
// asynchronously, so each float output is scanned on the device and the next readback throws
// naming the first op that produced one (engine/backend/webgpu/debug.ts).
import { _setKernelWrapper, type Kernel } from './backend/registry';
import type { DeviceType } from './device';
import { state } from './state';
import { Tensor } from './tensor';

export const debugModes = { nonfinite: false, anomaly: false };

/** A backend whose values cannot be read synchronously scans outputs its own way. */
export interface NonfiniteScanner {
  /** Queue a scan of `out` for NaN/inf, reported later naming the op (and the backward function). */
  scan(op: string, out: Tensor, node: string | null): void;
  /** Called when a debug mode turns on or off. */
  enable(on: boolean): void;
}
const scanners: Partial<Record<DeviceType, NonfiniteScanner>> = {};

export function registerNonfiniteScanner(backend: DeviceType, s: NonfiniteScanner): void {
  scanners[backend] = s;
  if (debugModes.nonfinite || debugModes.anomaly) s.enable(true);
}

/** The error a debug mode throws (PyTorch raises RuntimeError; the name says which check fired). */
export class NonFiniteError extends Error {
  override name = 'NonFiniteError';
}

function update(): void {
  const on = debugModes.nonfinite || debugModes.anomaly;
  _setKernelWrapper(on ? wrap : null);
  for (const s of Object.values(scanners)) s?.enable(on);
}

/**
 * `torch.set_debug_nonfinite(true)`: every op checks its output; the first op that turns finite
 * inputs into NaN or ±inf throws, naming the op (in backward: and the backward function). Slow.
 * @example torch.set_debug_nonfinite(true); loss.backward()  // NonFiniteError: … 'log' …
 */
export function set_debug_nonfinite(on: boolean): void {
  debugModes.nonfinite = !!on;
  update();
}
export function is_debug_nonfinite_enabled(): boolean {
  return debugModes.nonfinite;
}

/** `torch.autograd.set_detect_anomaly(true)`: a backward function that returns NaN throws, naming it. */
export function set_detect_anomaly(on: boolean): void {
  debugModes.anomaly = !!on;
  update();
}
export function is_anomaly_enabled(): boolean {
  return debugModes.anomaly;
}

const isFloat = (t: Tensor) => t.dtype.is_floating_point;
/** True while a check reads values (reading a strided tensor runs a copy kernel: not checked). */
let scanning = false;

/** What counts as bad here: NaN only (anomaly mode, in backward) or NaN and ±inf. */
function badCount(t: Tensor, nanOnly: boolean): { n: number; nan: number; total: number } {
  scanning = true;
  let d: ArrayLike<number>;
  try {
    d = t._cpuContiguous();
  } finally {
    scanning = false;
  }
  let n = 0, nan = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v !== v) {
      n++;
      nan++;
    } else if (!nanOnly && (v === Infinity || v === -Infinity)) n++;
  }
  return { n, nan, total: d.length };
}

function tensorsIn(args: unknown[], out: Tensor[] = []): Tensor[] {
  for (const a of args) {
    if (a instanceof Tensor) out.push(a);
    else if (Array.isArray(a) && a.length && a.some((x) => x instanceof Tensor)) tensorsIn(a, out);
  }
  return out;
}

function wrap(op: string, backend: DeviceType, fn: Kernel): Kernel {
  return function (this: unknown, ...args: unknown[]) {
    const node = state.backwardNode;
    const check = !scanning && (debugModes.nonfinite || (debugModes.anomaly && node !== null));
    if (!check) return fn.apply(this, args);
    const nanOnly = !debugModes.nonfinite;
    const name = typeof args[0] === 'string' ? args[0] : op;
    const scanner = scanners[backend];
    // Inputs that already hold a bad value: it was produced earlier (or came from the user).
    const inputs = scanner ? [] : tensorsIn(args).filter((t) => t.device.type === 'cpu' && isFloat(t));
    const inputBad = inputs.some((t) => badCount(t, nanOnly).n > 0);
    const result = fn.apply(this, args);
    const outs = result instanceof Tensor ? [result] : Array.isArray(result) ? result.filter((r): r is Tensor => r instanceof Tensor) : [];
    for (const out of outs) {
      if (!isFloat(out)) continue;
      if (scanner && out.device.type === backend) {
        scanner.scan(name, out, node);
        continue;
      }
      if (out.device.type !== 'cpu' || inputBad) continue;
      const bad = badCount(out, nanOnly);
      if (!bad.n) continue;
      const what = bad.nan === bad.n ? 'NaN' : bad.nan ? 'NaN and inf' : 'inf';
      const count = `${bad.n} of ${bad.total} values`;
      if (node)
        throw new NonFiniteError(`Function '${node}' returned ${what} values (its '${name}' kernel, ${count}, from finite inputs)${debugModes.nonfinite ? '' : ' — torch.autograd.set_detect_anomaly'}`);
      throw new NonFiniteError(`torch.set_debug_nonfinite: the '${name}' op produced ${what} (${count}) from finite inputs`);
    }
    return result;
  };
}
