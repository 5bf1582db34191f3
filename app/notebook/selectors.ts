// Selectors at module scope, so components subscribe to exactly what they show.
import type { NotebookStore } from './store';
import type { CellRunState } from './types';
import type { Cell } from './types';

const idle: CellRunState = { status: 'idle', ranThisSession: false };

export const selectCells = (s: NotebookStore) => s.doc.cells;
export const selectCellIds = (s: NotebookStore) => s.doc.cells.map((c) => c.id).join(' ');
export const selectActions = (s: NotebookStore) => s.actions;
export const selectActiveId = (s: NotebookStore) => s.activeId;
export const selectMode = (s: NotebookStore) => s.mode;
export const selectVersion = (s: NotebookStore) => s.version;
export const selectDoc = (s: NotebookStore) => s.doc;
export const cellById = (id: string) => (s: NotebookStore) => s.doc.cells.find((c) => c.id === id);
export const runStateById = (id: string) => (s: NotebookStore) => s.run[id] ?? idle;
export const selectAnyRunning = (s: NotebookStore) => Object.values(s.run).some((r) => r.status === 'running' || r.status === 'queued');
/** Whether the cell is in the multi-cell selection (the active cell always is). */
export const isSelected = (id: string) => (s: NotebookStore) => {
  if (s.activeId === id) return true;
  if (!s.anchorId) return false;
  const at = positions(s.doc.cells);
  const [i, a, j] = [at.get(id), at.get(s.anchorId), s.activeId ? at.get(s.activeId) : undefined];
  if (i === undefined || a === undefined || j === undefined) return false;
  return i >= Math.min(a, j) && i <= Math.max(a, j);
};

// Each cell asks on every store change: an index per cells array keeps that O(1).
const indexes = new WeakMap<readonly Cell[], Map<string, number>>();
function positions(cells: readonly Cell[]): Map<string, number> {
  let m = indexes.get(cells);
  if (!m) indexes.set(cells, (m = new Map(cells.map((c, k) => [c.id, k]))));
  return m;
}
export const selectCanUndo = (s: NotebookStore) => s.history.undo.length > 0;
export const selectCanRedo = (s: NotebookStore) => s.history.redo.length > 0;
