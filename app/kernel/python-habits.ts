// Python habits in a cell, recognised and explained before anything runs (issue 16). Two places
// in the transpiler's pipeline call this stage:
//   - `pythonHabit(source, line, column)` when sucrase or acorn cannot parse the cell: the token
//     stream (python-tokens.ts) is matched against the habits below, and the first one at or
//     before the parser's error becomes the error, at the habit's own line and column;
//   - `astHabit(program)` (python-habits-ast.ts) on cells that parse but hold a habit that would
//     fail or mislead at run time (`f(lr=1e-3)`, `True`, `self.x` in a class).
// Each habit says what to write instead. docs/python-to-torchlit.md lists them all.
import { closing, pyTokens, type PyToken } from './python-tokens';

export interface Habit {
  /** What the Python habit is. */
  message: string;
  /** What to write instead, as a sentence. */
  hint: string;
  line: number;
  column: number;
}

type Rule = (toks: PyToken[], i: number) => Omit<Habit, 'line' | 'column'> | null;

const KEYWORDS = new Set(['if', 'else', 'for', 'while', 'do', 'return', 'const', 'let', 'var', 'function', 'class', 'new', 'of', 'in', 'await', 'async', 'typeof', 'instanceof', 'yield', 'throw', 'try', 'catch', 'finally', 'switch', 'case', 'break', 'continue', 'import', 'export', 'from', 'as', 'extends', 'and', 'or', 'not', 'is', 'def', 'elif', 'lambda', 'with', 'pass', 'raise', 'except']);
const PY_LITERALS: Record<string, string> = { True: 'true', False: 'false', None: 'null' };

/** A token that can end an expression (so a following name or operator is binary, not a new statement). */
const endsExpr = (t: PyToken | undefined) => !!t && ((t.kind === 'name' && !KEYWORDS.has(t.text)) || t.kind === 'num' || t.kind === 'str' || t.kind === 'fstr' || t.text === ')' || t.text === ']');
const startsExpr = (t: PyToken | undefined) => !!t && ((t.kind === 'name' && !KEYWORDS.has(t.text)) || t.kind === 'num' || t.kind === 'str' || t.text === '(' || t.text === '[' || t.text === '-');
/** Tokens of the same line from `i` on. */
const restOfLine = (toks: PyToken[], i: number) => {
  const out: PyToken[] = [];
  for (let k = i; k < toks.length && toks[k].line === toks[i].line; k++) if (toks[k].kind !== 'comment' && toks[k].kind !== 'hash') out.push(toks[k]);
  return out;
};
/** The source text of a run of tokens, spaced as written. */
const text = (ts: PyToken[]) => ts.map((t, k) => (k && t.start > ts[k - 1].start + ts[k - 1].text.length ? ' ' : '') + t.text).join('');
/** A Python block header: the line ends with `:` (after its code). */
const endsWithColon = (toks: PyToken[], i: number) => restOfLine(toks, i).at(-1)?.text === ':';
const header = (toks: PyToken[], i: number) => restOfLine(toks, i).slice(1, -1);

const ALREADY = 'torch, nn, F, optim, models, datasets and utils are already in every cell';

const importHabit: Rule = (toks, i) => {
  const t = toks[i];
  if (t.text !== 'import' || !t.first) return null;
  const line = restOfLine(toks, i);
  if (line.some((x) => x.text === 'from' || x.kind === 'str' || x.text === '{' || x.text === '*')) return null;
  const dotted = text(line.slice(1, line.findIndex((x) => x.text === 'as') < 0 ? undefined : line.findIndex((x) => x.text === 'as')));
  const alias = line.find((x, k) => k > 0 && line[k - 1].text === 'as')?.text ?? dotted.split('.').pop()!;
  if (dotted === 'numpy') return { message: '`import numpy as np`: there is no NumPy in Torchlit.', hint: 'Use torch tensors instead (torch.tensor, torch.linspace, …); `t.numpy()` gives a typed array.' };
  if (/^torch(vision)?\b/.test(dotted) && ['torch', 'nn', 'F', 'optim', 'models', 'datasets', 'utils'].includes(alias))
    return { message: `\`${text(line)}\` is Python's import.`, hint: `${ALREADY}: no import is needed (or write \`import * as ${alias} from "${dotted}"\`).` };
  return { message: `\`${text(line)}\` is Python's import.`, hint: `Write \`import * as ${alias} from "${dotted}"\`.` };
};

const fromImportHabit: Rule = (toks, i) => {
  const t = toks[i];
  if (t.text !== 'from' || !t.first) return null;
  const line = restOfLine(toks, i);
  const imp = line.findIndex((x) => x.text === 'import');
  if (imp < 2) return null;
  const mod = text(line.slice(1, imp));
  const names = text(line.slice(imp + 1).filter((x) => x.text !== '(' && x.text !== ')'));
  return { message: `\`${text(line)}\` is Python's import.`, hint: `Write \`import { ${names} } from "${mod}"\`${mod === 'torch' ? ` (${ALREADY}: often no import is needed)` : ''}.` };
};

/** `t[1:3]`, `t[:, 0]`, `t[..., -1]` → `t.index('1:3')`, `t.index(':', 0)`, `t.index('...', -1)`. */
const sliceHabit: Rule = (toks, i) => {
  const open = toks[i];
  if (open.text !== '[' || !open.index) return null;
  const close = closing(toks, i);
  if (close < 0) return null;
  const parts: PyToken[][] = [[]];
  let python = false;
  let ternary = 0;
  for (let k = i + 1; k < close; k++) {
    const x = toks[k];
    if (x.kind === 'op' && (x.text === '(' || x.text === '[' || x.text === '{')) {
      const end = closing(toks, k);
      if (end < 0 || end > close) return null;
      parts[parts.length - 1].push(...toks.slice(k, end + 1));
      k = end;
      continue;
    }
    if (x.text === '?') ternary++;
    if (x.text === ':') {
      if (ternary > 0) ternary--;
      else python = true;
    }
    if (x.text === '...' && (toks[k + 1]?.text === ',' || toks[k + 1]?.text === ']')) python = true;
    if (x.text === ',') parts.push([]);
    else parts[parts.length - 1].push(x);
  }
  if (!python) return null;
  const args = parts.map((p) => {
    if (p.length === 1 && p[0].text === '...') return "'...'";
    if (!p.some((x) => x.text === ':')) return text(p);
    if (p.every((x) => x.text === ':' || x.kind === 'num' || x.text === '-')) return `'${text(p).replace(/\s+/g, '')}'`;
    const pieces: string[] = [];
    let cur: PyToken[] = [];
    for (const x of p) {
      if (x.text !== ':') cur.push(x);
      else {
        pieces.push(text(cur));
        cur = [];
      }
    }
    pieces.push(text(cur));
    return '`' + pieces.map((s) => (s ? `\${${s}}` : '')).join(':') + '`';
  });
  const target = text(toks.slice(Math.max(0, i - 1), i));
  return { message: `\`${target}[${text(toks.slice(i + 1, close))}]\` is Python's slicing; JavaScript's brackets take one key.`, hint: `Write \`${target}.index(${args.join(', ')})\`.` };
};

const OPEN: Record<string, string> = { ')': '(', ']': '[' };
const CLOSE: Record<string, string> = { '(': ')', '[': ']' };
/**
 * The operand of `@` that ends at token `i` (`torch.ones(2, 3)`, `x.T`, `w[0]`): names, dots and
 * balanced calls/indexing, walked backwards. The hint once named single tokens (`).matmul(torch)`).
 */
function operandBefore(toks: PyToken[], i: number): PyToken[] {
  let k = i;
  for (;;) {
    if (OPEN[toks[k].text]) {
      let depth = 0;
      for (; k >= 0; k--) if (OPEN[toks[k].text]) depth++; else if (CLOSE[toks[k].text] && --depth === 0) break;
      if (k <= 0) return toks.slice(Math.max(k, 0), i + 1);
      if (endsExpr(toks[k - 1]) && toks[k - 1].text !== '(') { k--; continue; }
      return toks.slice(k, i + 1);
    }
    if (toks[k - 1]?.text === '.' && endsExpr(toks[k - 2])) { k -= 2; continue; }
    return toks.slice(k, i + 1);
  }
}
/** The operand of `@` that starts at token `i`, walked forwards as `operandBefore`. */
function operandAfter(toks: PyToken[], i: number): PyToken[] {
  let k = i;
  for (;;) {
    if (CLOSE[toks[k]?.text]) {
      let depth = 0;
      for (; k < toks.length; k++) if (CLOSE[toks[k].text]) depth++; else if (OPEN[toks[k].text] && --depth === 0) break;
    }
    if (k >= toks.length) return toks.slice(i);
    const next = toks[k + 1];
    if (next && (next.text === '(' || next.text === '[') && next.start === toks[k].start + toks[k].text.length) { k++; continue; }
    if (next?.text === '.' && toks[k + 2]?.kind === 'name') { k += 2; continue; }
    return toks.slice(i, k + 1);
  }
}

const matmulHabit: Rule = (toks, i) =>
  toks[i].text === '@' && endsExpr(toks[i - 1]) && !toks[i].first && startsExpr(toks[i + 1])
    ? { message: '`@` is Python\'s matrix product operator; JavaScript has none.', hint: `Write \`${text(operandBefore(toks, i - 1))}.matmul(${text(operandAfter(toks, i + 1))})\` (or torch.matmul(a, b)).` }
    : null;

const withHabit: Rule = (toks, i) => {
  if (toks[i].text !== 'with' || !toks[i].first || !endsWithColon(toks, i)) return null;
  const what = text(header(toks, i));
  if (/no_grad|enable_grad|inference_mode/.test(what)) return { message: `\`with ${what}:\` is Python's context manager.`, hint: `Write \`${what.replace(/\(\)$/, '')}(() => { … })\`: the function's body runs without recording gradients.` };
  return { message: `\`with ${what}:\` is Python's context manager; JavaScript has no \`with … :\` block.`, hint: 'Call the code in a function, or use try { … } finally { … }.' };
};

const defHabit: Rule = (toks, i) => {
  if (toks[i].text !== 'def' || toks[i + 1]?.kind !== 'name') return null;
  const line = restOfLine(toks, i);
  const written = text(line.slice(2, line.findIndex((x) => x.text === ')') + 1));
  const params = written.replace(/^\(\s*self\s*(,\s*|\))/, (_, rest: string) => (rest === ')' ? '()' : '('));
  const name = toks[i + 1].text;
  if (params !== written) return { message: `\`def ${name}${written}:\` is Python's method definition.`, hint: `Write a method in the class body: \`${name}${params} { … }\` (methods get \`this\`, not a \`self\` parameter).` };
  return { message: `\`def ${name}${written}:\` is Python's function definition.`, hint: `Write \`function ${name}${params} { … }\`.` };
};

const forInHabit: Rule = (toks, i) => {
  if (toks[i].text !== 'for' || toks[i + 1]?.text === '(' || toks[i + 1]?.text === 'await') return null;
  const line = restOfLine(toks, i);
  const inAt = line.findIndex((x) => x.text === 'in');
  if (inAt < 2) return null;
  const target = text(line.slice(1, inAt));
  const iter = text(line.slice(inAt + 1, line.at(-1)?.text === ':' ? -1 : undefined));
  if (toks[i].inside === '[') return null; // a comprehension: its own rule
  const m = /^range\(\s*len\((.*)\)\s*\)$/.exec(iter);
  if (m) return { message: `\`for ${target} in ${iter}:\` is Python's loop.`, hint: `Write \`for (let ${target} = 0; ${target} < len(${m[1]}); ${target}++) { … }\` (or \`for (const [${target}, x] of enumerate(${m[1]}))\`).` };
  const targetJs = target.includes(',') ? `[${target}]` : target;
  return { message: `\`for ${target} in ${iter}:\` is Python's loop.`, hint: `Write \`for (const ${targetJs} of ${iter}) { … }\`.` };
};

const classHabit: Rule = (toks, i) => {
  if (toks[i].text !== 'class' || toks[i + 1]?.kind !== 'name') return null;
  const line = restOfLine(toks, i);
  if (line[2]?.text !== '(' && line[2]?.text !== ':') return null;
  const base = line[2].text === '(' ? text(line.slice(3, line.findIndex((x) => x.text === ')'))) : '';
  return { message: `\`class ${toks[i + 1].text}${base ? `(${base})` : ''}:\` is Python's class.`, hint: `Write \`class ${toks[i + 1].text}${base ? ` extends ${base}` : ''} { constructor() { super(); … } forward(x) { … } }\`.` };
};

const kwargsHabit: Rule = (toks, i) =>
  toks[i].text === '**' && (toks[i - 1]?.text === '(' || toks[i - 1]?.text === ',') && toks[i + 1]?.kind === 'name'
    ? { message: `\`**${toks[i + 1].text}\` is Python's keyword-argument unpacking.`, hint: `Pass an options object: \`f(x, { ...${toks[i + 1].text} })\`, and in a definition take \`opts = {}\`.` }
    : null;

const fstringHabit: Rule = (toks, i) => {
  const t = toks[i];
  if (t.kind !== 'fstr') return null;
  const body = t.text.slice(2, -1).replace(/\{([^{}]*)\}/g, (_, e: string) => '${' + e.replace(/:[^:]*$/, '') + '}');
  const inPrint = toks[i - 1]?.text === '(' && toks[i - 2]?.text === 'print';
  return { message: inPrint ? '`print(f"…")`: f-strings are Python\'s.' : '`f"…"` is a Python f-string.', hint: `Write a template literal: \`${inPrint ? 'print(' : ''}\\\`${body}\\\`${inPrint ? ')' : ''}\` (backticks, \${…} around expressions; .toFixed(4) for a :.4f format).` };
};

const keywordSwap = (py: string, js: string, what: string): Rule => (toks, i) => {
  const t = toks[i];
  if (t.kind !== 'name' || t.text !== py) return null;
  if (py === 'not') return startsExpr(toks[i + 1]) && !endsExpr(toks[i - 1]) ? { message: '`not` is Python\'s negation.', hint: 'Write `!x`.' } : null;
  if (!endsExpr(toks[i - 1]) || !startsExpr(toks[i + 1])) return null;
  return { message: `\`${py}\` is Python's ${what}.`, hint: `Write \`${js}\`.` };
};

const isHabit: Rule = (toks, i) => {
  // (`(x): x is Tensor` is a TypeScript type predicate)
  if (toks[i].text !== 'is' || !endsExpr(toks[i - 1]) || toks[i - 2]?.text === ':') return null;
  const not = toks[i + 1]?.text === 'not';
  const rhs = toks[i + (not ? 2 : 1)];
  if (!rhs || !startsExpr(rhs)) return null;
  const v = PY_LITERALS[rhs.text] ?? rhs.text;
  return { message: `\`is${not ? ' not' : ''}\` is Python's identity test.`, hint: `Write \`x ${not ? '!==' : '==='} ${v}\`.` };
};

const literalHabit: Rule = (toks, i) => {
  const t = toks[i];
  const js = PY_LITERALS[t.text];
  if (!js || t.kind !== 'name' || toks[i - 1]?.text === '.' || toks[i + 1]?.text === ':') return null;
  return { message: `\`${t.text}\` is Python's; JavaScript writes it \`${js}\`.`, hint: `Write \`${js}\`.` };
};

const blockHabit = (kw: string, js: (h: string) => string, what: string): Rule => (toks, i) => {
  const t = toks[i];
  if (t.text !== kw || !t.first || !endsWithColon(toks, i) || toks[i + 1]?.text === '(' && kw !== 'if' && kw !== 'while') return null;
  const h = text(header(toks, i));
  return { message: `\`${kw}${h ? ' ' + h : ''}:\` is Python's ${what}.`, hint: `Write \`${js(h.replace(/^\((.*)\)$/, '$1'))}\` (braces, not indentation, make the block).` };
};

const lambdaHabit: Rule = (toks, i) => {
  if (toks[i].text !== 'lambda') return null;
  const colon = toks.findIndex((x, k) => k > i && x.text === ':');
  if (colon < 0) return null;
  const params = text(toks.slice(i + 1, colon));
  return { message: `\`lambda ${params}: …\` is Python's anonymous function.`, hint: `Write an arrow function: \`(${params}) => …\`.` };
};

const comprehensionHabit: Rule = (toks, i) => {
  if (toks[i].text !== '[' || toks[i].index) return null;
  const close = closing(toks, i);
  const forAt = toks.findIndex((x, k) => k > i && k < close && x.text === 'for' && x.inside === '[' && toks[k + 1]?.text !== '(');
  if (close < 0 || forAt < 0) return null;
  const inAt = toks.findIndex((x, k) => k > forAt && k < close && x.text === 'in');
  if (inAt < 0) return null;
  const expr = text(toks.slice(i + 1, forAt));
  const v = text(toks.slice(forAt + 1, inAt));
  const xs = text(toks.slice(inAt + 1, close));
  return { message: `\`[${expr} for ${v} in ${xs}]\` is Python's list comprehension.`, hint: `Write \`[...${xs}].map((${v}) => ${expr})\` (add .filter(…) for an \`if\`).` };
};

const RULES: [string, Rule][] = [
  ['import', importHabit],
  ['from-import', fromImportHabit],
  ['slice', sliceHabit],
  ['matmul', matmulHabit],
  ['with', withHabit],
  ['def', defHabit],
  ['for-in', forInHabit],
  ['class', classHabit],
  ['kwargs', kwargsHabit],
  ['f-string', fstringHabit],
  ['and', keywordSwap('and', 'a && b', 'boolean and')],
  ['or', keywordSwap('or', 'a || b', 'boolean or')],
  ['not', keywordSwap('not', '!x', 'negation')],
  ['is', isHabit],
  ['literal', literalHabit],
  ['elif', (toks, i) => (toks[i].text === 'elif' && toks[i].kind === 'name' && toks[i - 1]?.text !== '.' && !['=', ':', '.'].includes(toks[i + 1]?.text ?? '') ? { message: '`elif` is Python\'s else-if.', hint: `Write \`} else if (${text(header(toks, i).length ? header(toks, i) : restOfLine(toks, i).slice(1)).replace(/^\((.*)\)\s*\{?$/, '$1').replace(/\s*\{$/, '')}) {\`.` } : null)],
  ['if', blockHabit('if', (h) => `if (${h}) { … }`, 'if block')],
  ['while', blockHabit('while', (h) => `while (${h}) { … }`, 'while loop')],
  ['else', blockHabit('else', () => '} else { … }', 'else block')],
  ['try', blockHabit('try', () => 'try { … } catch (e) { … }', 'try block')],
  ['except', blockHabit('except', (h) => `} catch (${h.split(' as ')[1] ?? 'e'}) { … }`, 'exception handler')],
  ['lambda', lambdaHabit],
  ['comprehension', comprehensionHabit],
  ['pass', (toks, i) => (toks[i].text === 'pass' && toks[i].first && restOfLine(toks, i).length === 1 ? { message: '`pass` is Python\'s empty statement.', hint: 'Write an empty block `{}` (or nothing).' } : null)],
  ['raise', (toks, i) => (toks[i].text === 'raise' && toks[i].first ? { message: '`raise` is Python\'s.', hint: `Write \`throw new ${text(restOfLine(toks, i).slice(1)).replace(/^(?!(?:Type|Range|Syntax|Reference)?Error\b)\w+(?=\()/, 'Error') || 'Error(…)'}\`.` } : null)],
  ['assert', (toks, i) => (toks[i].text === 'assert' && toks[i].first && toks[i + 1]?.text !== '(' ? { message: '`assert cond, msg` is Python\'s.', hint: 'Write `if (!(cond)) throw new Error(msg)`.' } : null)],
  // `torch.randn(())`, `torch.zeros((), dtype)`: the empty tuple (a 0-d shape) is not JavaScript (an arrow's `() =>` is)
  ['empty-tuple', (toks, i) => (toks[i].text === '(' && toks[i + 1]?.text === ')' && ['(', ','].includes(toks[i - 1]?.text ?? '') && toks[i + 2]?.text !== '=>'
    ? { message: '`()` is Python\'s empty tuple (a 0-d shape).', hint: 'Write `[]`: `torch.randn([])` is a 0-d tensor.' } : null)],
  ['hash-comment', (toks, i) => (toks[i].kind === 'hash' ? { message: '`#` starts a comment in Python only.', hint: `Write \`//${toks[i].text.slice(1)}\`.` } : null)],
];

/** Every Python habit in `source`'s tokens, in source order (for tests and the docs). */
export function pythonHabits(source: string): (Habit & { rule: string })[] {
  const toks = pyTokens(source);
  const out: (Habit & { rule: string })[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].kind === 'comment') continue;
    for (const [rule, fn] of RULES) {
      const h = fn(toks, i);
      if (h) {
        out.push({ ...h, rule, line: toks[i].line, column: toks[i].column });
        break;
      }
    }
  }
  return out;
}

/** The habit that explains a parse error at (line, column): the first one on that line, else the first before it. */
export function pythonHabit(source: string, line: number, _column: number): Habit | null {
  let habits: Habit[];
  try {
    habits = pythonHabits(source);
  } catch {
    return null; // the hint is a courtesy: never let it hide the parser's own error
  }
  return habits.find((h) => h.line === line) ?? habits.find((h) => h.line < line) ?? null;
}
