// nn.Module: the base class of every layer and model.
//
// An instance is a function behind a Proxy, so `model(x)` runs `forward(x)` as in PyTorch.
// The Proxy also plays the part of Python's __setattr__/__getattr__: assigning a Module or a
// Parameter to an attribute registers it (in assignment order), and registered children,
// parameters and buffers read back as attributes. The function's own `name`/`length` are
// removed and its prototype is the module class's, so Module members (`apply`, `name`, …) are
// the only ones it has: Function.prototype is not on the chain.
import { AttributeError, KeyError, NotImplementedError, RuntimeError, ValueError } from '../errors';
import { className, pyName } from '../pyname';
import { withGradMode } from '../autograd';
import { isOptions, parseArgs } from '../args';
import { Device, toDevice, type DeviceLike } from '../device';
import { DType, toDType, type DTypeLike } from '../dtype';
import { keep } from '../memory';
import { Tensor } from '../tensor';
import { zeroGradOf } from '../grad';
import { addHook, hooksOf, noBackwardHooks, setupBackwardHooks, type Hook } from './module-hooks';
import { type IncompatibleKeys, loadStateDict, stateDictOf, VERSIONED } from './module-state';
import { createModuleInstance, setModuleClass, typeName } from './module-proxy';
import { checkName, kw, moveInto } from './module-util';
import { isParameter, Parameter } from './parameter';

export { copyInto, moveInto } from './module-util';

/** A state dict: parameter and buffer names → tensors, in PyTorch's key order. */
export type StateDict = Record<string, Tensor>;

/** Python's `_addindent`: indents every line but the first. */
export function addIndent(s: string, n: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const pad = ' '.repeat(n);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n');
}

// The instance type is callable: `model(x)` has forward's parameters and return type.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the instance is a function (see above)
export interface Module {
  (...args: Parameters<this['forward']>): ReturnType<this['forward']>;
}

/**
 * Base class for all neural network modules. Subclass it and define `forward`.
 * @example
 * class Net extends nn.Module {
 *   fc1 = nn.Linear(3, 8);
 *   fc2 = nn.Linear(8, 1);
 *   forward(x: Tensor) { return this.fc2(this.fc1(x).tanh()); }
 * }
 * const net = new Net(); net(x)
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Module {
  declare _parameters: Map<string, Tensor | null>;
  declare _buffers: Map<string, Tensor | null>;
  declare _non_persistent_buffers_set: Set<string>;
  declare _modules: Map<string, Module | null>;
  /** Whether the module is in training mode (`train()`/`eval()`). */
  declare training: boolean;

  constructor() {
    return createModuleInstance<Module>(new.target.prototype);
  }

  /** The computation of the module; subclasses define it. `model(x)` calls it. */
   
  forward(..._args: any[]): any {
    throw new NotImplementedError(`Module [${this._get_name()}] is missing the required "forward" function`);
  }

  _call_impl(...args: unknown[]): unknown {
    const pre = hooksOf(this, 'pre');
    const post = hooksOf(this, 'post');
    let input = args;
    for (const h of pre) {
      const r = h(this, input);
      if (r !== undefined && r !== null) input = Array.isArray(r) ? r : [r];
    }
    const backward = hooksOf(this, 'backward');
    const bw = backward.length ? setupBackwardHooks(this, backward, input) : null;
    let out = (this.forward as (...a: unknown[]) => unknown)(...(bw ? bw.args : input));
    for (const h of post) {
      const r = h(this, input, out);
      if (r !== undefined && r !== null) out = r;
    }
    return bw ? bw.wrapOutput(out) : out;
  }

  /**
   * Calls `hook(module, inputs, output)` after every forward; a returned value replaces the output.
   * @example let acts = null; const h = model[0].register_forward_hook((m, inp, out) => { acts = out; }); model(x); h.remove(); acts.shape // torch.Size([4, 4])
   */
  register_forward_hook(hook: (module: Module, inputs: unknown[], output: unknown) => unknown): { remove(): void } {
    return addHook(this, 'post', hook as Hook);
  }
  /** Calls `hook(module, inputs)` before every forward; a returned value replaces the inputs. */
  register_forward_pre_hook(hook: (module: Module, inputs: unknown[]) => unknown): { remove(): void } {
    return addHook(this, 'pre', hook as Hook);
  }
  /**
   * Calls `hook(module, grad_input, grad_output)` when the gradients of the module's output and of its
   * tensor input are computed (arrays, `null` for an input without one); a returned array replaces grad_input.
   * @example const h = model[0].register_full_backward_hook((m, gin, gout) => { print(gout[0].shape); }); model(x).sum().backward(); h.remove();
   */
  register_full_backward_hook(hook: (module: Module, grad_input: (Tensor | null)[], grad_output: (Tensor | null)[]) => unknown): { remove(): void } {
    return addHook(this, 'backward', hook as unknown as Hook);
  }
  /** Not implemented (deprecated in PyTorch too): see register_full_backward_hook. */
  register_backward_hook(_hook: unknown): never {
    return noBackwardHooks('register_backward_hook');
  }
  /** Not implemented: see register_full_backward_hook. */
  register_full_backward_pre_hook(_hook: unknown): never {
    return noBackwardHooks('register_full_backward_pre_hook');
  }

  /**
   * Python's `m.__class__` (the module's class), so DCGAN's `m.__class__.__name__.find('Conv')` ports as written.
   * @example nn.Conv2d(1, 2, 3).__class__.__name__  // 'Conv2d'
   */
  get __class__(): (abstract new (...args: never[]) => Module) & { __name__: string } {
    return Object.getPrototypeOf(this).constructor;
  }
  /** Python's `cls.__name__`: the class's PyTorch name (`Conv2d`, a user's `Generator`). */
  static get __name__(): string {
    return className(this);
  }

  /** The class name, as PyTorch's `_get_name()`. */
  _get_name(): string {
    return pyName(this);
  }

  // ---- registration ------------------------------------------------------------------------
  /** Registers a parameter (or null) under `name`. */
  register_parameter(name: string, param: Tensor | null): void {
    checkName(this, name, 'parameter');
    if (param !== null && !isParameter(param))
      throw new TypeError(`cannot assign '${typeName(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
    if (!this._parameters.has(name) && Object.prototype.hasOwnProperty.call(this, name)) Reflect.deleteProperty(this, name);
    this._parameters.set(name, param ? keep(param) : null);
  }
  /** Registers a tensor that is state but not a parameter (e.g. BatchNorm's running_mean); it goes into `state_dict()` unless `persistent: false`. */
  register_buffer(name: string, tensor: Tensor | null, persistent: boolean | { persistent?: boolean } = true): void {
    checkName(this, name, 'buffer');
    const p = typeof persistent === 'boolean' ? persistent : persistent.persistent ?? true;
    if (tensor !== null && !(tensor instanceof Tensor))
      throw new TypeError(`cannot assign '${typeName(tensor)}' object to buffer '${name}' (torch Tensor or None required)`);
    this._buffers.set(name, tensor ? keep(tensor) : null);
    if (p) this._non_persistent_buffers_set.delete(name);
    else this._non_persistent_buffers_set.add(name);
  }
  /** Adds a child module under `name` (which may contain characters an attribute cannot). */
  add_module(name: string, module: Module | null): void {
    if (module !== null && !(module instanceof Module)) throw new TypeError(`${typeName(module)} is not a Module subclass`);
    if (typeof name !== 'string') throw new TypeError(`module name should be a string. Got ${typeName(name)}`);
    if (name.includes('.')) throw new KeyError(`module name can't contain ".", got: ${name}`);
    if (name === '') throw new KeyError('module name can\'t be empty string ""');
    this._modules.set(name, module);
  }
  register_module(name: string, module: Module | null): void {
    this.add_module(name, module);
  }
  /** The submodule at a dotted path, e.g. `model.get_submodule('features.0')`. */
  get_submodule(target: string): Module {
    if (target === '') return this;
    let mod: Module = this;
    for (const item of target.split('.')) {
      const next = mod._modules.get(item);
      if (next === undefined) {
        if (!(item in mod)) throw new AttributeError(`${mod._get_name()} has no attribute \`${item}\``);
        throw new AttributeError(`\`${item}\` is not an nn.Module`);
      }
      if (!next) throw new AttributeError(`\`${item}\` is not an nn.Module`);
      mod = next;
    }
    return mod;
  }
  /** The parameter at a dotted path, e.g. `model.get_parameter('fc1.weight')`. */
  get_parameter(target: string): Tensor {
    return this._get_member(target, '_parameters', 'an nn.Parameter');
  }
  /** The buffer at a dotted path, e.g. `model.get_buffer('bn1.running_mean')`. */
  get_buffer(target: string): Tensor {
    return this._get_member(target, '_buffers', 'a buffer');
  }
  private _get_member(target: string, kind: '_parameters' | '_buffers', what: string): Tensor {
    const i = target.lastIndexOf('.');
    const mod = this.get_submodule(i < 0 ? '' : target.slice(0, i));
    const name = target.slice(i + 1);
    const v = mod[kind].get(name);
    if (v) return v;
    if (!(name in mod)) throw new AttributeError(`${mod._get_name()} has no attribute \`${name}\``);
    throw new AttributeError(`\`${name}\` is not ${what}`);
  }

  // ---- traversal (arrays, in registration order) --------------------------------------------
  /** `[name, module]` for this module and every descendant, depth first; `''` is this module. */
  named_modules(...args: unknown[]): [string, Module][] {
    // PyTorch's named_modules(memo=None, prefix='', remove_duplicate=True): `{prefix: 'model'}` by name too
    const o = kw('named_modules', args, ['memo', 'prefix', 'remove_duplicate'], { memo: null, prefix: '', remove_duplicate: true });
    const memo = (o.memo as Set<Module> | null) ?? new Set<Module>(), prefix = o.prefix as string, remove_duplicate = o.remove_duplicate as boolean;
    const out: [string, Module][] = [];
    const walk = (m: Module, pre: string) => {
      if (remove_duplicate) {
        if (memo.has(m)) return;
        memo.add(m);
      }
      out.push([pre, m]);
      for (const [name, child] of m._modules) if (child) walk(child, pre ? `${pre}.${name}` : name);
    };
    walk(this, prefix);
    return out;
  }
  modules(): Module[] {
    return this.named_modules().map(([, m]) => m);
  }
  /** `[name, child]` for the direct children. */
  named_children(): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    for (const [name, m] of this._modules)
      if (m && !seen.has(m)) {
        seen.add(m);
        out.push([name, m]);
      }
    return out;
  }
  children(): Module[] {
    return this.named_children().map(([, m]) => m);
  }

  private _named_members(kind: '_parameters' | '_buffers', prefix: string, recurse: boolean, remove_duplicate = true): [string, Tensor][] {
    const mods: [string, Module][] = recurse ? this.named_modules(new Set(), prefix, remove_duplicate) : [[prefix, this]];
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [pre, m] of mods)
      for (const [name, v] of m[kind]) {
        if (!v || (remove_duplicate && seen.has(v))) continue;
        seen.add(v);
        out.push([pre ? `${pre}.${name}` : name, v]);
      }
    return out;
  }
  /**
   * `[name, parameter]` pairs with dotted names, in registration order.
   * @example for (const [name, param] of seq_model.named_parameters()) print(name, param.shape)
   */
  named_parameters(...args: unknown[]): [string, Parameter][] {
    const { prefix, recurse, remove_duplicate } = kw('named_parameters', args, ['prefix', 'recurse', 'remove_duplicate'], { prefix: '', recurse: true, remove_duplicate: true });
    return this._named_members('_parameters', prefix as string, recurse as boolean, remove_duplicate as boolean) as [string, Parameter][];
  }
  /** The parameters, as an array. @example model.parameters().map(p => p.numel()) */
  parameters(recurse: boolean | { recurse?: boolean } = true): Parameter[] {
    const r = typeof recurse === 'boolean' ? recurse : recurse.recurse ?? true;
    return this.named_parameters('', r).map(([, p]) => p);
  }
  named_buffers(...args: unknown[]): [string, Tensor][] {
    const { prefix, recurse, remove_duplicate } = kw('named_buffers', args, ['prefix', 'recurse', 'remove_duplicate'], { prefix: '', recurse: true, remove_duplicate: true });
    return this._named_members('_buffers', prefix as string, recurse as boolean, remove_duplicate as boolean);
  }
  buffers(recurse: boolean | { recurse?: boolean } = true): Tensor[] {
    const r = typeof recurse === 'boolean' ? recurse : recurse.recurse ?? true;
    return this.named_buffers('', r).map(([, b]) => b);
  }

  // ---- modes and gradients ------------------------------------------------------------------
  /** Sets training mode on this module and its descendants (Dropout, BatchNorm behave differently). */
  train(mode: boolean | { mode?: boolean } = true): this {
    if (mode !== null && typeof mode === 'object') mode = parseArgs<{ mode: boolean }>('train', [mode], ['mode'], { mode: true }).mode;
    if (typeof mode !== 'boolean') throw new ValueError('training mode is expected to be boolean');
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  /** Evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }
  /** Sets `requires_grad` on every parameter (e.g. `model.features.requires_grad_(false)` to freeze). */
  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }
  /** Resets the parameters' gradients: to null (PyTorch 2's default) or to zeros with `set_to_none: false`. */
  zero_grad(set_to_none: boolean | { set_to_none?: boolean } = true): void {
    const toNone = typeof set_to_none === 'boolean' ? set_to_none : set_to_none.set_to_none ?? true;
    for (const p of this.parameters()) zeroGradOf(p, toNone);
  }
  /** Calls `fn` on every submodule (children first) and on this module, as PyTorch. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  // ---- devices and dtypes ------------------------------------------------------------------
  /** Applies `fn` to every parameter (in place: the Parameter objects stay the same) and buffer. */
  _apply(fn: (t: Tensor) => Tensor): this {
    withGradMode(false, () => {
      for (const m of this.modules()) {
        for (const [, p] of m._parameters) {
          if (!p) continue;
          moveInto(p, fn(p));
          if (p._grad) p._grad = keep(fn(p._grad)); // _grad: the param and its grad move together, unchecked
        }
        for (const [k, b] of m._buffers) if (b) m._buffers.set(k, keep(fn(b)));
      }
    });
    return this;
  }
  /**
   * Moves and/or casts parameters and buffers in place: `model.to('webgpu')`, `model.to(torch.float64)`.
   * Floating-point dtypes only apply to floating-point tensors, as in PyTorch.
   */
  to(target: DeviceLike | DTypeLike | Tensor | { device?: DeviceLike; dtype?: DTypeLike }, dtype?: DTypeLike): this {
    let dev: Device | null = null;
    let dt: DType | null = dtype ? toDType(dtype) : null;
    if (target instanceof Tensor) {
      dev = target.device;
      dt = target.dtype;
    } else if (isOptions(target)) {
      const o = target as { device?: DeviceLike; dtype?: DTypeLike };
      if (o.device != null) dev = toDevice(o.device, Device.cpu);
      if (o.dtype != null) dt = toDType(o.dtype);
    } else if (target instanceof DType || (typeof target === 'string' && /^(torch\.)?(float|float32|float64|double|half|int|long|int64|int32|bool)$/.test(target))) dt = toDType(target as DTypeLike);
    else dev = toDevice(target as DeviceLike, Device.cpu);
    if (dt && !dt.is_floating_point) throw new TypeError(`nn.Module.to only accepts floating point dtypes, but got desired dtype=${dt}`);
    const convert = (t: Tensor): Tensor => (dt && t.dtype.is_floating_point && t.dtype !== dt ? t.to(dt) : t);
    // Off the GPU: each tensor's copy is a readback, asynchronous in the browser, so the whole
    // move is a Promise of this module (notebook cells await it for you, as for `t.cpu()`).
    if (dev && dev.type === 'cpu' && this._tensors().some((t) => t.device !== dev)) return this._applyAsync((t) => (t.device === dev ? convert(t) : (t.to(dev!) as unknown as Promise<Tensor>).then(convert))) as unknown as this;
    return this._apply((t) => convert(dev && t.device !== dev ? t.to(dev) : t));
  }
  /** Every parameter, gradient and buffer of this module and its descendants. */
  _tensors(): Tensor[] {
    const out: Tensor[] = [];
    for (const m of this.modules()) {
      for (const [, p] of m._parameters) if (p) out.push(p, ...(p.grad ? [p.grad] : []));
      for (const [, b] of m._buffers) if (b) out.push(b);
    }
    return out;
  }
  /** `_apply` for a conversion that may be asynchronous (a GPU readback); resolves to this module once every tensor has moved. */
  async _applyAsync(fn: (t: Tensor) => Tensor | Promise<Tensor>): Promise<this> {
    const moves: Promise<void>[] = [];
    withGradMode(false, () => {
      for (const m of this.modules()) {
        for (const [, p] of m._parameters) {
          if (!p) continue;
          moves.push(Promise.resolve(fn(p)).then((v) => moveInto(p, v)));
          const g = p._grad;
          // _grad: the grad may arrive before its parameter has moved (the setter would refuse the device)
          if (g) moves.push(Promise.resolve(fn(g)).then((v) => void (p._grad = keep(v))));
        }
        for (const [k, b] of m._buffers) if (b) moves.push(Promise.resolve(fn(b)).then((v) => void m._buffers.set(k, keep(v))));
      }
    });
    await Promise.all(moves);
    return this;
  }
  cpu(): this {
    return this.to('cpu');
  }
  webgpu(): this {
    return this.to('webgpu');
  }
  /** There is no CUDA in the browser. */
  cuda(): this {
    throw new RuntimeError("Torchlit runs in the browser: there is no 'cuda' device. Use model.to('webgpu') (torch.webgpu.is_available()) or 'cpu'.");
  }
  float(): this {
    return this.to('float32');
  }
  double(): this {
    return this.to('float64');
  }

  // ---- state ------------------------------------------------------------------------------
  /**
   * Parameters and persistent buffers by dotted name, in PyTorch's order (each module's
   * parameters, then its buffers, then its children's). Values are detached, sharing storage.
   */
  state_dict(...args: unknown[]): StateDict {
    const { destination, prefix, keep_vars } = kw('state_dict', args, ['destination', 'prefix', 'keep_vars'], { destination: null, prefix: '', keep_vars: false });
    if (destination) return stateDictOf(this, destination as StateDict, prefix as string, !!keep_vars);
    // a dict of its own carries PyTorch's _metadata (module-state.ts VERSIONED)
    return stateDictOf(this, Object.defineProperty({}, VERSIONED, { value: true }) as StateDict, prefix as string, !!keep_vars);
  }
  /** Hook for modules that accept older state dicts (BatchNorm without num_batches_tracked). */
  _optional_state_keys(): string[] {
    return [];
  }
  /**
   * Copies parameters and buffers from `state_dict` (an object or a Map). With `strict` (the
   * default) missing and unexpected keys are errors, with PyTorch's message.
   * @example model.load_state_dict(torch.load(await torch.save(model.state_dict())))
   */
  load_state_dict(state_dict: StateDict | Map<string, Tensor>, strict: boolean | { strict?: boolean } = true): IncompatibleKeys {
    return loadStateDict(this, state_dict, strict);
  }

  // ---- printing -----------------------------------------------------------------------------
  /** The text inside the parentheses of this module's repr, e.g. `in_features=1, out_features=8, bias=True`. */
  extra_repr(): string {
    return '';
  }
  /** PyTorch's repr, e.g. `Linear(in_features=1, out_features=8, bias=True)`. */
  toString(): string {
    const extra = this.extra_repr();
    const extraLines = extra ? extra.split('\n') : [];
    const childLines = [...this._modules].map(([k, m]) => `(${k}): ${addIndent(m ? m.toString() : 'None', 2)}`);
    const lines = [...extraLines, ...childLines];
    let s = this._get_name() + '(';
    if (lines.length) s += extraLines.length === 1 && !childLines.length ? extraLines[0] : '\n  ' + lines.join('\n  ') + '\n';
    return s + ')';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'number') throw new TypeError('a Module cannot be used as a number');
    return this.toString();
  }
}

setModuleClass(Module);
