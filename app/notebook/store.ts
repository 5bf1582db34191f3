// The zustand store: the notebook being edited and its run state. Actions are the pure
// functions of ./actions bound to the store; selectors live at module scope (./selectors).
import { create } from 'zustand';
import * as A from './actions';
import * as S from './structure';
import { redo, undo } from './history';
import { emptyNotebook } from './ipynb';
import type { NotebookDoc } from './types';

type Fn<Args extends unknown[]> = (...args: Args) => void;
type Bound<T> = { [K in keyof T]: T[K] extends (s: A.NotebookState, ...args: infer P) => A.NotebookState ? Fn<P> : never };

const pure = {
  insertAt: A.insertAt,
  insertBelow: A.insertBelow,
  insertAbove: A.insertAbove,
  deleteCell: A.deleteCell,
  undoDelete: A.undoDelete,
  moveCell: A.moveCell,
  moveUp: A.moveUp,
  moveDown: A.moveDown,
  changeType: A.changeType,
  setSource: A.setSource,
  setMetadata: A.setMetadata,
  setAttachment: A.setAttachment,
  // The user's clear (a cell's button) is an undo step; the runner's own clear is not.
  clearOutputs: (s: A.NotebookState, id: string) => A.clearCellOutputs(s, [id]),
  clearCellOutputs: A.clearCellOutputs,
  clearAllOutputs: A.clearAllOutputs,
  appendOutput: A.appendOutput,
  updateDisplay: A.updateDisplay,
  setExecutionCount: A.setExecutionCount,
  setStatus: A.setStatus,
  resetRunState: A.resetRunState,
  setActive: A.setActive,
  selectRelative: A.selectRelative,
  copyCell: A.copyCell,
  cutCell: A.cutCell,
  pasteBelow: A.pasteBelow,
  deleteCells: A.deleteCells,
  copyCells: A.copyCells,
  cutCells: A.cutCells,
  undo: (s: A.NotebookState) => undo(s),
  redo: (s: A.NotebookState) => redo(s),
  extendSelection: S.extendSelection,
  selectTo: S.selectTo,
  selectAll: S.selectAll,
  changeTypes: S.changeTypes,
  moveCells: S.moveCells,
  mergeCells: S.mergeCells,
  splitCell: S.splitCell,
  setNotebookMetadata: A.setNotebookMetadata,
};

export type NotebookActions = Bound<typeof pure> & { load: (doc: NotebookDoc) => void };
export type NotebookStore = A.NotebookState & { actions: NotebookActions };

export function createNotebookStore(doc: NotebookDoc = emptyNotebook()) {
  return create<NotebookStore>()((set) => {
    const actions = {} as Record<string, unknown>;
    for (const [name, f] of Object.entries(pure)) {
      actions[name] = (...args: unknown[]) => set((s) => (f as (s: A.NotebookState, ...a: unknown[]) => A.NotebookState)(s, ...args));
    }
    actions.load = (d: NotebookDoc) => set(() => A.initialState(d));
    return { ...A.initialState(doc), actions: actions as NotebookActions };
  });
}

/** The one notebook open in this page. */
export const useNotebook = createNotebookStore();
