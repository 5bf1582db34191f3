// The notebook's keyboard: every key comes from the command registry (./commandList.ts).
// Command-mode keys work while a cell is selected and nobody is typing; "anywhere" keys (Ctrl+S,
// the palette) also while typing; "edit" keys (Split Cell) only while typing in a cell. The
// editors handle their own Shift+Enter, Ctrl+Enter, Alt+Enter and Esc.
import { useEffect } from 'react';
import type { NotebookCommand } from './commandList';
import { chordOf, SequenceMatcher } from './keys';

const editable = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || !!t.closest('.monaco-editor, [role="dialog"]'));

const inCellEditor = (t: EventTarget | null) => t instanceof HTMLElement && editable(t) && !!t.closest('[data-cell-id]') && !t.closest('[role="dialog"]');

export function useShortcuts(list: readonly NotebookCommand[], enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const byKey = new Map<string, NotebookCommand>();
    for (const c of list) for (const k of c.keys ?? []) if (!c.editorHandles) byKey.set(k, c);
    const commandKeys = [...byKey.entries()].filter(([, c]) => (c.scope ?? 'command') === 'command').map(([k]) => k);
    const seq = new SequenceMatcher();

    // Capture phase: before Monaco, which would otherwise take Ctrl+Shift+- or Ctrl+S itself.
    function onCapture(e: KeyboardEvent) {
      const c = byKey.get(chordOf(e));
      if (!c || (c.scope !== 'anywhere' && c.scope !== 'edit')) return;
      if (c.scope === 'edit' && !inCellEditor(e.target)) return;
      e.preventDefault();
      e.stopPropagation();
      c.run();
    }

    function onKey(e: KeyboardEvent) {
      if (editable(e.target) || e.defaultPrevented) return;
      if (!(e.target instanceof HTMLElement) || (e.target !== document.body && !e.target.closest('[data-notebook-root]'))) return;
      const plain = !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey;
      // A focused button, link or menu keeps its own Enter/Space.
      if ((e.key === 'Enter' || e.key === ' ') && plain && e.target.closest('button, a, summary, [role="menu"]')) return;
      if (['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) return;
      const chord = chordOf(e);
      const hit = seq.match(chord, commandKeys);
      if (hit) {
        e.preventDefault();
        byKey.get(hit)!.run();
      } else if (seq.starts(chord, commandKeys)) e.preventDefault();
      else if (chord === 'Esc') list.find((c) => c.id === 'notebook:enter-command-mode')?.run();
    }
    window.addEventListener('keydown', onCapture, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onCapture, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [list, enabled]);
}
