// The tutorial gallery: every notebooks/*.ipynb in the repo, loaded on demand.
import { notebookDescription, notebookTitle, readIpynb } from '../notebook/ipynb';

const sources = import.meta.glob<string>('../../notebooks/*.ipynb', { query: '?raw', import: 'default' });

export interface TutorialSummary { name: string; title: string; description: string; cells: number }

const nameOf = (path: string) => path.replace(/^.*\//, '').replace(/\.ipynb$/, '');
const byName = new Map(Object.entries(sources).map(([path, load]) => [nameOf(path), load]));

export const tutorialNames = (): string[] => [...byName.keys()].sort();

export async function loadTutorialText(name: string): Promise<string | null> {
  const load = byName.get(name);
  return load ? load() : null;
}

export async function listTutorials(): Promise<TutorialSummary[]> {
  return Promise.all(
    tutorialNames().map(async (name) => {
      const r = readIpynb((await loadTutorialText(name)) ?? '');
      if (!r.ok) return { name, title: name, description: r.error, cells: 0 };
      return { name, title: notebookTitle(r.doc) ?? name, description: notebookDescription(r.doc), cells: r.doc.cells.length };
    }),
  );
}
