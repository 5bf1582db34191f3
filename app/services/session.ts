// The open notebook: where it came from, loading it by route, autosaving it, and its kernel.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand';
import type { NotebookStore } from '../notebook/store';
import { emptyNotebook, notebookDevice, notebookTitle, readIpynb, stringifyIpynb, writeIpynb } from '../notebook/ipynb';
import type { NotebookDoc } from '../notebook/types';
import type { Backend } from '../protocol/messages';
import { withFallbacks } from '../renderers/fallbacks';
import { createAutosaver, type Autosaver } from './autosave';
import { decodeShare, shareLink, type ShareLink } from './share';
import { newNotebookId, type NotebookStorage, type StoredNotebook } from './storage';
import { downloadText, fetchText, safeFilename } from './files';
import { loadTutorialText } from './tutorials';
import { createRunner, type Runner } from './runner';

export type Origin = NonNullable<StoredNotebook['origin']>;

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
}

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
  setDevice(device: Backend): void;
  download(): void;
  share(): ShareLink;
  resetTutorial(): Promise<void>;
}

const stripExt = (f: string) => f.replace(/\.ipynb$/i, '');

export function createSession(notebook: StoreApi<NotebookStore>, storage: NotebookStorage, navigate: (hash: string, replace?: boolean) => void): Session {
  const state = createStore<SessionState>(() => ({ phase: 'idle', warnings: [], localId: null, name: 'Untitled', loadCount: 0 }));
  let runner: Runner | null = null;
  let created = 0;

  const getRunner = () => (runner ??= createRunner(notebook, notebookDevice(notebook.getState().doc)));

  async function save() {
    const s = state.getState();
    if (s.phase !== 'ready') return;
    const doc = notebook.getState().doc;
    let id = s.localId;
    if (!id) {
      id = s.origin?.kind === 'tutorial' ? `tutorial-${s.origin.ref}` : newNotebookId();
      state.setState({ localId: id });
      if (s.origin?.kind !== 'tutorial') navigate(`#/notebooks/${id}`, true);
    }
    const now = Date.now();
    if (!created) created = now;
    await storage.put({ id, name: s.name, created, updated: now, origin: s.origin, ipynb: writeIpynb(doc) });
  }

  const autosaver = createAutosaver(save);
  let lastVersion = -1;
  notebook.subscribe((s) => {
    if (s.version !== lastVersion) {
      const first = lastVersion === -1;
      lastVersion = s.version;
      if (!first && state.getState().phase === 'ready' && s.version > 0) autosaver.changed();
    }
  });

  function load(doc: NotebookDoc, info: Partial<SessionState>, createdAt = 0) {
    const prevHadRun = Object.keys(notebook.getState().run).length > 0;
    created = createdAt;
    notebook.getState().actions.load(doc);
    lastVersion = 0;
    state.setState((s) => ({ phase: 'ready', error: undefined, fileError: undefined, warnings: [], localId: null, origin: undefined, ...info, loadCount: s.loadCount + 1 }));
    const r = getRunner();
    if (prevHadRun) void r.restart();
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
    await autosaver.flush().catch(() => {});
    state.setState({ phase: 'loading' });
  }

  return {
    state,
    autosaver,
    runner: getRunner,
    async openNew() {
      await begin();
      const id = newNotebookId();
      load(emptyNotebook(), { localId: id, name: 'Untitled' }, Date.now());
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
      if (r) load(r.doc, { localId: id, name: stored.name, origin: stored.origin, warnings: r.warnings }, stored.created);
    },
    async openTutorial(name) {
      await begin();
      const copy = await storage.get(`tutorial-${name}`).catch(() => undefined);
      if (copy) {
        const r = fromText(JSON.stringify(copy.ipynb));
        if (r) load(r.doc, { localId: copy.id, name: copy.name, origin: { kind: 'tutorial', ref: name }, warnings: r.warnings }, copy.created);
        return;
      }
      const text = await loadTutorialText(name);
      if (text === null) return fail(`There is no tutorial named "${name}".`);
      const r = fromText(text);
      if (r) load(r.doc, { name: notebookTitle(r.doc) ?? name, origin: { kind: 'tutorial', ref: name }, warnings: r.warnings });
    },
    async openShare(packed) {
      await begin();
      const text = decodeShare(packed);
      if (!text) return fail('This share link is damaged: its notebook could not be decompressed.');
      const r = fromText(text);
      if (r) load(r.doc, { name: notebookTitle(r.doc) ?? 'Shared notebook', origin: { kind: 'share' }, warnings: r.warnings });
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
        state.setState({ fileError: `${filename} could not be opened. ${parsed.error}` });
        return null;
      }
      await begin();
      const r = { doc: parsed.doc, warnings: parsed.warnings };
      const id = newNotebookId();
      load(r.doc, { localId: id, name: stripExt(filename) || 'Notebook', origin: { kind: 'file', ref: filename }, warnings: r.warnings }, Date.now());
      await save().catch(() => autosaver.changed());
      return id;
    },
    dismissFileError() {
      state.setState({ fileError: undefined });
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
      return shareLink(stringifyIpynb(notebook.getState().doc, { withFallbacks: undefined }), base);
    },
    async resetTutorial() {
      const s = state.getState();
      if (s.origin?.kind !== 'tutorial' || !s.origin.ref) return;
      if (s.localId) await storage.delete(s.localId).catch(() => {});
      state.setState({ localId: null });
      await this.openTutorial(s.origin.ref);
    },
  };
}
