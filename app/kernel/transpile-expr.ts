// Stage 3 of the cell transpiler: the rewrite below the top level, in one pre-order walk.
//
//   - arithmetic `+ - * / ** %`, unary `-` and their compound assignments → `__op.add(a, b)` …,
//     which uses tensor ops when an operand is a tensor and JS arithmetic otherwise;
//   - comparisons `< > <= >= == !=` and `& | ^ ~` the same way (`__op.gt(x, 0)`: a bool tensor for
//     tensors); in a test (`if`, loops, `?:`, `!`, `&&`, `||`) → `__op.truth(…)`, Python's `bool(t)`
//     (comparisons and calls: `if (mask.any())`);
//   - every `await x` → `__await(await x)`, a cooperative interrupt check after each resumption;
//   - reads that PyTorch does synchronously, `E.item()`, `E.tolist()`, `E.data()`, `E.numpy()`,
//     `E.cpu()`, `E.to(…)`: in async contexts (the cell's top level, async functions) →
//     `__op.unbox(__await(await __op.read(E, "item")))`, which answers a CPU tensor at once and
//     awaits a WebGPU tensor's readback; in sync functions → `__op.readSync(E, "item")` (ops.ts);
//   - computed member access `t[i]`, `t[i][j]`, `t[-1]` → `__op.get(t, i)` and `t[i] = v` →
//     `__op.set(t, i, v)`: PyTorch's indexing on tensors (`t.index(i)`, `t.index_put_([i], v)`),
//     JS semantics for everything else (a fast path for arrays); string keys, method calls
//     (`o[k]()` keeps its `this`), `delete`, `++`, destructuring and optional chains stay JS;
//   - an interrupt check at every loop body (`LOOP_CHECK`) and function entry (`ENTRY_CHECK`): a
//     counter decrement, and every `CHECK_EVERY` ticks a load of the kernel's shared interrupt
//     flag, so `while (true) {}` and deep recursion stop on Interrupt and the kernel keeps its state.
//     Loops count down a local of their function (`COUNTER`, declared at the top of every function
//     body and of the cell), which V8 keeps in a register; function entries count down the
//     kernel's shared counter (`__ic.n`). Counted loops whose body cannot change their count check
//     once per strip of iterations instead (transpile-loops.ts).
// Operators and indexing are emitted with an inline fast path for numbers and arrays
// (transpile-inline.ts); the `__op` call is the fallback.
import { InlineEdits } from './transpile-inline';
import { STRIP, stripLoop } from './transpile-loops';
import type { Node } from './transpile-parse';
import { CHECK_EVERY } from './cell-abi';
import { ARITH, COMPARE, bothLiteral, hasFloatLiteral, isIntegralFloatLiteral, isLiteral, isRead, isStringKey, isStringLiteral } from './transpile-nodes';

export { CHECK_EVERY };
/** The loop counter, declared first in the cell and in every function body. */
export const COUNTER = `let __k = ${CHECK_EVERY};`;
/** At the top of every loop body: `__ic.t()` throws KeyboardInterrupt if one is pending, else answers CHECK_EVERY. */
export const LOOP_CHECK = 'if (--__k < 0) __k = __ic.t();';
/** At every function entry (`__ic` is a cell parameter: the kernel's one ticker). */
export const ENTRY_CHECK = '--__ic.n < 0 && __ic.c();';

/** `E.item().then(…)`: the Promise is wanted; leave the call alone. */
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/** Unary operators rewritten to tensor-aware calls (`~` on a bool tensor is logical_not). */
const UNARY: Record<string, string> = { '-': 'neg', '~': 'invert' };

const COMPOUND: Record<string, string> = { '+=': 'iadd', '-=': 'isub', '*=': 'imul', '/=': 'idiv', '**=': 'ipow', '%=': 'imod' };
const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);

export interface ExprOptions {
  /** Insert interrupt checks at loop bodies and function entries (default true; off for A/B benches). */
  interruptChecks?: boolean;
  /** Rewrite `t[i]` and `t[i] = v` for tensors (default true; off for A/B benches). */
  indexing?: boolean;
  /** Rewrite arithmetic operators to `__op.*` (default true; off for A/B benches). */
  operators?: boolean;
  /** Emit the rewrites with an inline fast path for numbers and arrays (default true; off for A/B benches). */
  fastPaths?: boolean;
}

export class ExprRewriter extends InlineEdits {
  /** Whether the innermost function being walked is async (the cell's own body is). */
  private readonly asyncStack: boolean[] = [true];
  private readonly checks: boolean;
  private readonly indexing: boolean;
  private readonly operators: boolean;
  /** Statements with a label (a strip-mined loop must not be one: `continue label` would skip its update). */
  private readonly labelled = new WeakSet<Node>();
  /** Strip-mined loops so far (their labels). */
  private strips = 0;
  /** Computed member expressions that must stay JS (call targets, `delete`, `++`, destructuring targets). */
  private readonly keepJs = new WeakSet<Node>();
  /** `o[k](…)` call targets read through `__op.callee` (a ModuleDict's missing key is a KeyError; `this` is kept). */
  private readonly keyCallees = new WeakSet<Node>();
  /** Expressions whose value is used as a truth value (tests of `if`, loops, `?:`; operands of `!`, `&&`, `||`). */
  private readonly tests = new WeakSet<Node>();
  /** Inside an optional chain (`a?.b[i]`): `__op.get` would break its short-circuit. */
  private inChain = 0;
  /** The functions and methods the cell defines, by the names the user wrote (`Bad.forward`), for tracebacks. */
  readonly functionNames: { start: number; end: number; name: string }[] = [];
  private readonly classes: string[] = [];

  constructor(js: string, tokens: ConstructorParameters<typeof InlineEdits>[1], opts: ExprOptions = {}) {
    super(js, tokens);
    this.checks = opts.interruptChecks !== false;
    this.indexing = opts.indexing !== false;
    this.operators = opts.operators !== false;
    this.fast = opts.fastPaths !== false;
  }

  /** Rewrite operators, awaits, reads and add checks everywhere below `node` (pre-order). */
  walk(node: Node | null | undefined): void {
    if (!node || typeof node.type !== 'string') return;
    if (this.checks && LOOPS.has(node.type)) {
      const strip = stripLoop(node, this.labelled.has(node));
      if (strip) this.stripMine(node, strip);
      else this.checkAtEntry(node.body, LOOP_CHECK);
    }
    switch (node.type) {
      case 'LabeledStatement':
        this.labelled.add(node.body);
        break;
      case 'IfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ConditionalExpression':
        if (node.test) this.tests.add(node.test);
        break;
      case 'LogicalExpression':
        // As Python's `and`/`or`: the left operand decides (a test); the right one is the value,
        // a test only when the whole expression is one (`if (a && b.any())`).
        if (node.operator !== '??') {
          this.tests.add(node.left);
          if (this.tests.has(node)) this.tests.add(node.right);
        }
        break;
      case 'BinaryExpression': {
        const arith = this.operators ? ARITH[node.operator as string] : undefined;
        const compare = this.operators && !arith ? COMPARE[node.operator as string] : undefined;
        const name = arith ?? compare;
        // a comparison with a string literal (`typeof x == "string"`) stays JavaScript
        if (compare && (isStringLiteral(node.left) || isStringLiteral(node.right))) break;
        if (name && !bothLiteral(node.left, node.right)) {
          const truth = !!compare && this.tests.has(node);
          if (!isStringLiteral(node.left) && !isStringLiteral(node.right) && this.inlineBinary(node, name, (n) => this.walk(n), truth)) return;
          const op = this.findToken(node.left.end, node.right.start, node.operator);
          this.update(op.start, op.end, ',');
          this.insert(node.start, truth ? `__op.truth(__op.${name}(` : `__op.${name}(`);
          this.walkOperand(node.left, !!arith);
          this.walkOperand(node.right, !!arith);
          this.insert(node.end, truth ? '))' : ')');
          return;
        }
        break;
      }
      case 'UnaryExpression':
        if (node.operator === '!') this.tests.add(node.argument);
        if (node.operator === 'delete') this.keepJs.add(node.argument);
        if (UNARY[node.operator as string] && this.operators && !isLiteral(node.argument)) {
          const name = UNARY[node.operator as string];
          if (this.inlineUnary(node, name, (n) => this.walk(n))) return;
          const op = this.tokenAt(node.start);
          this.update(op.start, op.end, `__op.${name}(`);
          this.walk(node.argument);
          this.insert(node.end, ')');
          return;
        }
        break;
      case 'AssignmentExpression': {
        const name = COMPOUND[node.operator as string];
        if (name && !this.operators) this.keepJs.add(node.left);
        else if (name) {
          this.compound(node, name);
          return;
        }
        if (node.operator === '=' && this.isIndex(node.left)) {
          this.rewriteSet(node);
          return;
        }
        this.keepTargets(node.left);
        break;
      }
      case 'ChainExpression':
        this.inChain++;
        this.walk(node.expression);
        this.inChain--;
        return;
      case 'UpdateExpression':
      case 'TaggedTemplateExpression':
        this.keepJs.add(node.type === 'UpdateExpression' ? node.argument : node.tag);
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        this.keepTargets(node.left);
        break;
      case 'VariableDeclarator':
        this.keepTargets(node.id);
        this.nameFunction(node.id, node.init);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        this.classes.push(node.id?.name ?? '<class>');
        if (node.superClass) this.walk(node.superClass);
        this.walk(node.body);
        this.classes.pop();
        return;
      case 'MethodDefinition':
      case 'Property':
        if (!node.computed && (node.type === 'MethodDefinition' || /Function/.test(node.value.type))) {
          const key = node.key.type === 'PrivateIdentifier' ? `#${node.key.name}` : (node.key.name ?? String(node.key.value));
          const owner = node.type === 'MethodDefinition' ? this.classes[this.classes.length - 1] : null;
          this.functionNames.push({ start: node.value.start, end: node.value.end, name: owner ? `${owner}.${key}` : key });
        }
        break;
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
        if (this.indexing && node.callee.type === 'MemberExpression' && node.callee.computed && !node.callee.optional && !node.optional && !this.inChain && node.callee.object.type !== 'Super')
          this.keyCallees.add(node.callee);
        this.keepJs.add(node.callee);
        // A call's value in a test (`if (mask.any())`, `while (!done.all())`, `if (t.sum())`) is
        // Python's bool(t) when it is a tensor: JavaScript would take any tensor as true.
        // (Names and properties stay as they are: `if (p.grad)` is the JavaScript null test.)
        if (this.operators && this.tests.has(node)) this.insert(node.start, '__op.truth(');
        if (!this.tagFloatArgs(node, (n) => this.walk(n), this.inChain > 0)) {
          this.walk(node.callee);
          for (const c of node.arguments) this.walk(c);
        }
        if (this.operators && this.tests.has(node)) this.insert(node.end, ')');
        return;
      case 'MemberExpression':
        if (this.isIndex(node)) {
          this.rewriteGet(node);
          return;
        }
        // `d['fc']` → `__op.key(d, 'fc')` (not a call target, assignment target, `delete`, `++` or optional
        // chain), `d[k](x)` → `__op.callee(d, k)(x)`: a ModuleDict's missing key is a KeyError, as Python's
        if ((this.indexing && node.computed && !node.optional && !this.inChain && node.object.type !== 'Super' && !this.keepJs.has(node) && isStringKey(node.property)) || this.keyCallees.has(node)) {
          this.wrapMember(node, this.keyCallees.has(node) ? '__op.callee' : '__op.key', (n) => this.walk(n));
          return;
        }
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
        if (node.id) this.functionNames.push({ start: node.start, end: node.end, name: node.id.name });
        if (this.checks) this.checkAtEntry(node.body, ENTRY_CHECK, COUNTER);
        // parameter defaults cannot await, even in an async function, nor see the body's temporaries
        this.asyncStack.push(false);
        this.inScope(false, () => {
          for (const p of node.params) this.walk(p);
        });
        this.asyncStack[this.asyncStack.length - 1] = node.async === true;
        const block = node.body.type === 'BlockStatement';
        const temps = this.inScope(block, () => this.walk(node.body));
        if (block) this.insertFirst(node.body.start + 1, temps);
        this.asyncStack.pop();
        return;
      case 'PropertyDefinition':
      case 'StaticBlock':
        // class fields and static blocks run synchronously (in the constructor / at definition)
        if (node.computed) this.walk(node.key);
        this.asyncStack.push(false);
        this.inScope(false, () => {
          if (node.type === 'StaticBlock') for (const b of node.body) this.walk(b);
          else this.walk(node.value);
        });
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

  /** An arithmetic operand: an integral float literal (`2.0`) tagged as Python's float (`int_t * 2.0` is float32). */
  private walkOperand(n: Node, arith: boolean): void {
    if (arith && isIntegralFloatLiteral(n)) {
      this.insert(n.start, '__op.floatScalar(');
      this.insert(n.end, ')');
      return;
    }
    this.walk(n);
  }

  /** `const f = (x) => …`: the function is `f` in tracebacks. */
  nameFunction(id: Node, init: Node | null | undefined): void {
    if (id.type === 'Identifier' && init && /Function/.test(init.type) && !init.id) this.functionNames.push({ start: init.start, end: init.end, name: id.name });
  }

  /** `o[k]` that may index a tensor: computed, not optional, not `super[k]`, the key not a string literal. */
  private isIndex(n: Node): boolean {
    return this.indexing && n.type === 'MemberExpression' && n.computed && !n.optional && !this.inChain && n.object.type !== 'Super' && !this.keepJs.has(n) && !isStringKey(n.property);
  }

  /** Destructuring and loop targets stay JS assignments. */
  private keepTargets(p: Node | null | undefined): void {
    if (!p) return;
    if (p.type === 'MemberExpression') this.keepJs.add(p);
    else if (p.type === 'ArrayPattern') for (const e of p.elements) this.keepTargets(e);
    else if (p.type === 'ObjectPattern') for (const q of p.properties) this.keepTargets(q.type === 'RestElement' ? q.argument : q.value);
    else if (p.type === 'AssignmentPattern') this.keepTargets(p.left);
    else if (p.type === 'RestElement') this.keepTargets(p.argument);
  }

  /** `o[k]` → `__op.get(o, k)` (behind a fast path for arrays where it can be). */
  private rewriteGet(node: Node): void {
    if (!this.inlineGet(node, (n) => this.walk(n))) this.wrapMember(node, '__op.get', (n) => this.walk(n));
  }

  /** `o[k] = v` → `__op.set(o, k, v)` (its value is `v`, as the assignment's). */
  private rewriteSet(node: Node): void {
    if (this.inlineSet(node, (n) => this.walk(n))) return;
    const left = node.left;
    this.insert(node.start, '__op.set(');
    this.walk(left.object);
    const open = this.findToken(left.object.end, left.property.start, '[');
    this.update(open.start, open.end, ', ');
    this.walk(left.property);
    const close = this.findToken(left.property.end, left.end, ']');
    this.update(close.start, close.end, '');
    const eq = this.findToken(left.end, node.right.start, '=');
    this.update(eq.start, eq.end, ',');
    this.walk(node.right);
    this.insert(node.end, ')');
  }

  /** An interrupt check first thing in a loop body or function body (`{…}`, a statement, or an arrow's expression). */
  private checkAtEntry(body: Node, check: string, counter = ''): void {
    if (body.type === 'BlockStatement') this.insert(body.start + 1, counter + check);
    else if (/Statement$|Declaration$/.test(body.type)) {
      this.insert(body.start, `{${check}`);
      this.ms.appendRight(body.end, '}');
    } else {
      // an arrow's expression body (no loop can sit in it without a function body of its own)
      this.insert(body.start, `(${check.slice(0, -1)}, `);
      this.ms.appendRight(body.end, ')');
    }
  }

  /**
   * `for (let i = 0; TEST; i++) BODY` →
   * `__s1: for (let i = 0, __d1 = false; !__d1; ) {CHECK for (const __e = i + STRIP; i < __e && ((TEST) || (__d1 = true, false)); i++) BODY}`:
   * the check once per STRIP iterations, the test and update where they were (transpile-loops.ts).
   */
  private stripMine(node: Node, s: NonNullable<ReturnType<typeof stripLoop>>): void {
    const n = ++this.strips;
    const label = `__s${n}`;
    const done = `__d${n}`; // numbered: with \`var i\` it is a variable of the whole function
    if (s.breaks.length) this.insert(node.start, `${label}: `);
    for (const b of s.breaks) this.update(b.start, b.start + 'break'.length, `break ${label}`);
    const first = this.findToken(node.init.end, node.test.start, ';');
    const second = this.findToken(node.test.end, node.update.start, ';');
    const cmp = s.dir === '+' ? '<' : '>';
    this.update(first.start, first.end, `, ${done} = false; !${done}; ) {${LOOP_CHECK}for (const __e = ${s.name} ${s.dir} ${STRIP}; ${s.name} ${cmp} __e && ((`);
    this.update(second.start, second.end, `) || (${done} = true, false));`);
    this.ms.appendRight(node.body.end, '}');
  }

  /** What the cell's body starts with: the loop counter and the temporaries of its top level. */
  prologue(): string {
    return (this.checks ? COUNTER : '') + this.cellTemps();
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
   * `x += y` → `__op.assign(x, __op.iadd(x, y), (__v) => x = __v)` (in place for tensors, as in PyTorch;
   * assigned back only when the value is a new object);
   * `o.p += y` → `__op.iset(o, "p", "iadd", y)`; `o[k] += y` → `__op.iset(o, k, "iadd", y)`
   * so the object and key are evaluated once.
   */
  private compound(node: Node, name: string): void {
    const left = node.left;
    const op = this.findToken(left.end, node.right.start, node.operator);
    if (left.type === 'Identifier') {
      if (this.inlineCompound(node, name, (n) => this.walk(n))) return;
      // `x -= y` → `__op.assign(x, __op.isub(x, y), (__v) => x = __v)`: a tensor changed in place is not
      // assigned back (a `const` loop variable stays legal); see ops.ts `assign`
      this.insert(node.start, `__op.assign(${left.name}, __op.${name}(`);
      this.update(op.start, op.end, ',');
      this.walkOperand(node.right, true);
      this.insert(node.end, `), (__v) => ${left.name} = __v)`);
      return;
    }
    if (left.type === 'MemberExpression' && left.object.type !== 'Super') {
      this.insert(node.start, '__op.iset(');
      this.walk(left.object);
      if (left.computed) {
        const open = this.findToken(left.object.end, left.property.start, '[');
        this.update(open.start, open.end, ',');
        this.walk(left.property);
        const close = this.findToken(left.property.end, op.start, ']');
        this.update(close.start, close.end, '');
      } else {
        const dot = this.findToken(left.object.end, left.property.start, '.');
        this.update(dot.start, left.property.end, `, ${JSON.stringify(left.property.name)}`);
      }
      this.update(op.start, op.end, `, ${JSON.stringify(name)},`);
      this.walkOperand(node.right, true);
      this.insert(node.end, ')');
      return;
    }
    // Anything else (private fields, super.x): keep JS semantics.
    this.walk(left);
    this.walk(node.right);
  }
}
