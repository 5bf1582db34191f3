// Keeps a Monaco model for every code cell (editor or not), so names declared in any cell are
// known in the others even before their editors exist.
import { useEffect } from 'react';
import { useNotebook } from '../notebook/store';
import { loadMonaco, syncCellModels } from './monaco';

export function useCellModels(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let disposed = false;
    let lastCells: unknown = null;
    const sync = () => {
      timer = null;
      const cells = useNotebook.getState().doc.cells;
      if (cells === lastCells) return;
      lastCells = cells;
      void loadMonaco().then((monaco) => !disposed && syncCellModels(monaco, useNotebook.getState().doc.cells));
    };
    const schedule = () => {
      if (!timer) timer = setTimeout(sync, 400);
    };
    schedule();
    const off = useNotebook.subscribe((s, prev) => s.doc.cells !== prev.doc.cells && schedule());
    return () => {
      disposed = true;
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
}
