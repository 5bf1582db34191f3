// The runner's state machine as pure functions: what each kernel message, a queued run and the
// end of a cell do to the notebook and the kernel view. ./runner.ts owns the kernel client and
// applies these; the functions here touch nothing (time comes in as `now`).
//
//   let s = initialRunState(notebook, view);
//   s = enqueue(s, [cellId], now);
//   const { state, start } = startNext(s, now);       // start: the cell to execute, if any
//   s = onKernelMessage(state, message, now);         // every message from the kernel
import * as A from '../notebook/actions';
import type { Output } from '../notebook/types';
import type { FromKernel, KernelStatus, VariableInfo } from '../protocol/messages';

export interface KernelView {
  status: KernelStatus | null;
  /** A notice the user must see (restart after a hang: variables lost). */
  notice: { kind: 'info' | 'warning' | 'error'; text: string } | null;
  variables: VariableInfo[];
  executionCount: number;
  /** Why the kernel is held back (no isolated origin in a production build: ./kernel.ts); null when it may run. */
  blocked: string | null;
}

export interface RunState {
  notebook: A.NotebookState;
  view: KernelView;
  /** Cells waiting to run, in order. */
  queue: string[];
  /** The cell the kernel is running and the request id of its execute. */
  current: { cellId: string; requestId: string } | null;
  /** The cell that finished last, to attribute a restart that follows its error. */
  lastFinished: { cellId: string; status: 'done' | 'error' | 'interrupted'; at: number } | null;
}

/** A restart within this long after a cell's error is attributed to that cell. */
export const RESTART_ATTRIBUTION_MS = 5000;

const cellOf = (s: RunState, id: string) => s.notebook.doc.cells.find((c) => c.id === id);
const withNotebook = (s: RunState, notebook: A.NotebookState): RunState => (notebook === s.notebook ? s : { ...s, notebook });

/**
 * Every output from the kernel enters the notebook here (one place: a page-side check of the
 * output's size or count per cell belongs in this function). Outputs for a deleted cell are dropped.
 */
export function acceptOutput(s: RunState, cellId: string, output: Output): RunState {
  if (!cellOf(s, cellId)) return s;
  return withNotebook(s, A.appendOutput(s.notebook, cellId, output));
}

/** Queues code cells that are not already queued or running. */
export function enqueue(s: RunState, ids: string[], now: number): RunState {
  let nb = s.notebook;
  const queue = s.queue.slice();
  for (const id of ids) {
    const c = nb.doc.cells.find((x) => x.id === id);
    if (!c || c.cell_type !== 'code' || queue.includes(id) || s.current?.cellId === id) continue;
    queue.push(id);
    nb = A.setStatus(nb, id, 'queued', now);
  }
  return { ...s, notebook: nb, queue };
}

/** Empties the queue; its cells go back to idle. */
export function clearQueue(s: RunState, now: number): RunState {
  if (!s.queue.length) return s;
  let nb = s.notebook;
  for (const id of s.queue) nb = A.setStatus(nb, id, 'idle', now);
  return { ...s, notebook: nb, queue: [] };
}

/**
 * Takes the next runnable cell off the queue (skipping deleted and non-code cells) when nothing
 * runs: it gets the next execution count, loses its old outputs and becomes 'running'. The caller
 * executes `start` and records its request id with `started`.
 */
export function startNext(s: RunState, now: number): { state: RunState; start?: { cellId: string; source: string; executionCount: number } } {
  if (s.current) return { state: s };
  let nb = s.notebook;
  const queue = s.queue.slice();
  while (queue.length) {
    const id = queue.shift()!;
    const c = nb.doc.cells.find((x) => x.id === id);
    if (!c || c.cell_type !== 'code') {
      nb = A.setStatus(nb, id, 'idle', now);
      continue;
    }
    const n = s.view.executionCount + 1;
    nb = A.setStatus(A.setExecutionCount(A.clearOutputs(nb, id), id, n), id, 'running', now);
    return { state: { ...s, notebook: nb, queue, view: { ...s.view, executionCount: n } }, start: { cellId: id, source: c.source, executionCount: n } };
  }
  return { state: { ...s, notebook: nb, queue } };
}

export function started(s: RunState, cellId: string, requestId: string): RunState {
  return { ...s, current: { cellId, requestId } };
}

/** The running cell ended: its status; after an error or interrupt the queue is dropped (Run all stops). */
export function finish(s: RunState, status: 'done' | 'error' | 'interrupted', now: number): RunState {
  if (!s.current) return s;
  const { cellId } = s.current;
  const next: RunState = { ...s, notebook: A.setStatus(s.notebook, cellId, status, now), current: null, lastFinished: { cellId, status, at: now } };
  return status === 'done' ? next : clearQueue(next, now);
}

/**
 * The kernel restarted (`stopped`: the cell it stopped, if any): nothing has run in the new
 * kernel, the queue is dropped, the stopped cell says it was interrupted, and the view says why.
 */
export function restarted(s: RunState, stopped: string | null, notice: KernelView['notice'], now: number): RunState {
  let nb = A.resetRunState(clearQueue(s, now).notebook);
  if (stopped) nb = A.setStatus(A.setStatus(nb, stopped, 'running', now), stopped, 'interrupted', now);
  return { ...s, notebook: nb, queue: [], current: null, view: { ...s.view, executionCount: 0, variables: [], notice } };
}

/** One message from the kernel. */
export function onKernelMessage(s: RunState, m: FromKernel, now: number): RunState {
  switch (m.type) {
    case 'status':
      return { ...s, view: { ...s.view, status: m } };
    case 'stream':
      return acceptOutput(s, m.cellId, { output_type: 'stream', name: m.name, text: m.text });
    case 'display':
      return acceptOutput(s, m.cellId, { output_type: 'display_data', data: m.data, metadata: m.metadata, display_id: m.display_id });
    case 'update_display':
      return withNotebook(s, A.updateDisplay(s.notebook, m.display_id, m.data, m.metadata));
    case 'execute_result':
      return acceptOutput(s, m.cellId, { output_type: 'execute_result', execution_count: m.executionCount, data: m.data, metadata: m.metadata });
    case 'error':
      return acceptOutput(s, m.cellId, { output_type: 'error', ename: m.ename, evalue: m.evalue, traceback: m.traceback, line: m.line, column: m.column });
    case 'execute_reply':
      if (s.current && m.id === s.current.requestId) return finish(s, m.status === 'ok' ? 'done' : m.status, now);
      // A reply for a cell this runner no longer tracks (an interrupt that raced a restart).
      if (m.status === 'interrupted' && cellOf(s, m.cellId) && s.notebook.run[m.cellId]?.status !== 'interrupted') return withNotebook(s, A.setStatus(s.notebook, m.cellId, 'interrupted', now));
      return s;
    case 'restarted': {
      const lost = m.reason !== 'user';
      // The stopped cell: still running, or the one whose error reply came just before.
      const last = s.lastFinished;
      const recent = last && last.status !== 'done' && now - last.at < RESTART_ATTRIBUTION_MS ? last.cellId : null;
      const stopped = s.current?.cellId ?? (lost ? recent : null);
      const s1 = stopped && lost ? acceptOutput(s, stopped, { output_type: 'stream', name: 'stderr', text: `${m.message || 'The kernel was restarted.'}\n` }) : s;
      return restarted(s1, stopped, { kind: lost ? 'warning' : 'info', text: m.message || 'The kernel was restarted: all variables were lost.' }, now);
    }
    case 'variables':
      return s;
  }
}
