// Autosave: debounced, with a maximum wait, so at most about 0.5 s of typing (plus the write) is unsaved when a
// tab dies. A failed save keeps the document in memory, reports "not saved" and retries with
// exponential backoff (1 s, 2 s, 4 s … 30 s); edits made meanwhile wait for the next retry.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isQuotaError } from './storage';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';
export interface SaveStatus {
  state: SaveState;
  error?: string;
  lastSaved?: number;
  /** Failed attempts in a row. */
  failures?: number;
  /** When the next retry runs (error state). */
  retryAt?: number;
  /** The failure is the browser's storage being full (error state): the user must free space. */
  full?: boolean;
}

export interface Autosaver {
  status: StoreApi<SaveStatus>;
  /** Call on every change. */
  changed(): void;
  /** Save pending changes now (leaving the page, opening another notebook). */
  flush(): Promise<void>;
  /** Save now even without changes (Ctrl+S). */
  saveNow(): Promise<void>;
  /** True while some change is not yet stored (pending, saving or failed). */
  hasUnsaved(): boolean;
  /** Forget pending changes and failures: the document was replaced or stored by other means. */
  reset(): void;
  dispose(): void;
}

export interface AutosaveOptions {
  debounceMs?: number;
  maxWaitMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
}

export function createAutosaver(save: () => Promise<void>, { debounceMs = 250, maxWaitMs = 500, retryMs: firstRetryMs = 1000, maxRetryMs = 30_000 }: AutosaveOptions = {}): Autosaver {
  const status = createStore<SaveStatus>(() => ({ state: 'saved' }));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstChange = 0;
  let retryMs = firstRetryMs;
  let running: Promise<void> | null = null;
  let again = false;
  let disposed = false;
  let dirty = false;
  let failures = 0;

  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const schedule = (ms: number) => {
    clear();
    timer = setTimeout(() => void run(), ms);
  };

  async function run(): Promise<void> {
    timer = null;
    if (running) {
      again = true;
      return running;
    }
    firstChange = 0;
    dirty = false;
    if (status.getState().state !== 'error') status.setState({ state: 'saving' });
    running = (async () => {
      try {
        await save();
        retryMs = firstRetryMs;
        failures = 0;
        status.setState({ state: dirty ? 'pending' : 'saved', lastSaved: Date.now(), error: undefined, failures: 0, retryAt: undefined, full: undefined });
      } catch (e) {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        dirty = true;
        failures++;
        status.setState({ state: 'error', error, failures, retryAt: disposed ? undefined : Date.now() + retryMs, full: isQuotaError(e) });
        if (!disposed) schedule(retryMs);
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      }
    })();
    await running;
    running = null;
    if (again && !disposed) {
      again = false;
      if (status.getState().state !== 'error') await run();
    }
  }

  return {
    status,
    changed() {
      if (disposed) return;
      dirty = true;
      // Failing: the retry timer decides when the next attempt runs (backoff), not the typing.
      if (status.getState().state === 'error') {
        if (!timer && !running) schedule(retryMs);
        return;
      }
      const now = Date.now();
      if (!firstChange) firstChange = now;
      if (status.getState().state !== 'saving') status.setState({ state: 'pending' });
      schedule(Math.max(0, Math.min(debounceMs, firstChange + maxWaitMs - now)));
    },
    async flush() {
      if (!dirty && !running && !timer) return;
      clear();
      await run();
    },
    saveNow: async () => {
      clear();
      // A save already in flight may hold an older version: wait for it, then save what is here now.
      while (running) await running;
      await run();
    },
    hasUnsaved: () => dirty || timer !== null || running !== null,
    reset() {
      clear();
      dirty = false;
      again = false;
      firstChange = 0;
      failures = 0;
      retryMs = firstRetryMs;
      status.setState({ state: 'saved', error: undefined, failures: 0, retryAt: undefined, full: undefined });
    },
    dispose() {
      disposed = true;
      clear();
    },
  };
}
