// How a cell is shown, as JupyterLab does it:
// - outputs collapsed (O): `metadata.collapsed: true` on the code cell, the key JupyterLab 4 treats
//   as the truth (it also reads the older `metadata.jupyter.outputs_hidden` and drops it on save);
// - outputs scrolled (Shift+O): `metadata.scrolled: true` ('auto' counts as not scrolled);
// - line numbers (L for the active cell, Shift+L for all): a view setting, not saved in the cell.
//   Shift+L flips the notebook-wide default (kept in localStorage) and clears per-cell choices.
import { create } from 'zustand';
import { useNotebook } from '../notebook/store';
import type { Cell } from '../notebook/types';

export function outputsHidden(cell: Pick<Cell, 'metadata'>): boolean {
  const jupyter = cell.metadata.jupyter as { outputs_hidden?: unknown } | undefined;
  return cell.metadata.collapsed === true || jupyter?.outputs_hidden === true;
}

export function outputsScrolled(cell: Pick<Cell, 'metadata'>): boolean {
  return cell.metadata.scrolled === true;
}

/** Collapses or expands a code cell's outputs, writing the metadata JupyterLab writes. */
export function setOutputsHidden(id: string, hidden: boolean) {
  const nb = useNotebook.getState();
  const cell = nb.doc.cells.find((c) => c.id === id);
  if (!cell || cell.cell_type !== 'code' || outputsHidden(cell) === hidden) return;
  nb.actions.setMetadata(id, 'collapsed', hidden ? true : undefined);
  const jupyter = cell.metadata.jupyter as Record<string, unknown> | undefined;
  if (jupyter && 'outputs_hidden' in jupyter) {
    const { outputs_hidden: _dropped, ...rest } = jupyter;
    nb.actions.setMetadata(id, 'jupyter', Object.keys(rest).length ? rest : undefined);
  }
}

export function toggleOutputsHidden(id: string) {
  const cell = useNotebook.getState().doc.cells.find((c) => c.id === id);
  if (cell) setOutputsHidden(id, !outputsHidden(cell));
}

export function toggleOutputsScrolled(id: string) {
  const nb = useNotebook.getState();
  const cell = nb.doc.cells.find((c) => c.id === id);
  if (!cell || cell.cell_type !== 'code') return;
  nb.actions.setMetadata(id, 'scrolled', outputsScrolled(cell) ? undefined : true);
}

const LINE_NUMBERS_KEY = 'torchlit.lineNumbers';

function storedLineNumbers(): boolean {
  try {
    return globalThis.localStorage?.getItem(LINE_NUMBERS_KEY) !== 'off';
  } catch {
    return true;
  }
}

interface LineNumberState {
  /** Notebook-wide default (Shift+L). */
  all: boolean;
  /** Cells toggled on their own (L), until the next Shift+L. */
  cells: Record<string, boolean>;
}

export const useLineNumbers = create<LineNumberState>()(() => ({ all: storedLineNumbers(), cells: {} }));

export const lineNumbersOn = (s: LineNumberState, id: string) => s.cells[id] ?? s.all;

/** L: toggles line numbers in one cell. */
export function toggleLineNumbers(id: string) {
  useLineNumbers.setState((s) => ({ cells: { ...s.cells, [id]: !lineNumbersOn(s, id) } }));
}

/** Shift+L: toggles line numbers in every cell (and remembers it). */
export function toggleAllLineNumbers() {
  const all = !useLineNumbers.getState().all;
  try {
    globalThis.localStorage?.setItem(LINE_NUMBERS_KEY, all ? 'on' : 'off');
  } catch {
    // private mode: the choice lasts for this page only
  }
  useLineNumbers.setState({ all, cells: {} });
}
