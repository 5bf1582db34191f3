// Stage 3 helper: which loops can have their interrupt check once per strip of iterations
// instead of once per iteration.
//
// A check inside the body of `for (let i = 0; i < arr.length; i++) s += arr[i];` costs 25–170%
// of that loop (a counter, a branch and a rarely taken call beside a ~1 ns body: the call alone
// keeps V8 from keeping `arr`'s length and elements in registers; bench/cell-overhead.ts). A
// counted loop is strip-mined instead, with its own test and update where they were:
//
//   for (let i = 0, __d1 = false; !__d1; ) {CHECK for (const __e = i + STRIP; i < __e && ((i < arr.length) || (__d1 = true, false)); i++) BODY}
//
// Its test runs exactly once per iteration and once more at the end, as written; after STRIP
// iterations the inner loop ends and the outer one checks for an interrupt and starts the next
// strip. An unlabelled `break` in the body becomes `break __sN` (the label of the outer loop);
// `continue` already goes to the update.
//
// The loop qualifies when (else it keeps the per-iteration check):
//   - it is `for (let|var i = N; TEST; i++ | ++i)` (or `i--`/`--i`), N a number literal, so `i`
//     is a number, not labelled (a `continue label` would skip the update);
//   - the body and test call nothing and spread nothing (a builtin such as `arr.sort()` runs no
//     check of its own: once per iteration is what keeps such a loop interruptible; user
//     functions check at their entry, tensor operators in `__op`), define no function or class
//     (a closure would see one `i` per strip, not one per iteration) and never assign `i`.
import type { Node } from './transpile-parse';

/** Iterations between two interrupt checks of a strip-mined loop. */
export const STRIP = 1024;

export interface StripLoop {
  /** The induction variable. */
  name: string;
  /** `+` for `i++`, `-` for `i--`. */
  dir: '+' | '-';
  /** The unlabelled `break`s of the body itself, to become `break <label>`. */
  breaks: Node[];
}

/** Nodes that may run a long stretch of code without a check, or capture the induction variable. */
const FORBIDDEN = new Set([
  'CallExpression',
  'NewExpression',
  'TaggedTemplateExpression',
  'ImportExpression',
  'SpreadElement',
  'FunctionExpression',
  'FunctionDeclaration',
  'ArrowFunctionExpression',
  'ClassExpression',
  'ClassDeclaration',
  'WithStatement',
]);
const BREAKABLE = /^(For|ForIn|ForOf|While|DoWhile|Switch)Statement$/;

/** The strip-mining plan for `node`, or null when it must keep a check per iteration. */
export function stripLoop(node: Node, labelled: boolean): StripLoop | null {
  if (node.type !== 'ForStatement' || labelled || !node.test) return null;
  const { init, update } = node;
  if (init?.type !== 'VariableDeclaration' || init.kind === 'const' || init.declarations.length !== 1) return null;
  const decl = init.declarations[0];
  if (decl.id.type !== 'Identifier' || !decl.init || !isSmallNumber(decl.init)) return null;
  const name = decl.id.name as string;
  if (update?.type !== 'UpdateExpression' || update.argument.type !== 'Identifier' || update.argument.name !== name) return null;
  const breaks: Node[] = [];
  if (!keepsCounting(node.test, name, null) || !keepsCounting(node.body, name, breaks)) return null;
  return { name, dir: update.operator === '++' ? '+' : '-', breaks };
}

/** A number literal (possibly negated) well inside the range where `i++` still moves. */
function isSmallNumber(n: Node): boolean {
  const v = n.type === 'UnaryExpression' && n.operator === '-' ? n.argument : n;
  return v.type === 'Literal' && typeof v.value === 'number' && Math.abs(v.value) < 2 ** 52;
}

/** Whether `n` calls nothing, defines no closure and leaves `name` alone; collects its own `break`s. */
function keepsCounting(n0: Node, name: string, breaks: Node[] | null): boolean {
  const assigns = (t: Node | null | undefined): boolean => {
    if (!t) return false;
    switch (t.type) {
      case 'Identifier':
        return t.name === name;
      case 'ArrayPattern':
        return t.elements.some(assigns);
      case 'ObjectPattern':
        return t.properties.some((p: Node) => assigns(p.type === 'RestElement' ? p.argument : p.value));
      case 'AssignmentPattern':
        return assigns(t.left);
      case 'RestElement':
        return assigns(t.argument);
      default:
        return false; // a property: not the variable
    }
  };
  // depth: loops and switches between the loop's body and a `break` (whose target is then inner)
  const ok = (n: Node | null | undefined, depth: number): boolean => {
    if (!n || typeof n.type !== 'string') return true;
    if (FORBIDDEN.has(n.type)) return false;
    switch (n.type) {
      case 'AssignmentExpression':
        if (assigns(n.left)) return false;
        break;
      case 'UpdateExpression':
        if (assigns(n.argument)) return false;
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (assigns(n.left.type === 'VariableDeclaration' ? null : n.left)) return false;
        break;
      case 'BreakStatement':
        if (!n.label && depth === 0) breaks?.push(n);
        break;
    }
    const inner = BREAKABLE.test(n.type) ? depth + 1 : depth;
    for (const key in n) {
      if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (const c of v) if (!ok(c, inner)) return false;
      } else if (v && typeof v === 'object' && typeof v.type === 'string' && !ok(v, inner)) return false;
    }
    return true;
  };
  return ok(n0, 0);
}
