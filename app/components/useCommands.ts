// Notebook commands shared by the toolbar, the cell controls, the keyboard shortcuts, the
// shortcuts help and the command palette. makeCommands is what each does; ./commandList.ts names
// them (JupyterLab's ids, labels and keys): the one registry every surface reads.
import { useMemo } from 'react';
import { useNotebook } from '../notebook/store';
import { selectedIds } from '../notebook/structure';
import { useServices } from '../services/context';
import { confirmRestart } from './RestartDialog';
import { cursorCuts } from './cursorCuts';

export type Commands = ReturnType<typeof makeCommands>;

function makeCommands(services: ReturnType<typeof useServices>) {
  const nb = () => useNotebook.getState();
  const a = () => nb().actions;
  const runner = () => services.session.runner();
  const cells = () => nb().doc.cells;
  const indexOf = (id: string) => cells().findIndex((c) => c.id === id);
  const active = () => nb().activeId ?? cells()[0]?.id ?? null;
  const selection = () => selectedIds(nb());

  /** Runs (or renders) cells. advance: select the cell after the last, adding one at the end; insert: add one below. */
  function runCells(ids: string[], mode: 'stay' | 'advance' | 'insert' = 'stay') {
    const known = ids.filter((id) => indexOf(id) >= 0);
    if (known.length === 0) return;
    const last = known[known.length - 1];
    const code = known.filter((id) => cells()[indexOf(id)].cell_type === 'code');
    if (code.length) runner().run(code);
    if (mode === 'insert') {
      a().setActive(last);
      a().insertBelow('code');
      a().setActive(nb().activeId, 'edit');
    } else if (mode === 'advance') {
      const i = indexOf(last);
      if (i === cells().length - 1) {
        a().setActive(last);
        a().insertBelow('code');
        a().setActive(nb().activeId, 'edit');
      } else a().setActive(cells()[i + 1].id, 'command');
    } else if (known.length === 1) a().setActive(last, 'command');
    else useNotebook.setState({ mode: 'command' });
  }

  const codeIds = (from: number, to: number) => cells().slice(from, to).filter((c) => c.cell_type === 'code').map((c) => c.id);
  const runAll = () => {
    // A checkpoint first: Run all can take a notebook somewhere hard to come back from.
    void services.session.checkpoint('run-all');
    runner().run(codeIds(0, cells().length));
  };

  /** One cell (the Run button of a cell, an editor's Shift+Enter), or the selection when no id is given. */
  const runCell = (id?: string, mode: 'stay' | 'advance' | 'insert' = 'stay') => runCells(id ? [id] : selection(), mode);

  return {
    runCell,
    runAll,
    runAbove: (id: string) => runner().run(codeIds(0, indexOf(id))),
    runBelow: (id: string) => runner().run(codeIds(indexOf(id), cells().length)),
    interrupt: () => runner().interrupt(),
    /** Restart Kernel… (asks first, as JupyterLab). */
    restart: async () => {
      if (await confirmRestart('restart')) await runner().restart();
    },
    restartRunAll: async () => {
      if (!(await confirmRestart('restart-run-all'))) return;
      await runner().restart();
      runAll();
    },
    restartClear: async () => {
      if (!(await confirmRestart('restart-clear'))) return;
      await runner().restart();
      a().clearAllOutputs();
    },
    clearAllOutputs: () => a().clearAllOutputs(),
    clearSelectedOutputs: () => a().clearCellOutputs(selection()),
    addCell: (type: 'code' | 'markdown') => {
      a().insertBelow(type);
      a().setActive(nb().activeId, 'edit');
    },
    insertAbove: () => a().insertAbove('code'),
    insertBelow: () => a().insertBelow('code'),
    deleteSelected: () => a().deleteCells(selection()),
    cutSelected: () => a().cutCells(selection()),
    copySelected: () => a().copyCells(selection()),
    pasteBelow: () => {
      const sel = selection();
      a().pasteBelow(sel[sel.length - 1]);
    },
    undo: () => a().undo(),
    redo: () => a().redo(),
    moveSelected: (delta: -1 | 1) => a().moveCells(selection(), delta),
    changeType: (type: 'code' | 'markdown' | 'raw') => a().changeTypes(selection(), type),
    merge: () => a().mergeCells(selection()),
    mergeAbove: () => a().mergeCells([active() ?? ''], true),
    mergeBelow: () => a().mergeCells([active() ?? ''], false),
    /** Split Cell: at the cursor of the cell being edited (Ctrl+Shift+-). */
    split: async () => {
      const at = await cursorCuts();
      if (at) a().splitCell(at.id, at.cuts);
    },
    selectRelative: (delta: number) => a().selectRelative(delta),
    extendSelection: (delta: number) => a().extendSelection(delta),
    selectAll: () => a().selectAll(),
    save: () => void services.session.autosaver.saveNow(),
    download: () => services.session.download(),
    open: async () => {
      const file = await services.files.pickFile();
      if (!file) return;
      const id = await services.session.openFileText(await services.files.readFileText(file), file.name);
      if (id) services.navigate(`#/notebooks/${id}`);
    },
    openFile: async (file: File) => {
      const id = await services.session.openFileText(await services.files.readFileText(file), file.name);
      if (id) services.navigate(`#/notebooks/${id}`);
    },
    commandMode: (id?: string) => a().setActive(id ?? active(), 'command'),
    editMode: (id?: string) => a().setActive(id ?? active(), 'edit'),
  };
}

export function useCommands(): Commands {
  const services = useServices();
  return useMemo(() => makeCommands(services), [services]);
}
