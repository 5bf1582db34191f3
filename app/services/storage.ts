// IndexedDB persistence of local notebooks: one record per notebook, holding its .ipynb JSON.
export interface StoredNotebook {
  id: string;
  name: string;
  created: number;
  updated: number;
  /** Where it came from: a tutorial's working copy remembers its tutorial. */
  origin?: { kind: 'tutorial' | 'share' | 'file' | 'url'; ref?: string };
  ipynb: Record<string, unknown>;
}

export type NotebookSummary = Omit<StoredNotebook, 'ipynb'> & { cells: number };

export interface NotebookStorage {
  list(): Promise<NotebookSummary[]>;
  get(id: string): Promise<StoredNotebook | undefined>;
  put(nb: StoredNotebook): Promise<void>;
  delete(id: string): Promise<void>;
}

const DB = 'torchlit';
const STORE = 'notebooks';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available in this browser'));
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

const summarize = ({ ipynb, ...rest }: StoredNotebook): NotebookSummary => ({ ...rest, cells: Array.isArray(ipynb.cells) ? ipynb.cells.length : 0 });

export function indexedDbStorage(): NotebookStorage {
  let db: Promise<IDBDatabase> | null = null;
  const getDb = () => {
    db ??= openDb().catch((e) => {
      db = null;
      throw e;
    });
    return db;
  };
  async function tx<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const d = await getDb();
    const t = d.transaction(STORE, mode);
    const result = req(f(t.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  }
  return {
    async list() {
      const all = await tx('readonly', (s) => s.getAll() as IDBRequest<StoredNotebook[]>);
      return all.map(summarize).sort((a, b) => b.updated - a.updated);
    },
    get: (id) => tx('readonly', (s) => s.get(id) as IDBRequest<StoredNotebook | undefined>),
    put: async (nb) => void (await tx('readwrite', (s) => s.put(nb))),
    delete: async (id) => void (await tx('readwrite', (s) => s.delete(id))),
  };
}

export function newNotebookId(): string {
  return `nb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
