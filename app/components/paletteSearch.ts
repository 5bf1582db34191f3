// The command palette's fuzzy search. Each word typed must appear, letters in order, in the
// command's label (or its keywords or category, which score lower); words may come in any order,
// so "clear all outputs" finds "Clear Outputs of All Cells" and "rrun" finds "Restart … Run All".

export interface Searchable {
  label: string;
  category: string;
  keywords?: string;
}

/** Letters of `word` in order in `text`: a score (higher is better; word starts and runs count), or -1. */
export function fuzzyScore(word: string, text: string): number {
  const t = text.toLowerCase();
  const w = word.toLowerCase();
  if (!w) return 0;
  const exact = t.indexOf(w);
  if (exact >= 0) return 100 + (exact === 0 || /\W/.test(t[exact - 1]) ? 50 : 0) - exact * 0.1;
  let score = 0;
  let at = 0;
  let prev = -2;
  for (const ch of w) {
    const i = t.indexOf(ch, at);
    if (i < 0) return -1;
    // Earlier is better: "insrt" prefers "Insert Cell Below" to "Run … and Insert Below".
    if (at === 0) score -= i * 0.2;
    if (i === prev + 1) score += 5;
    if (i === 0 || /\W/.test(t[i - 1])) score += 8;
    score += 1;
    prev = i;
    at = i + 1;
  }
  return score;
}

/** The items matching `query`, best first; every item, in its order, for an empty query. */
export function searchCommands<T extends Searchable>(items: readonly T[], query: string): T[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice();
  const scored: { item: T; score: number; order: number }[] = [];
  items.forEach((item, order) => {
    let total = 0;
    for (const w of words) {
      const inLabel = fuzzyScore(w, item.label);
      const other = Math.max(fuzzyScore(w, item.keywords ?? ''), fuzzyScore(w, item.category)) * 0.5;
      const best = Math.max(inLabel, other);
      if (inLabel < 0 && other < 0) return;
      total += best;
    }
    scored.push({ item, score: total, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.item);
}
