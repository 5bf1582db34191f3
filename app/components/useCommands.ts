// Notebook commands shared by the toolbar, the cell controls and the keyboard shortcuts.
import { useMemo } from 'react';
import { useNotebook } from '../notebook/store';
import { useServices } from '../services/context';

export type Commands = ReturnType<typeof makeCommands>;

function makeCommands(services: ReturnType<typeof useServices>) {
  const nb = () => useNotebook.getState();
  const a = () => nb().actions;
  const runner = () => services.session.runner();
  const cells = () => nb().doc.cells;
  const indexOf = (id: string) => cells().findIndex((c) => c.id === id);
  const active = () => nb().activeId ?? cells()[0]?.id ?? null;

  /** Runs (or renders) a cell. advance: select the next cell, adding one at the end; insert: add one below. */
  function runCell(id = active(), mode: 'stay' | 'advance' | 'insert' = 'stay') {
    if (!id) return;
    const cell = cells().find((c) => c.id === id);
    if (!cell) return;
    if (cell.cell_type === 'code') runner().run([id]);
    if (mode === 'insert') {
      a().setActive(id);
      a().insertBelow('code');
      a().setActive(nb().activeId, 'edit');
    } else if (mode === 'advance') {
      const i = indexOf(id);
      if (i === cells().length - 1) {
        a().setActive(id);
        a().insertBelow('code');
        a().setActive(nb().activeId, 'edit');
      } else a().setActive(cells()[i + 1].id, 'command');
    } else a().setActive(id, 'command');
  }

  const codeIds = (from: number, to: number) => cells().slice(from, to).filter((c) => c.cell_type === 'code').map((c) => c.id);

  return {
    runCell,
    runAll: () => runner().run(codeIds(0, cells().length)),
    runAbove: (id: string) => runner().run(codeIds(0, indexOf(id))),
    runBelow: (id: string) => runner().run(codeIds(indexOf(id), cells().length)),
    interrupt: () => runner().interrupt(),
    restart: () => void runner().restart(),
    addCell: (type: 'code' | 'markdown') => {
      a().insertBelow(type);
      a().setActive(nb().activeId, 'edit');
    },
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
