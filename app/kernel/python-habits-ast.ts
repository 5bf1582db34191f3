// Python habits that JavaScript parses but that would fail or mislead at run time, found on the
// parse tree before anything runs (the parse-error habits are in python-habits.ts):
//   - keyword arguments, `optim.SGD(params, lr=1e-3)`: in JS an assignment to an undeclared
//     name (a ReferenceError, or worse, a silent global) → `{ lr: 1e-3 }`;
//   - `True`, `False`, `None` → `true`, `false`, `null`;
//   - `self.x` in a class body (in a worker `self` is the global scope) → `this.x`;
//   - `x[1, 2]` (the comma operator: it reads `x[2]`) → `x.index(1, 2)`;
//   - `a // 2` and `x //= 2` (Python's floor division; in JavaScript a comment) → `torch.floor_divide`.
// Names the cell declares itself are left alone: `let lr; f(lr = 0.1)` is deliberate JavaScript.
import type { Node } from './transpile-parse';

export interface AstHabit {
  message: string;
  hint: string;
  /** Offset in the parsed JavaScript. */
  pos: number;
}

const PY_LITERALS: Record<string, string> = { True: 'true', False: 'false', None: 'null' };

export function astHabit(program: Node, js: string, lineComments: readonly { start: number; end: number; text: string }[] = []): AstHabit | null {
  const declared = new Set<string>();
  collectDeclared(program, declared);
  const floor = floorDivision(js, lineComments, declared);
  if (floor) return floor;
  let found: AstHabit | null = null;
  const calleeName = (c: Node): string => (c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && !c.computed ? `${calleeName(c.object)}.${c.property.name}` : js.slice(c.start, c.end));
  const visit = (n: Node | null | undefined, parent: Node | null, inClass: boolean): void => {
    if (found || !n || typeof n.type !== 'string') return;
    if ((n.type === 'CallExpression' || n.type === 'NewExpression') && n.arguments.length) {
      const kw = (n.arguments as Node[]).filter((a) => a.type === 'AssignmentExpression' && a.operator === '=' && a.left.type === 'Identifier' && !declared.has(a.left.name));
      if (kw.length) {
        const fn = calleeName(n.callee);
        const obj = kw.map((a) => `${a.left.name}: ${js.slice(a.right.start, a.right.end)}`).join(', ');
        const first = kw[0];
        found = { pos: first.start, message: `\`${js.slice(first.start, first.end)}\` in a call is Python's keyword argument.`, hint: `Pass an options object: \`${fn}(${(n.arguments as Node[]).filter((a) => !kw.includes(a)).map((a) => js.slice(a.start, a.end)).concat(`{ ${obj} }`).join(', ')})\`.` };
        return;
      }
    }
    if (n.type === 'Identifier' && PY_LITERALS[n.name] && !declared.has(n.name) && isReference(n, parent)) {
      found = { pos: n.start, message: `\`${n.name}\` is Python's; JavaScript writes it \`${PY_LITERALS[n.name]}\`.`, hint: `Write \`${PY_LITERALS[n.name]}\`.` };
      return;
    }
    if (inClass && n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === 'self' && !declared.has('self')) {
      found = { pos: n.object.start, message: '`self.` in a class is Python\'s; in a kernel worker `self` is the global scope.', hint: `Write \`this.${n.computed ? '[…]' : n.property.name}\`.` };
      return;
    }
    // `x[1, 2]`, `input[range(n), target]`: Python's index of several dims; JavaScript's comma operator makes
    // it `x[2]`, a silently wrong value (a parenthesised `x[(a, b)]` is deliberate JavaScript)
    if (n.type === 'MemberExpression' && n.computed && n.property.type === 'SequenceExpression' && js.slice(n.object.end, n.property.start).trim().endsWith('[')) {
      const obj = js.slice(n.object.start, n.object.end);
      const keys = (n.property.expressions as Node[]).map((e) => js.slice(e.start, e.end)).join(', ');
      const assigned = parent?.type === 'AssignmentExpression' && parent.left === n;
      found = { pos: n.property.start, message: `\`${obj}[${keys}]\` is Python's index of several dimensions; in JavaScript the comma operator makes it \`${obj}[${js.slice(n.property.expressions.at(-1).start, n.property.expressions.at(-1).end)}]\`.`,
        hint: assigned ? `Write \`${obj}.index_put_([${keys}], value)\`.` : `Write \`${obj}.index(${keys})\`.` };
      return;
    }
    const cls = inClass || n.type === 'ClassBody';
    for (const key in n) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
      const v = n[key];
      if (Array.isArray(v)) for (const c of v) visit(c, n, cls);
      else if (v && typeof v === 'object' && typeof v.type === 'string') visit(v, n, cls);
    }
  };
  visit(program, null, false);
  return found;
}

/**
 * `a // 2` is Python's floor division; in JavaScript `//` starts a comment, so the line silently
 * means `a`. Flagged when a line comment follows the value of an assignment on its line
 * (`const half = i // 2`) and holds only a number or a name this cell declares (`n // batch_size`):
 * a comment of words (`x = model(x) // forward pass`) and a result noted after an expression
 * (`t.numel() // 6`, the reference's examples) are left alone.
 */
function floorDivision(js: string, comments: readonly { start: number; end: number; text: string }[], declared: Set<string>): AstHabit | null {
  for (const c of comments) {
    const inPlace = inPlaceFloorDivision(js, c);
    if (inPlace) return inPlace;
    const body = c.text.trim();
    const isNumber = /^\d+(\.\d+)?$/.test(body);
    if (!isNumber && !(/^[A-Za-z_$][\w$]*$/.test(body) && declared.has(body))) continue;
    const lineStart = js.lastIndexOf('\n', c.start - 1) + 1;
    const before = js.slice(lineStart, c.start).trimEnd();
    // only the value of an assignment on this line (`const half = i // 2`): an expression statement
    // followed by `// 1` is how examples note their result (`a._version // 1`), not a division
    const m = /(?:^|[^=!<>])=(?![=>])\s*([^=;]*[\w$)\]])$/.exec(before);
    if (!m) continue;
    const lhs = m[1].trim();
    return {
      pos: c.start,
      message: `\`${lhs} // ${body}\` is Python's floor division; in JavaScript \`//\` starts a comment, so this line means \`${lhs}\`.`,
      hint: `Write \`torch.floor_divide(${lhs}, ${body})\` for tensors, or \`Math.floor(${lhs} / ${body})\` for numbers.`,
    };
  }
  return null;
}

/**
 * `x //= 2` is Python's in-place floor division; JavaScript reads `x` and a comment `= 2`, so `x` is
 * silently unchanged. Flagged when the comment starts with `=` (not `==`) right after a name, `]` or `)`.
 */
function inPlaceFloorDivision(js: string, c: { start: number; text: string }): AstHabit | null {
  const m = /^=(?!=)\s*(\S.*?)\s*;?\s*$/.exec(c.text);
  if (!m) return null;
  const lineStart = js.lastIndexOf('\n', c.start - 1) + 1;
  const target = /([\w$.\])]+)\s*$/.exec(js.slice(lineStart, c.start));
  if (!target || !/[\w$)\]]$/.test(target[1])) return null;
  const [lhs, rhs] = [target[1], m[1]];
  return {
    pos: c.start,
    message: `\`${lhs} //= ${rhs}\` is Python's in-place floor division; in JavaScript \`//\` starts a comment, so this line leaves \`${lhs}\` unchanged.`,
    hint: `Write \`${lhs}.floor_divide_(${rhs})\` for a tensor, or \`${lhs} = Math.floor(${lhs} / ${rhs})\` for a number.`,
  };
}

/** Whether an identifier is read as a variable (not a property name, a key or a label). */
function isReference(n: Node, parent: Node | null): boolean {
  if (!parent) return true;
  if (parent.type === 'MemberExpression' && parent.property === n && !parent.computed) return false;
  if ((parent.type === 'Property' || parent.type === 'PropertyDefinition' || parent.type === 'MethodDefinition') && parent.key === n && !parent.computed) return parent.type === 'Property' && parent.shorthand;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  return true;
}

/** Every name the cell binds: variables, functions, classes, parameters, imports, catch clauses. */
function collectDeclared(n: Node | null | undefined, out: Set<string>): void {
  if (!n || typeof n.type !== 'string') return;
  const pattern = (p: Node | null | undefined): void => {
    if (!p) return;
    if (p.type === 'Identifier') out.add(p.name);
    else if (p.type === 'ObjectPattern') for (const q of p.properties) pattern(q.type === 'RestElement' ? q.argument : q.value);
    else if (p.type === 'ArrayPattern') for (const q of p.elements) pattern(q);
    else if (p.type === 'AssignmentPattern') pattern(p.left);
    else if (p.type === 'RestElement') pattern(p.argument);
  };
  if (n.type === 'VariableDeclarator') pattern(n.id);
  if ((n.type === 'FunctionDeclaration' || n.type === 'ClassDeclaration' || n.type === 'FunctionExpression' || n.type === 'ClassExpression') && n.id) out.add(n.id.name);
  if (n.params) for (const p of n.params) pattern(p);
  if (n.type === 'CatchClause') pattern(n.param);
  if (n.type === 'ImportSpecifier' || n.type === 'ImportDefaultSpecifier' || n.type === 'ImportNamespaceSpecifier') out.add(n.local.name);
  for (const key in n) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
    const v = n[key];
    if (Array.isArray(v)) for (const c of v) collectDeclared(c, out);
    else if (v && typeof v === 'object' && typeof v.type === 'string') collectDeclared(v, out);
  }
}
