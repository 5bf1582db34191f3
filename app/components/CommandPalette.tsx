// The command palette (Ctrl+Shift+C, also Ctrl+Shift+P), as JupyterLab's: every command of the
// registry with its shortcut, fuzzy search, ↑/↓ to choose, Enter or a click to run, Esc to close.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NotebookCommand } from './commandList';
import { displayKey } from './keys';
import { searchCommands } from './paletteSearch';
import '../styles/commands.css';

export function CommandPalette({ commands, onClose }: { commands: readonly NotebookCommand[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => searchCommands(commands, query), [commands, query]);
  const current = Math.min(index, shown.length - 1);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => {
      if (before?.isConnected && document.activeElement === document.body) before.focus();
    };
  }, []);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [current, shown]);

  const run = (c: NotebookCommand | undefined) => {
    if (!c) return;
    onClose();
    // After the palette is gone, so the command sees the notebook's focus, not the palette's.
    setTimeout(() => c.run(), 0);
  };

  return (
    <div className="tl-backdrop tl-palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="tl-palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          className="tl-palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="tl-palette-list"
          aria-autocomplete="list"
          aria-activedescendant={shown[current] ? `tl-cmd-${current}` : undefined}
          aria-label="Search commands"
          placeholder="Search commands"
          value={query}
          spellCheck={false}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const n = shown.length;
              if (n) setIndex((current + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(shown[current]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onClose();
            }
          }}
        />
        <ul id="tl-palette-list" ref={list} role="listbox" aria-label="Commands" className="tl-palette-list">
          {shown.map((c, i) => (
            <li
              key={c.id}
              id={`tl-cmd-${i}`}
              role="option"
              aria-selected={i === current}
              data-command-id={c.id}
              className={i === current ? 'tl-palette-item tl-current' : 'tl-palette-item'}
              onMouseMove={() => i !== current && setIndex(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => run(c)}
            >
              <span className="tl-palette-label">{c.label}</span>
              <span className="tl-palette-category" aria-hidden="true">
                {c.category}
              </span>
              {c.keys?.length ? <kbd className="tl-palette-key">{displayKey(c.keys[0])}</kbd> : null}
            </li>
          ))}
          {shown.length === 0 && <li className="tl-palette-empty">No command matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
