// Shown once when another tab saved a newer version while this tab had unsaved edits: the
// user picks which version lives on; the other one is kept as a checkpoint (nothing is lost).
import { useState } from 'react';
import type { Conflict, ConflictChoice } from '../services/session';
import { Dialog } from './Dialog';
import '../styles/data-safety.css';

const time = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const choices: { choice: ConflictChoice; label: string; text: string }[] = [
  { choice: 'mine', label: 'Keep mine', text: 'Save this tab’s version over the other one. The other version stays available as a checkpoint.' },
  { choice: 'theirs', label: 'Take theirs', text: 'Load the version from the other tab. This tab’s edits stay available as a checkpoint.' },
  { choice: 'copy', label: 'Save mine as a copy', text: 'Keep both: this tab’s version becomes a new notebook; this one keeps the other tab’s version.' },
];

export function ConflictDialog({ conflict, onChoose, onClose }: { conflict: Conflict; onChoose(c: ConflictChoice): Promise<void>; onClose(): void }) {
  const [busy, setBusy] = useState<ConflictChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title="This notebook changed in another tab" onClose={onClose}>
      <p className="tl-dialog-lede">
        Another tab saved a newer version of <strong>{conflict.name}</strong> at {time(conflict.updated)} while this tab had unsaved edits. Nothing has been overwritten: saving here is paused until you choose.
      </p>
      <ul className="tl-choice-list">
        {choices.map(({ choice, label, text }, i) => (
          <li key={choice} className="tl-choice">
            <button
              type="button"
              className={i === 0 ? 'tl-primary' : undefined}
              disabled={busy !== null}
              data-autofocus={i === 0 ? true : undefined}
              onClick={() => {
                setBusy(choice);
                onChoose(choice).catch((e: Error) => (setError(`${e.name}: ${e.message}`), setBusy(null)));
              }}
            >
              {busy === choice ? 'Working…' : label}
            </button>
            <p>{text}</p>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="tl-save-error">
          That did not work: {error}. Your edits are still here; Download .ipynb works.
        </p>
      )}
      <p className="tl-dialog-note">Closing this keeps both versions as they are; the save indicator lets you decide later.</p>
    </Dialog>
  );
}
