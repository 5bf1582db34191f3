// Jupyter's command-mode shortcuts. Edit-mode keys live in the editors themselves.
import { useEffect } from 'react';
import { useNotebook } from '../notebook/store';
import type { Commands } from './useCommands';
import { handleViewKey, VIEW_SHORTCUTS } from './view-keys';

const editable = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || !!t.closest('.monaco-editor, [role="dialog"]'));

export function useShortcuts(commands: Commands, openHelp: () => void, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    let last = { key: '', at: 0 };
    const twice = (key: string) => {
      const now = Date.now();
      const hit = last.key === key && now - last.at < 1000;
      last = hit ? { key: '', at: 0 } : { key, at: now };
      return hit;
    };
    function onKey(e: KeyboardEvent) {
      const nb = useNotebook.getState();
      const a = nb.actions;
      const id = nb.activeId;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault();
        commands.save();
        return;
      }
      if (editable(e.target) || e.defaultPrevented) return;
      if (!(e.target instanceof HTMLElement) || (e.target !== document.body && !e.target.closest('[data-notebook-root]'))) return;
      // A focused button or link keeps its own Enter/Space.
      if ((e.key === 'Enter' || e.key === ' ') && e.target.closest('button, a, summary') && !e.shiftKey && !mod && !e.altKey) return;
      if (handleViewKey(e, id)) return e.preventDefault();
      let handled = true;
      if (e.key === 'Enter' && e.shiftKey) commands.runCell(id ?? undefined, 'advance');
      else if (e.key === 'Enter' && mod) commands.runCell(id ?? undefined, 'stay');
      else if (e.key === 'Enter' && e.altKey) commands.runCell(id ?? undefined, 'insert');
      else if (mod || e.altKey) handled = false;
      else if (e.key === 'Enter') commands.editMode();
      else if (e.key === 'ArrowUp' || e.key === 'k') a.selectRelative(-1);
      else if (e.key === 'ArrowDown' || e.key === 'j') a.selectRelative(1);
      else if (e.key === 'a') a.insertAbove('code');
      else if (e.key === 'b') a.insertBelow('code');
      else if (e.key === 'd') {
        if (twice('d') && id) a.deleteCell(id);
      }
      else if (e.key === 'z') a.undoDelete();
      else if (e.key === 'm' && id) a.changeType(id, 'markdown');
      else if (e.key === 'y' && id) a.changeType(id, 'code');
      else if (e.key === 'r' && id) a.changeType(id, 'raw');
      else if (e.key === 'x' && id) a.cutCell(id);
      else if (e.key === 'c' && id) a.copyCell(id);
      else if (e.key === 'v') a.pasteBelow();
      else if (e.key === 'i') {
        if (twice('i')) commands.interrupt();
      }
      else if (e.key === '0') {
        if (twice('0')) commands.restart();
      }
      else if (e.key === 'h' || e.key === '?') openHelp();
      else if (e.key === 'Escape') commands.commandMode();
      else handled = false;
      if (handled) e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, openHelp, enabled]);
}

export const SHORTCUTS: { group: string; keys: [string, string][] }[] = [
  {
    group: 'Both modes',
    keys: [
      ['Shift+Enter', 'Run the cell and select the next one'],
      ['Ctrl+Enter', 'Run the cell'],
      ['Alt+Enter', 'Run the cell and insert one below'],
      ['Ctrl+S', 'Save now'],
      ['F1', 'The reference (for the name under the cursor in a cell)'],
    ],
  },
  {
    group: 'Edit mode',
    keys: [['Esc', 'Command mode']],
  },
  {
    group: 'Command mode',
    keys: [
      ['Enter', 'Edit the selected cell'],
      ['↑ / K, ↓ / J', 'Select the cell above / below'],
      ['A / B', 'Insert a code cell above / below'],
      ['D D', 'Delete the cell'],
      ['Z', 'Undo cell deletion'],
      ['M / Y / R', 'Change to Markdown / code / raw'],
      ['X / C / V', 'Cut / copy / paste the cell'],
      ['I I', 'Interrupt the kernel'],
      ['0 0', 'Restart the kernel'],
      ...VIEW_SHORTCUTS,
      ['H or ?', 'This list'],
    ],
  },
];
