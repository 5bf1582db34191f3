// Persistence of the open notebook: saves, drafts, conflicts with other tabs, checkpoints.
// Every save is conditional on the revision this tab last saw (another tab's newer save is a
// conflict shown once, never overwritten); checkpoints are made on Ctrl+S, before Run all, every
// few minutes of editing and before anything replaces the document. The document lifecycle
// (./session.ts) tells it when a document is loaded or replaced; it asks the lifecycle to swap
// in another version (another tab's, after a conflict).
import type { StoreApi } from 'zustand';
import type { NotebookStore } from '../notebook/store';
import { readIpynb, writeIpynb } from '../notebook/ipynb';
import type { NotebookDoc } from '../notebook/types';
import { createAutosaver, type Autosaver } from './autosave';
import { clearDraft, putDraft, type Recovery } from './drafts';
import type { ConflictChoice, SessionState } from './session-types';
import { ConflictError, newNotebookId, type CheckpointReason, type CheckpointSummary, type NotebookStorage, type StorageChange, type StoredNotebook } from './storage';

export interface PersistenceDeps {
  notebook: StoreApi<NotebookStore>;
  storage: NotebookStorage;
  state: StoreApi<SessionState>;
  navigate: (hash: string, replace?: boolean) => void;
  /** Swaps in another stored version of this notebook (the kernel keeps running). */
  replaceDoc(doc: NotebookDoc, stored?: StoredNotebook): void;
  /** A cell is running: another tab's version must not replace the document under it. */
  busy(): boolean;
  /** Editing time between automatic checkpoints. */
  autoCheckpointMs: number;
}

export interface Persistence {
  autosaver: Autosaver;
  /** Saves now, outside the debounce; failures go through the autosaver's retry. */
  saveNow(): Promise<void>;
  /** Saves at once unless it fails (then the autosaver retries): a new notebook's first save. */
  saveFirst(): Promise<void>;
  /** A document was loaded: `stored` is its record (absent: not stored yet); `create`: its first save may only create. */
  loaded(createdAt: number, stored?: StoredNotebook, create?: boolean): void;
  /** Another version of the same notebook replaces the document (`stored`: that record). */
  replaced(stored?: StoredNotebook): void;
  /** What opening made of a draft: a recovered one must be stored. */
  recovered(r: Recovery): void;
  /** The current document is about to be left: save it, or with a conflict pending, store it as a copy. */
  leaveDocument(): Promise<void>;
  /** The stored id, assigned (and the URL set) on first need. */
  ensureId(): string;
  addCheckpoint(reason: CheckpointReason, ipynb: Record<string, unknown>, name?: string): Promise<CheckpointSummary | null>;
  checkpoint(reason: CheckpointReason): Promise<CheckpointSummary | null>;
  resolveConflict(choice: ConflictChoice): Promise<void>;
  flushOnLeave(): Promise<void>;
  saveDraft(): void;
  leaveWouldLose(): boolean;
}

export function createPersistence({ notebook, storage, state, navigate, replaceDoc, busy, autoCheckpointMs }: PersistenceDeps): Persistence {
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
  /** The copy this tab's version goes to during the current conflict, and whether it is stored. */
  let conflictCopyId: string | null = null;
  let copyStored = false;
  /** A draft of this document is in localStorage (the next successful save removes it). */
  let draftWritten = false;
  const doc = () => writeIpynb(notebook.getState().doc);

  function ensureId(): string {
    const s = state.getState();
    if (s.localId) return s.localId;
    const id = s.origin?.kind === 'tutorial' ? `tutorial-${s.origin.ref}` : newNotebookId();
    state.setState({ localId: id });
    if (s.origin?.kind !== 'tutorial') navigate(`#/notebooks/${id}`, true);
    return id;
  }

  function record(id: string, ipynb = doc()): StoredNotebook {
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

  // Drafts (./drafts.ts): unsaved edits also go to localStorage when the tab is hidden or closed.
  function writeDraft(): unknown {
    const s = state.getState();
    const id = s.localId ?? (s.origin?.kind === 'tutorial' ? `tutorial-${s.origin.ref}` : null);
    if (!id || s.phase !== 'ready' || !autosaver.hasUnsaved()) return;
    const conflict = s.conflict !== null;
    // During a conflict the copy's id is fixed now, so the copy stored on leaving and the one
    // made from the draft on reopening are the same notebook.
    if (conflict) conflictCopyId ??= newNotebookId();
    const failed = putDraft(id, { base: baseRev ?? null, at: Date.now(), name: s.name, ipynb: doc(), ...(conflict ? { conflict, copyId: conflictCopyId! } : {}) });
    if (!failed) draftWritten = true;
    return failed;
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
    // Ctrl+S: save, then keep the version on screen at the keypress as a checkpoint (typing that
    // goes on while the save runs is saved too, but belongs to the next checkpoint).
    async saveNow() {
      const snapshot = doc();
      await base.saveNow();
      if (base.status.getState().state !== 'error') await addCheckpoint('save', snapshot);
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
    const running = busy();
    if (change.type === 'delete') {
      // Still open here: the next edit stores it again (nothing is lost).
      baseRev = undefined;
      state.setState({ notice: 'This notebook was deleted in another tab. It stays open here; any edit saves it again.', noticeLink: undefined });
      return;
    }
    const at = epoch;
    const current = await storage.get(change.id).catch(() => undefined);
    if (at !== epoch || !current || current.rev === baseRev) return;
    if (autosaver.hasUnsaved() || running || s.conflict) return showConflict(current);
    const r = readIpynb(JSON.stringify(current.ipynb));
    if (!r.ok) return showConflict(current);
    replaceDoc(r.doc, current);
    state.setState({ notice: 'Updated with the version saved in another tab.', noticeLink: undefined });
  }
  storage.onChange((c) => void onExternal(c));

  async function storeMineAsCopy(): Promise<string> {
    const s = state.getState();
    const now = Date.now();
    const id = (conflictCopyId ??= newNotebookId());
    await storage.put({ id, name: `${s.name} (my copy)`, created: now, updated: now, ipynb: doc() }, { create: !copyStored });
    copyStored = true;
    return id;
  }
  /** A conflict was resolved: this tab's version is stored (as theirs' replacement, a checkpoint or a copy), its draft is moot. */
  function conflictResolved(id: string) {
    conflictCopyId = null;
    copyStored = false;
    draftWritten = false;
    clearDraft(id);
  }

  return {
    autosaver,
    ensureId,
    addCheckpoint,
    saveNow: () => base.saveNow(),
    saveFirst: () => save().catch(() => autosaver.changed()),
    loaded(createdAt, stored, create = false) {
      epoch++;
      created = createdAt;
      mustCreate = create;
      conflictCopyId = null;
      copyStored = false;
      baseRev = stored?.rev;
      openedSnapshot = stored ? stored.ipynb : null;
      lastCheckpointAt = Date.now();
      autosaver.reset();
    },
    replaced(stored) {
      epoch++;
      if (stored) baseRev = stored.rev;
      autosaver.reset();
    },
    recovered(r) {
      if (r.notice) state.setState({ notice: r.notice, noticeLink: r.copy ? { href: `#/notebooks/${r.copy.id}`, text: `Open “${r.copy.name}”` } : undefined });
      if (!r.recovered) return;
      draftWritten = true;
      autosaver.changed();
    },
    async leaveDocument() {
      // Leaving a pending conflict keeps this tab's version as a copy (nothing is dropped).
      if (state.getState().conflict) await storeMineAsCopy().catch(() => {});
      else await autosaver.flush().catch(() => {});
    },
    async checkpoint(reason) {
      if (state.getState().phase !== 'ready' || state.getState().conflict) return null;
      // The document as it is now (before Run all changes its outputs).
      const snap = doc();
      ensureId();
      void base.flush();
      return addCheckpoint(reason, snap);
    },
    async resolveConflict(choice) {
      const s = state.getState();
      if (!s.conflict || !s.localId) return;
      const id = s.localId;
      const mine = doc();
      const theirs = await storage.get(id);
      if (choice === 'mine') {
        // Theirs stays reachable as a checkpoint; then ours replaces it.
        if (theirs) await addCheckpoint('conflict', theirs.ipynb, theirs.name);
        baseRev = await storage.put(record(id, mine));
        conflictResolved(id);
        base.reset();
        state.setState({ conflict: null, notice: 'Kept your version. The other tab’s version is kept as a checkpoint.', noticeLink: undefined });
      } else if (choice === 'theirs') {
        await addCheckpoint('conflict', mine);
        conflictResolved(id);
        const r = theirs ? readIpynb(JSON.stringify(theirs.ipynb)) : null;
        if (!theirs || !r?.ok) {
          // Deleted (or unreadable) there: nothing to take; keep ours open and stored again.
          baseRev = undefined;
          state.setState({ conflict: null });
          return void (await base.saveNow());
        }
        replaceDoc(r.doc, theirs);
        state.setState({ notice: 'Took the other tab’s version. Yours is kept as a checkpoint.', noticeLink: undefined });
      } else {
        const copyId = await storeMineAsCopy();
        conflictResolved(id);
        base.reset();
        state.setState({ conflict: null });
        navigate(`#/notebooks/${copyId}`);
      }
    },
    saveDraft: writeDraft,
    leaveWouldLose() {
      if (!autosaver.hasUnsaved() || autosaver.status.getState().state !== 'error') return false;
      return writeDraft() != null;
    },
    async flushOnLeave() {
      writeDraft();
      // With a conflict pending, this tab's version must not overwrite the other one, nor be
      // lost with the tab: it is stored as a copy (one per conflict, updated on later calls).
      if (state.getState().conflict) await storeMineAsCopy();
      else await autosaver.flush();
    },
  };
}
