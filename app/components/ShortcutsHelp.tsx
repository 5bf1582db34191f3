import { useMemo, useState } from 'react';
import { Dialog } from './Dialog';
import { ReferenceSearch } from './ReferenceSearch';
import type { NotebookCommand } from './commandList';
import { displayKey } from './keys';

/** The help's groups, read from the command registry (a key listed is a key that works). */
export function shortcutGroups(list: readonly NotebookCommand[]): { group: string; keys: [string, string][] }[] {
  const row = (c: NotebookCommand): [string, string] => [(c.keys ?? []).map(displayKey).join(' / '), c.label];
  const keyed = list.filter((c) => c.keys?.length);
  return [
    { group: 'Both modes', keys: [...keyed.filter((c) => c.bothModes || c.scope === 'anywhere').map(row), ['F1', 'The reference (for the name under the cursor in a cell)']] },
    { group: 'Edit mode', keys: keyed.filter((c) => c.scope === 'edit').map(row) },
    { group: 'Command mode', keys: keyed.filter((c) => !c.bothModes && (c.scope ?? 'command') === 'command').map(row) },
  ];
}

/** The keyboard button's dialog: the shortcuts, and a search box over the reference. */
export function ShortcutsHelp({ commands, onClose }: { commands: readonly NotebookCommand[]; onClose(): void }) {
  const [searching, setSearching] = useState(false);
  const SHORTCUTS = useMemo(() => shortcutGroups(commands), [commands]);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
      <ReferenceSearch onQuery={(q) => setSearching(q.trim() !== '')} />
      {!searching && (
        <>
          <div className="tl-shortcuts">
            {SHORTCUTS.map((g) => (
              <section key={g.group}>
                <h3>{g.group}</h3>
                <dl>
                  {g.keys.map(([k, what]) => (
                    <div key={k}>
                      <dt>
                        <kbd>{k}</kbd>
                      </dt>
                      <dd>{what}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          <p className="tl-muted">
            Z: Undo cell deletion, insertion, move, type change, merge, split, paste or clear outputs; Shift+Z redoes. Shift+J/K, Shift+↑/↓ or Shift+click select several cells: run, delete, cut, copy, move, change type and merge then apply to all of them.
          </p>
          <p className="tl-muted">Command mode: a cell is selected (blue bar). Edit mode: you are typing in a cell (green bar). Esc and Enter switch. Ctrl+Shift+C: every command. F1: the reference.</p>
        </>
      )}
    </Dialog>
  );
}

/** F1: the reference, searched for the word under the editor's cursor when there is one. */
export function ReferenceHelp({ query, onClose }: { query: string; onClose(): void }) {
  return (
    <Dialog title="Reference" onClose={onClose} wide>
      <ReferenceSearch initialQuery={query} autoFocus />
      {!query && <p className="tl-muted">Every name of torch, Tensor, nn, F, optim, models, data and the notebook helpers, with its PyTorch equivalent, options and an example. The same text shows when you hover a name in a cell.</p>}
    </Dialog>
  );
}
