// The NotebookStorage contract in memory, with IndexedDB's semantics (records are structured
// clones; conditional writes; checkpoints kept per notebook; changes announced to the other
// "tabs" sharing one backend). For tests in Node: two sessions on one backend are two tabs.
import { CHECKPOINTS_KEPT, ConflictError, type Checkpoint, type NotebookStorage, type StorageChange, type StoredNotebook } from './storage';

export interface MemoryBackend {
  notebooks: Map<string, StoredNotebook>;
  checkpoints: Map<number, Checkpoint>;
  nextKey: number;
  tabs: Set<(c: StorageChange) => void>;
}

export const memoryBackend = (): MemoryBackend => ({ notebooks: new Map(), checkpoints: new Map(), nextKey: 1, tabs: new Set() });

let tabs = 0;

export function memoryStorage(backend: MemoryBackend = memoryBackend()): NotebookStorage & { backend: MemoryBackend } {
  const tab = `mem-${++tabs}`;
  const listeners = new Set<(c: StorageChange) => void>();
  const deliver = (c: StorageChange) => {
    if (c.tab !== tab) for (const l of listeners) l(c);
  };
  backend.tabs.add(deliver);
  // Like BroadcastChannel: delivered later, never to the sender.
  const announce = (c: Omit<StorageChange, 'tab'>) => {
    for (const t of backend.tabs) setTimeout(() => t({ ...c, tab }), 0);
  };
  let rev = 0;
  return {
    backend,
    tab,
    async list() {
      return [...backend.notebooks.values()].map(({ ipynb, ...r }) => ({ ...r, cells: Array.isArray(ipynb.cells) ? ipynb.cells.length : 0 })).sort((a, b) => b.updated - a.updated);
    },
    async get(id) {
      const r = backend.notebooks.get(id);
      return r && structuredClone(r);
    },
    async put(nb, opts = {}) {
      const current = backend.notebooks.get(nb.id);
      if (current && opts.create) throw new Error(`A notebook with id "${nb.id}" already exists`);
      if (current && opts.base && current.rev !== opts.base.rev) throw new ConflictError(structuredClone(current));
      const r = `${tab}-${++rev}`;
      backend.notebooks.set(nb.id, structuredClone({ ...nb, rev: r }));
      announce({ type: 'put', id: nb.id, rev: r });
      return r;
    },
    async delete(id) {
      backend.notebooks.delete(id);
      for (const [k, cp] of backend.checkpoints) if (cp.notebook === id) backend.checkpoints.delete(k);
      announce({ type: 'delete', id });
    },
    async listCheckpoints(id) {
      return [...backend.checkpoints.values()].filter((c) => c.notebook === id).sort((a, b) => b.key - a.key).map(({ ipynb: _i, ...c }) => c);
    },
    async getCheckpoint(key) {
      const c = backend.checkpoints.get(key);
      return c && structuredClone(c);
    },
    async addCheckpoint(cp) {
      const existing = [...backend.checkpoints.values()].filter((c) => c.notebook === cp.notebook).sort((a, b) => b.key - a.key);
      if (existing[0] && JSON.stringify(existing[0].ipynb) === JSON.stringify(cp.ipynb)) return null;
      const key = backend.nextKey++;
      const record: Checkpoint = structuredClone({ ...cp, key, cells: Array.isArray(cp.ipynb.cells) ? cp.ipynb.cells.length : 0 });
      backend.checkpoints.set(key, record);
      for (const old of existing.slice(CHECKPOINTS_KEPT - 1)) backend.checkpoints.delete(old.key);
      const { ipynb: _i, ...summary } = record;
      return summary;
    },
    async deleteCheckpoint(key) {
      backend.checkpoints.delete(key);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
