// Timing: warm up, repeat, keep the median. Every peer is timed by the same function.

export interface TimingOptions {
  /** Untimed calls first (JIT, caches, lazy kernel compilation). */
  warmup: number;
  /** Timed calls (at least this many)… */
  reps: number;
  /** …and keep going until this much time has been spent, up to `maxReps`. */
  minMs: number;
  maxReps?: number;
}

export interface Timing {
  /** Median wall-clock time per call. */
  medianMs: number;
  /** Median process CPU time per call (all threads: on a busy shared machine, steadier than wall time). */
  cpuMedianMs: number;
  reps: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Process CPU time in ms (Node); NaN where there is none (browsers). */
function cpuNow(): number {
  if (typeof process === 'undefined' || !process.cpuUsage) return NaN;
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export async function time(fn: () => unknown | Promise<unknown>, o: TimingOptions): Promise<Timing> {
  for (let i = 0; i < o.warmup; i++) await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  const maxReps = o.maxReps ?? 1000;
  while (times.length < o.reps || (performance.now() - start < o.minMs && times.length < maxReps)) {
    const c0 = cpuNow();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    cpu.push(cpuNow() - c0);
  }
  return { medianMs: median(times), cpuMedianMs: median(cpu), reps: times.length };
}
