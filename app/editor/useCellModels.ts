// Keeps a Monaco model for every code cell (editor or not), so names declared in any cell are
// known in the others even before their editors exist. Made in slices of ~30 ms, a task each,
// so a notebook of thousands of cells does not hold the page (issue 22).
import { useEffect } from 'react';
import { useNotebook } from '../notebook/store';
import { dropMarkdownModels, loadedMonaco, loadMonaco, syncCellModels } from './monaco';

/**
 * Above this many code cells only the cells whose editor is open have a model: each model costs
 * Monaco's TypeScript service work on every change (it syncs and checks all of them), so 18,000
 * models kept the main thread busy for seconds at a time (issue 22, hole 6). Names declared in
 * cells far away are then unknown to the editor (the kernel still knows them).
 */
export const SHARED_MODELS_MAX = 2000;

export function useCellModels(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let sliceTimer: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;
    let lastCells: unknown = null;
    const sync = () => {
      timer = null;
      const cells = useNotebook.getState().doc.cells;
      if (cells === lastCells) return;
      lastCells = cells;
      // Markdown cells have a model only once their editor opened: few, whatever the notebook's size.
      const loaded = loadedMonaco();
      if (loaded) dropMarkdownModels(loaded, cells);
      let code = 0;
      for (const c of cells) if (c.cell_type === 'code' && ++code > SHARED_MODELS_MAX) return;
      const slice = (monaco: Awaited<ReturnType<typeof loadMonaco>>, from: number) => {
        const now = useNotebook.getState().doc.cells;
        if (disposed || now !== cells) return; // changed since: the next sync starts over
        const end = syncCellModels(monaco, cells, from, performance.now() + 30);
        if (end < cells.length) sliceTimer = setTimeout(() => slice(monaco, end), 0);
      };
      void loadMonaco().then((monaco) => slice(monaco, 0));
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
      clearTimeout(sliceTimer);
    };
  }, []);
}
