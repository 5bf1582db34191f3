// The tutorial gallery: every notebooks/*.ipynb in the repo, loaded on demand; or, when the host
// serves a folder of notebooks (`torchlit start <folder>`, `torchlit test`: config.json names them),
// that folder's notebooks instead, fetched from the host each time one is opened.
import { notebookDescription, notebookTitle, readIpynb } from '../notebook/ipynb';
import { hostConfig } from './host-config';

const sources = import.meta.glob<string>('../../notebooks/*.ipynb', { query: '?raw', import: 'default' });

/** What `npm run measure:tutorials` wrote: Run all's time in seconds, the machine it ran on, the day. */
export interface MeasuredRun { seconds: number; on: string; date: string }
export interface TutorialSummary { name: string; title: string; description: string; cells: number; minutes?: number; measured?: MeasuredRun; order: number }

interface TutorialMeta { title?: string; description?: string; minutes?: number; measured?: Partial<MeasuredRun>; order?: number }

const nameOf = (path: string) => path.replace(/^.*\//, '').replace(/\.ipynb$/, '');
const byName = new Map(Object.entries(sources).map(([path, load]) => [nameOf(path), load]));

let folder: Promise<string[]> | null = null;
/** The served folder's notebook names (config.json `notebooks`); none under `npm run dev` or when unreadable. */
function folderNames(): Promise<string[]> {
  folder ??= hostConfig()
    .then((r) => (r.ok ? r.json() : {}))
    .then((j: { notebooks?: unknown }) => (Array.isArray(j.notebooks) ? j.notebooks.filter((n): n is string => typeof n === 'string') : []))
    .catch(() => []);
  return folder;
}

/** The gallery's names: the served folder's when there is one, else the bundled tutorials. */
export async function tutorialNames(): Promise<string[]> {
  const served = await folderNames();
  return served.length ? [...served].sort() : [...byName.keys()].sort();
}

export async function loadTutorialText(name: string): Promise<string | null> {
  if ((await folderNames()).includes(name)) {
    // the file as it is on disk now (the served folder is the author's working copy)
    const r = await fetch(`./folder/${name.split('/').map(encodeURIComponent).join('/')}.ipynb`, { cache: 'no-store' });
    return r.ok ? r.text() : null;
  }
  const load = byName.get(name);
  return load ? load() : null;
}

export async function listTutorials(): Promise<TutorialSummary[]> {
  const all = await Promise.all(
    (await tutorialNames()).map(async (name): Promise<TutorialSummary> => {
      const r = readIpynb((await loadTutorialText(name)) ?? '');
      if (!r.ok) return { name, title: name, description: r.error, cells: 0, order: 1e9 };
      const meta = ((r.doc.metadata.torchlit as { tutorial?: TutorialMeta } | undefined)?.tutorial ?? {}) as TutorialMeta;
      return {
        name,
        title: meta.title ?? notebookTitle(r.doc) ?? name,
        description: meta.description ?? notebookDescription(r.doc),
        cells: r.doc.cells.length,
        minutes: typeof meta.minutes === 'number' ? meta.minutes : undefined,
        measured: measuredRun(meta.measured),
        order: typeof meta.order === 'number' ? meta.order : 1e6,
      };
    }),
  );
  return all.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

function measuredRun(m: Partial<MeasuredRun> | undefined): MeasuredRun | undefined {
  if (!m || typeof m.seconds !== 'number' || !Number.isFinite(m.seconds) || m.seconds < 0) return undefined;
  return { seconds: m.seconds, on: typeof m.on === 'string' ? m.on : 'an unnamed machine', date: typeof m.date === 'string' ? m.date : '' };
}
