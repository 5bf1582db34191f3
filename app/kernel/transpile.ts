// The cell transpiler: TypeScript → JavaScript (sucrase), then a rewrite on a real parse tree
// (acorn + magic-string) that gives cells Jupyter's semantics:
//
//   - one shared scope: top-level `const/let/var/class` become assignments to `__scope.name`
//     (the runtime makes them globals of the kernel worker), top-level functions stay hoisted
//     and are published at the start of the cell; re-running `const model = …` just rebinds;
//   - top-level `await` (the cell body runs inside an async function);
//   - the last expression statement becomes the cell's value (`return (…)`);
//   - `import … from "torch"` / `"torchvision/models"` → `__import("…")`;
//   - arithmetic `+ - * / ** %`, unary `-` and their compound assignments → `__op.add(a, b)` …,
//     which uses tensor ops when an operand is a tensor and JS arithmetic otherwise;
//   - every `await x` → `__await(await x)`, a cooperative interrupt check after each resumption;
//   - reads that PyTorch does synchronously, `E.item()`, `E.tolist()`, `E.data()`, `E.numpy()`,
//     `E.cpu()`, `E.to(…)`: in async contexts (the cell's top level, async functions) →
//     `__op.unbox(__await(await __op.read(E, "item")))`, which answers a CPU tensor at once and
//     awaits a WebGPU tensor's readback; in sync functions → `__op.readSync(E, "item")`, where a
//     CPU tensor answers and a GPU readback is an error that says what to do (app/kernel/ops.ts).
//
// Lines are preserved end to end (sucrase keeps lines; our edits never add or drop a newline),
// and both stages have source maps, so a position in the generated body maps back to the cell.
import { transform } from 'sucrase';
import { parse, type Options as AcornOptions } from 'acorn';
import MagicString from 'magic-string';
import { TraceMap, originalPositionFor, LEAST_UPPER_BOUND, type SourceMapInput } from '@jridgewell/trace-mapping';

/** The names the generated body expects as parameters of its async function, in order. */
export const CELL_PARAMS = ['__op', '__scope', '__await', '__import'] as const;

export interface TranspiledCell {
  /** Body of an `async function (__op, __scope, __await, __import)`. */
  code: string;
  /** Names this cell declares at top level, in order. */
  declared: string[];
  /** Whether the body returns the value of the cell's last expression. */
  hasResult: boolean;
  /** Maps a 1-based line and 1-based column of `code` back to the cell's own source. */
  mapToCell(line: number, column: number): { line: number; column: number } | null;
}

/** A syntax error, positioned in the cell's own source (1-based line and column). */
export class CellSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

/** Method calls rewritten as reads, with the argument counts PyTorch code uses for them. */
const READS: Record<string, (n: number) => boolean> = {
  item: (n) => n === 0,
  tolist: (n) => n === 0,
  data: (n) => n === 0,
  numpy: (n) => n === 0,
  cpu: (n) => n === 0,
  to: (n) => n >= 1,
};
/** `E.item().then(…)`: the Promise is wanted; leave the call alone. */
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

const ARITH: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow', '%': 'mod' };
const COMPOUND: Record<string, string> = { '+=': 'iadd', '-=': 'isub', '*=': 'imul', '/=': 'idiv', '**=': 'ipow', '%=': 'imod' };

type Node = { type: string; start: number; end: number; [k: string]: any };
interface Token { start: number; end: number; value: unknown; label: string }

const ACORN: AcornOptions = { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, allowHashBang: true };

export function transpileCell(source: string): TranspiledCell {
  // 1. TypeScript → JavaScript. `keepUnusedImports`: an import used only by later cells must stay.
  let js: string;
  let jsMap: SourceMapInput;
  try {
    const out = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: 'cell.ts',
      sourceMapOptions: { compiledFilename: 'cell.js' },
    });
    js = out.code;
    jsMap = out.sourceMap as SourceMapInput;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    // sucrase: "Error transforming cell.ts: Unexpected token (line 5, column 1)" → "Unexpected token"
    const msg = err.message.replace(/^Error transforming [^:]*:\s*/, '').replace(/\s*\((?:line )?\d+(?::|, column )\d+\)$/, '');
    throw new CellSyntaxError(msg, err.loc?.line ?? 1, err.loc?.column ?? 1);
  }
  let sucraseTrace: TraceMap | null = null;
  const sucraseMap = () => (sucraseTrace ??= new TraceMap(jsMap));

  // 2. Parse the JavaScript, keeping the tokens so edits can target exact operator tokens.
  const tokens: Token[] = [];
  let program: Node;
  try {
    program = parse(js, {
      ...ACORN,
      onToken: (t) => tokens.push({ start: t.start, end: t.end, value: (t as unknown as { value: unknown }).value, label: t.type.label }),
    }) as unknown as Node;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const pos = err.loc ? mapThrough(sucraseMap(), err.loc.line, err.loc.column) : null;
    throw new CellSyntaxError(err.message.replace(/\s*\(\d+:\d+\)$/, ''), pos?.line ?? err.loc?.line ?? 1, pos?.column ?? (err.loc ? err.loc.column + 1 : 1));
  }

  const rw = new Rewriter(js, tokens);
  const declared: string[] = [];
  const hoisted: string[] = [];
  const body = program.body as Node[];
  let hasResult = false;

  body.forEach((stmt, i) => {
    let s = stmt;
    if (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') {
      const exportTok = rw.tokenAt(s.start);
      if (!s.declaration) {
        rw.blank(s.start, s.end); // `export { a, b }`: nothing to do in a notebook
        return;
      }
      // Drop `export` (and `default`), keep what follows.
      rw.update(exportTok.start, s.declaration.start, '');
      s = s.declaration;
      if (stmt.type === 'ExportDefaultDeclaration' && !/Declaration$/.test(s.type)) {
        rw.walk(s);
        return;
      }
    }
    switch (s.type) {
      case 'ImportDeclaration':
        rw.rewriteImport(s, declared);
        return;
      case 'VariableDeclaration':
        rw.rewriteDeclaration(s, declared);
        return;
      case 'FunctionDeclaration':
        if (s.id) {
          hoisted.push(s.id.name);
          declared.push(s.id.name);
        }
        rw.walk(s);
        return;
      case 'ClassDeclaration':
        declared.push(s.id.name);
        rw.insert(s.start, `__scope.${s.id.name} = `);
        rw.walk(s);
        rw.insert(s.end, ';');
        return;
      case 'ExpressionStatement':
        if (i === body.length - 1 && s.expression.type !== 'AssignmentExpression' && !s.directive) {
          rw.insert(s.expression.start, 'return (');
          rw.walk(s.expression);
          rw.insert(s.expression.end, ')');
          hasResult = true;
          return;
        }
        rw.walk(s);
        return;
      default:
        rw.walk(s);
    }
  });

  const prefix = '"use strict";' + hoisted.map((n) => `__scope.${n} = ${n};`).join('');
  rw.ms.prepend(prefix);
  const code = rw.ms.toString();
  // The maps are only needed when something fails: build them then.
  let rwTrace: TraceMap | null = null;
  const rewriteMap = () => (rwTrace ??= new TraceMap(rw.ms.generateMap({ hires: true, source: 'cell.js' }) as unknown as SourceMapInput));

  return {
    code,
    declared: [...new Set(declared)],
    hasResult,
    mapToCell(line, column) {
      const mid = mapThrough(rewriteMap(), line, column - 1);
      if (!mid) return null;
      return mapThrough(sucraseMap(), mid.line, mid.column - 1) ?? { line: mid.line, column: mid.column };
    },
  };
}

/** 1-based line, 0-based column in the generated text → 1-based line and column in its source. */
function mapThrough(trace: TraceMap, line: number, column: number): { line: number; column: number } | null {
  let p = originalPositionFor(trace, { line, column: Math.max(0, column) });
  if (p.line == null) p = originalPositionFor(trace, { line, column: Math.max(0, column), bias: LEAST_UPPER_BOUND });
  if (p.line == null || p.column == null) return null;
  return { line: p.line, column: p.column + 1 };
}

/** Collects the edits; overwrites keep insertions at their edges (`update` is content-only). */
class Rewriter {
  readonly ms: MagicString;
  /** Whether the innermost function being walked is async (the cell's own body is). */
  private readonly asyncStack: boolean[] = [true];

  constructor(
    private readonly js: string,
    private readonly tokens: Token[],
  ) {
    this.ms = new MagicString(js);
  }

  insert(at: number, text: string): void {
    this.ms.appendLeft(at, text);
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

  rewriteImport(s: Node, declared: string[]): void {
    const mod = JSON.stringify(s.source.value);
    const parts: string[] = [];
    for (const spec of s.specifiers as Node[]) {
      const local = spec.local.name as string;
      declared.push(local);
      if (spec.type === 'ImportNamespaceSpecifier') parts.push(`__scope.${local} = __import(${mod});`);
      else if (spec.type === 'ImportDefaultSpecifier') parts.push(`__scope.${local} = __import(${mod}, "default");`);
      else {
        const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
        parts.push(`__scope.${local} = __import(${mod})[${JSON.stringify(imported)}];`);
      }
    }
    this.blank(s.start, s.end, parts.length ? parts.join(' ') : `__import(${mod});`);
  }

  /** `const a = 1, {b, c: [d]} = e;` → `;(__scope.a = 1, {b: __scope.b, c: [__scope.d]} = e);` */
  rewriteDeclaration(s: Node, declared: string[]): void {
    const decls = s.declarations as Node[];
    const kind = this.tokenAt(s.start);
    this.update(kind.start, kind.end, ';(');
    decls.forEach((d) => {
      if (d.id.type === 'Identifier') {
        this.update(d.id.start, d.id.end, `__scope.${d.id.name}`);
        declared.push(d.id.name);
      } else {
        this.rewritePattern(d.id, declared);
      }
      if (d.init) this.walk(d.init);
      else this.insert(d.id.end, ' = undefined');
    });
    this.insert(decls[decls.length - 1].end, ')');
  }

  private rewritePattern(p: Node | null, declared: string[]): void {
    if (!p) return;
    switch (p.type) {
      case 'Identifier':
        this.update(p.start, p.end, `__scope.${p.name}`);
        declared.push(p.name);
        return;
      case 'ObjectPattern':
        for (const prop of p.properties as Node[]) {
          if (prop.type === 'RestElement') {
            this.rewritePattern(prop.argument, declared);
          } else if (prop.shorthand) {
            // `{a}` / `{a = 1}`: the key doubles as the binding; spell the target out.
            const name = prop.key.name as string;
            this.update(prop.key.start, prop.key.end, `${name}: __scope.${name}`);
            declared.push(name);
            if (prop.value.type === 'AssignmentPattern') this.walk(prop.value.right);
          } else {
            if (prop.computed) this.walk(prop.key);
            this.rewritePattern(prop.value, declared);
          }
        }
        return;
      case 'ArrayPattern':
        for (const el of p.elements as (Node | null)[]) this.rewritePattern(el, declared);
        return;
      case 'AssignmentPattern':
        this.rewritePattern(p.left, declared);
        this.walk(p.right);
        return;
      case 'RestElement':
        this.rewritePattern(p.argument, declared);
        return;
      default:
        this.walk(p);
    }
  }

  /** Rewrite operators and awaits everywhere below `node` (pre-order, so outer calls come first). */
  walk(node: Node | null | undefined): void {
    if (!node || typeof node.type !== 'string') return;
    switch (node.type) {
      case 'BinaryExpression': {
        const name = ARITH[node.operator as string];
        if (name && !bothLiteral(node.left, node.right)) {
          const op = this.findToken(node.left.end, node.right.start, node.operator);
          this.update(op.start, op.end, ',');
          this.insert(node.start, `__op.${name}(`);
          this.walk(node.left);
          this.walk(node.right);
          this.insert(node.end, ')');
          return;
        }
        break;
      }
      case 'UnaryExpression':
        if (node.operator === '-' && !isLiteral(node.argument)) {
          const op = this.tokenAt(node.start);
          this.update(op.start, op.end, '__op.neg(');
          this.walk(node.argument);
          this.insert(node.end, ')');
          return;
        }
        break;
      case 'AssignmentExpression': {
        const name = COMPOUND[node.operator as string];
        if (name) {
          this.compound(node, name);
          return;
        }
        break;
      }
      case 'ArrayExpression':
        if (hasFloatLiteral(node)) {
          this.insert(node.start, '__op.floats(');
          for (const c of node.elements) this.walk(c);
          this.insert(node.end, ')');
          return;
        }
        break;
      case 'AwaitExpression':
        this.insert(node.start, '__await(');
        if (isRead(node.argument)) this.rewriteRead(node.argument, 'awaited');
        else this.walk(node.argument);
        this.insert(node.end, ')');
        return;
      case 'CallExpression':
        if (isRead(node)) {
          this.rewriteRead(node, this.asyncStack[this.asyncStack.length - 1] ? 'async' : 'sync');
          return;
        }
        break;
      case 'MemberExpression':
        // `t.item().then(…)`: the caller wants the Promise.
        if (!node.computed && PROMISE_METHODS.has(node.property.name) && isRead(node.object)) {
          this.walk(node.object.callee.object);
          for (const a of node.object.arguments) this.walk(a);
          return;
        }
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        // parameter defaults cannot await, even in an async function
        this.asyncStack.push(false);
        for (const p of node.params) this.walk(p);
        this.asyncStack[this.asyncStack.length - 1] = node.async === true;
        this.walk(node.body);
        this.asyncStack.pop();
        return;
      case 'PropertyDefinition':
      case 'StaticBlock':
        // class fields and static blocks run synchronously (in the constructor / at definition)
        if (node.computed) this.walk(node.key);
        this.asyncStack.push(false);
        if (node.type === 'StaticBlock') for (const b of node.body) this.walk(b);
        else this.walk(node.value);
        this.asyncStack.pop();
        return;
    }
    for (const key in node) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
      const v = node[key];
      if (Array.isArray(v)) for (const c of v) this.walk(c);
      else if (v && typeof v === 'object' && typeof v.type === 'string') this.walk(v);
    }
  }

  /**
   * `E.item()` → `__op.unbox(__await(await __op.read(E, "item")))` (async context),
   * `__await(await __op.readAwaited(E, "item"))` under the user's own `await`, or
   * `__op.readSync(E, "item")` (sync context); `E.to(d)` → `…(E, "to", d)`.
   */
  private rewriteRead(call: Node, mode: 'async' | 'awaited' | 'sync'): void {
    const member = call.callee;
    const name = member.property.name as string;
    const open = this.findToken(member.property.end, call.end, '(');
    const fn = mode === 'sync' ? 'readSync' : mode === 'awaited' ? 'readAwaited' : 'read';
    const head = mode === 'async' ? `__op.unbox(__await(await __op.${fn}(` : `__op.${fn}(`;
    this.insert(call.start, head);
    this.walk(member.object);
    // from the `.` (not the object's end: a parenthesized object keeps its `)`) to the `(`
    const dot = this.findToken(member.object.end, member.property.start, '.');
    this.update(dot.start, open.end, `, ${JSON.stringify(name)}${call.arguments.length ? ', ' : ''}`);
    for (const a of call.arguments) this.walk(a);
    if (mode === 'async') this.insert(call.end, '))');
  }

  /**
   * `x += y` → `x = __op.iadd(x, y)` (in place for tensors, as in PyTorch);
   * `o.p += y` → `__op.iset(o, "p", "iadd", y)`; `o[k] += y` → `__op.iset(o, k, "iadd", y)`
   * so the object and key are evaluated once.
   */
  private compound(node: Node, name: string): void {
    const left = node.left;
    const op = this.findToken(left.end, node.right.start, node.operator);
    if (left.type === 'Identifier') {
      this.update(op.start, op.end, `= __op.${name}(${left.name},`);
      this.walk(node.right);
      this.insert(node.end, ')');
      return;
    }
    if (left.type === 'MemberExpression' && left.object.type !== 'Super') {
      this.insert(node.start, '__op.iset(');
      this.walk(left.object);
      if (left.computed) {
        const open = this.findToken(left.object.end, left.property.start, '[');
        this.update(open.start, open.end, left.optional ? ',' : ',');
        this.walk(left.property);
        const close = this.findToken(left.property.end, op.start, ']');
        this.update(close.start, close.end, '');
      } else {
        const dot = this.findToken(left.object.end, left.property.start, '.');
        this.update(dot.start, left.property.end, `, ${JSON.stringify(left.property.name)}`);
      }
      this.update(op.start, op.end, `, ${JSON.stringify(name)},`);
      this.walk(node.right);
      this.insert(node.end, ')');
      return;
    }
    // Anything else (private fields, super.x): keep JS semantics.
    this.walk(left);
    this.walk(node.right);
  }
}

/** Whether an array literal holds a number written as a float (`1.0`, `2.`, `1e-3`), possibly nested or negated. */
function hasFloatLiteral(n: Node): boolean {
  for (const e of n.elements as (Node | null)[]) {
    if (!e) continue;
    const v = e.type === 'UnaryExpression' && e.operator === '-' ? e.argument : e;
    if (v.type === 'Literal' && typeof v.value === 'number' && /^[0-9]*\.[0-9]*(e[+-]?[0-9]+)?$|^[0-9.]+e[+-]?[0-9]+$/i.test(String(v.raw))) return true;
    if (v.type === 'ArrayExpression' && hasFloatLiteral(v)) return true;
  }
  return false;
}

/** `E.item()`, `E.to(d)`, …: a plain (not optional, not computed, not `super.`) call of a read method. */
function isRead(n: Node): boolean {
  if (n.type !== 'CallExpression' || n.optional) return false;
  const c = n.callee;
  if (c.type !== 'MemberExpression' || c.computed || c.optional || c.object.type === 'Super' || c.property.type !== 'Identifier') return false;
  const ok = READS[c.property.name as string];
  return ok !== undefined && Object.hasOwn(READS, c.property.name) && ok(n.arguments.length);
}

function isLiteral(n: Node): boolean {
  return (n.type === 'Literal' && (typeof n.value === 'number' || typeof n.value === 'bigint' || typeof n.value === 'string')) || (n.type === 'TemplateLiteral' && n.expressions.length === 0);
}

/** A constant expression (`1 + 2 * 3`, `-1`): no tensor can hide in it. */
function isConstant(n: Node): boolean {
  if (isLiteral(n)) return true;
  if (n.type === 'UnaryExpression') return (n.operator === '-' || n.operator === '+') && isConstant(n.argument);
  if (n.type === 'BinaryExpression') return n.operator in ARITH && isConstant(n.left) && isConstant(n.right);
  return false;
}

function bothLiteral(a: Node, b: Node): boolean {
  return isConstant(a) && isConstant(b);
}
