import { useStore } from 'zustand';
import type { Session } from '../services/session';

export function SaveIndicator({ session }: { session: Session }) {
  const save = useStore(session.autosaver.status);
  const local = useStore(session.state, (s) => s.localId !== null);
  if (!local) return <span className="tl-save tl-save-memory" role="status">not saved yet</span>;
  if (save.state === 'error') {
    return (
      <span className="tl-save tl-save-error" role="alert" title={save.error}>
        Not saved: {save.error}. Retrying; Download .ipynb still works.
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
