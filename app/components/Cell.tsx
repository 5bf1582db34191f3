// One cell: prompt ([n], status, elapsed time), editor or rendered Markdown, outputs, and its
// own controls. Carries the test contract's data-cell-* attributes.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNotebook } from '../notebook/store';
import { isSelected } from '../notebook/selectors';
import type { Cell as CellModel, CellRunState } from '../notebook/types';
import { CodeEditor, type RunMode } from '../editor/CodeEditor';
import { TextCellEditor } from './MarkdownCell';
import { Outputs } from './Outputs';
import { Elapsed } from './Elapsed';
import type { Commands } from './useCommands';
import { Icon } from './Icon';
import { checkExpect, cellExpect, verdictText } from '../notebook/expect';
import { recordExpect } from '../notebook/expect-record';
import { ExpectEditor } from './ExpectEditor';
import { commitExpect, setEditorOpen, useExpectUi } from './ExpectEditorState';
import { lineNumbersOn, outputsHidden, outputsScrolled, setOutputsHidden, toggleLineNumbers, toggleOutputsHidden, toggleOutputsScrolled, useLineNumbers } from './cell-view';

const idle: CellRunState = { status: 'idle', ranThisSession: false };

// Every cell looks itself up on every store change: with a Map per cells array (built once per
// change of the array) that is O(1), where a search made 20,000 cells cost 20,000² steps.
const indexes = new WeakMap<readonly CellModel[], Map<string, CellModel>>();
function cellById(cells: readonly CellModel[], id: string): CellModel | undefined {
  let index = indexes.get(cells);
  if (!index) {
    index = new Map(cells.map((c) => [c.id, c]));
    indexes.set(cells, index);
  }
  return index.get(id);
}
export const CELL_DRAG_TYPE = 'application/x-torchlit-cell';

interface Props {
  id: string;
  index: number;
  count: number;
  commands: Commands;
}

function Prompt({ cell, run }: { cell: CellModel; run: CellRunState }) {
  if (cell.cell_type !== 'code') return <div className="tl-prompt" aria-hidden="true" />;
  const n = run.status === 'queued' ? '*' : run.status === 'running' ? '*' : cell.execution_count ?? ' ';
  return (
    <div className="tl-prompt">
      <span className="tl-count" aria-label={cell.execution_count ? `execution count ${cell.execution_count}` : 'not executed'}>
        [{n}]
      </span>
    </div>
  );
}

function StatusLine({ cell, run }: { cell: CellModel; run: CellRunState }) {
  if (cell.cell_type !== 'code') return null;
  let text: React.ReactNode = null;
  if (run.status === 'running') text = <>running <Elapsed since={run.startedAt ?? Date.now()} /></>;
  else if (run.status === 'queued') text = 'queued';
  else if (run.status === 'error') text = `error${run.durationMs !== undefined ? ` after ${fmt(run.durationMs)}` : ''}`;
  else if (run.status === 'interrupted') text = 'interrupted';
  else if (run.status === 'done') text = run.durationMs !== undefined ? `done in ${fmt(run.durationMs)}` : 'done';
  else if (!run.ranThisSession && (cell.outputs.length > 0 || cell.execution_count !== null)) text = 'not run yet: saved output';
  else if (!run.ranThisSession && cell.source.trim()) text = 'not run yet';
  if (!text) return null;
  return <span className={`tl-cell-status tl-status-${run.ranThisSession ? run.status : 'notrun'}`}>{text}</span>;
}

const fmt = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);

function CellMenu({ id, commands, cell }: { id: string; commands: Commands; cell: CellModel }) {
  const type = cell.cell_type;
  const a = useNotebook.getState().actions;
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const item = (label: string, f: () => void) => (
    <button type="button" role="menuitem" onClick={() => (setOpen(false), f())}>
      {label}
    </button>
  );
  return (
    <div className="tl-menu-wrap" ref={ref}>
      <button type="button" className="tl-icon-button" aria-label="More cell actions" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="More">
        <Icon name="more" />
      </button>
      {open && (
        <div className="tl-menu" role="menu" aria-label="Cell actions" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {item('Run cells above', () => commands.runAbove(id))}
          {item('Run this cell and below', () => commands.runBelow(id))}
          {type === 'code' && (
            <>
              <hr />
              {item('Toggle line numbers (L)', () => toggleLineNumbers(id))}
              {item('Collapse or expand outputs (O)', () => toggleOutputsHidden(id))}
              {item('Enable or disable scrolling for outputs (Shift+O)', () => toggleOutputsScrolled(id))}
              <button type="button" role="menuitem" disabled={cell.outputs.length === 0} title={cell.outputs.length === 0 ? 'Run the cell first' : 'Check every later run against this output'} onClick={() => (setOpen(false), commitExpect(id, recordExpect(cell.outputs)), setEditorOpen(id, true))}>
                Expect this output
              </button>
              {cellExpect(cell) && item('Edit expectation', () => setEditorOpen(id, true))}
            </>
          )}
          <hr />
          {type !== 'code' && item('Change to code', () => a.changeType(id, 'code'))}
          {type !== 'markdown' && item('Change to Markdown', () => a.changeType(id, 'markdown'))}
          {type !== 'raw' && item('Change to raw', () => a.changeType(id, 'raw'))}
          <hr />
          {item('Insert cell above', () => (a.setActive(id), a.insertAbove('code')))}
          {item('Insert cell below', () => (a.setActive(id), a.insertBelow('code')))}
          {item('Copy cell', () => a.copyCell(id))}
          {item('Cut cell', () => a.cutCell(id))}
          {item('Paste cell below', () => (a.setActive(id), a.pasteBelow()))}
        </div>
      )}
    </div>
  );
}

export const Cell = memo(function Cell({ id, index, count, commands }: Props) {
  const cell = useNotebook(useCallback((s) => cellById(s.doc.cells, id), [id]));
  const run = useNotebook(useCallback((s) => s.run[id] ?? idle, [id]));
  const active = useNotebook(useCallback((s) => s.activeId === id, [id]));
  const selected = useNotebook(useMemo(() => isSelected(id), [id])) && !active;
  const expectOpen = useExpectUi(useCallback((s) => !!s.open[id], [id]));
  const mode = useNotebook((s) => s.mode);
  const a = useNotebook.getState().actions;
  const root = useRef<HTMLDivElement>(null);
  const [dropping, setDropping] = useState<'above' | 'below' | null>(null);
  const editing = active && mode === 'edit';
  const lineNumbers = useLineNumbers(useCallback((s) => lineNumbersOn(s, id), [id]));
  // Running a cell shows its outputs again, as in JupyterLab.
  const running = run.status === 'running';
  useEffect(() => {
    if (running) setOutputsHidden(id, false);
  }, [running, id]);

  useEffect(() => {
    if (!active || !root.current) return;
    root.current.scrollIntoView({ block: 'nearest' });
    if (mode !== 'command') return;
    const el = document.activeElement;
    const inEditor = !el || el === document.body || !!el.closest('.monaco-editor, textarea.tl-text-editor, textarea.tl-code-input, [data-cell-id]');
    if (inEditor && el !== root.current) root.current.focus({ preventScroll: true });
  }, [active, mode]);

  const onRun = useCallback((m: RunMode) => commands.runCell(id, m), [commands, id]);
  const onChange = useCallback((s: string) => useNotebook.getState().actions.setSource(id, s), [id]);
  const onFocus = useCallback(() => useNotebook.getState().actions.setActive(id, 'edit'), [id]);
  const onEscape = useCallback(() => commands.commandMode(id), [commands, id]);

  if (!cell) return null;
  const hidden = outputsHidden(cell);
  const scrolled = outputsScrolled(cell);
  const error = cell.outputs.find((o) => o.output_type === 'error');
  const errorLine = error?.output_type === 'error' ? error.line : undefined;
  const toggleOutputs = () => toggleOutputsHidden(id);
  const expectation = cell.cell_type === 'code' ? cellExpect(cell) : null;
  const finished = run.ranThisSession && (run.status === 'done' || run.status === 'error');
  const verdict = expectation && finished ? checkExpect(expectation, cell.outputs, run.status) : null;
  const label = cell.cell_type === 'code' ? `Code cell ${index + 1}` : cell.cell_type === 'markdown' ? `Markdown cell ${index + 1}` : `Raw cell ${index + 1}`;

  return (
    <div
      ref={root}
      className={`tl-cell tl-cell-${cell.cell_type} ${active ? 'tl-active' : ''} ${selected ? 'tl-selected' : ''} ${editing ? 'tl-editing' : ''} ${dropping ? `tl-drop-${dropping}` : ''}`}
      data-cell-id={id}
      data-cell-type={cell.cell_type}
      data-cell-status={run.status}
      data-not-run={run.ranThisSession ? undefined : 'true'}
      data-outputs-collapsed={cell.cell_type === 'code' && hidden ? 'true' : undefined}
      data-outputs-scrolled={cell.cell_type === 'code' && scrolled ? 'true' : undefined}
      data-line-numbers={cell.cell_type === 'code' ? String(lineNumbers) : undefined}
      data-expect={verdict ? (verdict.met ? 'met' : 'unmet') : undefined}
      tabIndex={0}
      role="group"
      aria-label={label}
      aria-current={active ? 'true' : undefined}
      data-selected={active || selected ? 'true' : undefined}
      onMouseDown={(e) => {
        // Shift+click: select from the active cell to this one (JupyterLab).
        if (e.shiftKey && !(e.target as HTMLElement).closest('.tl-code-editor, textarea, button')) {
          e.preventDefault();
          a.selectTo(id);
          root.current?.focus({ preventScroll: true });
          return;
        }
        if (!active || useNotebook.getState().anchorId || (mode === 'edit' && !(e.target as HTMLElement).closest('.tl-code-editor, textarea'))) a.setActive(id, (e.target as HTMLElement).closest('.tl-code-editor, textarea') ? 'edit' : 'command');
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && e.target === root.current) {
          e.preventDefault();
          a.setActive(id, 'edit');
        }
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(CELL_DRAG_TYPE)) return;
        e.preventDefault();
        const r = e.currentTarget.getBoundingClientRect();
        setDropping(e.clientY < r.top + r.height / 2 ? 'above' : 'below');
      }}
      onDragLeave={() => setDropping(null)}
      onDrop={(e) => {
        const from = e.dataTransfer.getData(CELL_DRAG_TYPE);
        setDropping(null);
        if (!from) return;
        e.preventDefault();
        e.stopPropagation();
        const cells = useNotebook.getState().doc.cells;
        const fromIndex = cells.findIndex((c) => c.id === from);
        let to = index + (dropping === 'below' ? 1 : 0);
        if (fromIndex < to) to -= 1;
        a.moveCell(from, to);
      }}
    >
      <div className="tl-cell-side">
        <span
          className="tl-drag-handle"
          draggable
          title="Drag to move the cell"
          aria-hidden="true"
          onDragStart={(e) => {
            e.dataTransfer.setData(CELL_DRAG_TYPE, id);
            e.dataTransfer.effectAllowed = 'move';
            if (root.current) e.dataTransfer.setDragImage(root.current, 20, 20);
          }}
        >
          <Icon name="drag" size={14} />
        </span>
        <Prompt cell={cell} run={run} />
      </div>
      <div className="tl-cell-main">
        <div className="tl-cell-head">
          <StatusLine cell={cell} run={run} />
          {verdict && (
            <span className={verdict.met ? 'tl-verdict tl-verdict-met' : 'tl-verdict tl-verdict-unmet'} title={verdict.problems.join('; ')}>
              {verdictText(verdict)}
            </span>
          )}
          <div className="tl-cell-controls" role="toolbar" aria-label={`${label} actions`}>
            {cell.cell_type !== 'raw' && (
              <button type="button" className="tl-icon-button" aria-label={cell.cell_type === 'code' ? 'Run this cell' : 'Render this cell'} title="Run (Shift+Enter)" onClick={() => commands.runCell(id, 'stay')}>
                <Icon name="run" />
              </button>
            )}
            <button type="button" className="tl-icon-button" aria-label="Move cell up" title="Move up" disabled={index === 0} onClick={() => a.moveUp(id)}>
              <Icon name="up" />
            </button>
            <button type="button" className="tl-icon-button" aria-label="Move cell down" title="Move down" disabled={index === count - 1} onClick={() => a.moveDown(id)}>
              <Icon name="down" />
            </button>
            {cell.cell_type === 'code' && (
              <>
                <button type="button" className="tl-icon-button" aria-label="Clear outputs" title="Clear outputs" disabled={cell.outputs.length === 0} onClick={() => a.clearOutputs(id)}>
                  <Icon name="clear" />
                </button>
                <button type="button" className="tl-icon-button" aria-label={hidden ? 'Expand outputs' : 'Collapse outputs'} aria-pressed={hidden} title={hidden ? 'Show outputs' : 'Hide outputs'} onClick={toggleOutputs}>
                  <Icon name={hidden ? 'collapse' : 'expand'} />
                </button>
              </>
            )}
            <button type="button" className="tl-icon-button tl-danger" aria-label="Delete cell" title="Delete (D D)" onClick={() => a.deleteCell(id)}>
              <Icon name="delete" />
            </button>
            <CellMenu id={id} commands={commands} cell={cell} />
          </div>
        </div>
        {cell.cell_type === 'code' ? (
          <CodeEditor cellId={id} source={cell.source} editing={editing} lineNumbers={lineNumbers} errorLine={errorLine} onChange={onChange} onRun={onRun} onFocus={onFocus} onEscape={onEscape} onSave={commands.save} />
        ) : (
          <TextCellEditor
            cellId={id}
            source={cell.source}
            editing={editing}
            raw={cell.cell_type === 'raw'}
            attachments={cell.attachments}
            onSave={commands.save}
            onChange={onChange}
            onEdit={() => a.setActive(id, 'edit')}
            onRun={onRun}
            onEscape={onEscape}
          />
        )}
        {cell.cell_type === 'code' && cell.outputs.length > 0 && (hidden ? (
          <button type="button" className="tl-collapsed-outputs" onClick={toggleOutputs}>
            {cell.outputs.length} output{cell.outputs.length > 1 ? 's' : ''} hidden: show
          </button>
        ) : (
          <Outputs outputs={cell.outputs} scrolled={scrolled} onToggleScrolled={() => toggleOutputsScrolled(id)} />
        ))}
        {cell.cell_type === 'code' && expectOpen && <ExpectEditor cell={cell} label={label} failed={run.status === 'error' || cell.outputs.some((o) => o.output_type === 'error')} />}
      </div>
    </div>
  );
});
