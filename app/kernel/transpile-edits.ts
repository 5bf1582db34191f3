// The edit list of the cell transpiler's rewrite stages: magic-string edits that never add or
// drop a newline (so lines stay put), and lookups of exact tokens (an operator between two
// nodes, whatever parentheses and comments sit around it).
import MagicString from 'magic-string';
import type { Token } from './transpile-parse';

/** Collects the edits; overwrites keep insertions at their edges (`update` is content-only). */
export class Edits {
  readonly ms: MagicString;

  constructor(
    protected readonly js: string,
    protected readonly tokens: Token[],
  ) {
    this.ms = new MagicString(js);
  }

  insert(at: number, text: string): void {
    this.ms.appendLeft(at, text);
  }

  /** Insert before anything already inserted at `at` (declarations that must come first). */
  insertFirst(at: number, text: string): void {
    if (text) this.ms.prependLeft(at, text);
  }

  update(start: number, end: number, text: string): void {
    if (end > start) this.ms.update(start, end, text);
    else if (text) this.insert(start, text);
  }

  /** Replace a range with nothing but its newlines, so lines stay put. */
  blank(start: number, end: number, replacement = ''): void {
    const newlines = this.js.slice(start, end).replace(/[^\n]/g, '');
    this.update(start, end, replacement + newlines);
  }

  tokenAt(pos: number): Token {
    const t = this.tokens[this.tokenIndexFrom(pos)];
    if (!t) throw new Error(`no token at ${pos}`);
    return t;
  }

  /** First token that starts at or after `pos` (binary search: tokens are in source order). */
  private tokenIndexFrom(pos: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The operator token `op` between two positions (parentheses and comments may sit around it). */
  findToken(from: number, to: number, op: string): Token {
    for (let i = this.tokenIndexFrom(from); i < this.tokens.length && this.tokens[i].start < to; i++) {
      const t = this.tokens[i];
      if (t.value === op || (t.label === op && t.value === undefined)) return t;
    }
    throw new Error(`operator ${op} not found between ${from} and ${to}`);
  }
}
