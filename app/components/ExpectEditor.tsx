// The small editor under a code cell for its expectation (`metadata.torchlit.expect`): the text
// lines the output must contain, a number within bounds, the MIME types, optional. Every change
// goes through commitExpect (undoable, saved with the notebook); nobody edits JSON by hand.
import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Cell } from '../notebook/types';
import { cellExpect, outputText, type CellExpect } from '../notebook/expect';
import { boundsAround, detectNumber, NUMBER_CAPTURE, recordExpect } from '../notebook/expect-record';
import { commitExpect, setEditorOpen, undoExpect, useExpectUi } from './ExpectEditorState';
import '../styles/expect.css';

interface DraftProps {
  value: string;
  label: string;
  onCommit(v: string): void;
  placeholder?: string;
  className?: string;
  autoFocus?: boolean;
}

/** A text field that commits on Enter or leaving it; Escape puts the saved value back. */
function DraftInput({ value, label, onCommit, placeholder, className, autoFocus }: DraftProps) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <input
      type="text"
      className={className ?? 'tl-expect-input'}
      aria-label={label}
      value={draft}
      placeholder={placeholder}
      autoFocus={autoFocus}
      spellCheck={false}
      data-dirty={draft !== value || undefined}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape' && draft !== value) {
          e.stopPropagation();
          setDraft(value);
        }
      }}
    />
  );
}

interface ListProps {
  title: string;
  hint: string;
  items: string[];
  itemLabel: string;
  addLabel: string;
  onChange(items: string[]): void;
}

/** A list of strings: edit, remove (or empty a line), add. */
function ListField({ title, hint, items, itemLabel, addLabel, onChange }: ListProps) {
  const id = useId();
  const [adding, setAdding] = useState(false);
  return (
    <fieldset className="tl-expect-field">
      <legend id={id}>{title}</legend>
      <p className="tl-muted tl-expect-hint">{hint}</p>
      {(items.length > 0 || adding) && (
        <ul aria-labelledby={id}>
          {items.map((s, i) => (
            <li key={i}>
              <DraftInput value={s} label={`${itemLabel} ${i + 1}`} onCommit={(v) => onChange(v === '' ? items.filter((_, k) => k !== i) : items.map((x, k) => (k === i ? v : x)))} />
              <button type="button" className="tl-link-button tl-danger" aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`} title="Remove" onClick={() => onChange(items.filter((_, k) => k !== i))}>
                ✕
              </button>
            </li>
          ))}
          {adding && (
            <li>
              <DraftInput value="" autoFocus label={`${itemLabel} ${items.length + 1}`} onCommit={(v) => (setAdding(false), v.trim() && onChange([...items, v]))} />
              <button type="button" className="tl-link-button" aria-label={`Cancel the new ${itemLabel.toLowerCase()}`} title="Cancel" onClick={() => setAdding(false)}>
                ✕
              </button>
            </li>
          )}
        </ul>
      )}
      <button type="button" className="tl-link-button" onClick={() => setAdding(true)} disabled={adding}>
        + {addLabel}
      </button>
    </fieldset>
  );
}

const show = (n: number | undefined) => (n === undefined ? '' : String(n));

/** Reads a bound: blank is "no bound"; anything else must be a number (else the field goes back). */
function parseBound(s: string): number | undefined | null {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function NumberField({ number, text, onChange }: { number: CellExpect['number']; text: string; onChange(n: CellExpect['number'] | undefined): void }) {
  const [error, setError] = useState<string | null>(null);
  const err = useId();
  if (!number) {
    const found = detectNumber(text);
    return (
      <fieldset className="tl-expect-field">
        <legend>Number</legend>
        <button type="button" className="tl-link-button" onClick={() => onChange(found ? { pattern: found.pattern, ...boundsAround(found.value, '10%')! } : { pattern: `value ${NUMBER_CAPTURE}` })}>
          + Add a number{found ? ` (${found.value} in the output)` : ''}
        </button>
      </fieldset>
    );
  }
  const both = number.min !== undefined && number.max !== undefined;
  const centre = both ? (number.min! + number.max!) / 2 : undefined;
  const half = both ? Number(((number.max! - number.min!) / 2).toPrecision(6)) : undefined;
  const bound = (key: 'min' | 'max') => (s: string) => {
    const v = parseBound(s);
    if (v === null) return setError(`"${s}" is not a number`);
    setError(null);
    onChange({ ...number, [key]: v });
  };
  return (
    <fieldset className="tl-expect-field tl-expect-number" aria-describedby={error ? err : undefined}>
      <legend>Number</legend>
      <p className="tl-muted tl-expect-hint">The pattern's first group, read from the output, must lie between the bounds (blank: no bound).</p>
      <label>
        Pattern <DraftInput value={number.pattern} label="Number pattern" className="tl-expect-input tl-expect-pattern" onCommit={(v) => v.trim() && onChange({ ...number, pattern: v })} />
      </label>
      <span className="tl-expect-bounds">
        <label>
          Minimum <DraftInput value={show(number.min)} label="Minimum" className="tl-expect-input tl-expect-bound" onCommit={bound('min')} />
        </label>
        <label>
          Maximum <DraftInput value={show(number.max)} label="Maximum" className="tl-expect-input tl-expect-bound" onCommit={bound('max')} />
        </label>
        {centre !== undefined && (
          <label title="± an amount or a percentage around the middle of the bounds">
            {Number(centre.toPrecision(6))} ±{' '}
            <DraftInput
              value={show(half)}
              label="Tolerance"
              placeholder="0.1 or 10%"
              className="tl-expect-input tl-expect-bound"
              onCommit={(v) => {
                const b = boundsAround(centre, v);
                if (!b) return setError(`"${v}" is not a tolerance: give an amount (0.05) or a percentage (10%)`);
                setError(null);
                onChange({ ...number, ...b });
              }}
            />
          </label>
        )}
        <button type="button" className="tl-link-button tl-danger" onClick={() => onChange(undefined)}>
          Remove the number
        </button>
      </span>
      {error && (
        <p id={err} role="alert" className="tl-expect-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function ExpectEditor({ cell, label, failed }: { cell: Cell; label: string; failed: boolean }) {
  const e = cellExpect(cell);
  const canUndo = useStore(useExpectUi, (s) => (s.undo[cell.id]?.length ?? 0) > 0);
  const root = useRef<HTMLElement>(null);
  const focus = useStore(useExpectUi, (s) => s.focus === cell.id);
  useEffect(() => {
    if (!focus || !root.current) return;
    useExpectUi.setState({ focus: null });
    // The first field (a selector list would pick the header's buttons, first in the document).
    (root.current.querySelector<HTMLElement>('input') ?? root.current.querySelector<HTMLElement>('button:not(:disabled)') ?? root.current).focus();
  }, [focus]);
  const text = outputText(cell.outputs.filter((o) => o.output_type !== 'error'));
  const set = (next: CellExpect) => commitExpect(cell.id, next);
  const close = () => {
    setEditorOpen(cell.id, false);
    root.current?.closest<HTMLElement>('[data-cell-id]')?.focus();
  };
  return (
    <section
      ref={root}
      className="tl-expect-editor"
      aria-label={`Expectation of ${label}`}
      onKeyDown={(ev) => {
        const mod = ev.ctrlKey || ev.metaKey;
        if (mod && ev.key.toLowerCase() === 's') return; // the notebook saves
        ev.stopPropagation(); // typing here is not a notebook shortcut
        const dirty = (ev.target as HTMLElement).dataset?.dirty;
        if (mod && !ev.shiftKey && ev.key.toLowerCase() === 'z' && !dirty) {
          ev.preventDefault();
          undoExpect(cell.id);
        } else if (ev.key === 'Escape' && !dirty) close();
      }}
    >
      <header className="tl-expect-head">
        <strong>Expected output</strong>
        <span className="tl-muted">checked after every run{e ? '' : ' (none yet)'}</span>
        <button type="button" className="tl-link-button" onClick={() => undoExpect(cell.id)} disabled={!canUndo} aria-label="Undo expectation edit" title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" className="tl-link-button" onClick={close} aria-label="Close the expectation editor">
          Done
        </button>
      </header>
      {!e ? (
        <p>
          This cell has no expectation.{' '}
          <button type="button" className="tl-link-button" onClick={() => commitExpect(cell.id, recordExpect(cell.outputs))} disabled={cell.outputs.length === 0}>
            Expect this output
          </button>
          {cell.outputs.length === 0 && <span className="tl-muted"> (run the cell first)</span>}
        </p>
      ) : (
        <>
          {failed && !e.optional && <p className="tl-expect-error">This run failed: the expectation is met only by a run that succeeds, unless the cell is marked optional.</p>}
          <ListField title="Text the output contains" hint="Each line must appear somewhere in the text output. Trim what changes from run to run." items={e.output_contains ?? []} itemLabel="Expected text" addLabel="Add a line" onChange={(v) => set({ ...e, output_contains: v })} />
          <NumberField number={e.number} text={text} onChange={(n) => set({ ...e, number: n })} />
          <ListField title="Output types" hint="MIME types the cell must display (tables, charts, training views)." items={e.mime ?? []} itemLabel="Expected MIME type" addLabel="Add a MIME type" onChange={(v) => set({ ...e, mime: v })} />
          {(e.output_matches?.length ?? 0) > 0 && (
            <ListField title="Patterns the output matches" hint="JavaScript regular expressions." items={e.output_matches ?? []} itemLabel="Expected pattern" addLabel="Add a pattern" onChange={(v) => set({ ...e, output_matches: v })} />
          )}
          <div className="tl-expect-foot">
            <label>
              <input type="checkbox" checked={!!e.optional} onChange={(ev) => set({ ...e, optional: ev.target.checked || undefined })} /> Optional: the cell may fail
            </label>
            <button type="button" className="tl-link-button tl-danger" onClick={() => commitExpect(cell.id, null)}>
              Remove the expectation
            </button>
          </div>
        </>
      )}
    </section>
  );
}
