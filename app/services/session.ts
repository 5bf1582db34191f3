// The open notebook: where it came from, loading it by route, autosaving it, and its kernel.
// Data safety lives here: every save is conditional on the revision this tab last saw (another
// tab's newer save is a conflict shown once, never overwritten), checkpoints are made on Ctrl+S,
// before Run all, every few minutes of editing and before anything replaces the document.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand';
import type { NotebookStore } from '../notebook/store';
import { emptyNotebook, notebookDevice, notebookTitle, readIpynb, stringifyIpynb, writeIpynb } from '../notebook/ipynb';
import type { NotebookDoc } from '../notebook/types';
import type { Backend } from '../protocol/messages';
import { withFallbacks } from '../renderers/fallbacks';
import { createAutosaver, type Autosaver } from './autosave';
import { shareLinkFor, type ShareLink } from './share';
import { openShare } from './share-open';
import { ConflictError, newNotebookId, type CheckpointReason, type CheckpointSummary, type NotebookStorage, type StorageChange, type StoredNotebook } from './storage';
import { downloadText, fetchText, safeFilename } from './files';
import { loadTutorialText } from './tutorials';
import { withoutOutputs } from '../notebook/actions';
import { createRunner, type Runner } from './runner';

export type Origin = NonNullable<StoredNotebook['origin']>;

/** Another tab stored a newer version while this one had unsaved edits. */
export interface Conflict { name: string; updated: number; deleted?: boolean }

export interface SessionState {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  /** A file that could not be opened (the current notebook stays open). */
  fileError?: string;
  warnings: string[];
  /** The local notebook id once it is stored (null: in memory only, e.g. an unedited share link). */
  localId: string | null;
  name: string;
  origin?: Origin;
  /** Bumps on every load, so views remount. */
  loadCount: number;
  /** Set while a conflict with another tab waits for the user; saving is paused meanwhile. */
  conflict: Conflict | null;
  /** A short note about where the document came from (another tab's save, a revert). */
  notice?: string;
}

export type ConflictChoice = 'mine' | 'theirs' | 'copy';

export interface Session {
  state: StoreApi<SessionState>;
  autosaver: Autosaver;
  runner(): Runner;
  openNew(): Promise<string>;
  openLocal(id: string): Promise<void>;
  openTutorial(name: string): Promise<void>;
  openShare(packed: string): Promise<void>;
  openUrl(url: string): Promise<void>;
  /** Opens a file's text as a new local notebook; returns its id, or null with the error shown. */
  openFileText(text: string, filename: string): Promise<string | null>;
  rename(name: string): void;
  dismissFileError(): void;
  dismissNotice(): void;
  setDevice(device: Backend): void;
  download(): void;
  share(): ShareLink;
  /** Replaces the working copy with the shipped tutorial (the current version becomes a checkpoint). */
  resetTutorial(): Promise<void>;
  /** Stores the current document as a checkpoint (saving it first); null when nothing changed since the last one. */
  checkpoint(reason: CheckpointReason): Promise<CheckpointSummary | null>;
  listCheckpoints(): Promise<CheckpointSummary[]>;
  /** Replaces the document with a checkpoint (the current version becomes a checkpoint first). */
  revertToCheckpoint(key: number): Promise<void>;
  resolveConflict(choice: ConflictChoice): Promise<void>;
  /** The page is going away (pagehide): save now, or with a conflict pending, keep this version as a copy. */
  flushOnLeave(): Promise<void>;
  /** Writes unsaved edits to a synchronous draft (the tab is being hidden). */
  saveDraft(): void;
}

export interface SessionOptions {
  /** Editing time between automatic checkpoints. */
  autoCheckpointMs?: number;
  makeRunner?: (notebook: StoreApi<NotebookStore>, device: Backend) => Runner;
}

const stripExt = (f: string) => f.replace(/\.ipynb$/i, '');

export function createSession(notebook: StoreApi<NotebookStore>, storage: NotebookStorage, navigate: (hash: string, replace?: boolean) => void, opts: SessionOptions = {}): Session {
  const { autoCheckpointMs = 10 * 60_000, makeRunner = createRunner } = opts;
  const state = createStore<SessionState>(() => ({ phase: 'idle', warnings: [], localId: null, name: 'Untitled', loadCount: 0, conflict: null }));
  let runner: Runner | null = null;
  let created = 0;
  /** The stored revision this document descends from (CAS base of the next save). */
  let baseRev: string | undefined;
  /** The document as loaded from storage: becomes the 'opened' checkpoint at the first save. */
  let openedSnapshot: Record<string, unknown> | null = null;
  let lastCheckpointAt = 0;
  /** Bumps on every load: async work started for an older document does not touch the new one. */
  let epoch = 0;
  /** A new notebook (New, an imported file): its first save may only create, never replace a record. */
  let mustCreate = false;

  const getRunner = () => (runner ??= makeRunner(notebook, notebookDevice(notebook.getState().doc)));

  function ensureId(): string {
    const s = state.getState();
    if (s.localId) return s.localId;
    const id = s.origin?.kind === 'tutorial' ? `tutorial-${s.origin.ref}` : newNotebookId();
    state.setState({ localId: id });
    if (s.origin?.kind !== 'tutorial') navigate(`#/notebooks/${id}`, true);
    return id;
  }

  function record(id: string, ipynb = writeIpynb(notebook.getState().doc)): StoredNotebook {
    const s = state.getState();
    const now = Date.now();
    if (!created) created = now;
    return { id, name: s.name, created, updated: now, origin: s.origin, ipynb };
  }

  async function addCheckpoint(reason: CheckpointReason, ipynb: Record<string, unknown>, name = state.getState().name): Promise<CheckpointSummary | null> {
    const id = state.getState().localId;
    if (!id) return null;
    lastCheckpointAt = Date.now();
    try {
      return await storage.addCheckpoint({ notebook: id, created: Date.now(), reason, name, ipynb });
    } catch {
      // A checkpoint that cannot be stored must not fail the save it accompanies.
      return null;
    }
  }

  // Drafts: when the tab is hidden or closed with edits not yet in IndexedDB (an asynchronous
  // save may not finish before the page is gone), the document is also written to localStorage,
  // which is synchronous. Reopening recovers it if it descends from the stored version; a draft
  // from another lineage becomes a checkpoint. A successful save removes it.
  const draftKey = (id: string) => `torchlit-draft:${id}`;
  let draftWritten = false;
  function writeDraft() {
    const s = state.getState();
    const id = s.localId ?? (s.origin?.kind === 'tutorial' ? `tutorial-${s.origin.ref}` : null);
    if (!id || s.phase !== 'ready' || !autosaver.hasUnsaved() || typeof localStorage === 'undefined') return;
    const ipynb = writeIpynb(notebook.getState().doc);
    const put = (x: Record<string, unknown>, stripped: boolean) => localStorage.setItem(draftKey(id), JSON.stringify({ base: baseRev ?? null, at: Date.now(), name: s.name, stripped, ipynb: x }));
    try {
      put(ipynb, false);
    } catch {
      try {
        // Too big with outputs: the sources are what matters; outputs come back from the stored copy.
        put({ ...ipynb, cells: (ipynb.cells as Record<string, unknown>[]).map((c) => (c.cell_type === 'code' ? { ...c, outputs: [] } : c)) }, true);
      } catch {
        return;
      }
    }
    draftWritten = true;
  }
  function clearDraft(id: string) {
    try {
      localStorage.removeItem(draftKey(id));
    } catch {
      // no localStorage
    }
  }
  interface Draft { base: string | null; at: number; name: string; stripped: boolean; ipynb: Record<string, unknown> }
  function takeDraft(id: string): Draft | null {
    try {
      const text = typeof localStorage === 'undefined' ? null : localStorage.getItem(draftKey(id));
      return text ? (JSON.parse(text) as Draft) : null;
    } catch {
      return null;
    }
  }
  /** The document to open for a stored record (or a tutorial without one): a newer draft wins. */
  function withDraft(id: string, stored: StoredNotebook | undefined, doc: NotebookDoc): { doc: NotebookDoc; recovered: boolean } {
    const d = takeDraft(id);
    if (!d || !d.ipynb || !Array.isArray(d.ipynb.cells)) return { doc, recovered: false };
    const same = stored && JSON.stringify(d.ipynb.cells) === JSON.stringify(stored.ipynb.cells);
    if (same || (!stored && d.base !== null)) {
      clearDraft(id);
      return { doc, recovered: false };
    }
    const r = readIpynb(JSON.stringify(d.ipynb));
    if (!r.ok) return { doc, recovered: false };
    if ((d.base ?? undefined) !== stored?.rev) {
      // Written on top of another version: kept as a checkpoint, the stored version opens.
      void storage.addCheckpoint({ notebook: id, created: d.at, reason: 'recovered', name: d.name, ipynb: d.ipynb }).then(() => clearDraft(id), () => {});
      return { doc, recovered: false };
    }
    if (d.stripped) {
      const outputs = new Map(doc.cells.map((c) => [c.id, c]));
      for (const c of r.doc.cells) {
        const old = outputs.get(c.id);
        if (c.cell_type === 'code' && old) Object.assign(c, { outputs: old.outputs, execution_count: old.execution_count });
      }
    }
    return { doc: r.doc, recovered: true };
  }

  async function save() {
    const s = state.getState();
    if (s.phase !== 'ready') return;
    if (s.conflict) throw new ConflictError({ id: s.localId ?? '', name: s.conflict.name, created: 0, updated: s.conflict.updated, ipynb: {} });
    const at = epoch;
    const id = ensureId();
    const rec = record(id);
    if (openedSnapshot) {
      // Not awaited: the save itself must reach IndexedDB within this task (pagehide).
      void addCheckpoint('opened', openedSnapshot);
      openedSnapshot = null;
    }
    try {
      const rev = await storage.put(rec, { base: { rev: baseRev }, create: mustCreate });
      if (at === epoch) {
        baseRev = rev;
        mustCreate = false;
        if (draftWritten) {
          draftWritten = false;
          clearDraft(id);
        }
      }
    } catch (e) {
      if (e instanceof ConflictError && at === epoch) showConflict(e.current);
      throw e;
    }
    if (Date.now() - lastCheckpointAt >= autoCheckpointMs) await addCheckpoint('auto', rec.ipynb);
  }

  const base = createAutosaver(save);
  const autosaver: Autosaver = {
    ...base,
    // Ctrl+S: save, then keep this version as a checkpoint.
    async saveNow() {
      await base.saveNow();
      if (base.status.getState().state === 'saved') await addCheckpoint('save', writeIpynb(notebook.getState().doc));
    },
  };

  let lastVersion = -1;
  notebook.subscribe((s) => {
    if (s.version !== lastVersion) {
      const first = lastVersion === -1;
      lastVersion = s.version;
      if (!first && state.getState().phase === 'ready' && s.version > 0) autosaver.changed();
    }
  });

  function showConflict(current: StoredNotebook | undefined) {
    if (state.getState().conflict) return; // shown once; its choice uses whatever is stored then
    state.setState({ conflict: current ? { name: current.name, updated: current.updated } : { name: state.getState().name, updated: Date.now(), deleted: true } });
  }

  /** Another tab wrote or deleted a notebook: follow it when this tab has nothing unsaved, else it is a conflict. */
  async function onExternal(change: StorageChange) {
    const s = state.getState();
    if (s.phase !== 'ready' || change.id !== s.localId) return;
    if (change.type === 'put' && change.rev === baseRev) return;
    const busy = getRunner().view.getState().status?.status === 'busy';
    if (change.type === 'delete') {
      // Still open here: the next edit stores it again (nothing is lost).
      baseRev = undefined;
      state.setState({ notice: 'This notebook was deleted in another tab. It stays open here; any edit saves it again.' });
      return;
    }
    const at = epoch;
    const current = await storage.get(change.id).catch(() => undefined);
    if (at !== epoch || !current || current.rev === baseRev) return;
    if (autosaver.hasUnsaved() || busy || s.conflict) return showConflict(current);
    const r = readIpynb(JSON.stringify(current.ipynb));
    if (!r.ok) return showConflict(current);
    replaceDoc(r.doc, current);
    state.setState({ notice: 'Updated with the version saved in another tab.' });
  }
  storage.onChange((c) => void onExternal(c));

  function load(doc: NotebookDoc, info: Partial<SessionState>, createdAt = 0, stored?: StoredNotebook) {
    const prevHadRun = Object.keys(notebook.getState().run).length > 0;
    epoch++;
    created = createdAt;
    mustCreate = false;
    conflictCopyId = null;
    baseRev = stored?.rev;
    openedSnapshot = stored ? stored.ipynb : null;
    lastCheckpointAt = Date.now();
    autosaver.reset();
    notebook.getState().actions.load(doc);
    lastVersion = 0;
    state.setState((s) => ({ phase: 'ready', error: undefined, fileError: undefined, warnings: [], localId: null, origin: undefined, conflict: null, notice: undefined, ...info, loadCount: s.loadCount + 1 }));
    const r = getRunner();
    if (prevHadRun) void r.restart();
    r.setDevice(notebookDevice(doc));
  }

  /** Swaps in another version of the same notebook (another tab's, a checkpoint): the kernel keeps running. */
  function replaceDoc(doc: NotebookDoc, stored?: StoredNotebook) {
    epoch++;
    if (stored) {
      baseRev = stored.rev;
      state.setState({ name: stored.name });
    }
    autosaver.reset();
    notebook.getState().actions.load(doc);
    lastVersion = 0;
    state.setState((s) => ({ conflict: null, loadCount: s.loadCount + 1 }));
  }

  /** A draft replaced the stored version on opening: say so, and store it. */
  function recovered() {
    state.setState({ notice: 'Recovered edits made just before this tab was last closed.' });
    draftWritten = true;
    autosaver.changed();
  }

  function fail(error: string) {
    state.setState((s) => ({ phase: 'error', error, warnings: [], loadCount: s.loadCount + 1 }));
  }

  function fromText(text: string): { doc: NotebookDoc; warnings: string[] } | null {
    const r = readIpynb(text);
    if (!r.ok) {
      fail(r.error);
      return null;
    }
    return { doc: r.doc, warnings: r.warnings };
  }

  /** The copy this tab's version went to during the current conflict. */
  let conflictCopyId: string | null = null;
  async function storeMineAsCopy(): Promise<string> {
    const s = state.getState();
    const now = Date.now();
    const first = conflictCopyId === null;
    const id = (conflictCopyId ??= newNotebookId());
    await storage.put({ id, name: `${s.name} (my copy)`, created: now, updated: now, ipynb: writeIpynb(notebook.getState().doc) }, { create: first });
    return id;
  }

  async function begin() {
    // Leaving a pending conflict keeps this tab's version as a copy (nothing is dropped).
    if (state.getState().conflict) await storeMineAsCopy().catch(() => {});
    else await autosaver.flush().catch(() => {});
    state.setState({ phase: 'loading' });
  }

  /** Saves now, outside the debounce (after a replace); failures go through the autosaver's retry. */
  async function saveAfterReplace() {
    await base.saveNow();
  }

  const session: Session = {
    state,
    autosaver,
    runner: getRunner,
    async openNew() {
      await begin();
      const id = newNotebookId();
      load(emptyNotebook(), { localId: id, name: 'Untitled' }, Date.now());
      mustCreate = true;
      await save().catch(() => autosaver.changed());
      return id;
    },
    async openLocal(id) {
      if (state.getState().localId === id && state.getState().phase === 'ready') return;
      await begin();
      let stored: StoredNotebook | undefined;
      try {
        stored = await storage.get(id);
      } catch (e) {
        return fail(`Local notebooks could not be read: ${(e as Error).message}`);
      }
      if (!stored) return fail(`There is no local notebook "${id}" in this browser.`);
      const r = fromText(JSON.stringify(stored.ipynb));
      if (!r) return;
      const d = withDraft(id, stored, r.doc);
      load(d.doc, { localId: id, name: stored.name, origin: stored.origin, warnings: r.warnings }, stored.created, stored);
      if (d.recovered) recovered();
    },
    async openTutorial(name) {
      await begin();
      const copy = await storage.get(`tutorial-${name}`).catch(() => undefined);
      if (copy) {
        const r = fromText(JSON.stringify(copy.ipynb));
        if (!r) return;
        const d = withDraft(copy.id, copy, r.doc);
        load(d.doc, { localId: copy.id, name: copy.name, origin: { kind: 'tutorial', ref: name }, warnings: r.warnings }, copy.created, copy);
        if (d.recovered) recovered();
        return;
      }
      const text = await loadTutorialText(name);
      if (text === null) return fail(`There is no tutorial named "${name}".`);
      const r = fromText(text);
      if (!r) return;
      const d = withDraft(`tutorial-${name}`, undefined, r.doc);
      load(d.doc, { name: notebookTitle(r.doc) ?? name, origin: { kind: 'tutorial', ref: name }, warnings: r.warnings });
      if (d.recovered) recovered();
    },
    async openShare(packed) {
      await begin();
      // Unpacked and read in a worker (share-open.ts): a short link can carry tens of megabytes.
      const r = await openShare(packed);
      if (!r.ok) return fail(r.error);
      load(r.doc, { name: notebookTitle(r.doc) ?? 'Shared notebook', origin: { kind: 'share' }, warnings: r.warnings });
    },
    async openUrl(url) {
      await begin();
      let text: string;
      try {
        text = await fetchText(url);
      } catch (e) {
        return fail(`The notebook at ${url} could not be fetched: ${(e as Error).message}`);
      }
      const r = fromText(text);
      const file = stripExt(decodeURIComponent(url.replace(/[?#].*$/, '').replace(/^.*\//, '')));
      if (r) load(r.doc, { name: notebookTitle(r.doc) ?? (file || 'Notebook'), origin: { kind: 'url', ref: url }, warnings: r.warnings });
    },
    async openFileText(text, filename) {
      const parsed = readIpynb(text);
      if (!parsed.ok) {
        state.setState({ fileError: `${filename} could not be opened: ${parsed.detail}.` });
        return null;
      }
      await begin();
      const id = newNotebookId();
      load(parsed.doc, { localId: id, name: stripExt(filename) || 'Notebook', origin: { kind: 'file', ref: filename }, warnings: parsed.warnings }, Date.now());
      mustCreate = true;
      await save().catch(() => autosaver.changed());
      return id;
    },
    dismissFileError() {
      state.setState({ fileError: undefined });
    },
    dismissNotice() {
      state.setState({ notice: undefined });
    },
    rename(name) {
      state.setState({ name: name.trim() || 'Untitled' });
      autosaver.changed();
    },
    setDevice(device) {
      const meta = notebook.getState().doc.metadata.torchlit;
      notebook.getState().actions.setNotebookMetadata('torchlit', { ...(typeof meta === 'object' && meta ? meta : {}), device });
      getRunner().setDevice(device);
    },
    download() {
      const doc = notebook.getState().doc;
      downloadText(stringifyIpynb(doc, { withFallbacks }), safeFilename(state.getState().name));
    },
    share() {
      const base = location.href.replace(/#.*$/, '').replace(/\?.*$/, '');
      const doc = notebook.getState().doc;
      return shareLinkFor(() => stringifyIpynb(doc, { withFallbacks: undefined }), () => stringifyIpynb(withoutOutputs(doc), { withFallbacks: undefined }), base);
    },
    async resetTutorial() {
      const s = state.getState();
      if (s.origin?.kind !== 'tutorial' || !s.origin.ref) return;
      const text = await loadTutorialText(s.origin.ref);
      const r = text === null ? null : readIpynb(text);
      if (!r?.ok) return void state.setState({ notice: `The original of "${s.origin.ref}" could not be loaded.` });
      if (s.localId) await addCheckpoint('before-reset', writeIpynb(notebook.getState().doc));
      replaceDoc(r.doc);
      state.setState({ name: notebookTitle(r.doc) ?? s.origin.ref, notice: 'Reset to the original tutorial. Your previous version is kept as a checkpoint.' });
      if (s.localId) await saveAfterReplace();
    },
    async checkpoint(reason) {
      if (state.getState().phase !== 'ready' || state.getState().conflict) return null;
      // The document as it is now (before Run all changes its outputs).
      const snap = writeIpynb(notebook.getState().doc);
      ensureId();
      void base.flush();
      return addCheckpoint(reason, snap);
    },
    async listCheckpoints() {
      const id = state.getState().localId ?? (state.getState().origin?.kind === 'tutorial' ? `tutorial-${state.getState().origin?.ref}` : null);
      return id ? storage.listCheckpoints(id) : [];
    },
    async revertToCheckpoint(key) {
      const cp = await storage.getCheckpoint(key);
      if (!cp) throw new Error('This checkpoint no longer exists');
      const r = readIpynb(JSON.stringify(cp.ipynb));
      if (!r.ok) throw new Error(r.error);
      ensureId();
      await addCheckpoint('before-revert', writeIpynb(notebook.getState().doc));
      replaceDoc(r.doc);
      const when = new Date(cp.created).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
      state.setState({ name: cp.name, notice: `Reverted to the checkpoint of ${when}. The version before is kept as a checkpoint.` });
      await saveAfterReplace();
    },
    async resolveConflict(choice) {
      const s = state.getState();
      if (!s.conflict || !s.localId) return;
      const id = s.localId;
      const mine = writeIpynb(notebook.getState().doc);
      const theirs = await storage.get(id);
      if (choice === 'mine') {
        // Theirs stays reachable as a checkpoint; then ours replaces it.
        if (theirs) await addCheckpoint('conflict', theirs.ipynb, theirs.name);
        baseRev = await storage.put(record(id, mine));
        base.reset();
        state.setState({ conflict: null, notice: 'Kept your version. The other tab’s version is kept as a checkpoint.' });
      } else if (choice === 'theirs') {
        await addCheckpoint('conflict', mine);
        const r = theirs ? readIpynb(JSON.stringify(theirs.ipynb)) : null;
        if (!theirs || !r?.ok) {
          // Deleted (or unreadable) there: nothing to take; keep ours open and stored again.
          baseRev = undefined;
          state.setState({ conflict: null });
          return void (await saveAfterReplace());
        }
        replaceDoc(r.doc, theirs);
        state.setState({ notice: 'Took the other tab’s version. Yours is kept as a checkpoint.' });
      } else {
        const copyId = await storeMineAsCopy();
        base.reset();
        state.setState({ conflict: null });
        navigate(`#/notebooks/${copyId}`);
      }
    },
    saveDraft: writeDraft,
    async flushOnLeave() {
      writeDraft();
      // With a conflict pending, this tab's version must not overwrite the other one, nor be
      // lost with the tab: it is stored as a copy (one per conflict, updated on later calls).
      if (state.getState().conflict) await storeMineAsCopy();
      else await autosaver.flush();
    },
  };
  return session;
}
