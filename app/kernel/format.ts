// How `print` and `text/plain` show a value. Torch objects (anything whose class defines its own
// `toString`: tensors, torch.Size, dtypes, devices, modules, optimizers) print in PyTorch's form
// via `String(x)`; plain JS values print the way `console.log` shows them in Node
// (`[ 1, 2, 3 ]`, `{ a: 1, b: 'x' }`, `Map(1) { 'k' => 1 }`, `[Function: f]`).
import { unwrapPyClass } from './py-class';

const MAX_ITEMS = 100;
const MAX_DEPTH = 2;
const MAX_STRING = 10_000;

/** Whether `x` is an object whose class brings its own `toString` (torch objects and the like). */
export function hasOwnRepr(x: unknown): boolean {
  if ((typeof x !== 'object' && typeof x !== 'function') || x === null) return false;
  const ts = (x as { toString?: unknown }).toString;
  return (
    typeof ts === 'function' &&
    ts !== Object.prototype.toString &&
    ts !== Function.prototype.toString &&
    ts !== Array.prototype.toString &&
    ts !== Error.prototype.toString &&
    ts !== Date.prototype.toString &&
    ts !== RegExp.prototype.toString &&
    !(x instanceof Map) &&
    !(x instanceof Set) &&
    !ArrayBuffer.isView(x)
  );
}

/**
 * Top-level form, as Python's `print` (str): strings as they are, an object's `__str__()` or its own
 * `toString` (`print(t.device)` is `cpu`), everything else inspected (its repr).
 */
export function formatValue(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'object' && x !== null) {
    const str = (x as { __str__?: unknown }).__str__;
    if (typeof str === 'function') return safeCall(() => String(str.call(x)));
    if (hasOwnRepr(x)) return safeString(x);
  }
  return inspect(x);
}

/** What a Python-minded class says `__repr__()` / `__str__()` is; a throwing one shows its error. */
function safeCall(f: () => string): string {
  try {
    return f();
  } catch (e) {
    return `<repr failed: ${e instanceof Error ? e.message : String(e)}>`;
  }
}

/** A `console.log`-like inspector, with depth, length and circularity limits. */
export function inspect(x: unknown, depth = 0, seen: Set<unknown> = new Set()): string {
  switch (typeof x) {
    case 'string':
      return depth === 0 ? quote(x) : quote(x.length > MAX_STRING ? x.slice(0, MAX_STRING) + '…' : x);
    case 'number':
      return Object.is(x, -0) ? '-0' : String(x);
    case 'bigint':
      return `${x}n`;
    case 'boolean':
    case 'undefined':
      return String(x);
    case 'symbol':
      return x.toString();
    case 'function':
      if (hasOwnRepr(x)) return safeString(x);
      return fnName(x as Function);
  }
  if (x === null) return 'null';
  const o = x as object;
  // Python's repr: `__repr__()` where the object has one (torch.device: device(type='cpu'))
  const repr = (o as { __repr__?: unknown }).__repr__;
  if (typeof repr === 'function') return safeCall(() => String(repr.call(o)));
  if (hasOwnRepr(o)) return safeString(o);
  if (seen.has(o)) return '[Circular]';
  if (o instanceof Error) return o.stack ?? `${o.name}: ${o.message}`;
  if (o instanceof Date) return Number.isNaN(o.getTime()) ? 'Invalid Date' : o.toISOString();
  if (o instanceof RegExp) return String(o);
  if (o instanceof Promise) return 'Promise { <pending> }';
  const nested = depth > MAX_DEPTH;
  seen.add(o);
  try {
    if (Array.isArray(o)) {
      if (nested) return '[Array]';
      return list(o.slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen)), o.length, '[', ']', '');
    }
    if (ArrayBuffer.isView(o) && !(o instanceof DataView)) {
      const arr = o as unknown as ArrayLike<number | bigint>;
      const items = Array.from({ length: Math.min(arr.length, MAX_ITEMS) }, (_, i) => inspect(arr[i], depth + 1, seen));
      return list(items, arr.length, `${o.constructor.name}(${arr.length}) [`, ']', '');
    }
    if (o instanceof Map) {
      if (nested) return '[Map]';
      const items = [...o].slice(0, MAX_ITEMS).map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`);
      return list(items, o.size, `Map(${o.size}) {`, '}', ' ');
    }
    if (o instanceof Set) {
      if (nested) return '[Set]';
      const items = [...o].slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen));
      return list(items, o.size, `Set(${o.size}) {`, '}', ' ');
    }
    const ctor = Object.getPrototypeOf(o) === null ? '[Object: null prototype]' : (o.constructor?.name ?? 'Object');
    const prefix = ctor === 'Object' ? '' : `${ctor} `;
    if (nested) return `[${ctor}]`;
    const keys = Object.keys(o);
    const items = keys.slice(0, MAX_ITEMS).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${inspect((o as Record<string, unknown>)[k], depth + 1, seen)}`);
    if (items.length === 0) return `${prefix}{}`;
    return list(items, keys.length, `${prefix}{`, '}', ' ');
  } finally {
    seen.delete(o);
  }
}

function list(items: string[], total: number, open: string, close: string, pad: string): string {
  if (total > items.length) items.push(`... ${total - items.length} more item${total - items.length === 1 ? '' : 's'}`);
  if (items.length === 0) return `${open}${close}`;
  const oneLine = `${open}${pad || ' '}${items.join(', ')}${pad || ' '}${close}`;
  if (oneLine.length <= 72 && !items.some((s) => s.includes('\n'))) return oneLine;
  return `${open}\n${items.map((s) => '  ' + s.replace(/\n/g, '\n  ')).join(',\n')}\n${close}`;
}

function quote(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  return q + s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}

function fnName(f: Function): string {
  const src = Function.prototype.toString.call(unwrapPyClass(f));
  if (/^class[\s{]/.test(src)) return `[class ${f.name || '(anonymous)'}]`;
  return f.name ? `[Function: ${f.name}]` : '[Function (anonymous)]';
}

function safeString(x: unknown): string {
  try {
    return String(x);
  } catch (e) {
    return `<unprintable ${(x as object)?.constructor?.name ?? typeof x}: ${(e as Error).message}>`;
  }
}
