// A Markdown cell: rendered (sanitized) until double-clicked or Enter; Shift+Enter renders.
import { useEffect, useMemo, useRef, useState } from 'react';
import { renderMarkdown, PlainText } from '../renderers';
import { MARKDOWN_LIMIT_CHARS } from './Outputs';
import type { RunMode } from '../editor/CodeEditor';

interface Props {
  source: string;
  editing: boolean;
  raw?: boolean;
  onChange(source: string): void;
  onEdit(): void;
  onRun(mode: RunMode): void;
  onEscape(): void;
}

export function TextCellEditor({ source, editing, raw, onChange, onEdit, onRun, onEscape }: Props) {
  const ta = useRef<HTMLTextAreaElement>(null);
  // Very long Markdown (someone else's) is shown as text until the reader asks to render it.
  const [anyway, setAnyway] = useState(false);
  const deferred = source.length > MARKDOWN_LIMIT_CHARS && !anyway;
  const html = useMemo(() => (editing || raw || deferred ? '' : renderMarkdown(source)), [source, editing, raw, deferred]);
  useEffect(() => {
    const t = ta.current;
    if (!t) return;
    t.style.height = 'auto';
    t.style.height = `${t.scrollHeight + 2}px`;
  }, [source, editing]);
  useEffect(() => {
    if (editing && ta.current && document.activeElement !== ta.current) ta.current.focus();
  }, [editing]);

  if (editing || raw) {
    return (
      <textarea
        ref={ta}
        className={`tl-text-editor ${raw ? 'tl-raw' : ''}`}
        aria-label={raw ? 'Raw cell' : 'Markdown cell editor'}
        value={source}
        spellCheck={!raw}
        placeholder={raw ? 'Raw text (kept as is, not run)' : 'Markdown: # heading, *emphasis*, $math$, ```code```'}
        onChange={(e) => onChange(e.target.value)}
        onFocus={() => !editing && onEdit()}
        onKeyDown={(e) => {
          const mod = e.ctrlKey || e.metaKey;
          if (e.key === 'Enter' && (e.shiftKey || mod || e.altKey)) {
            e.preventDefault();
            onRun(e.shiftKey ? 'advance' : e.altKey ? 'insert' : 'stay');
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onEscape();
          }
        }}
      />
    );
  }
  if (deferred) {
    return (
      <div className="tl-markdown tl-markdown-cell tl-markdown-deferred" onDoubleClick={onEdit}>
        <div>
          <p className="tl-large-note">
            This Markdown cell is {Math.round(source.length / 1000).toLocaleString('en-US')} KB; render it anyway?{' '}
            <button type="button" className="tl-link-button" onMouseDown={(e) => e.stopPropagation()} onClick={() => setAnyway(true)}>
              Render it anyway
            </button>
          </p>
          <PlainText data={source} bundle={{}} metadata={{}} />
        </div>
      </div>
    );
  }
  return (
    <div className="tl-markdown tl-markdown-cell" onDoubleClick={onEdit}>
      {source.trim() ? <div dangerouslySetInnerHTML={{ __html: html }} /> : <p className="tl-muted">Empty Markdown cell: double-click or press Enter to edit.</p>}
    </div>
  );
}
