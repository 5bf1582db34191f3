// The tutorial gallery: every notebooks/*.ipynb in the repo, loaded on demand.
import { notebookDescription, notebookTitle, readIpynb } from '../notebook/ipynb';

const sources = import.meta.glob<string>('../../notebooks/*.ipynb', { query: '?raw', import: 'default' });

export interface TutorialSummary { name: string; title: string; description: string; cells: number; minutes?: number; order: number }

interface TutorialMeta { title?: string; description?: string; minutes?: number; order?: number }

const nameOf = (path: string) => path.replace(/^.*\//, '').replace(/\.ipynb$/, '');
const byName = new Map(Object.entries(sources).map(([path, load]) => [nameOf(path), load]));

export const tutorialNames = (): string[] => [...byName.keys()].sort();

export async function loadTutorialText(name: string): Promise<string | null> {
  const load = byName.get(name);
  return load ? load() : null;
}

export async function listTutorials(): Promise<TutorialSummary[]> {
  const all = await Promise.all(
    tutorialNames().map(async (name): Promise<TutorialSummary> => {
      const r = readIpynb((await loadTutorialText(name)) ?? '');
      if (!r.ok) return { name, title: name, description: r.error, cells: 0, order: 1e9 };
      const meta = ((r.doc.metadata.torchlit as { tutorial?: TutorialMeta } | undefined)?.tutorial ?? {}) as TutorialMeta;
      return {
        name,
        title: meta.title ?? notebookTitle(r.doc) ?? name,
        description: meta.description ?? notebookDescription(r.doc),
        cells: r.doc.cells.length,
        minutes: typeof meta.minutes === 'number' ? meta.minutes : undefined,
        order: typeof meta.order === 'number' ? meta.order : 1e6,
      };
    }),
  );
  return all.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}
