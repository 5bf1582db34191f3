// A Markdown cell: rendered (sanitized, its attachments shown) until double-clicked or Enter, then
// edited in Monaco (the code cells' editor, in Markdown mode: undo history, Monaco's find) where
// pasted or dropped images become attachments; Shift+Enter renders. The editor exists only while
// the cell is edited, so a notebook of thousands of Markdown cells stays plain HTML. Raw cells
// keep a plain textarea.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import { renderMarkdown, PlainText } from '../renderers';
import { MARKDOWN_LIMIT_CHARS } from './Outputs';
import { CodeEditor, type RunMode } from '../editor/CodeEditor';
import type { Attachments } from '../notebook/attachments';
import { attachImagesOnPasteAndDrop } from './attachImages';

interface Props {
  cellId: string;
  source: string;
  editing: boolean;
  raw?: boolean;
  /** The cell's nbformat attachments (Markdown cells). */
  attachments?: Attachments;
  onChange(source: string): void;
  onEdit(): void;
  onRun(mode: RunMode): void;
  onEscape(): void;
  onSave(): void;
}

export function TextCellEditor({ cellId, source, editing, raw, attachments, onChange, onEdit, onRun, onEscape, onSave }: Props) {
  const ta = useRef<HTMLTextAreaElement>(null);
  // Very long Markdown (someone else's) is shown as text until the reader asks to render it.
  const [anyway, setAnyway] = useState(false);
  // Why a pasted or dropped file was not attached (too large, not an image).
  const [problem, setProblem] = useState<string | null>(null);
  const deferred = source.length > MARKDOWN_LIMIT_CHARS && !anyway;
  const html = useMemo(() => (editing || raw || deferred ? '' : renderMarkdown(source, attachments)), [source, attachments, editing, raw, deferred]);
  const onEditor = useCallback((editor: Monaco.editor.IStandaloneCodeEditor) => attachImagesOnPasteAndDrop(editor, cellId, setProblem), [cellId]);
  useEffect(() => {
    if (!editing) setProblem(null);
  }, [editing]);
  useEffect(() => {
    const t = ta.current;
    if (!t) return;
    t.style.height = 'auto';
    t.style.height = `${t.scrollHeight + 2}px`;
  }, [source, editing]);
  useEffect(() => {
    if (editing && ta.current && document.activeElement !== ta.current) ta.current.focus();
  }, [editing]);

  if (editing && !raw) {
    return (
      <>
        <CodeEditor
          cellId={cellId}
          language="markdown"
          ariaLabel="Markdown cell editor"
          source={source}
          editing
          lineNumbers={false}
          onChange={onChange}
          onRun={onRun}
          onFocus={onEdit}
          onEscape={onEscape}
          onSave={onSave}
          onEditor={onEditor}
        />
        {problem && (
          <p role="alert" className="tl-attach-error">
            {problem}
          </p>
        )}
      </>
    );
  }
  if (raw) {
    return (
      <textarea
        ref={ta}
        className="tl-text-editor tl-raw"
        aria-label="Raw cell"
        value={source}
        spellCheck={false}
        placeholder="Raw text (kept as is, not run)"
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
