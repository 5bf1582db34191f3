// One cell's Monaco editor: a code cell's (TypeScript), or a Markdown cell's while it is being
// edited (app/components/MarkdownCell.tsx). Until Monaco is loaded and the cell is focused or
// scrolled into view, it is a lightweight editor: the highlighted source in a <pre> under a
// transparent <textarea> (./QuickEditor.tsx), so a 200-cell notebook opens fast and a learner can
// type as soon as the notebook is on screen; then Monaco takes over, with the text, the selection
// and the focus the quick editor had.
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import { QuickEditor } from './QuickEditor';
import { cellModel, loadMonaco, setModelText, type CellLanguage, type MonacoApi } from './monaco';

export type RunMode = 'stay' | 'advance' | 'insert';

export interface CodeEditorProps {
  cellId: string;
  source: string;
  /** true when the cell should have keyboard focus in its editor (edit mode). */
  editing: boolean;
  errorLine?: number;
  /** Line numbers in the gutter (L / Shift+L toggle them); on unless false. */
  lineNumbers?: boolean;
  onChange(source: string): void;
  onRun(mode: RunMode): void;
  onFocus(): void;
  onEscape(): void;
  onSave(): void;
  /** 'markdown' for a Markdown cell (its own model, wrapped lines); TypeScript otherwise. */
  language?: CellLanguage;
  /** What screen readers call the editor ("Code cell editor" unless given). */
  ariaLabel?: string;
  /** Called once the Monaco editor exists (a Markdown cell adds its paste and drop of images); may return a clean-up. */
  onEditor?(editor: Monaco.editor.IStandaloneCodeEditor, monaco: MonacoApi): (() => void) | void;
}

const LINE_HEIGHT = 19;

export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const outer = useRef<HTMLDivElement>(null);
  const fitRef = useRef<() => void>(() => {});
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const quick = useRef<HTMLTextAreaElement>(null);
  const cb = useRef(props);
  cb.current = props;
  const [wanted, setWanted] = useState(props.editing);
  const [ready, setReady] = useState(false);

  // Mount Monaco once the cell is near the viewport (or focused).
  useEffect(() => {
    if (wanted || !outer.current) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setWanted(true), { rootMargin: '200px' });
    io.observe(outer.current);
    return () => io.disconnect();
  }, [wanted]);
  useEffect(() => {
    if (props.editing) setWanted(true);
  }, [props.editing]);

  useEffect(() => {
    if (!wanted) return;
    let disposed = false;
    let editor: Monaco.editor.IStandaloneCodeEditor | null = null;
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const language = cb.current.language ?? 'typescript';
      const markdown = language === 'markdown';
      // What the quick editor holds is the newest text (its last keystroke may not have re-rendered us yet).
      const ta = quick.current;
      const source = ta?.value ?? cb.current.source;
      const model = cellModel(monaco, props.cellId, source, language);
      // A kept model (a Markdown cell edited before) may be behind the source: one undoable edit.
      if (model.getValue() !== source) setModelText(model, source);
      editor = monaco.editor.create(host.current, {
        model,
        language,
        automaticLayout: false,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        scrollbar: { vertical: 'hidden', alwaysConsumeMouseWheel: false, horizontalScrollbarSize: 8 },
        overviewRulerLanes: 0,
        hideCursorInOverviewRuler: true,
        lineNumbers: cb.current.lineNumbers === false ? 'off' : 'on',
        lineNumbersMinChars: 3,
        glyphMargin: false,
        folding: false,
        lineDecorationsWidth: 6,
        renderLineHighlight: 'none',
        fontSize: 13,
        lineHeight: LINE_HEIGHT,
        fontFamily: "'JetBrains Mono', 'Fira Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
        tabSize: 2,
        fixedOverflowWidgets: true,
        ariaLabel: cb.current.ariaLabel ?? 'Code cell editor',
        padding: { top: 6, bottom: 6 },
        // Markdown is prose: wrapped, as JupyterLab's Markdown editor, and no TypeScript hints.
        wordWrap: markdown ? 'on' : 'off',
        ...(markdown ? { quickSuggestions: false, wordBasedSuggestions: 'off' as const, suggestOnTriggerCharacters: false, occurrencesHighlight: 'off' as const } : {}),
      });
      editorRef.current = editor;
      const fit = () => {
        if (!editor || !host.current) return;
        const h = Math.max(editor.getContentHeight(), LINE_HEIGHT + 12);
        host.current.style.height = `${h}px`;
        editor.layout({ width: host.current.clientWidth, height: h });
      };
      fitRef.current = fit;
      editor.onDidContentSizeChange(fit);
      const ro = new ResizeObserver(() => editor && host.current && editor.layout({ width: host.current.clientWidth, height: host.current.clientHeight }));
      ro.observe(host.current);
      editor.onDidDispose(() => ro.disconnect());
      fit();
      editor.onDidChangeModelContent(() => cb.current.onChange(editor!.getValue()));
      editor.onDidFocusEditorText(() => cb.current.onFocus());
      const K = monaco.KeyMod;
      const C = monaco.KeyCode;
      const action = (id: string, keybindings: number[], run: () => void, precondition?: string) => editor!.addAction({ id, label: id, keybindings, run, precondition });
      action('torchlit.run-advance', [K.Shift | C.Enter], () => cb.current.onRun('advance'));
      action('torchlit.run-stay', [K.CtrlCmd | C.Enter], () => cb.current.onRun('stay'));
      action('torchlit.run-insert', [K.Alt | C.Enter], () => cb.current.onRun('insert'));
      action('torchlit.save', [K.CtrlCmd | C.KeyS], () => cb.current.onSave());
      action('torchlit.command-mode', [C.Escape], () => cb.current.onEscape(), '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible');
      const cleanup = cb.current.onEditor?.(editor, monaco);
      if (cleanup) editor.onDidDispose(cleanup);
      // Take over from the quick editor in this same task: its selection, and the focus if it had it,
      // so no keystroke lands between the two.
      if (ta) {
        const a = model.getPositionAt(ta.selectionStart);
        const b = model.getPositionAt(ta.selectionEnd);
        const backwards = ta.selectionDirection === 'backward';
        editor.setSelection(backwards ? new monaco.Selection(b.lineNumber, b.column, a.lineNumber, a.column) : new monaco.Selection(a.lineNumber, a.column, b.lineNumber, b.column));
      }
      const hadFocus = !!ta && document.activeElement === ta;
      // hidden now, not at React's next commit: one editor (one "Code cell editor" textbox) at a time
      if (ta?.parentElement) ta.parentElement.style.display = 'none';
      setReady(true);
      if (cb.current.editing || hadFocus) editor.focus();
    });
    return () => {
      disposed = true;
      editor?.dispose();
      editorRef.current = null;
    };
  }, [wanted, props.cellId]);

  // Keep the editor in step with outside changes (e.g. a notebook loaded under it).
  useEffect(() => {
    const e = editorRef.current;
    const model = e?.getModel();
    if (model && model.getValue() !== props.source) setModelText(model, props.source);
  }, [props.source]);

  useEffect(() => fitRef.current(), [ready]);

  useEffect(() => {
    editorRef.current?.updateOptions({ lineNumbers: props.lineNumbers === false ? 'off' : 'on' });
  }, [props.lineNumbers, ready]);

  useEffect(() => {
    const e = editorRef.current;
    if (!e) return;
    if (props.editing && !e.hasTextFocus()) e.focus();
  }, [props.editing, ready]);

  // Highlight the line an error points at.
  useEffect(() => {
    const e = editorRef.current;
    if (!e || !props.errorLine) return;
    const deco = e.createDecorationsCollection([
      { range: { startLineNumber: props.errorLine, startColumn: 1, endLineNumber: props.errorLine, endColumn: 1 }, options: { isWholeLine: true, className: 'tl-error-line', linesDecorationsClassName: 'tl-error-gutter' } },
    ]);
    return () => deco.clear();
  }, [props.errorLine, ready]);

  return (
    <div
      className={`tl-code-editor${props.language === 'markdown' ? ' tl-markdown-editor' : ''}`}
      ref={outer}
      onMouseDown={() => {
        setWanted(true);
        void loadMonaco({ now: true });
      }}
    >
      {!ready && (
        <QuickEditor
          ref={quick}
          source={props.source}
          language={props.language ?? 'typescript'}
          editing={props.editing}
          lineHeight={LINE_HEIGHT}
          lineNumbers={props.lineNumbers}
          ariaLabel={props.ariaLabel ?? 'Code cell editor'}
          onChange={(s) => cb.current.onChange(s)}
          onRun={(m) => cb.current.onRun(m)}
          onFocus={() => {
            setWanted(true);
            cb.current.onFocus();
          }}
          onUse={() => void loadMonaco({ now: true })}
          onEscape={() => cb.current.onEscape()}
          onSave={() => cb.current.onSave()}
        />
      )}
      <div ref={host} className="tl-monaco-host" style={ready ? { overflow: 'hidden' } : { height: 0, overflow: 'hidden' }} />
    </div>
  );
}
