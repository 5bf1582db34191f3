// The results table: one row per workload, each peer's figure, and our speed ratio to each peer.
import { WORKLOADS, type Workload, type WorkloadId } from './workloads';

/** A figure in the workload's unit, or why there is none. */
export type Cell = { value: number } | { missing: string };
export type Results = Record<string, Partial<Record<WorkloadId, Cell>>>;

function fmt(w: Workload, c: Cell | undefined): string {
  if (!c) return '—';
  if ('missing' in c) return c.missing;
  const v = c.value;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3;
  return `${v.toFixed(digits)} ${w.unit}`;
}

/** How many times faster `ours` is than `peer` (> 1: we are faster). */
export function speedup(w: Workload, ours: Cell | undefined, peer: Cell | undefined): number | null {
  if (!ours || !peer || 'missing' in ours || 'missing' in peer) return null;
  return w.unit === 'GFLOP/s' ? ours.value / peer.value : peer.value / ours.value;
}

/** Markdown: workload | each peer | ours ÷ each other peer (as a speed ratio). */
export function markdownTable(results: Results, ours: string, peers: string[], ids: WorkloadId[]): string {
  const others = peers.filter((p) => p !== ours);
  const head = ['workload', ...peers, ...others.map((p) => `speed vs ${p}`)];
  const rows = WORKLOADS.filter((w) => ids.includes(w.id)).map((w) => {
    const o = results[ours]?.[w.id];
    const ratios = others.map((p) => {
      const r = speedup(w, o, results[p]?.[w.id]);
      return r === null ? '—' : `${r.toFixed(2)}×`;
    });
    return [w.label, ...peers.map((p) => fmt(w, results[p]?.[w.id])), ...ratios];
  });
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
