// The folder of notebooks opened from the start page: what was opened (listed on the start page
// for this tab, across reloads) and the links that write saves back to the files.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NotebookStorage } from './storage';
import { entriesFromFiles, hasDirectoryPicker, importFolder, listDirectory, pickDirectory, pickNotebookFiles, type FolderLinks, type OpenedNotebook } from './folder';

export interface FolderState {
  /** The folder's name (null: none opened in this tab). */
  name: string | null;
  items: OpenedNotebook[];
  busy: boolean;
  error?: string;
  /** Write-back problems by notebook id. */
  writeErrors: Record<string, string>;
}

export interface FolderService {
  state: StoreApi<FolderState>;
  /** True where saves can go back into the files (File System Access API). */
  inPlace: boolean;
  /** Asks for a folder (or, without the API, for several notebook files) and opens its notebooks. */
  open(): Promise<void>;
  /** Opens notebook files the fallback picker (or a drop) gave. */
  openFiles(files: File[]): Promise<void>;
}

const KEY = 'torchlit-opened-folder';

function restore(): Pick<FolderState, 'name' | 'items'> {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Pick<FolderState, 'name' | 'items'> | null;
    // Links to files do not survive a reload: those notebooks now save in this browser only.
    if (saved && Array.isArray(saved.items)) return { name: saved.name, items: saved.items.map((i) => ({ ...i, inPlace: false })) };
  } catch {
    /* no session storage (private mode, tests): start empty */
  }
  return { name: null, items: [] };
}

export function createFolderService(storage: NotebookStorage, links: FolderLinks, w: unknown = globalThis): FolderService {
  const state = createStore<FolderState>(() => ({ ...restore(), busy: false, writeErrors: {} }));
  links.onError = (id, message) =>
    state.setState((s) => {
      const writeErrors = { ...s.writeErrors };
      if (message) writeErrors[id] = message;
      else delete writeErrors[id];
      return { writeErrors };
    });
  async function run(name: string, load: () => Promise<OpenedNotebook[]>) {
    state.setState({ busy: true, error: undefined });
    try {
      const items = await load();
      state.setState({ name, items, busy: false });
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ name, items }));
      } catch {
        /* the list is still shown in this page */
      }
    } catch (e) {
      state.setState({ busy: false, error: `The folder could not be opened: ${(e as Error).message}` });
    }
  }
  const service: FolderService = {
    state,
    inPlace: hasDirectoryPicker(w),
    async open() {
      if (!service.inPlace) return service.openFiles(await pickNotebookFiles());
      let dir;
      try {
        dir = await pickDirectory(w);
      } catch (e) {
        return void state.setState({ error: `The folder could not be opened: ${(e as Error).message}` });
      }
      if (dir) await run(dir.name, async () => importFolder(storage, await listDirectory(dir), links, dir.name));
    },
    async openFiles(files) {
      if (!files.length) return;
      const entries = entriesFromFiles(files);
      const top = entries[0]?.path.includes('/') ? entries[0].path.split('/')[0] : 'Opened files';
      if (!entries.length) return void state.setState({ error: 'None of the chosen files is a notebook (.ipynb).' });
      await run(top, () => importFolder(storage, entries, links, top));
    },
  };
  return service;
}
