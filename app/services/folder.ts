// Opening a folder of notebooks. Where the browser has the File System Access API
// (showDirectoryPicker), each .ipynb in the folder becomes a local notebook linked to its file,
// and every save of that notebook is also written back to the file. Elsewhere a multi-file
// picker imports the chosen notebooks as local notebooks (Download .ipynb writes a file).
import { readIpynb, writeIpynb } from '../notebook/ipynb';
import { newNotebookId, type NotebookStorage, type StoredNotebook } from './storage';

/** The parts of FileSystemFileHandle used here (a fake one in tests). */
export interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<File | Blob & { name?: string }>;
  createWritable?(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
  queryPermission?(d: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(d: { mode: 'readwrite' }): Promise<PermissionState>;
}
/** The parts of FileSystemDirectoryHandle used here. */
export interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<FileHandleLike | DirectoryHandleLike>;
}

export interface FolderEntry {
  /** Path inside the folder, e.g. "lessons/01-tensors.ipynb". */
  path: string;
  read(): Promise<string>;
  /** Present where the file can be written back in place. */
  handle?: FileHandleLike;
}

/** How deep "Open folder" looks into subfolders. */
const MAX_DEPTH = 4;
/** Folders never looked into: Jupyter's checkpoints, dependencies, hidden folders. */
const skipDir = (name: string) => name.startsWith('.') || name === 'node_modules' || name === '__pycache__';
const isNotebook = (name: string) => /\.ipynb$/i.test(name) && !name.startsWith('.');

/** The notebooks in a directory and its subfolders, sorted by path. */
export async function listDirectory(dir: DirectoryHandleLike, prefix = '', depth = 0): Promise<FolderEntry[]> {
  const out: FolderEntry[] = [];
  for await (const h of dir.values()) {
    const path = prefix + h.name;
    if (h.kind === 'directory') {
      if (depth < MAX_DEPTH && !skipDir(h.name)) out.push(...(await listDirectory(h, `${path}/`, depth + 1)));
    } else if (isNotebook(h.name)) {
      out.push({ path, handle: h, read: async () => (await h.getFile()).text() });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The notebooks among files a multi-file (or directory) input gave. */
export function entriesFromFiles(files: readonly File[]): FolderEntry[] {
  return files
    .filter((f) => isNotebook(f.name))
    .map((f) => ({ path: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name, read: () => f.text() }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

type PickerWindow = { showDirectoryPicker?: (o?: { mode?: 'read' | 'readwrite'; id?: string }) => Promise<DirectoryHandleLike> };

export const hasDirectoryPicker = (w: unknown = globalThis): boolean => typeof (w as PickerWindow).showDirectoryPicker === 'function';

/** Asks for a folder (File System Access API); null when the user cancels. */
export async function pickDirectory(w: unknown = globalThis): Promise<DirectoryHandleLike | null> {
  try {
    return await (w as Required<PickerWindow>).showDirectoryPicker({ mode: 'readwrite', id: 'torchlit-notebooks' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') return null;
    throw e;
  }
}

/** The multi-file picker for browsers without showDirectoryPicker; resolves with the chosen files ([] when cancelled). */
export function pickNotebookFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = '.ipynb,application/x-ipynb+json,application/json';
    input.style.display = 'none';
    const done = (files: File[]) => (resolve(files), input.remove());
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
}

/** Which local notebooks are linked to a file they are written back to. */
export interface FolderLinks {
  link(id: string, handle: FileHandleLike, path: string): void;
  get(id: string): { handle: FileHandleLike; path: string } | undefined;
  /** The last write-back problem per notebook id (cleared by a good write). */
  errors: Map<string, string>;
  onError?: (id: string, message: string | null) => void;
}

export function createFolderLinks(): FolderLinks {
  const links = new Map<string, { handle: FileHandleLike; path: string }>();
  return { link: (id, handle, path) => void links.set(id, { handle, path }), get: (id) => links.get(id), errors: new Map() };
}

/** Writes a stored notebook to its linked file; a refused permission or a failed write is recorded, never thrown. */
export async function writeBack(links: FolderLinks, rec: StoredNotebook): Promise<boolean> {
  const link = links.get(rec.id);
  if (!link) return false;
  const report = (m: string | null) => {
    if (m) links.errors.set(rec.id, m);
    else links.errors.delete(rec.id);
    links.onError?.(rec.id, m);
  };
  try {
    const { handle } = link;
    if (!handle.createWritable) throw new Error('this browser cannot write files');
    if (handle.queryPermission && (await handle.queryPermission({ mode: 'readwrite' })) !== 'granted') {
      if (!handle.requestPermission || (await handle.requestPermission({ mode: 'readwrite' })) !== 'granted') throw new Error('permission to write it was not given');
    }
    const w = await handle.createWritable();
    await w.write(JSON.stringify(rec.ipynb, null, 1) + '\n');
    await w.close();
    report(null);
    return true;
  } catch (e) {
    report(`${link.path} was not updated: ${(e as Error).message}. The notebook is saved in this browser.`);
    return false;
  }
}

/** The storage, with every save of a linked notebook also written to its file. */
export function withWriteBack(storage: NotebookStorage, links: FolderLinks): NotebookStorage {
  return {
    ...storage,
    async put(nb, opts) {
      const rev = await storage.put(nb, opts);
      void writeBack(links, nb);
      return rev;
    },
  };
}

export interface OpenedNotebook {
  path: string;
  /** The local notebook it opened as (absent when it could not be read). */
  id?: string;
  error?: string;
  /** Saves are written back to the file. */
  inPlace: boolean;
}

const stripExt = (p: string) => p.replace(/^.*\//, '').replace(/\.ipynb$/i, '');

/**
 * Imports each notebook as a local notebook (a file opened before and unchanged since keeps its
 * local notebook, edits included) and links it to its file where it can be written back.
 */
export async function importFolder(storage: NotebookStorage, entries: FolderEntry[], links: FolderLinks, folder: string): Promise<OpenedNotebook[]> {
  const known = await storage.list();
  const out: OpenedNotebook[] = [];
  for (const entry of entries) {
    const ref = `${folder}/${entry.path}`;
    let text: string;
    try {
      text = await entry.read();
    } catch (e) {
      out.push({ path: entry.path, error: `could not be read: ${(e as Error).message}`, inPlace: false });
      continue;
    }
    const r = readIpynb(text);
    if (!r.ok) {
      out.push({ path: entry.path, error: r.detail, inPlace: false });
      continue;
    }
    const ipynb = writeIpynb(r.doc);
    let id: string | undefined;
    for (const k of known.filter((n) => n.origin?.kind === 'file' && n.origin.ref === ref)) {
      const stored = await storage.get(k.id);
      // Same file, opened again: the linked copy is the file (it is written back); an unlinked one only if unchanged.
      if (stored && (links.get(k.id) || JSON.stringify(stored.ipynb) === JSON.stringify(ipynb))) id = k.id;
    }
    if (!id) {
      id = newNotebookId();
      const now = Date.now();
      await storage.put({ id, name: stripExt(entry.path) || 'Notebook', created: now, updated: now, origin: { kind: 'file', ref }, ipynb }, { create: true });
    }
    if (entry.handle) links.link(id, entry.handle, entry.path);
    out.push({ path: entry.path, id, inPlace: !!entry.handle });
  }
  return out;
}
