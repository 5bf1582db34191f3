import { useStore } from 'zustand';
import type { Session } from '../services/session';
import { useServices } from '../services/context';

export function SaveIndicator({ session, onResolve }: { session: Session; onResolve?: () => void }) {
  const save = useStore(session.autosaver.status);
  const local = useStore(session.state, (s) => s.localId !== null);
  const conflict = useStore(session.state, (s) => s.conflict);
  // A notebook opened from a folder whose file could not be written (the browser copy is saved).
  const localId = useStore(session.state, (s) => s.localId);
  const writeError = useStore(useServices().folders.state, (s) => (localId ? s.writeErrors[localId] : undefined));
  if (conflict) {
    return (
      <span className="tl-save tl-save-conflict" role="alert" data-save-state="conflict">
        Not saved: changed in another tab.{' '}
        {onResolve && (
          <button type="button" className="tl-link-button" onClick={onResolve}>
            Resolve…
          </button>
        )}
      </span>
    );
  }
  if (!local) return <span className="tl-save tl-save-memory" role="status">not saved yet</span>;
  if (save.state === 'error' && save.full) {
    // Retrying alone cannot help: say what is full and what the user can do, and that nothing is lost.
    return (
      <span className="tl-save tl-save-error" role="alert" title={save.error} data-save-state="error" data-storage-full data-failures={save.failures}>
        Not saved: this browser’s storage for Torchlit is full. Your edits stay in this tab and the last saved version is intact. Download .ipynb to keep this version, then free space: delete notebooks you no longer need from the start page, or old checkpoints (Checkpoints). Saving retries on its own ({save.error}).{' '}
        <button type="button" className="tl-link-button" onClick={() => void session.autosaver.flush()}>
          Retry now
        </button>
      </span>
    );
  }
  if (save.state === 'error') {
    return (
      <span className="tl-save tl-save-error" role="alert" title={save.error} data-save-state="error" data-failures={save.failures}>
        Not saved: {save.error}. Retrying{save.failures && save.failures > 1 ? ` (attempt ${save.failures + 1})` : ''}; your edits stay in this tab and Download .ipynb still works.{' '}
        <button type="button" className="tl-link-button" onClick={() => void session.autosaver.flush()}>
          Retry now
        </button>
      </span>
    );
  }
  if (writeError && save.state === 'saved') {
    return (
      <span className="tl-save tl-save-error" role="alert" data-save-state="saved" data-file-error>
        Saved in this browser; {writeError.replace(/ The notebook is saved in this browser\.$/, '')}
      </span>
    );
  }
  const text = save.state === 'saved' ? 'Saved' : save.state === 'saving' ? 'Saving…' : 'Editing…';
  return (
    <span className={`tl-save tl-save-${save.state}`} role="status" data-save-state={save.state}>
      {text}
    </span>
  );
}
