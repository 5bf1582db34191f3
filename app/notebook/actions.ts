// Notebook commands as small pure functions over the state (like JupyterLab's
// notebook/actions.tsx): each takes the state and returns the next one; the store wraps them.
import type { MimeBundle } from '../protocol/messages';
import { emptyCell } from './ipynb';
import { newCellId } from './ids';
import { NOTEBOOK_OUTPUT_CHARS, notebookOutputSize, OUTPUT_CHARS, outputSize, refusal } from './output-caps';
import type { Cell, CellRunState, CellStatus, CellType, NotebookDoc, Output } from './types';
import { emptyHistory, recorded, undo, type History } from './history';

export type Mode = 'command' | 'edit';

export interface NotebookState {
  doc: NotebookDoc;
  run: Record<string, CellRunState>;
  activeId: string | null;
  mode: Mode;
  /**
   * The other end of a multi-cell selection (Shift+J/K, Shift+click); the selection is every
   * cell from here to the active cell. null: only the active cell is selected.
   */
  anchorId: string | null;
  clipboard: Cell[];
  /** Undo/redo of structural changes (./history.ts). */
  history: History;
  /** Bumps on every document change; the autosaver watches it. */
  version: number;
}

/** Stream output kept whole up to this many characters; beyond, a marker says what was cut. */
export const STREAM_LIMIT = 1_000_000;

export function initialState(doc: NotebookDoc): NotebookState {
  return { doc, run: {}, activeId: doc.cells[0]?.id ?? null, anchorId: null, mode: 'command', clipboard: [], history: emptyHistory(), version: 0 };
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

export const insertAt = recorded((s: NotebookState, index: number, type?: CellType, source?: string): NotebookState => {
  const cell = emptyCell(type ?? 'code', source ?? '');
  const cells = s.doc.cells.slice();
  cells.splice(Math.max(0, Math.min(index, cells.length)), 0, cell);
  return withCells(s, cells, { activeId: cell.id, anchorId: null });
});

export const insertBelow = (s: NotebookState, type: CellType = 'code') => insertAt(s, indexOf(s, s.activeId) + 1 || s.doc.cells.length, type);
export const insertAbove = (s: NotebookState, type: CellType = 'code') => insertAt(s, Math.max(0, indexOf(s, s.activeId)), type);

/** Deletes the cells; the one after the first deleted (or the new last) becomes active. Undoable. */
export const deleteCells = recorded((s: NotebookState, ids: readonly string[]): NotebookState => {
  const gone = new Set(ids);
  const first = s.doc.cells.findIndex((c) => gone.has(c.id));
  if (first < 0) return s;
  const cells = s.doc.cells.filter((c) => !gone.has(c.id));
  const next = withCells(s, cells, { anchorId: null });
  if (cells.length === 0) return insertAt(next, 0, 'code');
  return { ...next, activeId: cells[Math.min(first, cells.length - 1)].id };
});

export const deleteCell = (s: NotebookState, id: string) => deleteCells(s, [id]);

/** Z used to undo only deletions; it now undoes any structural change (./history.ts). */
export const undoDelete = undo;

export const moveCell = recorded((s: NotebookState, id: string, toIndex: number): NotebookState => {
  const i = indexOf(s, id);
  if (i < 0) return s;
  const to = Math.max(0, Math.min(toIndex, s.doc.cells.length - 1));
  if (to === i) return s;
  const cells = s.doc.cells.slice();
  const [cell] = cells.splice(i, 1);
  cells.splice(to, 0, cell);
  return withCells(s, cells);
});

export const moveUp = (s: NotebookState, id: string) => moveCell(s, id, indexOf(s, id) - 1);
export const moveDown = (s: NotebookState, id: string) => moveCell(s, id, indexOf(s, id) + 1);

export const changeType = recorded((s: NotebookState, id: string, type: CellType): NotebookState =>
  mapCell(s, id, (c) => (c.cell_type === type ? c : { ...c, cell_type: type, outputs: [], execution_count: null })),
);

export function setSource(s: NotebookState, id: string, source: string): NotebookState {
  return mapCell(s, id, (c) => (c.source === source ? c : { ...c, source }));
}

/**
 * Stores an attachment (a pasted or dropped image) on a Markdown cell. Not an undo step of its own:
 * the text that shows it is undone in the cell's editor, and attachments the source no longer
 * mentions are dropped when the notebook is written (./attachments.ts).
 */
export function setAttachment(s: NotebookState, id: string, name: string, bundle: MimeBundle): NotebookState {
  return mapCell(s, id, (c) => ({ ...c, attachments: { ...(c.attachments ?? {}), [name]: bundle } }));
}

export function setMetadata(s: NotebookState, id: string, key: string, value: unknown): NotebookState {
  return mapCell(s, id, (c) => {
    const metadata = { ...c.metadata };
    if (value === undefined) delete metadata[key];
    else metadata[key] = value;
    return { ...c, metadata };
  });
}

/** Not an undo step: the runner clears a cell's outputs this way when it runs it. */
export function clearOutputs(s: NotebookState, id: string): NotebookState {
  return mapCell(s, id, (c) => (c.outputs.length === 0 && c.execution_count === null ? c : { ...c, outputs: [], execution_count: null }));
}

/** The user's "Clear outputs" on some cells: one undo step. */
export const clearCellOutputs = recorded((s: NotebookState, ids: readonly string[]): NotebookState => ids.reduce(clearOutputs, s));

/** The document's code cells without outputs or execution counts (Markdown and raw cells as they are). */
export function withoutOutputs(doc: NotebookDoc): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: [], execution_count: null } : c)) };
}

/** Clear Outputs of All Cells (undoable; the run states go back to idle). */
export const clearAllOutputs = recorded((s: NotebookState): NotebookState => {
  const cells = s.doc.cells.map((c) => (c.cell_type === 'code' && (c.outputs.length > 0 || c.execution_count !== null) ? { ...c, outputs: [], execution_count: null } : c));
  return cells.some((c, i) => c !== s.doc.cells[i]) ? withCells(s, cells, { run: {} }) : { ...s, run: {} };
});

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

/** Makes `id` the active cell, and the only one selected. */
export function setActive(s: NotebookState, id: string | null, mode?: Mode): NotebookState {
  if (s.activeId === id && s.anchorId === null && (mode === undefined || mode === s.mode)) return s;
  return { ...s, activeId: id, anchorId: null, mode: mode ?? s.mode };
}

export function selectRelative(s: NotebookState, delta: number): NotebookState {
  const i = indexOf(s, s.activeId);
  const cells = s.doc.cells;
  if (cells.length === 0) return s;
  const j = Math.max(0, Math.min(cells.length - 1, (i < 0 ? 0 : i) + delta));
  return setActive(s, cells[j].id);
}

/** Copies the cells (in notebook order) to the notebook's clipboard. */
export function copyCells(s: NotebookState, ids: readonly string[]): NotebookState {
  const wanted = new Set(ids);
  const picked = s.doc.cells.filter((c) => wanted.has(c.id));
  return picked.length ? { ...s, clipboard: picked } : s;
}

export const copyCell = (s: NotebookState, id: string) => copyCells(s, [id]);
export const cutCells = (s: NotebookState, ids: readonly string[]) => deleteCells(copyCells(s, ids), ids);
export const cutCell = (s: NotebookState, id: string) => cutCells(s, [id]);

/** Pastes the clipboard below the active cell (or the selection's last cell); the pasted cells end up selected. */
export const pasteBelow = recorded((s: NotebookState, below?: string): NotebookState => {
  if (s.clipboard.length === 0) return s;
  const at = indexOf(s, below ?? s.activeId) + 1 || s.doc.cells.length;
  const copies = s.clipboard.map((c) => ({ ...c, id: newCellId() }));
  const cells = s.doc.cells.slice();
  cells.splice(at, 0, ...copies);
  return withCells(s, cells, { activeId: copies[copies.length - 1].id, anchorId: copies.length > 1 ? copies[0].id : null });
});

export function setNotebookMetadata(s: NotebookState, key: string, value: unknown): NotebookState {
  return { ...s, doc: { ...s.doc, metadata: { ...s.doc.metadata, [key]: value } }, version: s.version + 1 };
}
