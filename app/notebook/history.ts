// Undo/redo of the notebook's structure (Z / Shift+Z in command mode, as JupyterLab): insert,
// delete, move, type change, merge, split, paste, clear outputs. Typing inside a cell is the
// editor's own undo, not this one.
//
// An entry keeps the cells array before and after one operation (cells are immutable, so this
// is two arrays of references). Undo puts back `before`, except that a cell the operation did
// not touch keeps its current version: text typed or outputs produced since then survive.
import type { Cell } from './types';

export interface HistoryEntry {
  before: readonly Cell[];
  after: readonly Cell[];
  activeBefore: string | null;
  activeAfter: string | null;
}

export interface History {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

/** Undo steps kept per notebook. */
export const HISTORY_LIMIT = 100;

export const emptyHistory = (): History => ({ undo: [], redo: [] });

interface Recordable {
  doc: { cells: Cell[] };
  activeId: string | null;
  anchorId: string | null;
  history: History;
}

/** `next` as the result of a user's operation on `prev`: an undo step when the cells changed. */
export function record<S extends Recordable>(prev: S, next: S): S {
  if (next.doc.cells === prev.doc.cells) return next;
  const entry: HistoryEntry = { before: prev.doc.cells, after: next.doc.cells, activeBefore: prev.activeId, activeAfter: next.activeId };
  return { ...next, history: { undo: [...prev.history.undo, entry].slice(-HISTORY_LIMIT), redo: [] } };
}

/** Wraps a state transition so that each call is recorded as one undo step. */
export function recorded<S extends Recordable, A extends unknown[]>(f: (s: S, ...args: A) => S): (s: S, ...args: A) => S {
  return (s, ...args) => record(s, f(s, ...args));
}

/**
 * The cells to show when going from `from` (what the operation left) back to `to` (what it
 * started from), given what the notebook holds now.
 */
function restore(current: readonly Cell[], from: readonly Cell[], to: readonly Cell[]): Cell[] {
  const now = new Map(current.map((c) => [c.id, c]));
  const then = new Map(from.map((c) => [c.id, c]));
  return to.map((c) => {
    const left = then.get(c.id);
    const cur = now.get(c.id);
    // Untouched by the operation: keep what happened to it since.
    return left === c && cur ? cur : c;
  });
}

export interface Undoable extends Recordable {
  version: number;
}

function step<S extends Undoable>(s: S, dir: 'undo' | 'redo'): S {
  const stack = s.history[dir];
  const e = stack[stack.length - 1];
  if (!e) return s;
  const back = dir === 'undo';
  const cells = restore(s.doc.cells, back ? e.after : e.before, back ? e.before : e.after);
  const other = back ? 'redo' : 'undo';
  // A cell that comes back (undo of a delete) is selected, as the old Z did; else where it was.
  const present = new Set(s.doc.cells.map((c) => c.id));
  const returned = cells.find((c) => !present.has(c.id));
  const active = returned?.id ?? (back ? e.activeBefore : e.activeAfter);
  return {
    ...s,
    doc: { ...s.doc, cells },
    activeId: active && cells.some((c) => c.id === active) ? active : cells[0]?.id ?? null,
    anchorId: null,
    history: { ...s.history, [dir]: stack.slice(0, -1), [other]: [...s.history[other], e] } as History,
    version: s.version + 1,
  };
}

export const undo = <S extends Undoable>(s: S): S => step(s, 'undo');
export const redo = <S extends Undoable>(s: S): S => step(s, 'redo');
