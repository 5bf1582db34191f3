// A small tokenizer for cells that may be written in Python's habits: names, numbers, strings
// (quoted, template and f-strings), comments (`//`, `/* */` and Python's `#`) and operators,
// each with its 1-based line and column and its bracket depth. The habit detectors
// (python-habits.ts) read this token stream; it never fails, whatever the text.

export interface PyToken {
  kind: 'name' | 'num' | 'str' | 'fstr' | 'op' | 'comment' | 'hash';
  text: string;
  line: number;
  column: number;
  /** Offset in the source. */
  start: number;
  /** First token on its line. */
  first: boolean;
  /** The innermost open bracket around it: '(', '[', '{' or '' at the top. */
  inside: string;
  /** For `[`: whether it indexes (follows a name, `)` or `]`) rather than starting an array. */
  index?: boolean;
}

const OPS = ['>>>=', '...', '===', '!==', '**=', '>>>', '<<=', '>>=', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>', ':='];
const NAME_START = /[A-Za-z_$\u00c0-\uffff]/;
const NAME_PART = /[A-Za-z0-9_$\u00c0-\uffff]/;

export function pyTokens(src: string): PyToken[] {
  const out: PyToken[] = [];
  const stack: PyToken[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let lastLine = 0;
  const push = (kind: PyToken['kind'], start: number, end: number) => {
    const t: PyToken = { kind, text: src.slice(start, end), line, column: start - lineStart + 1, start, first: line !== lastLine, inside: stack.length ? stack[stack.length - 1].text : '' };
    lastLine = line;
    out.push(t);
    return t;
  };
  const newlinesIn = (from: number, to: number) => {
    for (let k = from; k < to; k++)
      if (src[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
      push('comment', i, end);
      i = end;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      const end = close < 0 ? src.length : close + 2;
      push('comment', i, end);
      newlinesIn(i, end);
      i = end;
      continue;
    }
    if (c === '#') {
      // `#x` is a private member after `.`, before `in`, or in a class body; any other `#` starts Python's comment
      const prev = out[out.length - 1];
      const isPrivate = NAME_START.test(src[i + 1] ?? '') && (prev?.text === '.' || stack[stack.length - 1]?.text === '{');
      if (!isPrivate) {
        const end = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
        push('hash', i, end);
        i = end;
        continue;
      }
      push('name', i, i + 1 + (/^[A-Za-z0-9_$]*/.exec(src.slice(i + 1))?.[0].length ?? 0));
      i = out[out.length - 1].start + out[out.length - 1].text.length;
      continue;
    }
    const fPrefix = /[fFrRbB]/.test(c) && (src[i + 1] === '"' || src[i + 1] === "'") && !(i > 0 && NAME_PART.test(src[i - 1]));
    if (c === '"' || c === "'" || c === '`' || fPrefix) {
      const q = fPrefix ? src[i + 1] : c;
      const triple = src.startsWith(q.repeat(3), fPrefix ? i + 1 : i);
      let j = (fPrefix ? i + 1 : i) + (triple ? 3 : 1);
      while (j < src.length) {
        if (src[j] === '\\') j += 2;
        else if (triple ? src.startsWith(q.repeat(3), j) : src[j] === q) break;
        else if (src[j] === '\n' && q !== '`' && !triple) break;
        else j++;
      }
      const end = Math.min(src.length, j + (triple ? 3 : 1));
      push(fPrefix && /[fF]/.test(c) ? 'fstr' : 'str', i, end);
      newlinesIn(i, end);
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < src.length && /[0-9a-zA-Z_.]/.test(src[j]) && !(src[j] === '.' && src[j + 1] === '.')) {
        if ((src[j] === 'e' || src[j] === 'E') && (src[j + 1] === '-' || src[j + 1] === '+')) j++;
        j++;
      }
      push('num', i, j);
      i = j;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_PART.test(src[j])) j++;
      push('name', i, j);
      i = j;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i)) ?? c;
    const prev = out[out.length - 1];
    const t = push('op', i, i + op.length);
    if (op === '(' || op === '[' || op === '{') {
      if (op === '[') t.index = !!prev && (prev.kind === 'name' || prev.kind === 'str' || prev.text === ')' || prev.text === ']') && !KEYWORDS_BEFORE_ARRAY.has(prev.text);
      stack.push(t);
    } else if (op === ')' || op === ']' || op === '}') stack.pop();
    i += op.length;
  }
  return out;
}

/** `return [a, b]`, `of [1, 2]`, …: a `[` after these starts an array, not an index. */
const KEYWORDS_BEFORE_ARRAY = new Set(['return', 'of', 'in', 'yield', 'await', 'typeof', 'case', 'new', 'else', 'do', 'void', 'throw', 'delete']);

/** The matching close bracket's index in `toks`, or -1. */
export function closing(toks: PyToken[], open: number): number {
  let depth = 0;
  for (let k = open; k < toks.length; k++) {
    const t = toks[k].text;
    if (toks[k].kind !== 'op') continue;
    if (t === '(' || t === '[' || t === '{') depth++;
    else if (t === ')' || t === ']' || t === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}
