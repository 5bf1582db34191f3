// A toolbar menu button (the Kernel menu): its items are commands of the registry, by id, shown
// with their JupyterLab labels and shortcuts. Arrow keys move, Enter runs, Esc closes.
import { useEffect, useRef, useState } from 'react';
import type { NotebookCommand } from './commandList';
import { displayKey } from './keys';
import '../styles/commands.css';

export function ToolbarMenu({ label, items, registry }: { label: string; items: readonly string[]; registry: readonly NotebookCommand[] }) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    wrap.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (e: MouseEvent) => !wrap.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const byId = new Map(registry.map((c) => [c.id, c]));
  const choose = (c: NotebookCommand) => {
    setOpen(false);
    button.current?.focus();
    c.run();
  };
  return (
    <div className="tl-menu-wrap" ref={wrap}>
      <button ref={button} type="button" className="tl-tool" aria-haspopup="menu" aria-expanded={open} aria-label={label} onClick={() => setOpen(!open)} title={`${label} menu`}>
        <span className="tl-tool-label">{label}</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div
          className="tl-menu tl-menu-left"
          role="menu"
          aria-label={label}
          onKeyDown={(e) => {
            const all = [...(wrap.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
            const at = all.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              button.current?.focus();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              all[(at + (e.key === 'ArrowDown' ? 1 : -1) + all.length) % all.length]?.focus();
            }
          }}
        >
          {items.map((id, i) => {
            if (id === '-') return <hr key={`sep-${i}`} />;
            const c = byId.get(id);
            if (!c) return null;
            return (
              <button key={id} type="button" role="menuitem" aria-keyshortcuts={c.keys?.[0]} onClick={() => choose(c)}>
                {c.label}
                {c.keys?.length ? (
                  <kbd className="tl-menu-key" aria-hidden="true">
                    {displayKey(c.keys[0])}
                  </kbd>
                ) : null}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
