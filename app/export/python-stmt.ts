// TypeScript cell → Python, statements: declarations → assignments, loops → `for … in`, classes
// that extend nn.Module → a class with `__init__` (super().__init__() first) and `forward`,
// `torch.no_grad(() => {…})` → `with torch.no_grad():`, comments kept. A statement that cannot be
// translated becomes `# TODO(torchlit): <the original line>` and a warning; nothing is dropped.
import { parse, type Comment } from 'acorn';
import { transform } from 'sucrase';
import type * as E from 'estree';
import { dotted, ExprWriter, Untranslatable, type Ctx } from './python-expr';

type N = E.Node;
const IND = '    ';

export interface CellTranslation {
  code: string;
  /** One line per construct that became a TODO comment. */
  warnings: string[];
  imports: Set<string>;
}

const WITH_BLOCKS = /^torch\.(no_grad|enable_grad|inference_mode)$/;

export function translateCell(source: string, imports = new Set<string>()): CellTranslation {
  const warnings: string[] = [];
  let js: string;
  try {
    js = transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (e) {
    return { code: source.split('\n').map((l) => `# TODO(torchlit): ${l}`).join('\n'), warnings: [`not valid TypeScript: ${(e as Error).message}`], imports };
  }
  const comments: Comment[] = [];
  let program: E.Program;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, locations: true, onComment: comments }) as unknown as E.Program;
  } catch (e) {
    return { code: source.split('\n').map((l) => `# TODO(torchlit): ${l}`).join('\n'), warnings: [`could not parse: ${(e as Error).message}`], imports };
  }
  const jsLines = js.split('\n');
  let n = 0;
  let hoisted: string[] = [];
  const ctx: Ctx = {
    imports,
    todo(what) {
      throw new Untranslatable(what);
    },
    hoist(lines) {
      hoisted.push(...lines);
    },
    fresh: (p) => `${p}${++n}`,
    withBlock: null,
  };
  const ex = new ExprWriter(ctx);
  const w = new StmtWriter(ex, ctx, jsLines, comments, warnings);
  ex.onBlock = (b) => w.block(b.body as N[], 1, () => hoisted, (h) => (hoisted = h));
  const out = w.block(program.body as N[], 0, () => hoisted, (h) => (hoisted = h));
  return { code: out.join('\n').replace(/\n{3,}/g, '\n\n').trim(), warnings, imports };
}

class StmtWriter {
  private commentAt = 0;
  constructor(
    private readonly ex: ExprWriter,
    private readonly ctx: Ctx,
    private readonly lines: string[],
    private readonly comments: Comment[],
    private readonly warnings: string[],
  ) {}

  /** Comments that end before `line` (1-based), as Python comments. */
  private commentsBefore(line: number, depth: number): string[] {
    const out: string[] = [];
    while (this.commentAt < this.comments.length && this.comments[this.commentAt].loc!.start.line < line) {
      const c = this.comments[this.commentAt++];
      for (const l of c.value.split('\n')) {
        const t = l.replace(/^\s*\*?\s?/, '').trimEnd();
        if (c.type === 'Block' && !t) continue;
        out.push(`${IND.repeat(depth)}# ${t}`.trimEnd());
      }
    }
    return out;
  }

  /** Trailing `// …` on the statement's last line. */
  private trailing(end: number): string {
    const c = this.comments[this.commentAt];
    if (c && c.type === 'Line' && c.loc!.start.line === end) {
      this.commentAt++;
      return `  # ${c.value.trim()}`;
    }
    return '';
  }

  block(body: N[], depth: number, getHoist: () => string[], setHoist: (h: string[]) => void): string[] {
    const out: string[] = [];
    for (const s of body) {
      out.push(...this.commentsBefore(s.loc!.start.line, depth));
      const saved = getHoist();
      setHoist([]);
      let lines: string[];
      try {
        this.ctx.withBlock = null;
        lines = this.stmt(s, depth);
        // a `torch.no_grad(() => expr)` inside the statement: the whole statement runs under it
        if (this.ctx.withBlock) lines = [`${IND.repeat(depth)}with ${this.ctx.withBlock}():`, ...lines.map((l) => IND + l)];
      } catch (e) {
        if (!(e instanceof Untranslatable)) throw e;
        const original = this.lines.slice(s.loc!.start.line - 1, s.loc!.end.line);
        this.warnings.push(`line ${s.loc!.start.line}: ${e.message} (${original[0].trim().slice(0, 60)})`);
        lines = [`${IND.repeat(depth)}# TODO(torchlit): ${e.message}; translate by hand:`, ...original.map((l) => `${IND.repeat(depth)}# ${l}`.trimEnd())];
        setHoist([]);
      }
      const hoist = getHoist().map((l) => IND.repeat(depth) + l);
      setHoist(saved);
      const tail = this.trailing(s.loc!.end.line);
      if (tail && lines.length) lines[lines.length - 1] += tail;
      out.push(...hoist, ...lines);
    }
    if (depth > 0 && out.every((l) => !l.trim() || l.trim().startsWith('#'))) out.push(`${IND.repeat(depth)}pass`);
    return out;
  }

  private inner(s: N, depth: number): string[] {
    const body = s.type === 'BlockStatement' ? (s.body as N[]) : [s];
    const hoistBox = { h: [] as string[] };
    return this.block(body, depth, () => hoistBox.h, (h) => (hoistBox.h = h));
  }

  private stmt(s: N, depth: number): string[] {
    const pad = IND.repeat(depth);
    const x = (e: N) => this.ex.expr(e);
    switch (s.type) {
      case 'ImportDeclaration':
        return []; // torch imports: the notebook's first cell has them
      case 'EmptyStatement':
        return [];
      case 'VariableDeclaration':
        return s.declarations.flatMap((d) => {
          if (!d.init) return [`${pad}${this.ex.pattern(d.id as N)} = None`];
          return [`${pad}${this.ex.pattern(d.id as N)} = ${x(d.init as N)}`];
        });
      case 'ExpressionStatement':
        return this.exprStmt(s.expression as N, depth);
      case 'ReturnStatement': {
        return [`${pad}return${s.argument ? ' ' + x(s.argument as N) : ''}`];
      }
      case 'IfStatement': {
        const out = [`${pad}if ${x(s.test as N)}:`, ...this.inner(s.consequent as N, depth + 1)];
        let alt = s.alternate as N | null | undefined;
        while (alt && alt.type === 'IfStatement') {
          out.push(`${pad}elif ${x(alt.test as N)}:`, ...this.inner(alt.consequent as N, depth + 1));
          alt = alt.alternate as N | null | undefined;
        }
        if (alt) out.push(`${pad}else:`, ...this.inner(alt, depth + 1));
        return out;
      }
      case 'ForOfStatement': {
        const left = s.left.type === 'VariableDeclaration' ? this.ex.pattern(s.left.declarations[0].id as N) : this.ex.pattern(s.left as N);
        return [`${pad}for ${left} in ${x(s.right as N)}:`, ...this.inner(s.body as N, depth + 1)];
      }
      case 'ForStatement':
        return this.forLoop(s, depth);
      case 'WhileStatement':
        return [`${pad}while ${x(s.test as N)}:`, ...this.inner(s.body as N, depth + 1)];
      case 'BreakStatement':
        return [`${pad}break`];
      case 'ContinueStatement':
        return [`${pad}continue`];
      case 'BlockStatement':
        return this.inner(s, depth);
      case 'ThrowStatement':
        return [`${pad}raise ${x(s.argument as N)}`];
      case 'TryStatement': {
        const out = [`${pad}try:`, ...this.inner(s.block as N, depth + 1)];
        if (s.handler) out.push(`${pad}except Exception${s.handler.param ? ` as ${this.ex.pattern(s.handler.param as N)}` : ''}:`, ...this.inner(s.handler.body as N, depth + 1));
        if (s.finalizer) out.push(`${pad}finally:`, ...this.inner(s.finalizer as N, depth + 1));
        return out;
      }
      case 'FunctionDeclaration': {
        const params = s.params.map((p) => this.ex.param(p as N)).join(', ');
        return [`${pad}def ${s.id!.name}(${params}):`, ...this.inner(s.body as N, depth + 1)];
      }
      case 'ClassDeclaration':
        return this.classDecl(s, depth);
      case 'ExportNamedDeclaration':
        return s.declaration ? this.stmt(s.declaration as N, depth) : [];
      default:
        return this.ctx.todo(`a ${s.type}`);
    }
  }

  /** `torch.no_grad(() => { … })` as a statement: a `with` block around the body. */
  private withStatement(e: N, depth: number): string[] | null {
    if (e.type !== 'CallExpression' || !WITH_BLOCKS.test(dotted(e.callee as N) ?? '') || e.arguments.length !== 1) return null;
    const f = e.arguments[0] as N;
    if ((f.type !== 'ArrowFunctionExpression' && f.type !== 'FunctionExpression') || f.body.type !== 'BlockStatement' || f.params.length) return null;
    return [`${IND.repeat(depth)}with ${dotted(e.callee as N)}():`, ...this.inner(f.body as N, depth + 1)];
  }

  private exprStmt(e: N, depth: number): string[] {
    const pad = IND.repeat(depth);
    const withBlock = this.withStatement(e, depth);
    if (withBlock) return withBlock;
    if (e.type === 'AssignmentExpression') {
      const t = this.ex.pattern(e.left as N);
      if (e.operator === '=') return [`${pad}${t} = ${this.ex.expr(e.right as N)}`];
      if (['+=', '-=', '*=', '/=', '%=', '**='].includes(e.operator)) return [`${pad}${t} ${e.operator} ${this.ex.expr(e.right as N)}`];
      if (e.operator === '??=') return [`${pad}if ${t} is None:`, `${pad}${IND}${t} = ${this.ex.expr(e.right as N)}`];
      return this.ctx.todo(`the ${e.operator} operator`);
    }
    if (e.type === 'UpdateExpression') return [`${pad}${this.ex.pattern(e.argument as N)} ${e.operator === '++' ? '+=' : '-='} 1`];
    if (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && !e.callee.computed && (e.callee.property as E.Identifier).name === 'forEach') {
      const f = e.arguments[0] as N;
      if ((f.type === 'ArrowFunctionExpression' || f.type === 'FunctionExpression') && f.params.length === 1) {
        const body = f.body.type === 'BlockStatement' ? this.inner(f.body as N, depth + 1) : [`${pad}${IND}${this.ex.expr(f.body as N)}`];
        return [`${pad}for ${this.ex.pattern(f.params[0] as N)} in ${this.ex.expr(e.callee.object as N)}:`, ...body];
      }
    }
    return [`${pad}${this.ex.expr(e)}`];
  }

  /** Counted loops → `range`; anything else → `while`. */
  private forLoop(s: E.ForStatement, depth: number): string[] {
    const pad = IND.repeat(depth);
    const init = s.init;
    const decl = init?.type === 'VariableDeclaration' && init.declarations.length === 1 ? init.declarations[0] : null;
    const v = decl && decl.id.type === 'Identifier' ? decl.id.name : null;
    const test = s.test;
    const upd = s.update;
    if (v && decl!.init && test?.type === 'BinaryExpression' && test.left.type === 'Identifier' && test.left.name === v && ['<', '<=', '>', '>='].includes(test.operator)) {
      let step: string | null = null;
      if (upd?.type === 'UpdateExpression' && upd.argument.type === 'Identifier' && upd.argument.name === v) step = upd.operator === '++' ? '1' : '-1';
      else if (upd?.type === 'AssignmentExpression' && upd.left.type === 'Identifier' && upd.left.name === v && (upd.operator === '+=' || upd.operator === '-=')) step = `${upd.operator === '-=' ? '-' : ''}${this.ex.expr(upd.right as N, 13)}`;
      if (step !== null) {
        const start = this.ex.expr(decl!.init as N);
        let stop = this.ex.expr(test.right as N, 11);
        if (test.operator === '<=') stop = /^\d+$/.test(stop) ? String(Number(stop) + 1) : `${stop} + 1`;
        if (test.operator === '>=') stop = /^\d+$/.test(stop) ? String(Number(stop) - 1) : `${stop} - 1`;
        const args = step === '1' ? (start === '0' ? stop : `${start}, ${stop}`) : `${start}, ${stop}, ${step}`;
        return [`${pad}for ${v} in range(${args}):`, ...this.inner(s.body as N, depth + 1)];
      }
    }
    const out: string[] = [];
    if (init) out.push(...(init.type === 'VariableDeclaration' ? this.stmt(init, depth) : this.exprStmt(init as N, depth)));
    out.push(`${pad}while ${test ? this.ex.expr(test as N) : 'True'}:`, ...this.inner(s.body as N, depth + 1));
    if (upd) out.push(...this.exprStmt(upd as N, depth + 1));
    return out;
  }

  /** `class Net extends nn.Module { fc = nn.Linear(1, 8); forward(x) {…} }` → a Python class. */
  private classDecl(c: E.ClassDeclaration, depth: number): string[] {
    const pad = IND.repeat(depth);
    const base = c.superClass ? this.ex.expr(c.superClass as N) : '';
    const out = [`${pad}class ${c.id!.name}${base ? `(${base})` : ''}:`];
    const fields = c.body.body.filter((m): m is E.PropertyDefinition => m.type === 'PropertyDefinition' && !m.static);
    const ctor = c.body.body.find((m): m is E.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
    const inner = IND.repeat(depth + 1);
    if (fields.length || ctor) {
      const params = ctor ? ctor.value.params.map((p) => this.ex.param(p as N)) : [];
      out.push(`${inner}def __init__(${['self', ...params].join(', ')}):`);
      const body: string[] = [];
      const ctorBody = (ctor?.value.body.body ?? []) as N[];
      const superCall = ctorBody.findIndex((s) => s.type === 'ExpressionStatement' && s.expression.type === 'CallExpression' && s.expression.callee.type === 'Super');
      const args = superCall >= 0 ? this.ex.args('', ((ctorBody[superCall] as E.ExpressionStatement).expression as E.CallExpression).arguments as N[]) : '';
      if (base) body.push(`${inner}${IND}super().__init__(${args})`);
      for (const f of fields) {
        const key = f.key.type === 'Identifier' ? f.key.name : this.ctx.todo('a computed class field');
        body.push(`${inner}${IND}self.${key} = ${f.value ? this.ex.expr(f.value as N) : 'None'}`);
      }
      const rest = ctorBody.filter((_, i) => i !== superCall);
      const hoistBox = { h: [] as string[] };
      if (rest.length) body.push(...this.block(rest, depth + 2, () => hoistBox.h, (h) => (hoistBox.h = h)));
      out.push(...(body.length ? body : [`${inner}${IND}pass`]));
    }
    for (const m of c.body.body) {
      if (m.type !== 'MethodDefinition' || m.kind === 'constructor') continue;
      const name = m.key.type === 'Identifier' ? m.key.name : this.ctx.todo('a computed method name');
      const params = ['self', ...m.value.params.map((p) => this.ex.param(p as N))].join(', ');
      if (m.kind === 'get') out.push(`${inner}@property`);
      out.push(`${inner}def ${name}(${params}):`, ...this.inner(m.value.body as N, depth + 2));
    }
    if (out.length === 1) out.push(`${inner}pass`);
    return out;
  }
}
