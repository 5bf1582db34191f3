// Multi-cell selection and the commands that work on it (JupyterLab's NotebookActions):
// extend the selection (Shift+J/K, Shift+click), move, change type, merge (Shift+M) and split
// (Ctrl+Shift+-). Each structural change is one undo step (./history.ts).
import { recorded } from './history';
import { changeType, moveCell, type NotebookState } from './actions';
import { newCellId } from './ids';
import type { Cell, CellType } from './types';

const indexOf = (s: NotebookState, id: string | null) => (id ? s.doc.cells.findIndex((c) => c.id === id) : -1);

/** The selected cells' ids in notebook order: from the anchor to the active cell. */
export function selectedIds(s: Pick<NotebookState, 'doc' | 'activeId' | 'anchorId'>): string[] {
  const cells = s.doc.cells;
  const i = cells.findIndex((c) => c.id === s.activeId);
  if (i < 0) return [];
  const j = s.anchorId ? cells.findIndex((c) => c.id === s.anchorId) : -1;
  if (j < 0) return [cells[i].id];
  return cells.slice(Math.min(i, j), Math.max(i, j) + 1).map((c) => c.id);
}

/** Shift+J / Shift+K: the active cell moves, the anchor stays (the selection grows or shrinks). */
export function extendSelection(s: NotebookState, delta: number): NotebookState {
  const cells = s.doc.cells;
  const i = indexOf(s, s.activeId);
  if (i < 0) return s;
  const j = Math.max(0, Math.min(cells.length - 1, i + delta));
  return { ...s, anchorId: s.anchorId ?? s.activeId, activeId: cells[j].id, mode: 'command' };
}

/** Shift+click: selects from the active cell (or the current anchor) to `id`. */
export function selectTo(s: NotebookState, id: string): NotebookState {
  if (indexOf(s, id) < 0) return s;
  return { ...s, anchorId: s.anchorId ?? s.activeId, activeId: id, mode: 'command' };
}

/** Ctrl+A in command mode: every cell. */
export function selectAll(s: NotebookState): NotebookState {
  const cells = s.doc.cells;
  if (cells.length === 0) return s;
  // The selection runs from the anchor to the active cell: the active one goes to the end.
  return { ...s, activeId: cells[cells.length - 1].id, anchorId: cells.length > 1 ? cells[0].id : null, mode: 'command' };
}

/** Changes every given cell's type (one undo step). */
export const changeTypes = recorded((s: NotebookState, ids: readonly string[], type: CellType): NotebookState => ids.reduce((st, id) => changeType(st, id, type), s));

/**
 * Moves the cells (a contiguous selection) one place up (-1) or down (+1), keeping them
 * selected. Nothing moves past either end.
 */
export const moveCells = recorded((s: NotebookState, ids: readonly string[], delta: -1 | 1): NotebookState => {
  const idx = ids.map((id) => indexOf(s, id)).filter((i) => i >= 0).sort((a, b) => a - b);
  if (idx.length === 0) return s;
  if (delta < 0 ? idx[0] === 0 : idx[idx.length - 1] === s.doc.cells.length - 1) return s;
  const order = delta < 0 ? idx : idx.slice().reverse();
  let next = s;
  for (const i of order) next = moveCell(next, s.doc.cells[i].id, i + delta);
  return { ...next, activeId: s.activeId, anchorId: s.anchorId };
});

function mergedCell(primary: Cell, parts: Cell[]): Cell {
  const source = parts.map((c) => c.source).join('\n\n');
  const cell: Cell = { id: newCellId(), cell_type: primary.cell_type, metadata: { ...primary.metadata }, source, outputs: [], execution_count: null };
  if (primary.cell_type === 'markdown') {
    const attachments = Object.assign({}, ...parts.map((c) => c.attachments ?? {}));
    if (Object.keys(attachments).length) cell.attachments = attachments;
  }
  return cell;
}

/**
 * Merges the selected cells into one (Shift+M), as JupyterLab: sources joined by a blank line,
 * the active cell's type and metadata, outputs cleared. With one cell selected it merges with
 * the cell below (or above, `above`); at that end of the notebook nothing happens.
 */
export const mergeCells = recorded((s: NotebookState, ids: readonly string[], above = false): NotebookState => {
  const cells = s.doc.cells;
  const active = indexOf(s, s.activeId);
  if (active < 0) return s;
  let picked = ids.map((id) => indexOf(s, id)).filter((i) => i >= 0);
  if (picked.length <= 1) {
    const other = above ? active - 1 : active + 1;
    if (other < 0 || other >= cells.length) return s;
    picked = [active, other];
  }
  picked.sort((a, b) => a - b);
  const merged = mergedCell(cells[active], picked.map((i) => cells[i]));
  const gone = new Set(picked.map((i) => cells[i].id));
  const next: Cell[] = [];
  for (const c of cells) {
    if (c.id === cells[picked[0]].id) next.push(merged);
    if (!gone.has(c.id)) next.push(c);
  }
  return { ...s, doc: { ...s.doc, cells: next }, activeId: merged.id, anchorId: null, version: s.version + 1 };
});

/**
 * Splits a cell at the cursor (Ctrl+Shift+- in edit mode), as JupyterLab: `cuts` are offsets
 * into the source (a cursor, or a selection's start and end, which gives three cells). Newlines
 * at the edges of each part are trimmed; the last part keeps the outputs. The part after the
 * cursor (or the selected part) becomes active, in edit mode.
 */
export const splitCell = recorded((s: NotebookState, id: string, cuts: readonly number[]): NotebookState => {
  const i = indexOf(s, id);
  if (i < 0) return s;
  const cell = s.doc.cells[i];
  const src = cell.source;
  const inner = [...new Set(cuts.map((c) => Math.max(0, Math.min(src.length, c))))].sort((a, b) => a - b);
  const offsets = [0, ...inner, src.length];
  const parts: Cell[] = offsets.slice(0, -1).map((from, k) => ({
    id: newCellId(),
    cell_type: cell.cell_type,
    metadata: { ...cell.metadata },
    source: src.slice(from, offsets[k + 1]).replace(/^\n+/, '').replace(/\n+$/, ''),
    outputs: k === offsets.length - 2 && cell.cell_type === 'code' ? cell.outputs : [],
    execution_count: null,
    // Each part keeps the attachments (as JupyterLab's split clones the cell); writing drops the unused.
    ...(cell.attachments ? { attachments: cell.attachments } : {}),
  }));
  const selection = cuts.length === 2 && cuts[0] !== cuts[1];
  const cells = s.doc.cells.slice();
  cells.splice(i, 1, ...parts);
  const active = parts[Math.max(0, parts.length - (selection ? 2 : 1))];
  return { ...s, doc: { ...s.doc, cells }, activeId: active.id, anchorId: null, mode: 'edit', version: s.version + 1 };
});
