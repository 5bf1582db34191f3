// "Restart Kernel?" as JupyterLab asks it before a restart (button, 0 0, the palette, the Kernel
// menu). Enter restarts (the Restart button has the focus), Esc cancels. "Do not ask me again"
// is remembered in this browser; the palette's "Ask Before Restarting the Kernel" turns it back on.
import { useState } from 'react';
import { create } from 'zustand';
import { Dialog } from './Dialog';
import '../styles/data-safety.css';
import '../styles/commands.css';

export type RestartKind = 'restart' | 'restart-run-all' | 'restart-clear';

const SKIP_KEY = 'torchlit.skipKernelRestartDialog';

/** Whether restarts go ahead without asking (the setting; false when storage is unavailable). */
export function skipRestartDialog(): boolean {
  try {
    return globalThis.localStorage?.getItem(SKIP_KEY) === 'true';
  } catch {
    return false;
  }
}

export function setSkipRestartDialog(skip: boolean): void {
  try {
    if (skip) localStorage.setItem(SKIP_KEY, 'true');
    else localStorage.removeItem(SKIP_KEY);
  } catch {
    /* storage blocked: the dialog keeps asking */
  }
}

interface Pending {
  kind: RestartKind;
  answer(ok: boolean): void;
}

const pending = create<{ ask: Pending | null }>(() => ({ ask: null }));

/** Asks (unless the user chose not to be asked); resolves true to restart. */
export function confirmRestart(kind: RestartKind): Promise<boolean> {
  if (skipRestartDialog()) return Promise.resolve(true);
  pending.getState().ask?.answer(false);
  return new Promise((resolve) => pending.setState({ ask: { kind, answer: resolve } }));
}

/** Whether the dialog is showing (the notebook's shortcuts wait meanwhile). */
export const useRestartAsking = () => pending((s) => s.ask !== null);

const BODY: Record<RestartKind, string> = {
  restart: 'Do you want to restart the kernel? All variables will be lost.',
  'restart-run-all': 'Do you want to restart the kernel and run all cells? All variables will be lost.',
  'restart-clear': 'Do you want to restart the kernel and clear all outputs? All variables will be lost.',
};

export function RestartDialog() {
  const ask = pending((s) => s.ask);
  const [dontAsk, setDontAsk] = useState(false);
  if (!ask) return null;
  const close = (ok: boolean) => {
    if (ok && dontAsk) setSkipRestartDialog(true);
    pending.setState({ ask: null });
    setDontAsk(false);
    ask.answer(ok);
  };
  return (
    <Dialog title="Restart Kernel?" onClose={() => close(false)}>
      <p className="tl-dialog-lede">{BODY[ask.kind]}</p>
      <label className="tl-dont-ask">
        <input type="checkbox" checked={dontAsk} onChange={(e) => setDontAsk(e.target.checked)} /> Do not ask me again
      </label>
      <div className="tl-dialog-foot">
        <button type="button" onClick={() => close(false)}>
          Cancel
        </button>
        <button type="button" className="tl-danger-button" data-autofocus onClick={() => close(true)}>
          Restart
        </button>
      </div>
    </Dialog>
  );
}
