// Stage 3 helper: the operator and indexing rewrites emitted with an inline fast path, so that
// V8 sees plain JavaScript for numbers and arrays and calls `__op` (ops.ts) only for the rest:
//
//   a * b    → (typeof a === "number" && typeof b === "number" ? a * b : __op.mul(a, b))
//   arr[i]   → (arr instanceof Array && typeof i !== "object" ? arr[i] : __op.get(arr, i))
//   o[k] = v → (o instanceof Array && typeof k !== "object" ? o[k] = v : __op.set(o, k, v))
//   (a tensor key, `classes[labels[j]]`, takes the slow path: Python's __index__)
//   x += y   → (typeof x === "number" && typeof y === "number" ? x += y : x = __op.iadd(x, y))
//   -x       → (typeof x === "number" ? -x : __op.neg(x))
//
// A call of `__op.mul` costs ~3× a plain `s += arr[i]` loop in a function (V8 does not inline the
// shared helper there); the guarded form costs a type test V8 folds away (bench/cell-overhead.ts).
// Operands are evaluated once each, in order: identifiers and number literals are repeated
// as written (when nothing evaluated after them could reassign them); anything else goes
// through a temporary of the enclosing function, `__t0`, `__t1`, … (declared at the top of its
// body), assigned where the operand stood:
//
//   f(x) + y → (__t0 = (f(x)) , y, typeof __t0 === "number" && typeof y === "number" ? __t0 + y : …)
//
// Where no temporary can be declared (parameter defaults, class fields, an arrow's expression
// body) such expressions keep the plain `__op` call. The source text of each operand stays in
// place (it is only wrapped), so errors inside an operand keep their line and column.
import { Edits } from './transpile-edits';
import type { Node } from './transpile-parse';
import { FLOAT_SCALAR_ARG, isIntegralFloatLiteral, isPlainRef } from './transpile-nodes';

interface Frame {
  /** Whether this scope can declare temporaries (a function body or the cell). */
  temps: boolean;
  /** Temporaries in use by the expressions being emitted (a stack: nested operands use higher ones). */
  top: number;
  /** How many this scope needs declared. */
  max: number;
}

/** An operand: repeated as written (`text`) or held in a temporary. */
interface Slot {
  node: Node;
  ref: string;
  temp: boolean;
}

const NUMBER = (v: string) => `typeof ${v} === "number"`;

/** A number literal, possibly signed (`2`, `-1`): needs no type test. */
function isNumberLiteral(n: Node): boolean {
  if (n.type === 'UnaryExpression' && (n.operator === '-' || n.operator === '+')) return isNumberLiteral(n.argument);
  return n.type === 'Literal' && typeof n.value === 'number';
}

/** An operand that may be evaluated again without effect: an identifier, `this`, a number literal. */
function isRepeatable(n: Node): boolean {
  return n.type === 'Identifier' || n.type === 'ThisExpression' || isNumberLiteral(n);
}

/** The slow path's operands: an integral float literal (`2.0`) tagged as Python's float (ops.ts `scalarOf`); the fast path keeps the number. */
const ARITH_OPS = new Set(['add', 'sub', 'mul', 'div', 'pow', 'mod', 'iadd', 'isub', 'imul', 'idiv', 'ipow', 'imod']);
const floatTags = (slots: Slot[]) => (r: string[]): string[] => r.map((x, i) => (isIntegralFloatLiteral(slots[i].node) ? `__op.floatScalar(${x})` : x));

export class InlineEdits extends Edits {
  /** Emit fast paths (default true; off for the A/B bench). */
  protected fast = true;
  private readonly frames: Frame[] = [{ temps: true, top: 0, max: 0 }];

  /** Walk a scope: `temps` when it has a body that can declare them; returns their declaration (or ''). */
  protected inScope(temps: boolean, walk: () => void): string {
    const f: Frame = { temps, top: 0, max: 0 };
    this.frames.push(f);
    walk();
    this.frames.pop();
    return declareTemps(f.max);
  }

  /** The cell's own temporaries. */
  protected cellTemps(): string {
    return declareTemps(this.frames[0].max);
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1];
  }

  /**
   * Plan the operands of one expression: which need a temporary. Null when the fast path cannot
   * be emitted here (fast paths off, or temporaries needed where none can be declared).
   */
  private plan(operands: Node[]): Slot[] | null {
    if (!this.fast) return null;
    const f = this.frame;
    let impureAfter = false;
    const slots: Slot[] = [];
    for (let i = operands.length - 1; i >= 0; i--) {
      const n = operands[i];
      const temp = !isNumberLiteral(n) && (!isRepeatable(n) || impureAfter);
      if (!isRepeatable(n)) impureAfter = true;
      slots.unshift({ node: n, ref: temp ? '' : this.js.slice(n.start, n.end), temp });
    }
    const needed = slots.filter((s) => s.temp).length;
    if (needed && !f.temps) return null;
    let t = f.top;
    for (const s of slots) if (s.temp) s.ref = `__t${t++}`;
    return slots;
  }

  /**
   * Emit `node` with its operands (in evaluation order, each followed by the separator tokens
   * given) as `(TEST ? FAST : SLOW)`. Without temporaries the original text is the fast path;
   * with them the operands become a comma sequence of assignments, then the test.
   */
  protected emitGuarded(
    node: Node,
    slots: Slot[],
    seps: { start: number; end: number; text: string }[],
    code: { test: (r: string[]) => string; fast: (r: string[]) => string; slow: (r: string[]) => string },
    walk: (n: Node) => void,
  ): void {
    const refs = slots.map((s) => s.ref);
    const test = code.test(refs) || 'true';
    const f = this.frame;
    const used = slots.filter((s) => s.temp).length;
    if (!used) {
      this.insert(node.start, `(${test} ? `);
      for (const s of slots) walk(s.node);
      this.insert(node.end, ` : ${code.slow(refs)})`);
      return;
    }
    const base = f.top;
    f.top += used;
    f.max = Math.max(f.max, f.top);
    this.insert(node.start, '(');
    slots.forEach((s, i) => {
      // parenthesized: a sequence `(a = b, 0)` as an operand is a node without its parentheses
      if (s.temp) this.insert(s.node.start, `${s.ref} = (`);
      walk(s.node);
      if (s.temp) this.insert(s.node.end, ')');
      if (i < seps.length) this.update(seps[i].start, seps[i].end, seps[i].text);
    });
    this.insert(node.end, `, ${test} ? ${code.fast(refs)} : ${code.slow(refs)})`);
    f.top = base;
  }

  /**
   * `torch.full([2], 7.0)`, `where(c, 1.0, 0)`, `t.where(c, 0.0)`: an integral float literal at one
   * of FLOAT_SCALAR_ARG's places becomes `__op.floatArg(F, i, 7.0)`, F the function being called,
   * read again (the callee as written, or `__tN.where` with the receiver held in a temporary), so
   * only torch's own function gets Python's float and a cell's own `where(a, 1.0)` its number.
   * Walks the callee and arguments and answers true when it tags; false leaves the call alone.
   */
  protected tagFloatArgs(node: Node, walk: (n: Node) => void, inChain: boolean): boolean {
    const c = node.callee;
    const member = c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' && c.object.type !== 'Super';
    const name = member ? (c.property.name as string) : c.type === 'Identifier' ? (c.name as string) : '';
    if (!Object.hasOwn(FLOAT_SCALAR_ARG, name)) return false;
    const places = FLOAT_SCALAR_ARG[name].filter((i) => isIntegralFloatLiteral(node.arguments[i]));
    const f = this.frame;
    const held = member && !isPlainRef(c.object);
    // a receiver held in a temporary must not be parenthesized inside an optional chain (`a?.b().where`)
    if (!places.length || (held && (inChain || !f.temps))) return false;
    const fn = held ? `__t${f.top}.${name}` : this.js.slice(c.start, c.end);
    if (held) {
      f.top++;
      f.max = Math.max(f.max, f.top);
      this.insert(c.object.start, `(__t${f.top - 1} = (`);
      walk(c.object);
      this.insert(c.object.end, '))');
    } else walk(c);
    node.arguments.forEach((a: Node, i: number) => {
      if (places.includes(i)) this.insert(a.start, `__op.floatArg(${fn}, ${i}, `);
      walk(a);
      if (places.includes(i)) this.insert(a.end, ')');
    });
    if (held) f.top--;
    return true;
  }

  /** `a OP b` with a fast path for two numbers; false when it must stay an `__op` call. */
  protected inlineBinary(node: Node, name: string, walk: (n: Node) => void, truth = false): boolean {
    const slots = this.plan([node.left, node.right]);
    if (!slots || slots.every((s) => isNumberLiteral(s.node))) return false;
    const op = this.findToken(node.left.end, node.right.start, node.operator);
    const tests = (r: string[]) => slots.filter((s) => !isNumberLiteral(s.node)).map((s) => NUMBER(r[slots.indexOf(s)])).join(' && ');
    // in a test (`if`, loops, `?:`, `!`, `&&`, `||`) a comparison of tensors answers as Python's bool(t)
    const f = ARITH_OPS.has(name) ? floatTags(slots) : (r: string[]) => r;
    const call = (r: string[]) => (truth ? `__op.truth(__op.${name}(${f(r)[0]}, ${f(r)[1]}))` : `__op.${name}(${f(r)[0]}, ${f(r)[1]})`);
    this.emitGuarded(node, slots, [{ ...op, text: ',' }], { test: tests, fast: (r) => `${r[0]} ${node.operator} ${r[1]}`, slow: call }, walk);
    return true;
  }

  /** `-x` or `~x` with a fast path for a number (`__op.neg`; `__op.invert`: logical_not on a bool tensor). */
  protected inlineUnary(node: Node, name: string, walk: (n: Node) => void): boolean {
    const slots = this.plan([node.argument]);
    if (!slots) return false;
    if (slots[0].temp) {
      // `-f()` → `(__t0 = f(), typeof __t0 === "number" ? -__t0 : __op.neg(__t0))`: the operator becomes the opening
      const sign = this.tokenAt(node.start);
      this.update(sign.start, sign.end, '');
    }
    this.emitGuarded(node, slots, [], { test: (r) => NUMBER(r[0]), fast: (r) => `${node.operator}${r[0]}`, slow: (r) => `__op.${name}(${r[0]})` }, walk);
    return true;
  }

  /** `x OP= y` on a variable: `x = …` with the fast path for two numbers. */
  protected inlineCompound(node: Node, name: string, walk: (n: Node) => void): boolean {
    const left = node.left;
    const slots = this.plan([left, node.right]);
    if (!slots) return false;
    const op = this.findToken(left.end, node.right.start, node.operator);
    const bin = node.operator.slice(0, -1);
    const tests = (r: string[]) => slots.filter((s) => !isNumberLiteral(s.node)).map((s) => NUMBER(r[slots.indexOf(s)])).join(' && ');
    if (!slots.some((s) => s.temp)) {
      // not assigned back when the op worked in place (a tensor): see ops.ts `assign`
      const f = floatTags(slots);
      const slow = (r: string[]) => `__op.assign(${left.name}, __op.${name}(${f(r)[0]}, ${f(r)[1]}), (__v) => ${left.name} = __v)`;
      this.emitGuarded(node, slots, [], { test: tests, fast: () => '', slow }, walk);
      return true;
    }
    // `x += f()` → `(__t0 = x, __t1 = f(), typeof … ? (x = __t0 + __t1) : __op.assign(x, __op.iadd(__t0, __t1), (__v) => x = __v))`
    const f = this.frame;
    const base = f.top;
    f.top += 2;
    f.max = Math.max(f.max, f.top);
    const [a, b] = slots.map((s) => s.ref);
    this.update(left.start, op.end, `(${a} = ${left.name}, ${b} = (`);
    walk(node.right);
    this.insert(node.end, `), ${tests([a, b])} ? (${left.name} = ${a} ${bin} ${b}) : __op.assign(${left.name}, __op.${name}(${a}, ${b}), (__v) => ${left.name} = __v))`);
    f.top = base;
    return true;
  }

  /** `o[k]` → `fn(o, k)`: the object and the key walked, the brackets replaced. */
  protected wrapMember(node: Node, fn: string, walk: (n: Node) => void): void {
    this.insert(node.start, `${fn}(`);
    walk(node.object);
    const open = this.findToken(node.object.end, node.property.start, '[');
    this.update(open.start, open.end, ', ');
    walk(node.property);
    const close = this.findToken(node.property.end, node.end, ']');
    this.update(close.start, close.end, ')');
  }

  /** `o[k]` with the fast path for arrays. */
  protected inlineGet(node: Node, walk: (n: Node) => void): boolean {
    const slots = this.plan([node.object, node.property]);
    if (!slots) return false;
    const open = this.findToken(node.object.end, node.property.start, '[');
    const close = this.findToken(node.property.end, node.end, ']');
    this.emitGuarded(
      node,
      slots,
      [
        { ...open, text: ',' },
        { ...close, text: '' },
      ],
      { test: (r) => `${r[0]} instanceof Array && typeof ${r[1]} !== "object" && !(${r[1]} < 0 || ${r[1]} >= ${r[0]}.length)`, fast: (r) => `${r[0]}[${r[1]}]`, slow: (r) => `__op.get(${r[0]}, ${r[1]})` },
      walk,
    );
    return true;
  }

  /** `o[k] = v` with the fast path for arrays. */
  protected inlineSet(node: Node, walk: (n: Node) => void): boolean {
    const left = node.left;
    const slots = this.plan([left.object, left.property, node.right]);
    if (!slots) return false;
    const open = this.findToken(left.object.end, left.property.start, '[');
    const close = this.findToken(left.property.end, left.end, ']');
    const eq = this.findToken(left.end, node.right.start, '=');
    if (!slots.some((s) => s.temp)) {
      this.emitGuarded(node, slots, [], { test: (r) => `${r[0]} instanceof Array && typeof ${r[1]} !== "object"`, fast: () => '', slow: (r) => `__op.set(${r[0]}, ${r[1]}, ${r[2]})` }, walk);
      return true;
    }
    this.update(close.start, close.end, '');
    this.emitGuarded(
      node,
      slots,
      [
        { ...open, text: ',' },
        { ...eq, text: ',' },
      ],
      { test: (r) => `${r[0]} instanceof Array && typeof ${r[1]} !== "object"`, fast: (r) => `${r[0]}[${r[1]}] = ${r[2]}`, slow: (r) => `__op.set(${r[0]}, ${r[1]}, ${r[2]})` },
      walk,
    );
    return true;
  }
}

function declareTemps(n: number): string {
  return n ? `let ${Array.from({ length: n }, (_, i) => `__t${i}`).join(', ')};` : '';
}
