// Where "Split Cell" (Ctrl+Shift+-) cuts: the cursor or selection of the cell editor that has the
// focus, as offsets into the cell's source. Read from the focused Monaco editor (code cells, and
// Markdown cells where they use Monaco) or the focused textarea (Markdown and raw cells).
import { loadMonaco } from '../editor/monaco';

export async function cursorCuts(): Promise<{ id: string; cuts: number[] } | null> {
  const el = document.activeElement;
  const cell = el instanceof HTMLElement ? el.closest<HTMLElement>('[data-cell-id]') : null;
  const id = cell?.dataset.cellId;
  if (!id || !el) return null;
  if (el instanceof HTMLTextAreaElement && !el.closest('.monaco-editor')) return { id, cuts: [el.selectionStart, el.selectionEnd] };
  if (!el.closest('.monaco-editor')) return null;
  const monaco = await loadMonaco({ now: true });
  const editor = monaco.editor.getEditors().find((e) => e.hasTextFocus() && cell.contains(e.getContainerDomNode()));
  const model = editor?.getModel();
  const selections = editor?.getSelections();
  if (!model || !selections?.length) return null;
  return { id, cuts: selections.flatMap((s) => [model.getOffsetAt(s.getStartPosition()), model.getOffsetAt(s.getEndPosition())]) };
}
