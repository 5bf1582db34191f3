import { useState } from 'react';
import { Dialog } from './Dialog';
import { ReferenceSearch } from './ReferenceSearch';
import { SHORTCUTS } from './useShortcuts';

/** The keyboard button's dialog: the shortcuts, and a search box over the reference. */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const [searching, setSearching] = useState(false);
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
          <p className="tl-muted">Command mode: a cell is selected (blue bar). Edit mode: you are typing in a cell (green bar). Esc and Enter switch. F1: the reference.</p>
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
