// Stage 2 of the cell transpiler: the cell's top level, which gives cells Jupyter's one shared
// scope. Top-level `const/let/var/class` become assignments to `__scope.name` (the runtime makes
// them globals of the kernel worker), top-level functions stay hoisted and are published at the
// start of the cell; re-running `const model = …` just rebinds. The last expression statement
// becomes the cell's value (`return (…)`); `import … from "torch"` → `__import("…")`.
import { ExprRewriter, type ExprOptions } from './transpile-expr';
import type { Node, Token } from './transpile-parse';

export interface RewrittenCell {
  rw: ExprRewriter;
  declared: string[];
  hoisted: string[];
  hasResult: boolean;
}

export function rewriteTopLevel(js: string, tokens: Token[], program: Node, opts: ExprOptions = {}): RewrittenCell {
  const rw = new ExprRewriter(js, tokens, opts);
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
        rewriteImport(rw, s, declared);
        return;
      case 'VariableDeclaration':
        rewriteDeclaration(rw, s, declared);
        return;
      case 'FunctionDeclaration':
        if (s.id) {
          hoisted.push(s.id.name);
          declared.push(s.id.name);
        }
        rw.walk(s);
        return;
      case 'ClassDeclaration':
        // callable without `new`, as a Python class is (`model = Net()`)
        declared.push(s.id.name);
        rw.insert(s.start, `__scope.${s.id.name} = __op.pyClass(`);
        rw.walk(s);
        rw.insert(s.end, ');');
        return;
      case 'ExpressionStatement':
        if (i === body.length - 1 && s.expression.type !== 'AssignmentExpression' && !s.directive) {
          // at the statement's start: a parenthesized expression (`(a + b)`) starts inside its parens
          rw.insert(s.start, 'return (');
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
  return { rw, declared, hoisted, hasResult };
}

function rewriteImport(rw: ExprRewriter, s: Node, declared: string[]): void {
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
  rw.blank(s.start, s.end, parts.length ? parts.join(' ') : `__import(${mod});`);
}

/** `const a = 1, {b, c: [d]} = e;` → `;(__scope.a = 1, {b: __scope.b, c: [__scope.d]} = e);` */
function rewriteDeclaration(rw: ExprRewriter, s: Node, declared: string[]): void {
  const decls = s.declarations as Node[];
  const kind = rw.tokenAt(s.start);
  rw.update(kind.start, kind.end, ';(');
  decls.forEach((d) => {
    if (d.id.type === 'Identifier') {
      rw.update(d.id.start, d.id.end, `__scope.${d.id.name}`);
      declared.push(d.id.name);
    } else {
      rewritePattern(rw, d.id, declared);
    }
    rw.nameFunction(d.id, d.init);
    if (d.init) rw.walk(d.init);
    else rw.insert(d.id.end, ' = undefined');
  });
  rw.insert(decls[decls.length - 1].end, ')');
}

function rewritePattern(rw: ExprRewriter, p: Node | null, declared: string[]): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier':
      rw.update(p.start, p.end, `__scope.${p.name}`);
      declared.push(p.name);
      return;
    case 'ObjectPattern':
      for (const prop of p.properties as Node[]) {
        if (prop.type === 'RestElement') {
          rewritePattern(rw, prop.argument, declared);
        } else if (prop.shorthand) {
          // `{a}` / `{a = 1}`: the key doubles as the binding; spell the target out.
          const name = prop.key.name as string;
          rw.update(prop.key.start, prop.key.end, `${name}: __scope.${name}`);
          declared.push(name);
          if (prop.value.type === 'AssignmentPattern') rw.walk(prop.value.right);
        } else {
          if (prop.computed) rw.walk(prop.key);
          rewritePattern(rw, prop.value, declared);
        }
      }
      return;
    case 'ArrayPattern':
      for (const el of p.elements as (Node | null)[]) rewritePattern(rw, el, declared);
      return;
    case 'AssignmentPattern':
      rewritePattern(rw, p.left, declared);
      rw.walk(p.right);
      return;
    case 'RestElement':
      rewritePattern(rw, p.argument, declared);
      return;
    default:
      rw.walk(p);
  }
}
