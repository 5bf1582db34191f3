// What a JS peer provides: for a workload, a prepared step to time (or a reason it cannot).
import type { Inputs } from '../inputs';
import type { WorkloadId } from '../workloads';

/** Thrown (or returned) when a peer lacks what a workload needs; the table prints the reason. */
export class Missing extends Error {}

export interface Peer {
  name: string;
  /** Called once before this peer's workloads (e.g. to switch TF.js backends). */
  init?(): Promise<void>;
  /** Builds the workload from the shared inputs; the returned function runs one timed call. */
  prepare(id: WorkloadId, inputs: Inputs): Promise<() => unknown>;
  /** Called after each workload, to free what `prepare` made. */
  cleanup?(): void;
}
