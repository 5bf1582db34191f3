// Runs a peer's workloads with the shared timing, in Node or in a browser worker.
import type { Inputs } from './inputs';
import type { Cell, Results } from './table';
import { time } from './timing';
import { toUnit, type Workload, type WorkloadId } from './workloads';
import { Missing, type Peer } from './peers/peer';

export type Clock = 'wall' | 'cpu';

/** Fills results[peer] (in `clock`) and other[peer] (the other clock) for each workload. */
export async function runPeer(peer: Peer, workloads: Workload[], inputs: Inputs, results: Results, clock: Clock, other: Results, log: (s: string) => void): Promise<void> {
  const row: Partial<Record<WorkloadId, Cell>> = (results[peer.name] = {});
  const otherRow: Partial<Record<WorkloadId, Cell>> = (other[peer.name] = {});
  try {
    await peer.init?.();
  } catch (e) {
    for (const w of workloads) row[w.id] = otherRow[w.id] = { missing: `n/a: ${(e as Error).message.slice(0, 60)}` };
    return;
  }
  for (const w of workloads) {
    log(`  ${peer.name}: ${w.id} … `);
    try {
      const step = await peer.prepare(w.id, inputs);
      const { medianMs, cpuMedianMs, reps } = await time(step, w.timing);
      const [main, alt] = clock === 'wall' ? [medianMs, cpuMedianMs] : [cpuMedianMs, medianMs];
      row[w.id] = { value: toUnit(w, main) };
      otherRow[w.id] = Number.isNaN(alt) ? { missing: 'n/a' } : { value: toUnit(w, alt) };
      log(`${medianMs.toFixed(2)} ms median of ${reps}${Number.isNaN(cpuMedianMs) ? '' : ` (CPU time ${cpuMedianMs.toFixed(2)} ms)`}\n`);
    } catch (e) {
      const msg = e instanceof Missing ? e.message : `error: ${(e as Error).message.split('\n')[0].slice(0, 80)}`;
      row[w.id] = otherRow[w.id] = { missing: msg };
      log(`${msg}\n`);
    } finally {
      peer.cleanup?.();
    }
  }
}

/** Workloads where the engine's JavaScript warm-up is a large share of a run (tiny ops, many calls). */
const JIT_BOUND = new Set<WorkloadId>(['seed_raw', 'seed_nn', 'seed_lesson', 'mlp']);

/**
 * Runs each variant's warm-up calls on the JIT-bound workloads before any variant is timed. Our
 * variants share the engine's JavaScript, and V8 optimises it while the first one runs: timed
 * one after another, the first column paid that warm-up and read slower than the same kernels in
 * the next (session 8: the seed lesson's WASM column 0.297 s measured first, JS 0.275 s after it,
 * and the other way round with the order swapped).
 */
export async function warmUpTogether(peers: Peer[], workloads: Workload[], inputs: Inputs, log: (s: string) => void): Promise<void> {
  const ws = workloads.filter((w) => JIT_BOUND.has(w.id));
  if (peers.length < 2 || !ws.length) return;
  log(`  warming up ${peers.map((p) => p.name).join(', ')} on ${ws.map((w) => w.id).join(', ')} before timing any …\n`);
  for (const p of peers) {
    try {
      await p.init?.();
    } catch {
      continue;
    }
    for (const w of ws) {
      try {
        const step = await p.prepare(w.id, inputs);
        for (let i = 0; i < Math.max(1, w.timing.warmup); i++) await step();
      } catch {
        // a variant that cannot run a workload says so when it is timed
      } finally {
        p.cleanup?.();
      }
    }
  }
}
