// What the training views need from the kernel runtime: showing a ready MIME bundle and
// replacing it in place later (by display_id).
import type { MimeBundle } from '../../protocol/messages';

export interface DisplayHandle {
  update(bundle: MimeBundle, opts: { raw: true }): void;
}

export interface ViewsHost {
  display(bundle: MimeBundle, opts: { display_id: string | true; raw: true }): DisplayHandle;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Calls `send` at most every `ms` while `poke` is called (leading and trailing), so a tight loop streams updates. */
export class Throttle {
  private last = -Infinity;
  private timer: unknown = null;
  constructor(
    private readonly host: Pick<ViewsHost, 'now' | 'setTimeout' | 'clearTimeout'>,
    private readonly ms: number,
    private readonly send: () => void,
  ) {}
  poke(): void {
    const t = this.host.now();
    if (t - this.last >= this.ms) {
      this.fire();
      return;
    }
    if (this.timer === null) this.timer = this.host.setTimeout(() => this.fire(), this.ms);
  }
  /** Sends now (e.g. the final state). */
  fire(): void {
    if (this.timer !== null) {
      this.host.clearTimeout(this.timer);
      this.timer = null;
    }
    this.last = this.host.now();
    this.send();
  }
}

/** A scalar from a number, boolean, or one-element tensor (sync on CPU; a promise otherwise). */
export function scalarOf(v: unknown): number | Promise<number> | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v as { numel?: () => number; device?: { type?: string }; cpu_item?: () => number | boolean; item?: () => Promise<number | boolean> } | null;
  if (t && typeof t.numel === 'function') {
    if (t.numel() !== 1) throw new Error(`monitor: a metric must be a number or a one-element tensor, got a tensor with ${t.numel()} elements (did you mean .mean()?)`);
    if (t.device?.type === 'cpu' && t.cpu_item) return Number(t.cpu_item());
    if (t.item) return t.item().then(Number);
  }
  return null;
}

/** Dense values of a tensor (sync on CPU; a promise otherwise). */
export function valuesOf(t: { device?: { type?: string }; cpu_data?: () => ArrayLike<number>; _cpuContiguous?: () => ArrayLike<number>; data?: () => Promise<ArrayLike<number>> }): ArrayLike<number> | Promise<ArrayLike<number>> {
  // CPU: read the storage in place (no copy): the histogram is computed at once
  if (t.device?.type === 'cpu' && t._cpuContiguous) return t._cpuContiguous();
  if (t.device?.type === 'cpu' && t.cpu_data) return t.cpu_data();
  if (t.data) return t.data();
  throw new Error('monitor: not a tensor');
}

/** A number for JSON (NaN/Infinity become null). */
export const jsonNum = (v: number): number | null => (Number.isFinite(v) ? v : null);
