// Offline search over the generated reference (app/help/reference.generated.json, written by
// scripts/reference/generate.ts from the code's doc comments): names first, then PyTorch names,
// then words in the description.
export interface HelpOption {
  name: string;
  type: string;
  doc: string;
}

export interface HelpEntry {
  page: string;
  name: string;
  pytorch: string;
  kind: string;
  signatures: string[];
  doc: string;
  options: HelpOption[];
  returns: string;
  throws: string[];
  examples: string[];
}

export interface HelpPage {
  id: string;
  title: string;
  intro: string;
  entries: HelpEntry[];
}

const lastPart = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** How well an entry matches a query (0: not at all). */
export function score(e: HelpEntry, query: string): number {
  const q = query.trim().toLowerCase().replace(/^(torch\.tensor\.|tensor\.)/, 't.').replace(/\(\)$/, '');
  if (!q) return 0;
  const name = e.name.toLowerCase();
  const last = lastPart(e.name);
  const qLast = q.slice(q.lastIndexOf('.') + 1);
  if (name === q || e.pytorch.toLowerCase() === q) return 100;
  if (q.includes('.') && (name.endsWith(q) || e.pytorch.toLowerCase().endsWith(q))) return 90;
  if (last === qLast) return q.includes('.') ? 60 : 80;
  if (last.startsWith(qLast)) return 70 - Math.min(20, last.length - qLast.length);
  if (name.includes(q) || e.pytorch.toLowerCase().includes(q)) return 40;
  const words = q.split(/\s+/).filter((w) => w.length > 1);
  const text = `${e.doc} ${e.options.map((o) => o.name).join(' ')}`.toLowerCase();
  if (words.length && words.every((w) => text.includes(w))) return 10 + Math.min(9, words.length);
  return 0;
}

/** The best matches for `query`, best first (ties: shorter names first, then by page order). */
export function searchReference(pages: HelpPage[], query: string, limit = 30): HelpEntry[] {
  const hits: { e: HelpEntry; s: number; i: number }[] = [];
  let i = 0;
  for (const p of pages)
    for (const e of p.entries) {
      const s = score(e, query);
      if (s > 0) hits.push({ e, s, i });
      i++;
    }
  hits.sort((a, b) => b.s - a.s || a.e.name.length - b.e.name.length || a.i - b.i);
  return hits.slice(0, limit).map((h) => h.e);
}
