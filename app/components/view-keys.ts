// Command-mode keys for how cells are shown (JupyterLab's): L / Shift+L line numbers, O collapse
// outputs, Shift+O scroll outputs, Ctrl+F find and replace. useShortcuts calls handleViewKey before its own keys.
import { openFind } from './FindReplace';
import { toggleAllLineNumbers, toggleLineNumbers, toggleOutputsHidden, toggleOutputsScrolled } from './cell-view';

/** Handles the key if it is one of these; returns whether it did. */
export function handleViewKey(e: KeyboardEvent, activeId: string | null): boolean {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
    openFind();
    return true;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key === 'L' && e.shiftKey) toggleAllLineNumbers();
  else if (e.key === 'l' && activeId) toggleLineNumbers(activeId);
  else if (e.key === 'O' && e.shiftKey && activeId) toggleOutputsScrolled(activeId);
  else if (e.key === 'o' && activeId) toggleOutputsHidden(activeId);
  else return false;
  return true;
}

/** For the shortcut list (H) and the command palette. */
export const VIEW_SHORTCUTS: [string, string][] = [
  ['Ctrl+F', 'Find and replace in the notebook (in a cell’s editor: find in the cell)'],
  ['L', 'Toggle line numbers in the cell'],
  ['Shift+L', 'Toggle line numbers in all cells'],
  ['O', 'Collapse or expand the cell’s outputs'],
  ['Shift+O', 'Enable or disable scrolling for the cell’s outputs'],
];
