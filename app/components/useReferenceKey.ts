// F1 opens the reference, searched for the name under the cursor when a cell editor has focus
// (Monaco's own F1 palette is superseded: its commands stay on Ctrl+Shift+P / the context menu).
import { useEffect } from 'react';

type Editorish = { hasTextFocus(): boolean; getModel(): { getWordAtPosition(p: unknown): { word: string } | null } | null; getPosition(): unknown };

/** The identifier (with its dotted prefix, e.g. `nn.Linear`) under the focused editor's cursor. */
function wordAtCursor(): string {
  const monaco = (globalThis as { __torchlitMonaco?: { editor: { getEditors(): Editorish[] } } }).__torchlitMonaco;
  const ed = monaco?.editor.getEditors().find((e) => e.hasTextFocus());
  const model = ed?.getModel();
  const pos = ed?.getPosition() as { lineNumber: number; column: number } | null | undefined;
  if (!ed || !model || !pos) return '';
  const word = model.getWordAtPosition(pos)?.word ?? '';
  const line = (model as unknown as { getLineContent(n: number): string }).getLineContent(pos.lineNumber);
  const before = line.slice(0, pos.column - 1);
  const m = /([A-Za-z_$][\w$]*)\.\s*[\w$]*$/.exec(before);
  return m && ['torch', 'nn', 'F', 'optim', 'models', 'datasets', 'utils', 'init', 'lr_scheduler'].includes(m[1]) ? `${m[1]}.${word}` : word;
}

export function useReferenceKey(open: (query: string) => void, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F1' || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      e.stopPropagation();
      open(wordAtCursor());
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, enabled]);
}
