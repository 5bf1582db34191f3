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
