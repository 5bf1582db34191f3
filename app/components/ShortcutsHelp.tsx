import { Dialog } from './Dialog';
import { SHORTCUTS } from './useShortcuts';

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
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
      <p className="tl-muted">Command mode: a cell is selected (blue bar). Edit mode: you are typing in a cell (green bar). Esc and Enter switch.</p>
    </Dialog>
  );
}
