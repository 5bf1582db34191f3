// The expectation editor's own state: which cells have it open, and each cell's earlier
// expectations for Undo. Expectations themselves live in the cell's metadata (the notebook store),
// so they are saved, autosaved and shared like any other edit.
import { create } from 'zustand';
import { useNotebook } from '../notebook/store';
import type { CellExpect } from '../notebook/expect';
import { cellExpect } from '../notebook/expect';
import { tidyExpect, torchlitWithExpect } from '../notebook/expect-record';

/** Undo steps kept per cell. */
const UNDO_KEPT = 50;

interface ExpectUi {
  open: Record<string, boolean>;
  /** The expectations a cell had before each edit, newest last (null: it had none). */
  undo: Record<string, (CellExpect | null)[]>;
  /** The editor to move the keyboard focus into once it shows (opened from the cell's menu). */
  focus: string | null;
}

export const useExpectUi = create<ExpectUi>(() => ({ open: {}, undo: {}, focus: null }));

export function setEditorOpen(id: string, open: boolean): void {
  useExpectUi.setState((s) => ({ open: { ...s.open, [id]: open }, focus: open ? id : s.focus === id ? null : s.focus }));
}

function write(id: string, next: CellExpect | null): void {
  const nb = useNotebook.getState();
  const cell = nb.doc.cells.find((c) => c.id === id);
  if (cell) nb.actions.setMetadata(id, 'torchlit', torchlitWithExpect(cell, next));
}

/** Replaces the cell's expectation (null removes it); the one before becomes an Undo step. */
export function commitExpect(id: string, next: CellExpect | null): void {
  const cell = useNotebook.getState().doc.cells.find((c) => c.id === id);
  if (!cell) return;
  const before = cellExpect(cell);
  const tidy = next && tidyExpect(next);
  if (JSON.stringify(before) === JSON.stringify(tidy)) return;
  useExpectUi.setState((s) => ({ undo: { ...s.undo, [id]: [...(s.undo[id] ?? []), before].slice(-UNDO_KEPT) } }));
  write(id, tidy);
}

/** Puts back the expectation before the last edit; false when there is nothing to undo. */
export function undoExpect(id: string): boolean {
  const steps = useExpectUi.getState().undo[id] ?? [];
  if (!steps.length) return false;
  const prev = steps[steps.length - 1];
  useExpectUi.setState((s) => ({ undo: { ...s.undo, [id]: steps.slice(0, -1) } }));
  write(id, prev);
  return true;
}

// A document was loaded (its version starts again at 0): earlier undo steps and open editors
// belong to the notebook before.
useNotebook.subscribe((s, prev) => {
  if (s.doc !== prev.doc && s.version === 0) useExpectUi.setState({ open: {}, undo: {}, focus: null });
});
