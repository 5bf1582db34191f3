// The in-memory notebook model. Outputs use nbformat's shapes so saving is a straight copy.
import type { MimeBundle } from '../protocol/messages';

export type CellType = 'code' | 'markdown' | 'raw';
export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'interrupted';

export interface StreamOutput { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string }
export interface DisplayOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: Record<string, unknown>;
  /** Not saved: the id `update_display` uses to find this output while the cell runs. */
  display_id?: string;
}
export interface ResultOutput { output_type: 'execute_result'; execution_count: number | null; data: MimeBundle; metadata: Record<string, unknown> }
export interface ErrorOutput { output_type: 'error'; ename: string; evalue: string; traceback: string[]; line?: number; column?: number }
export type Output = StreamOutput | DisplayOutput | ResultOutput | ErrorOutput;

export interface Cell {
  id: string;
  cell_type: CellType;
  source: string;
  metadata: Record<string, unknown>;
  outputs: Output[];
  execution_count: number | null;
  /** Kept for markdown/raw cells (nbformat `attachments`). */
  attachments?: Record<string, unknown>;
}

/** Run state lives beside the cell, not in it: it is never saved. */
export interface CellRunState {
  status: CellStatus;
  /** true once the cell ran in this kernel session ("not run yet" otherwise). */
  ranThisSession: boolean;
  startedAt?: number;
  durationMs?: number;
}

export interface NotebookDoc {
  cells: Cell[];
  /** Notebook-level metadata, unknown keys kept. */
  metadata: Record<string, unknown>;
  nbformat_minor: number;
}

export const TORCHLIT_VERSION = '0.1.0';
