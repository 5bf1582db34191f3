// The notebook's find-and-replace bar (JupyterLab's search overlay): Ctrl+F in command mode opens
// it (in a cell's editor Monaco's own find stays). Matches every cell's source, optionally what
// the outputs show; Enter / Shift+Enter (or Ctrl+G / Ctrl+Shift+G) go to the next / previous;
// Replace and Replace all edit sources only (outputs are read-only, as in JupyterLab), each
// cell's replacement undoable with Ctrl+Z in that cell. Escape closes it and highlights go.
import { useEffect, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import { useNotebook } from '../notebook/store';
import { loadMonaco, type MonacoApi } from '../editor/monaco';
import { compileQuery, findInCells, matchesIn, replaceRanges } from './find';
import { applySource, decorateSources, domMatches, highlightRanges, outputMatches, reveal, type Match } from './find-highlight';
import { Icon } from './Icon';

interface FindState {
  open: boolean;
  /** Bumps on every Ctrl+F, so the bar focuses its input again. */
  focusTick: number;
  query: string;
  replacement: string;
  regex: boolean;
  caseSensitive: boolean;
  inOutputs: boolean;
  showReplace: boolean;
}

export const useFind = create<FindState>()(() => ({ open: false, focusTick: 0, query: '', replacement: '', regex: false, caseSensitive: false, inOutputs: false, showReplace: false }));

/** Ctrl+F in command mode: opens the bar (with the selected text as the query) or focuses it. */
export function openFind() {
  const selected = window.getSelection()?.toString() ?? '';
  useFind.setState((s) => ({ open: true, focusTick: s.focusTick + 1, query: selected && !selected.includes('\n') ? selected : s.query }));
}

function useMonaco(): MonacoApi | null {
  const [monaco, setMonaco] = useState<MonacoApi | null>(null);
  useEffect(() => void loadMonaco({ now: true }).then(setMonaco), []);
  return monaco;
}

function Toggle({ label, text, on, onChange }: { label: string; text: string; on: boolean; onChange(v: boolean): void }) {
  return (
    <button type="button" className={`tl-find-toggle ${on ? 'tl-on' : ''}`} aria-label={label} title={label} aria-pressed={on} onClick={() => onChange(!on)}>
      {text}
    </button>
  );
}

export function FindReplace() {
  const f = useFind();
  if (!f.open) return null;
  return <FindBar f={f} />;
}

function FindBar({ f }: { f: FindState }) {
  const monaco = useMonaco();
  const cells = useNotebook((s) => s.doc.cells);
  const input = useRef<HTMLInputElement>(null);
  const [index, setIndex] = useState(0);
  // Outputs are searched in the page, after React has drawn them.
  const [drawn, setDrawn] = useState(0);
  useEffect(() => {
    const t = setTimeout(() => setDrawn((n) => n + 1), 50);
    return () => clearTimeout(t);
  }, [cells, f.inOutputs]);
  const set = (p: Partial<FindState>) => useFind.setState(p);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [f.focusTick]);

  const compiled = useMemo(() => compileQuery(f), [f.query, f.regex, f.caseSensitive]);
  const re = compiled instanceof RegExp ? compiled : null;
  const error = compiled && !(compiled instanceof RegExp) ? compiled.error : null;

  const matches: Match[] = useMemo(() => {
    if (!re) return [];
    const src = findInCells(cells, re);
    const outs = f.inOutputs ? outputMatches(cells.map((c) => c.id), re) : new Map();
    const all: Match[] = [];
    let k = 0;
    for (const c of cells) {
      for (; k < src.length && src[k].cellId === c.id; k++) all.push({ kind: 'source', ...src[k] });
      for (const o of outs.get(c.id) ?? []) all.push({ kind: 'output', ...o });
    }
    return all;
  }, [re, cells, f.inOutputs, drawn]);

  const current = matches.length ? matches[Math.min(index, matches.length - 1)] : null;

  // Highlights follow the matches; they go when the bar closes.
  useEffect(() => {
    decorateSources(monaco, matches.filter((m) => m.kind === 'source'), current?.kind === 'source' ? current : null);
    const ranges = matches.flatMap((m) => (m.kind === 'output' ? [m.range] : []));
    if (re) {
      // Rendered Markdown shows its matches too (they are counted as its source's matches).
      for (const id of new Set(matches.filter((m) => m.kind === 'source').map((m) => m.cellId))) {
        const el = document.querySelector(`[data-cell-id="${CSS.escape(id)}"] .tl-markdown-cell`);
        if (el) ranges.push(...domMatches(el, re));
      }
    }
    highlightRanges(ranges, current?.kind === 'output' ? current.range : null);
  }, [monaco, matches, current, re]);
  useEffect(() => () => (decorateSources(monaco, [], null), highlightRanges([], null)), [monaco]);

  const go = (delta: number) => {
    if (!matches.length) return;
    const next = (Math.min(index, matches.length - 1) + delta + matches.length) % matches.length;
    setIndex(next);
    const m = matches[next];
    useNotebook.getState().actions.setActive(m.cellId, 'command');
    requestAnimationFrame(() => reveal(monaco, m));
  };

  const replaceOne = () => {
    if (!current || current.kind !== 'source') return go(1);
    const cell = useNotebook.getState().doc.cells.find((c) => c.id === current.cellId);
    if (!cell || !re) return;
    applySource(monaco, cell.id, replaceRanges(cell.source, [current], f.regex ? re : null, f.replacement));
    // The next match now sits at the same index (the replaced one is gone, unless it still matches).
  };

  const replaceAll = () => {
    if (!re) return;
    for (const cell of useNotebook.getState().doc.cells) {
      const ms = matchesIn(cell.source, re);
      if (ms.length) applySource(monaco, cell.id, replaceRanges(cell.source, ms, f.regex ? re : null, f.replacement));
    }
  };

  const close = () => {
    set({ open: false });
    useNotebook.getState().actions.setActive(useNotebook.getState().activeId, 'command');
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-cell-id][aria-current="true"]')?.focus());
  };

  const keys = (e: React.KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === 'Escape') close();
    else if (mod && e.key.toLowerCase() === 'f') input.current?.select();
    else if (mod && e.key.toLowerCase() === 'g') go(e.shiftKey ? -1 : 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const count = error ? 'Invalid regular expression' : !f.query ? '' : matches.length ? `${Math.min(index, matches.length - 1) + 1}/${matches.length}` : 'No results';
  return (
    <div className="tl-find" role="search" aria-label="Find and replace in the notebook" onKeyDown={keys}>
      <button type="button" className="tl-icon-button" aria-label={f.showReplace ? 'Hide replace' : 'Show replace'} aria-expanded={f.showReplace} title="Toggle replace" onClick={() => set({ showReplace: !f.showReplace })}>
        <Icon name={f.showReplace ? 'expand' : 'collapse'} />
      </button>
      <div className="tl-find-rows">
        <div className="tl-find-row">
          <input
            ref={input}
            className="tl-find-input"
            aria-label="Find"
            placeholder="Find"
            value={f.query}
            aria-invalid={error ? true : undefined}
            onChange={(e) => (set({ query: e.target.value }), setIndex(0))}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), go(e.shiftKey ? -1 : 1))}
          />
          <Toggle label="Match case" text="Aa" on={f.caseSensitive} onChange={(v) => set({ caseSensitive: v })} />
          <Toggle label="Use regular expression" text=".*" on={f.regex} onChange={(v) => set({ regex: v })} />
          <span className={`tl-find-count ${error ? 'tl-danger' : ''}`} role="status" aria-live="polite" title={error ?? undefined}>
            {count}
          </span>
          <button type="button" className="tl-icon-button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={!matches.length} onClick={() => go(-1)}>
            <Icon name="up" />
          </button>
          <button type="button" className="tl-icon-button" aria-label="Next match" title="Next match (Enter)" disabled={!matches.length} onClick={() => go(1)}>
            <Icon name="down" />
          </button>
          <label className="tl-find-filter">
            <input type="checkbox" checked={f.inOutputs} onChange={(e) => set({ inOutputs: e.target.checked })} />
            Search cell outputs
          </label>
          <button type="button" className="tl-icon-button" aria-label="Close search bar" title="Close (Esc)" onClick={close}>
            <Icon name="close" size={14} />
          </button>
        </div>
        {f.showReplace && (
          <div className="tl-find-row">
            <input className="tl-find-input" aria-label="Replace" placeholder="Replace" value={f.replacement} onChange={(e) => set({ replacement: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), replaceOne())} />
            <button type="button" onClick={replaceOne} disabled={!matches.length}>
              Replace
            </button>
            <button type="button" onClick={replaceAll} disabled={!matches.some((m) => m.kind === 'source')}>
              Replace all
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
