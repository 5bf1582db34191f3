// Checkpoints: the last few saved versions of this notebook, each revertible (JupyterLab's
// "Revert notebook to checkpoint"); for a tutorial, "Reset to original" too. Reverting and
// resetting first keep the current version as a checkpoint, so both can be undone.
import { useCallback, useEffect, useState } from 'react';
import type { CheckpointReason, CheckpointSummary } from '../services/storage';
import { CHECKPOINTS_KEPT } from '../services/storage';
import { Dialog } from './Dialog';
import '../styles/data-safety.css';

const REASON: Record<CheckpointReason, string> = {
  opened: 'as opened',
  save: 'saved',
  auto: 'automatic',
  'run-all': 'before Run all',
  manual: 'manual',
  'before-revert': 'before a revert',
  'before-reset': 'before reset',
  conflict: 'from a conflict',
  recovered: 'unsaved draft',
};

export function ago(t: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

const stamp = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

interface Props {
  list(): Promise<CheckpointSummary[]>;
  create(): Promise<CheckpointSummary | null>;
  revert(key: number): Promise<void>;
  /** Deletes one (to free space when the browser's storage is full). */
  remove?(key: number): Promise<void>;
  /** Only for tutorials. */
  resetToOriginal?: () => Promise<void>;
  onClose(): void;
}

export function CheckpointsDialog({ list, create, revert, remove, resetToOriginal, onClose }: Props) {
  const [items, setItems] = useState<CheckpointSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<number | 'reset' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => {
    list().then(setItems, (e: Error) => setError(`Checkpoints could not be read: ${e.message}`));
  }, [list]);
  useEffect(reload, [reload]);

  const act = async (f: () => Promise<unknown>, close = true) => {
    setBusy(true);
    try {
      await f();
      if (close) onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Checkpoints" onClose={onClose} wide>
      <div className="tl-cp-head">
        <p>
          The last {CHECKPOINTS_KEPT} versions of this notebook, kept in this browser: made when you press Ctrl+S, before Run all, every 10 minutes of editing, and before a revert or reset.
        </p>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              const made = await create();
              setNote(made ? 'Checkpoint created.' : 'Nothing changed since the last checkpoint.');
              reload();
            }, false)
          }
        >
          Create checkpoint
        </button>
      </div>
      {note && (
        <p className="tl-dialog-note" role="status">
          {note}
        </p>
      )}
      {error && (
        <p role="alert" className="tl-save-error">
          {error}
        </p>
      )}
      {items === null && !error && <p className="tl-muted">Loading…</p>}
      {items?.length === 0 && <p className="tl-cp-empty">No checkpoints yet. Press Ctrl+S or “Create checkpoint” to make one.</p>}
      {items && items.length > 0 && (
        <ul className="tl-cp-list" aria-label="Checkpoints">
          {items.map((cp) => (
            <li key={cp.key} className="tl-cp" data-checkpoint={cp.key}>
              <span className="tl-cp-when" title={stamp(cp.created)}>
                {stamp(cp.created)}
              </span>
              <span className="tl-cp-meta">
                <span className="tl-cp-reason" data-reason={cp.reason}>
                  {REASON[cp.reason] ?? cp.reason}
                </span>
                <span>{ago(cp.created)}</span>
                <span>·</span>
                <span>
                  {cp.cells} cell{cp.cells === 1 ? '' : 's'}
                </span>
                <span>·</span>
                <span>{cp.name}</span>
              </span>
              <button type="button" disabled={busy} onClick={() => setConfirm(cp.key)} aria-label={`Revert to the checkpoint of ${stamp(cp.created)}`}>
                Revert…
              </button>
              {remove && (
                <button type="button" className="tl-link-button tl-danger" disabled={busy} onClick={() => void act(async () => (await remove(cp.key), reload()), false)} aria-label={`Delete the checkpoint of ${stamp(cp.created)}`}>
                  Delete
                </button>
              )}
              {confirm === cp.key && (
                <div className="tl-cp-confirm" role="group" aria-label="Confirm revert">
                  <span>Replace the notebook with this version? The current version is kept as a checkpoint first.</span>
                  <button type="button" className="tl-primary" disabled={busy} data-autofocus onClick={() => void act(() => revert(cp.key))}>
                    Revert
                  </button>
                  <button type="button" onClick={() => setConfirm(null)}>
                    Cancel
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {resetToOriginal && (
        <div className="tl-cp-reset">
          {confirm === 'reset' ? (
            <>
              <p role="group" aria-label="Confirm reset">
                Replace your working copy with the tutorial as shipped? Your current version is kept as a checkpoint.
              </p>
              <button type="button" className="tl-danger-button" disabled={busy} onClick={() => void act(resetToOriginal)}>
                Reset
              </button>
              <button type="button" onClick={() => setConfirm(null)}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <p>This is your working copy of a tutorial.</p>
              <button type="button" className="tl-danger-button" disabled={busy} onClick={() => setConfirm('reset')}>
                Reset to original…
              </button>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}

export function ResetDialog({ onReset, onClose }: { onReset(): Promise<void>; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title="Reset to the original tutorial?" onClose={onClose}>
      <p className="tl-dialog-lede">Your working copy is replaced with the tutorial as shipped. Your current version is kept as a checkpoint, so you can go back to it from Checkpoints.</p>
      <div className="tl-dialog-foot">
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="tl-danger-button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onReset().finally(onClose);
          }}
        >
          Reset to original
        </button>
      </div>
    </Dialog>
  );
}
