// Containers: Sequential, ModuleList, ModuleDict.
import { IndexError, KeyError, RuntimeError, ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { addIndent, Module } from './module';
import { parseSliceString, Slice } from '../ops/indexing';

function isPlainObject(v: unknown): v is Record<string, Module> {
  if (typeof v !== 'object' || v === null || v instanceof Map || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function normIndex(idx: number, n: number, what: string): number {
  const i = idx < 0 ? idx + n : idx;
  if (!Number.isInteger(i) || i < 0 || i >= n) throw Object.assign(new RangeError(`index ${idx} is out of range`), { name: 'IndexError' });
  void what;
  return i;
}

/** Deletes the child at position `idx` and renames the rest 0, 1, … (PyTorch's __delitem__ does, even for named children). */
function deleteAt(m: Module, idx: number, what: string): Module {
  const entries = [...m._modules];
  const [, removed] = entries.splice(normIndex(idx, entries.length, what), 1)[0];
  m._modules.clear();
  entries.forEach(([, c], k) => m._modules.set(String(k), c));
  return removed!;
}

/** Positions `k` picks from `n` items as a Python slice does (`'1:3'`, `'::-1'`, `torch.slice(…)`). */
function slicePositions(k: string | Slice, n: number): number[] {
  const s = typeof k === 'string' ? parseSliceString(k) : k;
  const step = s.step ?? 1;
  if (step === 0) throw new ValueError('slice step cannot be zero');
  const clamp = (v: number | null, dflt: number, lo: number, hi: number) => (v === null ? dflt : Math.min(Math.max(v < 0 ? v + n : v, lo), hi));
  const out: number[] = [];
  if (step > 0) for (let i = clamp(s.start, 0, 0, n); i < clamp(s.stop, n, 0, n); i += step) out.push(i);
  else for (let i = clamp(s.start, n - 1, -1, n - 1); i > clamp(s.stop, -1, -1, n - 1); i += step) out.push(i);
  return out;
}
const isSliceKey = (k: unknown): k is string | Slice => typeof k === 'string' || k instanceof Slice;

/**
 * Runs its modules in order. Names are `0`, `1`, … for modules given as arguments; a `Map`
 * (PyTorch's OrderedDict form) or a plain object gives names (the object form's names are typed
 * attributes: `seq.output_linear`).
 * @example
 * const seq_model = nn.Sequential({hidden_linear: nn.Linear(1, 8), hidden_activation: nn.Tanh(), output_linear: nn.Linear(8, 1)});
 * seq_model.output_linear.bias
 */
export class Sequential extends Module {
  [index: number]: Module;
  constructor(...args: unknown[]) {
    super();
    if (args.length === 1 && args[0] instanceof Map) for (const [k, m] of args[0] as Map<string, Module>) this.add_module(String(k), m);
    else if (args.length === 1 && isPlainObject(args[0])) for (const [k, m] of Object.entries(args[0])) this.add_module(k, m);
    else args.forEach((m, i) => this.add_module(String(i), m as Module));
  }
  forward(input: Tensor): Tensor;
  forward(input: unknown): unknown {
    let x = input;
    for (const m of this._modules.values()) if (m) x = (m as unknown as (a: unknown) => unknown)(x);
    return x;
  }
  _getitem(idx: number): Module {
    const keys = [...this._modules.keys()];
    return this._modules.get(keys[normIndex(idx, keys.length, 'Sequential')])!;
  }
  /** The module at position `idx` (negative counts from the end), as PyTorch's `seq[idx]`. */
  at(idx: number): Module {
    return this._getitem(idx);
  }
  /**
   * PyTorch's `seq[k]` in a cell: a position gives the module, a slice (`seq.index(':2')`,
   * `torch.slice(null, -1)`) a Sequential of those modules under their names.
   */
  index(k: number | string | Slice): Module | Sequential {
    if (!isSliceKey(k)) return this._getitem(k);
    const entries = [...this._modules] as [string, Module][];
    return new Sequential(new Map(slicePositions(k, entries.length).map((i) => entries[i])));
  }
  /** A Sequential of modules start..stop, keeping their names (PyTorch's `seq[1:3]`). */
  slice(start?: number, stop?: number): Sequential {
    return new Sequential(new Map([...this._modules].slice(start, stop) as [string, Module][]));
  }
  get length(): number {
    return this._modules.size;
  }
  [Symbol.iterator](): Iterator<Module> {
    return ([...this._modules.values()] as Module[])[Symbol.iterator]();
  }
  /** Adds a module at the end (named by its position). */
  append(module: Module): this {
    this.add_module(String(this._modules.size), module);
    return this;
  }
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }
  /**
   * Removes the module at `idx` and returns it; the rest are renumbered 0, 1, …, as PyTorch's `seq.pop(idx)`.
   * @example const last = model.pop(-1)
   */
  pop(idx: number): Module {
    return deleteAt(this, idx, 'Sequential');
  }
  /** PyTorch's `del seq[idx]`; `delete seq[idx]` does the same. */
  __delitem__(idx: number): void {
    deleteAt(this, idx, 'Sequential');
  }
  _delitem(idx: number): void {
    deleteAt(this, idx, 'Sequential');
  }
  insert(index: number, module: Module): this {
    const mods = [...this._modules.values()] as Module[];
    const n = mods.length;
    const i = index < 0 ? index + n : index;
    if (i < 0 || i > n) throw new IndexError(`Index out of range: ${index}`);
    mods.splice(i, 0, module);
    this._modules.clear();
    mods.forEach((m, k) => this.add_module(String(k), m));
    return this;
  }
}

/** A list of modules, registered under `0`, `1`, … (iterate, index, `append`). */
export class ModuleList<M extends Module = Module> extends Module {
  [index: number]: M;
  constructor(modules?: Iterable<M> | null) {
    super();
    if (modules) for (const m of modules) this.append(m);
  }
  _getitem(idx: number): M {
    return this._modules.get(String(normIndex(idx, this._modules.size, 'ModuleList'))) as M;
  }
  at(idx: number): M {
    return this._getitem(idx);
  }
  get length(): number {
    return this._modules.size;
  }
  [Symbol.iterator](): Iterator<M> {
    return ([...this._modules.values()] as M[])[Symbol.iterator]();
  }
  append(module: M): this {
    this.add_module(String(this._modules.size), module);
    return this;
  }
  extend(modules: Iterable<M>): this {
    for (const m of modules) this.append(m);
    return this;
  }
  /** PyTorch's `layers[k]` in a cell: a position gives the module, a slice (`layers.index('1:')`) a ModuleList. */
  index(k: number | string | Slice): M | ModuleList<M> {
    if (!isSliceKey(k)) return this._getitem(k);
    const all = [...this];
    return new ModuleList<M>(slicePositions(k, all.length).map((i) => all[i]));
  }
  /** A ModuleList of modules start..stop (PyTorch's `layers[1:3]`). */
  slice(start?: number, stop?: number): ModuleList<M> {
    return new ModuleList<M>([...this].slice(start, stop));
  }
  /** Removes the module at `idx` and returns it; the rest are renumbered. */
  pop(idx: number): M {
    return deleteAt(this, idx, 'ModuleList') as M;
  }
  /** PyTorch's `del layers[idx]`; `delete layers[idx]` does the same. */
  __delitem__(idx: number): void {
    deleteAt(this, idx, 'ModuleList');
  }
  _delitem(idx: number): void {
    deleteAt(this, idx, 'ModuleList');
  }
  insert(index: number, module: M): this {
    const mods = [...this] as M[];
    mods.splice(index < 0 ? index + mods.length : index, 0, module);
    this._modules.clear();
    mods.forEach((m, k) => this.add_module(String(k), m));
    return this;
  }
  forward(): never {
    throw new RuntimeError('ModuleList is not callable: iterate over it in your forward()');
  }
  /** PyTorch 2's repr, which folds runs of identical modules (`(0-2): 3 x Linear(...)`). */
  toString(): string {
    const reprs = [...this].map((m) => m.toString());
    if (!reprs.length) return this._get_name() + '()';
    const blocks: [number, number, string][] = [[0, 0, reprs[0]]];
    reprs.slice(1).forEach((r, j) => {
      const last = blocks[blocks.length - 1];
      if (r === last[2]) last[1] = j + 1;
      else blocks.push([j + 1, j + 1, r]);
    });
    const lines = blocks.map(([s, e, b]) => addIndent(s === e ? `(${s}): ${b}` : `(${s}-${e}): ${e - s + 1} x ${b}`, 2));
    return `${this._get_name()}(\n  ${lines.join('\n  ')}\n)`;
  }
}

/** Modules by name, in insertion order: `get`, `set`, `keys`, `values`, `items`. */
export class ModuleDict<M extends Module = Module> extends Module {
  constructor(modules?: Record<string, M> | Map<string, M> | [string, M][] | null) {
    super();
    if (modules) this.update(modules);
  }
  get(key: string): M {
    const m = this._modules.get(key);
    if (!m) throw new KeyError(key);
    return m as M;
  }
  /** Python's `d[key]` (a cell's `d['fc']`): the module, or KeyError for a missing key (JavaScript read undefined). */
  __getitem__(key: string): M {
    return this.get(key);
  }
  set(key: string, module: M): this {
    this.add_module(key, module);
    return this;
  }
  has(key: string): boolean {
    return this._modules.has(key);
  }
  delete(key: string): boolean {
    return this._modules.delete(key);
  }
  pop(key: string): M {
    const m = this.get(key);
    this._modules.delete(key);
    return m;
  }
  clear(): void {
    this._modules.clear();
  }
  keys(): string[] {
    return [...this._modules.keys()];
  }
  values(): M[] {
    return [...this._modules.values()] as M[];
  }
  items(): [string, M][] {
    return [...this._modules] as [string, M][];
  }
  get length(): number {
    return this._modules.size;
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  update(modules: Record<string, M> | Map<string, M> | [string, M][]): this {
    const entries = modules instanceof Map ? [...modules] : Array.isArray(modules) ? modules : Object.entries(modules);
    for (const [k, m] of entries) this.add_module(k, m);
    return this;
  }
  forward(): never {
    throw new RuntimeError('ModuleDict is not callable: look modules up by name in your forward()');
  }
}
