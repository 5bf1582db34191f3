// The quick editor: what a cell's editor is until Monaco has loaded (./CodeEditor.tsx). The
// highlighted source in a <pre>, and over it a transparent <textarea> with the same font, line
// height and padding, so the caret and the selection sit on the highlighted text. A learner can
// type, select, undo (the browser's own undo), indent and run a cell with the same keys as in
// Monaco; Monaco takes over the text, the selection and the focus once it is ready.
import { useLayoutEffect, useMemo, useRef, type Ref } from 'react';
import { highlight } from '../renderers/markdown';
import type { RunMode } from './CodeEditor';

export interface QuickEditorProps {
  ref?: Ref<HTMLTextAreaElement>;
  source: string;
  language: string;
  editing: boolean;
  lineHeight: number;
  /** Line numbers in a gutter where Monaco has them (on unless false). */
  lineNumbers?: boolean;
  ariaLabel: string;
  onChange(source: string): void;
  onRun(mode: RunMode): void;
  onFocus(): void;
  /** A key pressed or text put in (the learner is writing: Monaco is wanted now). */
  onUse?(): void;
  onEscape(): void;
  onSave(): void;
}

const INDENT = '  ';

/**
 * Replaces the textarea's selection with `text` as typing would (one step of the browser's undo),
 * then reports the new value.
 */
function insert(ta: HTMLTextAreaElement, text: string, onChange: (s: string) => void) {
  // execCommand keeps the browser's undo stack; where it is refused, setRangeText still edits.
  if (!document.execCommand('insertText', false, text)) {
    ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, 'end');
    onChange(ta.value);
  }
}

/** Tab / Shift+Tab over a selection (or Shift+Tab on a line): indent or outdent every line it touches, as Monaco does. */
function indentLines(ta: HTMLTextAreaElement, dir: 1 | -1, onChange: (s: string) => void) {
  const v = ta.value;
  const from = v.lastIndexOf('\n', ta.selectionStart - 1) + 1;
  // a selection ending at the start of a line does not take that line
  const end = ta.selectionEnd > ta.selectionStart && v[ta.selectionEnd - 1] === '\n' ? ta.selectionEnd - 1 : ta.selectionEnd;
  const nl = v.indexOf('\n', end);
  const to = nl < 0 ? v.length : nl;
  const text = v
    .slice(from, to)
    .split('\n')
    .map((l) => (dir > 0 ? INDENT + l : l.replace(/^( {1,2}|\t)/, '')))
    .join('\n');
  ta.setSelectionRange(from, to);
  insert(ta, text, onChange);
  ta.setSelectionRange(from, from + text.length);
}

/** The key handling shared with Monaco's cell keys (CodeEditor's actions). Returns true when handled. */
export function quickKey(e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, ta: HTMLTextAreaElement, p: Pick<QuickEditorProps, 'onRun' | 'onEscape' | 'onSave' | 'onChange'>): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Enter' && e.shiftKey && !mod && !e.altKey) p.onRun('advance');
  else if (e.key === 'Enter' && mod && !e.shiftKey && !e.altKey) p.onRun('stay');
  else if (e.key === 'Enter' && e.altKey && !mod && !e.shiftKey) p.onRun('insert');
  else if ((e.key === 's' || e.key === 'S') && mod && !e.shiftKey && !e.altKey) p.onSave();
  else if (e.key === 'Escape' && !mod && !e.shiftKey && !e.altKey) p.onEscape();
  else if (e.key === 'Enter' && !mod && !e.shiftKey && !e.altKey) {
    // a new line keeps the current line's indentation (and one more level after an opening bracket)
    const before = ta.value.slice(0, ta.selectionStart);
    const line = before.slice(before.lastIndexOf('\n') + 1);
    const indent = /^[ \t]*/.exec(line)![0];
    insert(ta, '\n' + indent + (/[{[(]\s*$/.test(line) ? INDENT : ''), p.onChange);
  } else if (e.key === 'Tab' && !mod && !e.altKey) {
    if (!e.shiftKey && ta.selectionStart === ta.selectionEnd) insert(ta, INDENT, p.onChange);
    else indentLines(ta, e.shiftKey ? -1 : 1, p.onChange);
  } else return false;
  return true;
}

export function QuickEditor(props: QuickEditorProps) {
  const ta = useRef<HTMLTextAreaElement | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const html = useMemo(() => highlight(props.source || ' ', props.language), [props.source, props.language]);
  const lines = props.source.split('\n').length;

  // before the browser paints or takes the next key: a key typed right after Alt+Enter lands here
  useLayoutEffect(() => {
    if (props.editing && ta.current && document.activeElement !== ta.current) ta.current.focus({ preventScroll: true });
  }, [props.editing]);

  const setRef = (el: HTMLTextAreaElement | null) => {
    ta.current = el;
    const r = props.ref;
    if (typeof r === 'function') r(el);
    else if (r) (r as { current: HTMLTextAreaElement | null }).current = el;
  };

  return (
    <div className={`tl-quick-editor${props.lineNumbers === false ? ' tl-no-numbers' : ''}`}>
      {/* wrapped Markdown lines would need a number per logical line: left to Monaco */}
      {props.lineNumbers !== false && props.language !== 'markdown' && (
        <div className="tl-quick-gutter" aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => i + 1).join('\n')}
        </div>
      )}
      <pre ref={pre} className="tl-code-static hljs" aria-hidden="true" style={{ minHeight: lines * props.lineHeight + 12 }}>
        <code dangerouslySetInnerHTML={{ __html: html }} />
      </pre>
      <textarea
        ref={setRef}
        className="tl-code-input"
        aria-label={props.ariaLabel}
        value={props.source}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap={props.language === 'markdown' ? 'soft' : 'off'}
        onChange={(e) => props.onChange(e.target.value)}
        onFocus={() => props.onFocus()}
        onScroll={(e) => {
          if (pre.current) pre.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
        onPaste={() => props.onUse?.()}
        onKeyDown={(e) => {
          props.onUse?.();
          // Enter or Escape that ends an input method's composition (Chinese, Japanese, …) is the IME's
          if (e.nativeEvent.isComposing || e.keyCode === 229) return;
          if (quickKey(e, e.currentTarget, props)) {
            e.preventDefault();
            e.stopPropagation();
          }
        }}
      />
    </div>
  );
}
