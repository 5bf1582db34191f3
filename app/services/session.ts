// The open notebook's document lifecycle: where it came from, loading it by route (local,
// tutorial, share link, URL, file), replacing it with another version, its name, device and
// kernel. Everything about storing it (saves, drafts, conflicts, checkpoints) is ./persistence.ts.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand';
import type { NotebookStore } from '../notebook/store';
import { emptyNotebook, notebookDevice, notebookTitle, readIpynb, stringifyIpynb, writeIpynb } from '../notebook/ipynb';
import type { NotebookDoc } from '../notebook/types';
import type { Backend } from '../protocol/messages';
import { withFallbacks } from '../renderers/fallbacks';
import type { Autosaver } from './autosave';
import { shareLinkFor, type ShareLink } from './share';
import { openShare } from './share-open';
import { newNotebookId, type CheckpointReason, type CheckpointSummary, type NotebookStorage, type StoredNotebook } from './storage';
import { downloadText, fetchText, safeFilename } from './files';
import { loadTutorialText } from './tutorials';
import { withoutOutputs } from '../notebook/actions';
import { recoverDraft } from './drafts';
import { createPersistence } from './persistence';
import type { ConflictChoice, SessionState } from './session-types';
import { createRunner, type Runner } from './runner';

export type { Conflict, ConflictChoice, Origin, SessionState } from './session-types';

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
  /** Deletes one checkpoint (frees space when storage is full). */
  deleteCheckpoint(key: number): Promise<void>;
  /** Replaces the document with a checkpoint (the current version becomes a checkpoint first). */
  revertToCheckpoint(key: number): Promise<void>;
  resolveConflict(choice: ConflictChoice): Promise<void>;
  /** The page is going away (pagehide): save now, or with a conflict pending, keep this version as a copy. */
  flushOnLeave(): Promise<void>;
  /** Writes unsaved edits to a synchronous draft (the tab is being hidden). */
  saveDraft(): void;
  /**
   * The page may be about to unload (beforeunload): writes the draft now and says whether
   * leaving would lose edits (saves failing and no draft fits: the browser should ask first).
   */
  leaveWouldLose(): boolean;
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
  const getRunner = () => (runner ??= makeRunner(notebook, notebookDevice(notebook.getState().doc)));

  /** Swaps in another version of the same notebook (another tab's, a checkpoint): the kernel keeps running. */
  function replaceDoc(doc: NotebookDoc, stored?: StoredNotebook) {
    persistence.replaced(stored);
    if (stored) state.setState({ name: stored.name });
    notebook.getState().actions.load(doc);
    state.setState((s) => ({ conflict: null, loadCount: s.loadCount + 1 }));
  }

  const persistence = createPersistence({ notebook, storage, state, navigate, replaceDoc, busy: () => getRunner().view.getState().status?.status === 'busy', autoCheckpointMs });
  const { autosaver, addCheckpoint, ensureId } = persistence;

  function load(doc: NotebookDoc, info: Partial<SessionState>, createdAt = 0, stored?: StoredNotebook, create = false) {
    // Code ran in this kernel since its last restart (the execution count says so even when the
    // outputs were cleared): the next notebook gets a fresh kernel, as a new notebook does in
    // JupyterLab, with no variables and counts from [1].
    const prevHadRun = (runner?.view.getState().executionCount ?? 0) > 0;
    persistence.loaded(createdAt, stored, create);
    notebook.getState().actions.load(doc);
    state.setState((s) => ({ phase: 'ready', error: undefined, fileError: undefined, warnings: [], localId: null, origin: undefined, conflict: null, notice: undefined, noticeLink: undefined, ...info, loadCount: s.loadCount + 1 }));
    const r = getRunner();
    // (quietly: the new notebook starts as a fresh one, without a notice about a restart)
    if (prevHadRun) void r.restart({ quiet: true });
    r.setDevice(notebookDevice(doc));
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

  async function begin() {
    await persistence.leaveDocument();
    state.setState({ phase: 'loading' });
  }

  const session: Session = {
    state,
    autosaver,
    runner: getRunner,
    async openNew() {
      await begin();
      const id = newNotebookId();
      load(emptyNotebook(), { localId: id, name: 'Untitled' }, Date.now(), undefined, true);
      await persistence.saveFirst();
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
      const d = await recoverDraft(storage, id, stored, r.doc);
      load(d.doc, { localId: id, name: d.name ?? stored.name, origin: stored.origin, warnings: r.warnings }, stored.created, stored);
      persistence.recovered(d);
    },
    async openTutorial(name) {
      await begin();
      const copy = await storage.get(`tutorial-${name}`).catch(() => undefined);
      if (copy) {
        const r = fromText(JSON.stringify(copy.ipynb));
        if (!r) return;
        const d = await recoverDraft(storage, copy.id, copy, r.doc);
        load(d.doc, { localId: copy.id, name: d.name ?? copy.name, origin: { kind: 'tutorial', ref: name }, warnings: r.warnings }, copy.created, copy);
        persistence.recovered(d);
        return;
      }
      const text = await loadTutorialText(name);
      if (text === null) return fail(`There is no tutorial named "${name}".`);
      const r = fromText(text);
      if (!r) return;
      const d = await recoverDraft(storage, `tutorial-${name}`, undefined, r.doc);
      load(d.doc, { name: d.name ?? notebookTitle(r.doc) ?? name, origin: { kind: 'tutorial', ref: name }, warnings: r.warnings });
      persistence.recovered(d);
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
      load(parsed.doc, { localId: id, name: stripExt(filename) || 'Notebook', origin: { kind: 'file', ref: filename }, warnings: parsed.warnings }, Date.now(), undefined, true);
      await persistence.saveFirst();
      return id;
    },
    dismissFileError() {
      state.setState({ fileError: undefined });
    },
    dismissNotice() {
      state.setState({ notice: undefined, noticeLink: undefined });
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
      if (!r?.ok) return void state.setState({ notice: `The original of "${s.origin.ref}" could not be loaded.`, noticeLink: undefined });
      if (s.localId) await addCheckpoint('before-reset', writeIpynb(notebook.getState().doc));
      replaceDoc(r.doc);
      state.setState({ name: notebookTitle(r.doc) ?? s.origin.ref, notice: 'Reset to the original tutorial. Your previous version is kept as a checkpoint.', noticeLink: undefined });
      if (s.localId) await persistence.saveNow();
    },
    checkpoint: (reason) => persistence.checkpoint(reason),
    async listCheckpoints() {
      const id = state.getState().localId ?? (state.getState().origin?.kind === 'tutorial' ? `tutorial-${state.getState().origin?.ref}` : null);
      return id ? storage.listCheckpoints(id) : [];
    },
    deleteCheckpoint: (key) => storage.deleteCheckpoint(key),
    async revertToCheckpoint(key) {
      const cp = await storage.getCheckpoint(key);
      if (!cp) throw new Error('This checkpoint no longer exists');
      const r = readIpynb(JSON.stringify(cp.ipynb));
      if (!r.ok) throw new Error(r.error);
      ensureId();
      await addCheckpoint('before-revert', writeIpynb(notebook.getState().doc));
      replaceDoc(r.doc);
      const when = new Date(cp.created).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
      state.setState({ name: cp.name, notice: `Reverted to the checkpoint of ${when}. The version before is kept as a checkpoint.`, noticeLink: undefined });
      await persistence.saveNow();
    },
    resolveConflict: (choice) => persistence.resolveConflict(choice),
    saveDraft: persistence.saveDraft,
    leaveWouldLose: persistence.leaveWouldLose,
    flushOnLeave: persistence.flushOnLeave,
  };
  return session;
}
