// IndexedDB persistence of local notebooks: one record per notebook, holding its .ipynb JSON,
// plus a few checkpoints per notebook. Every write gets a new revision token, and a save can ask
// to succeed only if the stored revision is still the one it started from (compare-and-swap in
// one readwrite transaction), so two tabs never silently overwrite each other. Writes are
// announced to the other tabs on a BroadcastChannel.
export interface StoredNotebook {
  id: string;
  name: string;
  created: number;
  updated: number;
  /** Where it came from: a tutorial's working copy remembers its tutorial. */
  origin?: { kind: 'tutorial' | 'share' | 'file' | 'url'; ref?: string };
  ipynb: Record<string, unknown>;
  /** A new random token on every write (absent on records written before revisions existed). */
  rev?: string;
}

export type NotebookSummary = Omit<StoredNotebook, 'ipynb'> & { cells: number };

export type CheckpointReason = 'opened' | 'save' | 'auto' | 'run-all' | 'manual' | 'before-revert' | 'before-reset' | 'conflict' | 'recovered';

export interface Checkpoint {
  /** Assigned by the store. */
  key: number;
  notebook: string;
  created: number;
  reason: CheckpointReason;
  name: string;
  cells: number;
  ipynb: Record<string, unknown>;
}
export type CheckpointSummary = Omit<Checkpoint, 'ipynb'>;

/** Checkpoints kept per notebook; older ones are dropped when a new one is made. */
export const CHECKPOINTS_KEPT = 5;

/** A conditional write found another revision stored: `current` is what is there now. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(readonly current: StoredNotebook) {
    super(`"${current.name}" was changed in another tab`);
  }
}

/**
 * True when a write failed because the browser's storage for this site is full: IndexedDB and
 * localStorage raise (or abort their transaction with) a QuotaExceededError; Firefox's older
 * localStorage says NS_ERROR_DOM_QUOTA_REACHED.
 */
export function isQuotaError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

export interface PutOptions {
  /** Write only if the stored record still has this revision (or is gone); else ConflictError. */
  base?: { rev: string | undefined };
  /** Write only if no record has this id yet (imports never replace a stored notebook). */
  create?: boolean;
}

export interface StorageChange { type: 'put' | 'delete'; id: string; rev?: string; tab: string }

export interface NotebookStorage {
  list(): Promise<NotebookSummary[]>;
  get(id: string): Promise<StoredNotebook | undefined>;
  /** Stores the record with a new revision token and returns it. */
  put(nb: StoredNotebook, opts?: PutOptions): Promise<string>;
  /** Deletes the notebook and its checkpoints. */
  delete(id: string): Promise<void>;
  /** Newest first. */
  listCheckpoints(id: string): Promise<CheckpointSummary[]>;
  getCheckpoint(key: number): Promise<Checkpoint | undefined>;
  /** Adds a checkpoint unless it is identical to the newest one (then null); keeps CHECKPOINTS_KEPT. */
  addCheckpoint(cp: Omit<Checkpoint, 'key' | 'cells'>): Promise<CheckpointSummary | null>;
  /** Deletes one checkpoint (to free space when storage is full). */
  deleteCheckpoint(key: number): Promise<void>;
  /** Changes written by other tabs of this browser. */
  onChange(listener: (change: StorageChange) => void): () => void;
  /** This tab's id in StorageChange.tab. */
  readonly tab: string;
}

const DB = 'torchlit';
const STORE = 'notebooks';
const CHECKPOINTS = 'checkpoints';
const CHANNEL = 'torchlit-storage';

const randomToken = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined' || !indexedDB) return reject(new Error('IndexedDB is not available in this browser'));
    const open = indexedDB.open(DB, 2);
    open.onupgradeneeded = (e) => {
      const db = open.result;
      if (e.oldVersion < 1) db.createObjectStore(STORE, { keyPath: 'id' });
      if (e.oldVersion < 2) db.createObjectStore(CHECKPOINTS, { keyPath: 'key', autoIncrement: true }).createIndex('notebook', 'notebook');
    };
    open.onsuccess = () => {
      const db = open.result;
      // A newer version of the app in another tab may upgrade the database: let it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    // An older tab holds the database open: the request waits for it, but a save should not hang.
    const blocked = setTimeout(() => reject(new Error('IndexedDB is blocked by another Torchlit tab; close older tabs')), 5000);
    open.addEventListener('success', () => clearTimeout(blocked));
    open.addEventListener('error', () => clearTimeout(blocked));
    open.onblocked = () => {};
  });
}

const cellCount = (ipynb: Record<string, unknown>) => (Array.isArray(ipynb.cells) ? ipynb.cells.length : 0);
const summarize = ({ ipynb, ...rest }: StoredNotebook): NotebookSummary => ({ ...rest, cells: cellCount(ipynb) });
const summarizeCheckpoint = ({ ipynb: _ipynb, ...rest }: Checkpoint): CheckpointSummary => rest;

/** Runs `f` in one transaction over `stores`; resolves with f's result once the transaction commits. */
async function inTransaction<T>(db: IDBDatabase, stores: string[], mode: IDBTransactionMode, f: (t: IDBTransaction) => Promise<T>): Promise<T> {
  const t = db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
  });
  let result: T;
  try {
    result = await f(t);
  } catch (e) {
    try {
      t.abort();
    } catch {
      // already finished
    }
    done.catch(() => {});
    throw e;
  }
  await done;
  return result;
}

export function indexedDbStorage(): NotebookStorage {
  const tab = randomToken();
  let db: Promise<IDBDatabase> | null = null;
  const getDb = () => {
    db ??= openDb().then(
      (d) => {
        const forget = () => (db = null);
        d.addEventListener('close', forget);
        d.onversionchange = () => (d.close(), forget());
        return d;
      },
      (e) => {
        db = null;
        throw e;
      },
    );
    return db;
  };
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  const listeners = new Set<(c: StorageChange) => void>();
  channel?.addEventListener('message', (e: MessageEvent<StorageChange>) => {
    const c = e.data;
    if (!c || typeof c.id !== 'string' || c.tab === tab) return;
    for (const l of listeners) l(c);
  });
  const announce = (c: Omit<StorageChange, 'tab'>) => {
    try {
      channel?.postMessage({ ...c, tab });
    } catch {
      // a closed channel: other tabs still find the conflict when they save
    }
  };

  async function checkpointsOf(t: IDBTransaction, id: string): Promise<Checkpoint[]> {
    const all = await req(t.objectStore(CHECKPOINTS).index('notebook').getAll(id) as IDBRequest<Checkpoint[]>);
    return all.sort((a, b) => b.key - a.key);
  }

  return {
    tab,
    async list() {
      const all = await inTransaction(await getDb(), [STORE], 'readonly', (t) => req(t.objectStore(STORE).getAll() as IDBRequest<StoredNotebook[]>));
      return all.map(summarize).sort((a, b) => b.updated - a.updated);
    },
    async get(id) {
      return inTransaction(await getDb(), [STORE], 'readonly', (t) => req(t.objectStore(STORE).get(id) as IDBRequest<StoredNotebook | undefined>));
    },
    async put(nb, opts = {}) {
      const rev = randomToken();
      const d = await getDb();
      // Every request is issued synchronously (no await inside the transaction), so a save started
      // in a pagehide handler is complete in IndexedDB's hands before the page goes away; the
      // revision check aborts the transaction (undoing the put) when it fails.
      await new Promise<void>((resolve, reject) => {
        const t = d.transaction([STORE], 'readwrite');
        let failure: Error | null = null;
        t.oncomplete = () => resolve();
        t.onabort = () => reject(failure ?? t.error ?? new Error('IndexedDB transaction aborted'));
        try {
          const s = t.objectStore(STORE);
          if (opts.base || opts.create) {
            const g = s.get(nb.id);
            g.onsuccess = () => {
              const current = g.result as StoredNotebook | undefined;
              if (current && opts.create) failure = new Error(`A notebook with id "${nb.id}" already exists`);
              else if (current && opts.base && current.rev !== opts.base.rev) failure = new ConflictError(current);
              if (failure) t.abort();
            };
          }
          s.put({ ...nb, rev });
        } catch (e) {
          failure = e as Error;
          try {
            t.abort();
          } catch {
            reject(failure);
          }
        }
      });
      announce({ type: 'put', id: nb.id, rev });
      return rev;
    },
    async delete(id) {
      await inTransaction(await getDb(), [STORE, CHECKPOINTS], 'readwrite', async (t) => {
        await req(t.objectStore(STORE).delete(id));
        const keys = await req(t.objectStore(CHECKPOINTS).index('notebook').getAllKeys(id));
        for (const k of keys) t.objectStore(CHECKPOINTS).delete(k);
      });
      announce({ type: 'delete', id });
    },
    async listCheckpoints(id) {
      const all = await inTransaction(await getDb(), [CHECKPOINTS], 'readonly', (t) => checkpointsOf(t, id));
      return all.map(summarizeCheckpoint);
    },
    async getCheckpoint(key) {
      return inTransaction(await getDb(), [CHECKPOINTS], 'readonly', (t) => req(t.objectStore(CHECKPOINTS).get(key) as IDBRequest<Checkpoint | undefined>));
    },
    async addCheckpoint(cp) {
      return inTransaction(await getDb(), [CHECKPOINTS], 'readwrite', async (t) => {
        const s = t.objectStore(CHECKPOINTS);
        const existing = await checkpointsOf(t, cp.notebook);
        if (existing[0] && JSON.stringify(existing[0].ipynb) === JSON.stringify(cp.ipynb)) return null;
        const record = { ...cp, cells: cellCount(cp.ipynb) } as Omit<Checkpoint, 'key'>;
        const key = (await req(s.add(record))) as number;
        for (const old of existing.slice(CHECKPOINTS_KEPT - 1)) s.delete(old.key);
        return { ...summarizeCheckpoint({ ...record, key, ipynb: {} }) };
      });
    },
    async deleteCheckpoint(key) {
      await inTransaction(await getDb(), [CHECKPOINTS], 'readwrite', (t) => req(t.objectStore(CHECKPOINTS).delete(key)));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function newNotebookId(): string {
  return `nb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
