// Find and replace across the notebook (JupyterLab's Ctrl+F in command mode): the matches of a
// query in every cell's source, in notebook order, and what replacing them gives. Pure functions;
// FindReplace.tsx draws the bar, highlights and applies the edits.

export interface FindOptions {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
}

export interface SourceMatch {
  cellId: string;
  /** Offsets in the cell's source (UTF-16 code units). */
  start: number;
  end: number;
  /** The matched text (for a regex replacement's `$1`). */
  text: string;
}

/** The query as a global RegExp, or an error message (an invalid regex is the user's to fix, not a crash). */
export function compileQuery(o: FindOptions): RegExp | { error: string } | null {
  if (!o.query) return null;
  const flags = 'gm' + (o.caseSensitive ? '' : 'i');
  try {
    return new RegExp(o.regex ? o.query : o.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  } catch (e) {
    return { error: e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e) };
  }
}

/** Every match in `text`; empty matches (`^`, `a*`) are skipped, as JupyterLab does. */
export function matchesIn(text: string, re: RegExp, limit = 10_000): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex += 1;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Matches in every cell's source, cell by cell (at most `limit` in all). */
export function findInCells(cells: readonly { id: string; source: string }[], re: RegExp, limit = 10_000): SourceMatch[] {
  const out: SourceMatch[] = [];
  for (const c of cells) {
    if (out.length >= limit) break;
    for (const m of matchesIn(c.source, re, limit - out.length)) out.push({ cellId: c.id, ...m });
  }
  return out;
}

/** Expands `$&`, `$1`…`$99`, `$<name>`, `$$`, `` $` `` and `$'` in a regex replacement, as String.replace does. */
export function expandReplacement(replacement: string, m: RegExpExecArray, source: string): string {
  return replacement.replace(/\$(\$|&|`|'|<([^>]*)>|(\d{1,2}))/g, (all, what: string, name: string | undefined, num: string | undefined) => {
    if (what === '$') return '$';
    if (what === '&') return m[0];
    if (what === '`') return source.slice(0, m.index);
    if (what === "'") return source.slice(m.index + m[0].length);
    if (name !== undefined) return m.groups ? (m.groups[name] ?? '') : all;
    let n = Number(num);
    if (n >= m.length && num!.length === 2) return expandReplacement(`$${num![0]}`, m, source) + num![1];
    if (n === 0 || n >= m.length) return all;
    n = Math.floor(n);
    return m[n] ?? '';
  });
}

/**
 * `source` with the matches at these offsets replaced (offsets from `matchesIn` on this source).
 * With a regex (`re`), the replacement's `$1`… expand against the match in its context (so
 * lookbehinds still hold); without one the replacement is literal, as in JupyterLab.
 */
export function replaceRanges(source: string, ranges: readonly { start: number; end: number }[], re: RegExp | null, replacement: string): string {
  const sticky = re ? new RegExp(re.source, re.flags.replace('g', '') + 'y') : null;
  let out = '';
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    let text = replacement;
    if (sticky) {
      sticky.lastIndex = r.start;
      const m = sticky.exec(source);
      if (!m || m.index + m[0].length !== r.end) continue; // the source changed under the match
      text = expandReplacement(replacement, m, source);
    }
    out += source.slice(at, r.start) + text;
    at = r.end;
  }
  return out + source.slice(at);
}

/** Text offsets → Monaco's 1-based line/column range. */
export function offsetToPosition(source: string, offset: number): { lineNumber: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { lineNumber: line, column: offset - lineStart + 1 };
}
