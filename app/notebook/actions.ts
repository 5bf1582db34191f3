// Notebook commands as small pure functions over the state (like JupyterLab's
// notebook/actions.tsx): each takes the state and returns the next one; the store wraps them.
import type { MimeBundle } from '../protocol/messages';
import { emptyCell } from './ipynb';
import { newCellId } from './ids';
import { NOTEBOOK_OUTPUT_CHARS, notebookOutputSize, OUTPUT_CHARS, outputSize, refusal } from './output-caps';
import type { Cell, CellRunState, CellStatus, CellType, NotebookDoc, Output } from './types';

export type Mode = 'command' | 'edit';

export interface NotebookState {
  doc: NotebookDoc;
  run: Record<string, CellRunState>;
  activeId: string | null;
  mode: Mode;
  clipboard: Cell[];
  /** Deleted cells with their former index, for Z (undo delete). */
  deleted: { cell: Cell; index: number }[];
  /** Bumps on every document change; the autosaver watches it. */
  version: number;
}

/** Stream output kept whole up to this many characters; beyond, a marker says what was cut. */
export const STREAM_LIMIT = 1_000_000;

export function initialState(doc: NotebookDoc): NotebookState {
  return { doc, run: {}, activeId: doc.cells[0]?.id ?? null, mode: 'command', clipboard: [], deleted: [], version: 0 };
}

const indexOf = (s: NotebookState, id: string | null) => (id ? s.doc.cells.findIndex((c) => c.id === id) : -1);

function withCells(s: NotebookState, cells: Cell[], extra: Partial<NotebookState> = {}): NotebookState {
  return { ...s, ...extra, doc: { ...s.doc, cells }, version: s.version + 1 };
}

function mapCell(s: NotebookState, id: string, f: (c: Cell) => Cell): NotebookState {
  const i = indexOf(s, id);
  if (i < 0) return s;
  const cells = s.doc.cells.slice();
  cells[i] = f(cells[i]);
  return withCells(s, cells);
}

export function insertAt(s: NotebookState, index: number, type: CellType = 'code', source = ''): NotebookState {
  const cell = emptyCell(type, source);
  const cells = s.doc.cells.slice();
  cells.splice(Math.max(0, Math.min(index, cells.length)), 0, cell);
  return withCells(s, cells, { activeId: cell.id });
}

export const insertBelow = (s: NotebookState, type: CellType = 'code') => insertAt(s, indexOf(s, s.activeId) + 1 || s.doc.cells.length, type);
export const insertAbove = (s: NotebookState, type: CellType = 'code') => insertAt(s, Math.max(0, indexOf(s, s.activeId)), type);

export function deleteCell(s: NotebookState, id: string): NotebookState {
  const i = indexOf(s, id);
  if (i < 0) return s;
  const cells = s.doc.cells.filter((c) => c.id !== id);
  let next = withCells(s, cells, { deleted: [...s.deleted, { cell: s.doc.cells[i], index: i }].slice(-50) });
  if (cells.length === 0) next = insertAt(next, 0, 'code');
  else next = { ...next, activeId: cells[Math.min(i, cells.length - 1)].id };
  return next;
}

export function undoDelete(s: NotebookState): NotebookState {
  const last = s.deleted[s.deleted.length - 1];
  if (!last) return s;
  const cells = s.doc.cells.slice();
  cells.splice(Math.min(last.index, cells.length), 0, last.cell);
  return withCells(s, cells, { deleted: s.deleted.slice(0, -1), activeId: last.cell.id });
}

export function moveCell(s: NotebookState, id: string, toIndex: number): NotebookState {
  const i = indexOf(s, id);
  if (i < 0) return s;
  const to = Math.max(0, Math.min(toIndex, s.doc.cells.length - 1));
  if (to === i) return s;
  const cells = s.doc.cells.slice();
  const [cell] = cells.splice(i, 1);
  cells.splice(to, 0, cell);
  return withCells(s, cells);
}

export const moveUp = (s: NotebookState, id: string) => moveCell(s, id, indexOf(s, id) - 1);
export const moveDown = (s: NotebookState, id: string) => moveCell(s, id, indexOf(s, id) + 1);

export function changeType(s: NotebookState, id: string, type: CellType): NotebookState {
  return mapCell(s, id, (c) => (c.cell_type === type ? c : { ...c, cell_type: type, outputs: [], execution_count: null }));
}

export function setSource(s: NotebookState, id: string, source: string): NotebookState {
  return mapCell(s, id, (c) => (c.source === source ? c : { ...c, source }));
}

export function setMetadata(s: NotebookState, id: string, key: string, value: unknown): NotebookState {
  return mapCell(s, id, (c) => {
    const metadata = { ...c.metadata };
    if (value === undefined) delete metadata[key];
    else metadata[key] = value;
    return { ...c, metadata };
  });
}

export function clearOutputs(s: NotebookState, id: string): NotebookState {
  return mapCell(s, id, (c) => (c.outputs.length === 0 && c.execution_count === null ? c : { ...c, outputs: [], execution_count: null }));
}

/** The document's code cells without outputs or execution counts (Markdown and raw cells as they are). */
export function withoutOutputs(doc: NotebookDoc): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: [], execution_count: null } : c)) };
}

export function clearAllOutputs(s: NotebookState): NotebookState {
  return withCells(s, withoutOutputs(s.doc).cells, { run: {} });
}

function capStream(text: string): string {
  if (text.length <= STREAM_LIMIT) return text;
  return text.slice(0, STREAM_LIMIT) + `\n[output truncated: more than ${STREAM_LIMIT.toLocaleString('en')} characters]\n`;
}

/**
 * Appends an output; consecutive stream text of the same stream is merged (as Jupyter does). An
 * output over the store's caps (./output-caps.ts) is not kept: a one-line note says so, once.
 */
export function appendOutput(s: NotebookState, id: string, output: Output): NotebookState {
  const refused = refusal(s.doc, outputSize(output));
  if (refused) {
    const cell = s.doc.cells.find((c) => c.id === id);
    const last = cell?.cell_type === 'code' ? cell.outputs[cell.outputs.length - 1] : undefined;
    if (last?.output_type === 'stream' && last.text.endsWith(refused)) return s;
    if (refusal(s.doc, refused.length)) return s;
    return appendOutput(s, id, { output_type: 'stream', name: 'stderr', text: refused });
  }
  return mapCell(s, id, (c) => {
    const last = c.outputs[c.outputs.length - 1];
    if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
      if (last.text.length > STREAM_LIMIT) return c;
      const merged = { ...last, text: capStream(last.text + output.text) };
      return { ...c, outputs: [...c.outputs.slice(0, -1), merged] };
    }
    const o = output.output_type === 'stream' ? { ...output, text: capStream(output.text) } : output;
    return { ...c, outputs: [...c.outputs, o] };
  });
}

/** Replaces, in place, every display output with this display_id (in any cell). */
export function updateDisplay(s: NotebookState, displayId: string, data: MimeBundle, metadata: Record<string, unknown>): NotebookState {
  // Over the store's caps the displays keep their previous value.
  let replaced = 0;
  let count = 0;
  for (const c of s.doc.cells) {
    if (c.cell_type !== 'code') continue;
    for (const o of c.outputs) {
      if (o.output_type === 'display_data' && o.display_id === displayId) {
        replaced += outputSize(o);
        count++;
      }
    }
  }
  if (count === 0) return s;
  const size = outputSize({ output_type: 'display_data', data, metadata, display_id: displayId });
  if (size > OUTPUT_CHARS || notebookOutputSize(s.doc) - replaced + size * count > NOTEBOOK_OUTPUT_CHARS) return s;
  let changed = false;
  const cells = s.doc.cells.map((c) => {
    if (!c.outputs.some((o) => o.output_type === 'display_data' && o.display_id === displayId)) return c;
    changed = true;
    return { ...c, outputs: c.outputs.map((o) => (o.output_type === 'display_data' && o.display_id === displayId ? { ...o, data, metadata } : o)) };
  });
  return changed ? withCells(s, cells) : s;
}

export function setExecutionCount(s: NotebookState, id: string, n: number | null): NotebookState {
  return mapCell(s, id, (c) => ({ ...c, execution_count: n }));
}

export function setStatus(s: NotebookState, id: string, status: CellStatus, now = Date.now()): NotebookState {
  const prev = s.run[id] ?? { status: 'idle', ranThisSession: false };
  const next: CellRunState = { ...prev, status };
  if (status === 'running') {
    next.startedAt = now;
    next.durationMs = undefined;
    next.ranThisSession = true;
  }
  if ((status === 'done' || status === 'error' || status === 'interrupted') && prev.startedAt !== undefined) next.durationMs = now - prev.startedAt;
  return { ...s, run: { ...s.run, [id]: next } };
}

/** After a kernel restart nothing has run in the new session. */
export function resetRunState(s: NotebookState): NotebookState {
  return { ...s, run: {} };
}

export function setActive(s: NotebookState, id: string | null, mode?: Mode): NotebookState {
  if (s.activeId === id && (mode === undefined || mode === s.mode)) return s;
  return { ...s, activeId: id, mode: mode ?? s.mode };
}

export function selectRelative(s: NotebookState, delta: number): NotebookState {
  const i = indexOf(s, s.activeId);
  const cells = s.doc.cells;
  if (cells.length === 0) return s;
  const j = Math.max(0, Math.min(cells.length - 1, (i < 0 ? 0 : i) + delta));
  return setActive(s, cells[j].id);
}

export function copyCell(s: NotebookState, id: string): NotebookState {
  const c = s.doc.cells[indexOf(s, id)];
  return c ? { ...s, clipboard: [c] } : s;
}

export function cutCell(s: NotebookState, id: string): NotebookState {
  return deleteCell(copyCell(s, id), id);
}

export function pasteBelow(s: NotebookState): NotebookState {
  if (s.clipboard.length === 0) return s;
  const at = indexOf(s, s.activeId) + 1;
  const copies = s.clipboard.map((c) => ({ ...c, id: newCellId() }));
  const cells = s.doc.cells.slice();
  cells.splice(at, 0, ...copies);
  return withCells(s, cells, { activeId: copies[copies.length - 1].id });
}

export function setNotebookMetadata(s: NotebookState, key: string, value: unknown): NotebookState {
  return { ...s, doc: { ...s.doc, metadata: { ...s.doc.metadata, [key]: value } }, version: s.version + 1 };
}
