// The cell transpiler's questions about one syntax node (pure predicates over the parse tree):
// is it a read method call, a literal, a constant, a float literal, a string key. transpile-expr.ts
// decides the rewrites from their answers.
import type { Node } from './transpile-parse';

/** Binary operators rewritten to tensor-aware calls: operator → `__op` name. */
export const ARITH: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow', '%': 'mod' };
/**
 * Comparisons and the mask operators, rewritten the same way: on tensors PyTorch's elementwise
 * comparisons (bool tensors) and logical and/or/xor of masks. `===` / `!==` stay identity (Python's `is`).
 */
export const COMPARE: Record<string, string> = { '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '==': 'eq', '!=': 'ne', '&': 'and', '|': 'or', '^': 'xor' };

/** Method calls rewritten as reads, with the argument counts PyTorch code uses for them. */
const READS: Record<string, (n: number) => boolean> = {
  item: (n) => n === 0,
  tolist: (n) => n === 0,
  data: (n) => n === 0,
  numpy: (n) => n === 0,
  cpu: (n) => n === 0,
  to: (n) => n >= 1,
};
/**
 * torch's functions whose scalar argument's dtype PyTorch infers from its literal: name → argument
 * indices (`Tensor.where(cond, other)`: index 1). The transpiler tags a float literal at these
 * places in any call of these names; at run time only a call that reaches torch's own function
 * gets Python's float (ops.ts `floatArg`): a cell's own `where(a, 1.0)` receives the number 1.
 */
export const FLOAT_SCALAR_ARG: Record<string, number[]> = { full: [1], tensor: [0], scalar_tensor: [0], arange: [0, 1, 2], as_tensor: [0], where: [1, 2] };

/** `a`, `this`, `a.b.c`, `a?.b`: a callee's receiver that may be read again without effect (no call, no computed key). */
export function isPlainRef(n: Node): boolean {
  if (n.type === 'Identifier' || n.type === 'ThisExpression') return true;
  return n.type === 'MemberExpression' && !n.computed && n.object.type !== 'Super' && isPlainRef(n.object);
}

/**
 * A float literal whose value is an integer (`2.0`, `-1.0`, `1e3`): JavaScript reads it as `2`,
 * Python as a float. Next to a tensor it is tagged (`__op.floatScalar`), so `int_t * 2.0` is float32.
 */
export function isIntegralFloatLiteral(e: Node | null | undefined): boolean {
  if (!isFloatLiteral(e)) return false;
  const v = e!.type === 'UnaryExpression' ? e!.argument : e!;
  return Number.isInteger(v.value);
}

/** A number literal written as a float (`1.0`, `2.`, `1e-3`), possibly negated. */
export function isFloatLiteral(e: Node | null | undefined): boolean {
  if (!e) return false;
  const v = e.type === 'UnaryExpression' && e.operator === '-' ? e.argument : e;
  return v.type === 'Literal' && typeof v.value === 'number' && /^[0-9]*\.[0-9]*(e[+-]?[0-9]+)?$|^[0-9.]+e[+-]?[0-9]+$/i.test(String(v.raw));
}

/** Whether an array literal holds a number written as a float (`1.0`, `2.`, `1e-3`), possibly nested or negated. */
export function hasFloatLiteral(n: Node): boolean {
  for (const e of n.elements as (Node | null)[]) {
    if (!e) continue;
    if (isFloatLiteral(e)) return true;
    const v = e.type === 'UnaryExpression' && e.operator === '-' ? e.argument : e;
    if (v.type === 'ArrayExpression' && hasFloatLiteral(v)) return true;
  }
  return false;
}

/** `E.item()`, `E.to(d)`, …: a plain (not optional, not computed, not `super.`) call of a read method. */
export function isRead(n: Node): boolean {
  if (n.type !== 'CallExpression' || n.optional) return false;
  const c = n.callee;
  if (c.type !== 'MemberExpression' || c.computed || c.optional || c.object.type === 'Super' || c.property.type !== 'Identifier') return false;
  const ok = READS[c.property.name as string];
  return ok !== undefined && Object.hasOwn(READS, c.property.name) && ok(n.arguments.length);
}

/** `o["name"]`, `o[`name`]`: a property name, never a tensor index. */
export function isStringKey(n: Node): boolean {
  return (n.type === 'Literal' && typeof n.value === 'string') || (n.type === 'TemplateLiteral' && n.expressions.length === 0);
}

export function isStringLiteral(n: Node): boolean {
  return (n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateLiteral';
}

export function isLiteral(n: Node): boolean {
  return (n.type === 'Literal' && (typeof n.value === 'number' || typeof n.value === 'bigint' || typeof n.value === 'string')) || (n.type === 'TemplateLiteral' && n.expressions.length === 0);
}

/** A constant expression (`1 + 2 * 3`, `-1`): no tensor can hide in it. */
export function isConstant(n: Node): boolean {
  if (isLiteral(n)) return true;
  if (n.type === 'UnaryExpression') return (n.operator === '-' || n.operator === '+') && isConstant(n.argument);
  if (n.type === 'BinaryExpression') return n.operator in ARITH && isConstant(n.left) && isConstant(n.right);
  return false;
}

export function bothLiteral(a: Node, b: Node): boolean {
  return isConstant(a) && isConstant(b);
}
