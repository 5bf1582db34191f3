// Finds the math in Markdown source ($…$, $$…$$, \[…\]) while skipping code (``` and ~~~ fences,
// `code spans`), in one pass: the regular expression it replaces rescanned the rest of the text
// from every unclosed `\[` (a 7.6 KB link of `\[a ` repeated froze the tab for 35 s). Each
// closing marker is looked up once per position it can next be found at, so the scan is linear.

export type MathPiece = { start: number; end: number; tex: string; display: boolean };

const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** The math spans of `source`, in order (code spans and fences are skipped, never math). */
export function findMath(source: string): MathPiece[] {
  const out: MathPiece[] = [];
  // The next index of each closing marker at or after the last search start (-1: none left).
  const next = new Map<string, number>();
  const find = (marker: string, from: number): number => {
    const known = next.get(marker);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const at = source.indexOf(marker, from);
    next.set(marker, at);
    return at;
  };
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i];
    if (c === '`' || c === '~') {
      const fence = source.startsWith(c.repeat(3), i) ? c.repeat(3) : null;
      if (fence) {
        const close = find(fence, i + 3);
        if (close >= 0) {
          i = close + 3;
          continue;
        }
      }
      if (c === '`') {
        // A code span stays on its line: `[^`\n]*`. (A failed scan ends at the next backtick or
        // line end, where the next one starts: the scans never overlap.)
        let j = i + 1;
        while (j < n && source[j] !== '`' && source[j] !== '\n') j++;
        if (j < n && source[j] === '`') {
          i = j + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c === '$' && source[i + 1] === '$') {
      const close = find('$$', i + 3);
      if (close >= 0) {
        out.push({ start: i, end: close + 2, tex: source.slice(i + 2, close), display: true });
        i = close + 2;
        continue;
      }
    }
    if (c === '\\' && source[i + 1] === '[') {
      const close = find('\\]', i + 3);
      if (close >= 0) {
        out.push({ start: i, end: close + 2, tex: source.slice(i + 2, close), display: true });
        i = close + 2;
        continue;
      }
    }
    if (c === '$') {
      // Inline: $x$ with no space inside either end, not touching a word, a $ or a backslash.
      const prev = source[i - 1];
      if (prev !== '\\' && prev !== '$' && !isWord(prev) && i + 1 < n && !isSpace(source[i + 1]) && source[i + 1] !== '$') {
        let j = i + 1;
        while (j < n && source[j] !== '$' && source[j] !== '\n') j++;
        if (j < n && source[j] === '$' && !isSpace(source[j - 1]) && !isWord(source[j + 1]) && source[j + 1] !== '$') {
          out.push({ start: i, end: j + 1, tex: source.slice(i + 1, j), display: false });
          i = j + 1;
          continue;
        }
      }
    }
    i++;
  }
  return out;
}
