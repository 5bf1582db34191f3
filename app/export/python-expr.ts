// TypeScript cell → Python, expressions: PyTorch names are the same on both sides, so most of the
// work is syntax (operators, literals, options objects → keyword arguments, `t.index(…)` →
// subscripts, template literals → f-strings) plus a few renamings (models → torchvision.models,
// Math → math, array methods → Python built-ins). What has no faithful translation is reported
// through `ctx.todo`, never guessed. Statements are python-stmt.ts.
import type * as E from 'estree';
import { BIN, DICT_TAKERS, dotted, isOptionsObject, keyName, NAMESPACES, PREC, quote } from './python-syntax';

export { dotted };

export interface Ctx {
  /** Imports the translation needs (`import math`, `from collections import OrderedDict`, …). */
  imports: Set<string>;
  /** Constructs that could not be translated: the statement becomes a TODO comment. */
  todo(what: string): never;
  /** Names of helper functions hoisted before the current statement (block-bodied arrows). */
  hoist(lines: string[]): void;
  fresh(prefix: string): string;
  /** Set when a `torch.no_grad(() => expr)` sits inside an expression: the statement goes in a `with` block. */
  withBlock: string | null;
}

export class Untranslatable extends Error {}

type N = E.Node;

export class ExprWriter {
  constructor(private readonly ctx: Ctx) {}

  /** `e` in Python, parenthesised when it binds looser than `min`. */
  expr(e: N, min = 0): string {
    const [s, p] = this.go(e);
    return p < min ? `(${s})` : s;
  }

  private go(e: N): [string, number] {
    const ctx = this.ctx;
    switch (e.type) {
      case 'Identifier':
        if (e.name === 'undefined') return ['None', PREC.atom];
        if (e.name === 'Infinity') return ["float('inf')", PREC.atom];
        if (e.name === 'NaN') return ["float('nan')", PREC.atom];
        return [NAMESPACES[e.name] ?? e.name, PREC.atom];
      case 'ThisExpression':
        return ['self', PREC.atom];
      case 'Literal': {
        if (e.value === null) return ['None', PREC.atom];
        if (e.value === true) return ['True', PREC.atom];
        if (e.value === false) return ['False', PREC.atom];
        if (typeof e.value === 'string') return [quote(e.value), PREC.atom];
        if (typeof e.value === 'number') return [e.raw && !/^0[xob]/i.test(e.raw) ? e.raw.replace(/_/g, '') : String(e.value), PREC.atom];
        if ('regex' in e) ctx.todo('a regular expression');
        return [String(e.value), PREC.atom];
      }
      case 'TemplateLiteral':
        return [this.fstring(e), PREC.atom];
      case 'ArrayExpression':
        return [`[${e.elements.map((x) => (x === null ? 'None' : x.type === 'SpreadElement' ? `*${this.expr(x.argument as N, PREC.unary)}` : this.expr(x as N))).join(', ')}]`, PREC.atom];
      case 'ObjectExpression':
        return [this.dict(e), PREC.atom];
      case 'UnaryExpression': {
        if (e.operator === '!') return [`not ${this.expr(e.argument as N, PREC.not)}`, PREC.not];
        if (e.operator === '-' || e.operator === '+' || e.operator === '~') return [`${e.operator}${this.expr(e.argument as N, PREC.unary)}`, PREC.unary];
        if (e.operator === 'typeof') return [`type(${this.expr(e.argument as N)}).__name__`, PREC.atom];
        return ctx.todo(`the ${e.operator} operator`);
      }
      case 'BinaryExpression': {
        const op = BIN[e.operator];
        if (!op) return ctx.todo(`the ${e.operator} operator`);
        if (e.operator === 'instanceof') return [`isinstance(${this.expr(e.left as N)}, ${this.expr(e.right as N)})`, PREC.atom];
        const [py0, p] = op;
        const isNull = (n: N) => (n.type === 'Literal' && n.value === null) || (n.type === 'Identifier' && n.name === 'undefined');
        const py = (py0 === '==' || py0 === '!=') && (isNull(e.left as N) || isNull(e.right as N)) ? (py0 === '==' ? 'is' : 'is not') : py0;
        // ** is right-associative; comparisons do not chain as in JS: keep parentheses around nested ones
        const l = this.expr(e.left as N, py === '**' ? p + 1 : p === PREC.cmp ? p + 1 : p);
        const r = this.expr(e.right as N, py === '**' ? p : p + 1);
        return [`${l} ${py} ${r}`, p];
      }
      case 'LogicalExpression': {
        if (e.operator === '??') {
          const l = this.expr(e.left as N, PREC.or);
          return [`${l} if ${l} is not None else ${this.expr(e.right as N, PREC.ifelse + 1)}`, PREC.ifelse];
        }
        const py = e.operator === '&&' ? 'and' : 'or';
        const p = PREC[py];
        return [`${this.expr(e.left as N, p)} ${py} ${this.expr(e.right as N, p + 1)}`, p];
      }
      case 'ConditionalExpression':
        return [`${this.expr(e.consequent as N, PREC.ifelse + 1)} if ${this.expr(e.test as N, PREC.ifelse + 1)} else ${this.expr(e.alternate as N, PREC.ifelse)}`, PREC.ifelse];
      case 'AwaitExpression':
        return this.go(e.argument as N);
      case 'ChainExpression':
        return this.go(e.expression as N);
      case 'NewExpression':
        return this.call(e.callee as N, e.arguments as N[]);
      case 'CallExpression':
        return this.call(e.callee as N, e.arguments as N[]);
      case 'MemberExpression':
        return this.member(e);
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return [this.fn(e), PREC.lambda];
      case 'SequenceExpression':
        return ctx.todo('a comma expression');
      case 'AssignmentExpression':
        return ctx.todo('an assignment inside an expression');
      case 'UpdateExpression':
        // ++n inside an expression: Python's assignment expression gives the new value
        if (e.prefix && e.argument.type === 'Identifier') return [`(${e.argument.name} := ${e.argument.name} ${e.operator === '++' ? '+' : '-'} 1)`, PREC.atom];
        return ctx.todo(`${e.operator} after a name inside an expression`);
      default:
        return ctx.todo(`a ${e.type}`);
    }
  }

  private fstring(e: E.TemplateLiteral): string {
    let out = '';
    e.quasis.forEach((q, i) => {
      out += (q.value.cooked ?? q.value.raw).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\{/g, '{{').replace(/\}/g, '}}');
      const x = e.expressions[i] as N | undefined;
      if (!x) return;
      // `${v.toFixed(4)}` → `{v:.4f}`
      if (x.type === 'CallExpression' && x.callee.type === 'MemberExpression' && !x.callee.computed && (x.callee.property as E.Identifier).name === 'toFixed') {
        const digits = x.arguments[0] && x.arguments[0].type === 'Literal' ? Number((x.arguments[0] as E.Literal).value) : 0;
        out += `{${this.expr(x.callee.object as N)}:.${digits}f}`;
      } else out += `{${this.expr(x)}}`;
    });
    return `f'${out}'`;
  }

  private dict(e: E.ObjectExpression): string {
    // `{losses, name: 'SGD'}` read as r.losses: a SimpleNamespace (attribute access as in TS);
    // string keys, computed keys or spreads: a dict
    if (e.properties.length && e.properties.every((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && /^[A-Za-z_]\w*$/.test(p.key.name))) {
      this.ctx.imports.add('from types import SimpleNamespace');
      return `SimpleNamespace(${(e.properties as E.Property[]).map((p) => `${keyName(p)}=${this.expr(p.value as N)}`).join(', ')})`;
    }
    const parts = e.properties.map((p) => {
      if (p.type === 'SpreadElement') return `**${this.expr(p.argument as N, PREC.unary)}`;
      if (p.computed) return `${this.expr(p.key as N)}: ${this.expr(p.value as N)}`;
      return `${quote(keyName(p))}: ${this.expr(p.value as N)}`;
    });
    return `{${parts.join(', ')}}`;
  }

  /** Arguments, with a trailing options object as keyword arguments (unless the callee takes a dict). */
  args(callee: string, args: N[]): string {
    const list = args.map((a) => a);
    const out: string[] = [];
    const last = list[list.length - 1];
    const kwargs = last && isOptionsObject(last) && !DICT_TAKERS.has(callee) && !callee.endsWith('.load_state_dict') ? (list.pop() as E.ObjectExpression) : null;
    for (const a of list) out.push(a.type === 'SpreadElement' ? `*${this.expr(a.argument as N, PREC.unary)}` : this.expr(a));
    if (kwargs) for (const p of kwargs.properties as E.Property[]) out.push(`${keyName(p)}=${this.expr(p.value as N)}`);
    return out.join(', ');
  }

  private call(calleeNode: N, args: N[]): [string, number] {
    const ctx = this.ctx;
    const name = dotted(calleeNode) ?? '';
    // torch.no_grad(() => expr) as an expression has no Python form (a `with` block is a statement)
    if (/^torch\.(no_grad|enable_grad|inference_mode)$/.test(name) && args.length === 1) {
      const f = args[0];
      if ((f.type !== 'ArrowFunctionExpression' && f.type !== 'FunctionExpression') || f.body.type === 'BlockStatement' || f.params.length) return ctx.todo(`${name}(() => { … }) inside an expression`);
      if (ctx.withBlock && ctx.withBlock !== name) ctx.todo(`${ctx.withBlock} and ${name} in one statement`);
      ctx.withBlock = name;
      return this.go(f.body as N);
    }
    switch (name) {
      case 'console.log':
      case 'console.info':
        return [`print(${this.args('print', args)})`, PREC.atom];
      case 'Math.sqrt':
      case 'Math.exp':
      case 'Math.log':
      case 'Math.floor':
      case 'Math.ceil':
      case 'Math.sin':
      case 'Math.cos':
      case 'Math.tan':
      case 'Math.atan2':
      case 'Math.log10':
      case 'Math.log2':
        ctx.imports.add('import math');
        return [`math.${name.slice(5)}(${this.args(name, args)})`, PREC.atom];
      case 'Math.abs':
      case 'Math.max':
      case 'Math.min':
      case 'Math.round':
        return [`${name.slice(5)}(${this.args(name, args)})`, PREC.atom];
      case 'Math.pow':
        return [`${this.expr(args[0], PREC['**'] + 1)} ** ${this.expr(args[1], PREC['**'])}`, PREC['**']];
      case 'Math.random':
        ctx.imports.add('import random');
        return ['random.random()', PREC.atom];
      case 'Number':
      case 'parseFloat':
        return [`float(${this.args(name, args)})`, PREC.atom];
      case 'parseInt':
        return [`int(${this.expr(args[0])})`, PREC.atom];
      case 'String':
        return [`str(${this.args(name, args)})`, PREC.atom];
      case 'Boolean':
        return [`bool(${this.args(name, args)})`, PREC.atom];
      case 'Array.from':
        if (args.length === 1) return [`list(${this.expr(args[0])})`, PREC.atom];
        break;
      case 'Object.keys':
        return [`list(${this.expr(args[0], PREC.atom)}.keys())`, PREC.atom];
      case 'Object.values':
        return [`list(${this.expr(args[0], PREC.atom)}.values())`, PREC.atom];
      case 'Object.entries':
        return [`list(${this.expr(args[0], PREC.atom)}.items())`, PREC.atom];
      case 'Map':
      case 'OrderedDict':
        ctx.imports.add('from collections import OrderedDict');
        return [`OrderedDict(${args.length ? this.pairs(args[0]) : ''})`, PREC.atom];
      case 'Set':
        return [`set(${this.args(name, args)})`, PREC.atom];
      case 'Error':
      case 'TypeError':
      case 'RangeError':
        return [`${name === 'Error' ? 'RuntimeError' : name === 'RangeError' ? 'IndexError' : name}(${this.args(name, args)})`, PREC.atom];
      case 'torch.get_default_device':
        return ["torch.device('cuda' if torch.cuda.is_available() else 'cpu')", PREC.atom];
      case 'torch.slice':
        return [this.slice(args), PREC.atom];
    }
    if (name.startsWith('datasets.')) return [this.dataset(name.slice('datasets.'.length), args), PREC.atom];
    if (name.startsWith('models.')) ctx.imports.add('import torchvision');
    if (name.startsWith('datasets.') || name.startsWith('utils.')) ctx.imports.add('import torchvision');
    if (calleeNode.type === 'MemberExpression' && !calleeNode.computed) {
      const method = (calleeNode.property as E.Identifier).name;
      const obj = calleeNode.object as N;
      const translated = this.method(obj, method, args);
      if (translated) return translated;
    }
    if (name === 'nn.Sequential' && args.length === 1 && args[0].type === 'ObjectExpression') {
      ctx.imports.add('from collections import OrderedDict');
      const items = (args[0] as E.ObjectExpression).properties.map((p) => `(${quote(keyName(p as E.Property))}, ${this.expr((p as E.Property).value as N)})`);
      return [`nn.Sequential(OrderedDict([${items.join(', ')}]))`, PREC.atom];
    }
    return [`${this.expr(calleeNode, PREC.atom)}(${this.args(name, args)})`, PREC.atom];
  }

  /** `new Map([['a', x], …])` / `OrderedDict([...])` → a list of tuples. */
  private pairs(a: N): string {
    if (a.type === 'ArrayExpression' && a.elements.every((el) => el && el.type === 'ArrayExpression' && el.elements.length === 2))
      return `[${a.elements.map((el) => `(${(el as E.ArrayExpression).elements.map((x) => this.expr(x as N)).join(', ')})`).join(', ')}]`;
    return this.expr(a);
  }

  /** Array/string/tensor methods whose Python form differs. */
  private method(objNode: N, method: string, args: N[]): [string, number] | null {
    const obj = () => this.expr(objNode, PREC.atom);
    switch (method) {
      case 'index':
        if (args.length) return [`${obj()}[${args.map((a) => this.indexArg(a)).join(', ')}]`, PREC.atom];
        return null;
      case 'push':
        return args.length === 1 ? [`${obj()}.append(${this.expr(args[0])})`, PREC.atom] : [`${obj()}.extend([${this.args('', args)}])`, PREC.atom];
      case 'toFixed':
        return [`f'{${this.expr(objNode)}:.${args[0] ? this.expr(args[0]) : 0}f}'`, PREC.atom];
      case 'join':
        if (objNode.type !== 'ArrayExpression' && args.length <= 1 && !(dotted(objNode) ?? '').startsWith('torch')) return [`${args[0] ? this.expr(args[0], PREC.atom) : "','"}.join(str(v) for v in ${obj()})`, PREC.atom];
        return null;
      case 'includes':
        return [`${this.expr(args[0], PREC.cmp + 1)} in ${this.expr(objNode, PREC.cmp + 1)}`, PREC.cmp];
      case 'map':
      case 'filter':
      case 'forEach': {
        const f = args[0];
        if (!f || (f.type !== 'ArrowFunctionExpression' && f.type !== 'FunctionExpression') || f.body.type === 'BlockStatement' || f.params.length < 1 || f.params.length > 2) return null;
        const v = this.pattern(f.params[0] as N);
        const body = this.expr(f.body as N);
        // (v, i) => … : the index comes from enumerate
        const over = f.params.length === 2 ? `${this.pattern(f.params[1] as N)}, ${v} in enumerate(${this.expr(objNode)})` : `${v} in ${this.expr(objNode, PREC.or)}`;
        if (method === 'map') return [`[${body} for ${over}]`, PREC.atom];
        if (method === 'filter') return [`[${v} for ${over} if ${body}]`, PREC.atom];
        return null;
      }
      case 'slice':
        if (args.length <= 2 && objNode.type !== 'Identifier') return null;
        if (args.length <= 2) return [`${obj()}[${args[0] ? this.expr(args[0]) : ''}:${args[1] ? this.expr(args[1]) : ''}]`, PREC.atom];
        return null;
      case 'toExponential':
        return [`f'{${this.expr(objNode)}:.${args[0] ? this.expr(args[0]) : 6}e}'`, PREC.atom];
      case 'toPrecision':
        return [`f'{${this.expr(objNode)}:.${args[0] ? this.expr(args[0]) : 6}g}'`, PREC.atom];
      case 'padEnd':
      case 'padStart':
        return [`${obj()}.${method === 'padEnd' ? 'ljust' : 'rjust'}(${this.args('', args)})`, PREC.atom];
      case 'toUpperCase':
      case 'toLowerCase':
        return [`${obj()}.${method === 'toUpperCase' ? 'upper' : 'lower'}()`, PREC.atom];
      case 'trim':
        return [`${obj()}.strip()`, PREC.atom];
      case 'startsWith':
      case 'endsWith':
        return [`${obj()}.${method.toLowerCase()}(${this.args('', args)})`, PREC.atom];
      case 'reduce': {
        const f = args[0];
        if (f && (f.type === 'ArrowFunctionExpression' || f.type === 'FunctionExpression') && f.params.length === 2 && f.body.type === 'BinaryExpression' && f.body.operator === '+' && args[1] && args[1].type === 'Literal' && args[1].value === 0) {
          const [a, b] = f.params.map((p) => this.pattern(p as N));
          const l = f.body.left, r = f.body.right;
          if (l.type === 'Identifier' && l.name === a && r.type === 'Identifier' && r.name === b) return [`sum(${this.expr(objNode)})`, PREC.atom];
        }
        if (!f) return null;
        this.ctx.imports.add('import functools');
        return [`functools.reduce(${this.args('', [f])}, ${this.expr(objNode)}${args[1] ? `, ${this.expr(args[1])}` : ''})`, PREC.atom];
      }
      case 'toLocaleString':
        return [`f'{${this.expr(objNode)}:,}'`, PREC.atom];
      case 'keys':
        // Array(n).keys() → range(n)
        if (args.length === 0 && (objNode.type === 'CallExpression' || objNode.type === 'NewExpression') && dotted(objNode.callee as N) === 'Array' && objNode.arguments.length === 1)
          return [`range(${this.expr(objNode.arguments[0] as N)})`, PREC.atom];
        return null;
      case 'toString':
        return args.length === 0 ? [`str(${this.expr(objNode)})`, PREC.atom] : null;
      case 'get':
        // Torchlit's dataset.get(i), Map.get(k) → Python's subscript
        return args.length === 1 ? [`${obj()}[${this.expr(args[0])}]`, PREC.atom] : null;
      case 'next':
        // it[Symbol.iterator]().next() → next(iter(it))
        if (args.length === 0 && objNode.type === 'CallExpression' && objNode.callee.type === 'MemberExpression' && objNode.callee.computed && dotted(objNode.callee.property as N) === 'Symbol.iterator')
          return [`next(iter(${this.expr(objNode.callee.object as N)}))`, PREC.atom];
        return null;
    }
    return null;
  }

  /** An argument of `t.index(…)` as a Python subscript part. */
  private indexArg(a: N): string {
    if (a.type === 'Literal' && a.value === ':') return ':';
    if (a.type === 'Literal' && a.value === '...') return '...';
    if (a.type === 'Literal' && a.value === null) return 'None';
    if (a.type === 'CallExpression' && dotted(a.callee as N) === 'torch.slice') return this.slice(a.arguments as N[]);
    return this.expr(a);
  }

  private slice(args: N[]): string {
    const part = (a: N | undefined) => (!a || (a.type === 'Literal' && a.value === null) || (a.type === 'Identifier' && a.name === 'undefined') ? '' : this.expr(a));
    const s = `${part(args[0])}:${part(args[1])}`;
    return args[2] ? `${s}:${part(args[2])}` : s;
  }

  private member(e: E.MemberExpression): [string, number] {
    const name = dotted(e);
    if (name && NAMESPACES[name]) return [NAMESPACES[name], PREC.atom];
    if (name === 'Number.POSITIVE_INFINITY') return ["float('inf')", PREC.atom];
    if (!e.computed && (e.property as E.Identifier).name === 'length') return [`len(${this.expr(e.object as N)})`, PREC.atom];
    // an Error's message is str(e) in Python
    if (!e.computed && (e.property as E.Identifier).name === 'message') return [`str(${this.expr(e.object as N)})`, PREC.atom];
    // it[Symbol.iterator]().next().value → next(iter(it))
    if (!e.computed && (e.property as E.Identifier).name === 'value' && e.object.type === 'CallExpression' && e.object.callee.type === 'MemberExpression' && !e.object.callee.computed && (e.object.callee.property as E.Identifier).name === 'next') {
      const inner = this.method(e.object.callee.object as N, 'next', e.object.arguments as N[]);
      if (inner) return inner;
    }
    if (name?.startsWith('Math.')) {
      this.ctx.imports.add('import math');
      return [`math.${name.slice(5).toLowerCase()}`, PREC.atom];
    }
    const obj = this.expr(e.object as N, PREC.atom);
    if (e.computed) return [`${obj}[${this.expr(e.property as N)}]`, PREC.atom];
    // an optimizer's param groups (and state dicts) are dicts in PyTorch: group.lr → group['lr']
    const o = e.object as N;
    if (o.type === 'MemberExpression' && o.computed && o.object.type === 'MemberExpression' && !o.object.computed && (o.object.property as E.Identifier).name === 'param_groups')
      return [`${obj}[${quote((e.property as E.Identifier).name)}]`, PREC.atom];
    return [`${obj}.${(e.property as E.Identifier).name}`, PREC.atom];
  }

  /** A destructuring pattern or name as a Python target. */
  pattern(p: N): string {
    if (p.type === 'Identifier') return p.name;
    if (p.type === 'ArrayPattern') return p.elements.map((x) => (x ? this.pattern(x as N) : '_')).join(', ');
    if (p.type === 'AssignmentPattern') return this.pattern(p.left as N);
    if (p.type === 'RestElement') return `*${this.pattern(p.argument as N)}`;
    if (p.type === 'MemberExpression') return this.expr(p);
    return this.ctx.todo('an object destructuring pattern');
  }

  /** A function expression: `lambda` when its body is one expression, else a hoisted nested `def`. */
  fn(f: E.ArrowFunctionExpression | E.FunctionExpression): string {
    const params = f.params.map((p) => this.param(p as N)).join(', ');
    if (f.body.type !== 'BlockStatement') return `lambda${params ? ' ' + params : ''}: ${this.expr(f.body as N, PREC.lambda)}`;
    const name = this.ctx.fresh('_fn');
    this.ctx.hoist([`def ${name}(${params}):`, ...(this.onBlock?.(f.body) ?? ['    pass'])]);
    return name;
  }

  /** Set by the statement writer: how a block body is written (indented lines). */
  onBlock: ((b: E.BlockStatement) => string[]) | null = null;

  param(p: N): string {
    if (p.type === 'AssignmentPattern') return `${this.pattern(p.left as N)}=${this.expr(p.right as N)}`;
    if (p.type === 'RestElement') return `*${this.pattern(p.argument as N)}`;
    if (p.type === 'Identifier') return p.name;
    return this.ctx.todo('a destructuring parameter');
  }

  /** `datasets.MNIST({train, transform, normalize})` → torchvision's constructor. */
  private dataset(name: string, args: N[]): string {
    this.ctx.imports.add('import torchvision');
    const opts = args[0] && isOptionsObject(args[0]) ? (args[0].properties as E.Property[]) : [];
    const kw: string[] = [];
    let normalize = false;
    let transform: string | null = null;
    for (const p of opts) {
      const k = keyName(p);
      if (k === 'normalize') normalize = p.value.type === 'Literal' && p.value.value === true;
      else if (k === 'transform') transform = this.expr(p.value as N);
      else kw.push(`${k}=${this.expr(p.value as N)}`);
    }
    if (!transform) {
      this.ctx.imports.add('from torchvision import transforms');
      transform = normalize && name === 'MNIST' ? 'transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])' : 'transforms.ToTensor()';
    }
    return `torchvision.datasets.${name}('data', ${[...kw, 'download=True', `transform=${transform}`].join(', ')})`;
  }
}

