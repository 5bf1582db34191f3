// Autosave: debounced, with a maximum wait, so at most about a second of typing is unsaved.
// A failed save keeps the document in memory, reports "not saved" and retries with backoff.
import { createStore, type StoreApi } from 'zustand/vanilla';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';
export interface SaveStatus { state: SaveState; error?: string; lastSaved?: number }

export interface Autosaver {
  status: StoreApi<SaveStatus>;
  /** Call on every change. */
  changed(): void;
  /** Save pending changes now (leaving the page, opening another notebook). */
  flush(): Promise<void>;
  /** Save now even without changes (Ctrl+S). */
  saveNow(): Promise<void>;
  dispose(): void;
}

export function createAutosaver(save: () => Promise<void>, { debounceMs = 300, maxWaitMs = 1000 } = {}): Autosaver {
  const status = createStore<SaveStatus>(() => ({ state: 'saved' }));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstChange = 0;
  let retryMs = 1000;
  let running: Promise<void> | null = null;
  let again = false;
  let disposed = false;
  let dirty = false;

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
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
    status.setState({ state: 'saving' });
    running = (async () => {
      try {
        await save();
        retryMs = 1000;
        status.setState({ state: 'saved', lastSaved: Date.now(), error: undefined });
      } catch (e) {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        dirty = true;
        status.setState({ state: 'error', error });
        if (!disposed) schedule(retryMs);
        retryMs = Math.min(retryMs * 2, 30_000);
      }
    })();
    await running;
    running = null;
    if (again && !disposed) {
      again = false;
      await run();
    }
  }

  return {
    status,
    changed() {
      if (disposed) return;
      const now = Date.now();
      dirty = true;
      if (!firstChange) firstChange = now;
      if (status.getState().state !== 'error') status.setState({ state: 'pending' });
      schedule(Math.max(0, Math.min(debounceMs, firstChange + maxWaitMs - now)));
    },
    async flush() {
      if (!dirty && !running) return;
      if (timer) clearTimeout(timer);
      timer = null;
      await run();
    },
    saveNow: async () => {
      if (timer) clearTimeout(timer);
      timer = null;
      await run();
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
