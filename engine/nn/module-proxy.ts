// The Proxy behind every nn.Module instance: Python's __setattr__/__getattr__/__delattr__ for
// modules (registering Parameters, child Modules and buffers on assignment, reading them back as
// attributes), `model(x)` as a call of `_call_impl`, and `seq[i]` / `delete seq[i]` through a
// container's `_getitem`/`_delitem`. module.ts holds the Module class itself.
import { keep } from '../memory';
import { Tensor } from '../tensor';
import { isParameter } from './parameter';

/** What the proxy needs to know of a module (module.ts's Module, without importing it). */
export interface ModuleLike {
  _get_name(): string;
}
let moduleClass: (abstract new () => ModuleLike) | null = null;
/** module.ts registers its Module class here, so `instanceof` checks need no import cycle. */
export function setModuleClass(cls: abstract new () => ModuleLike): void {
  moduleClass = cls;
}
function isModule(v: unknown): v is ModuleLike {
  return moduleClass !== null && v instanceof moduleClass;
}

export interface ModuleState {
  _parameters: Map<string, Tensor | null>;
  _buffers: Map<string, Tensor | null>;
  _non_persistent_buffers_set: Set<string>;
  _modules: Map<string, ModuleLike | null>;
  training: boolean;
}

const INTERNAL = ['_parameters', '_buffers', '_non_persistent_buffers_set', '_modules'] as const;

export function typeName(v: unknown): string {
  if (v instanceof Tensor) return ({ float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', int64: 'torch.LongTensor', int32: 'torch.IntTensor', bool: 'torch.BoolTensor' } as Record<string, string>)[v.dtype.name];
  if (isModule(v)) return v._get_name();
  return v === null ? 'NoneType' : typeof v;
}

/** Python's __setattr__ for modules: registers Parameters, Modules and buffer updates. Returns false for plain attributes. */
function setAttr(t: ModuleState & object, key: string, value: unknown): boolean {
  if ((INTERNAL as readonly string[]).includes(key)) return false;
  const drop = () => {
    Reflect.deleteProperty(t, key);
    t._parameters.delete(key);
    t._buffers.delete(key);
    t._modules.delete(key);
    t._non_persistent_buffers_set.delete(key);
  };
  if (isParameter(value)) {
    const had = t._parameters.has(key);
    if (!had) drop();
    t._parameters.set(key, keep(value));
    return true;
  }
  if (t._parameters.has(key)) {
    if (value !== null && value !== undefined)
      throw new TypeError(`cannot assign '${typeName(value)}' as parameter '${key}' (torch.nn.Parameter or None expected)`);
    t._parameters.set(key, null);
    return true;
  }
  if (isModule(value)) {
    if (!t._modules.has(key)) drop();
    t._modules.set(key, value);
    return true;
  }
  if (t._modules.has(key)) {
    if (value !== null && value !== undefined)
      throw new TypeError(`cannot assign '${typeName(value)}' as child module '${key}' (torch.nn.Module or None expected)`);
    t._modules.set(key, null);
    return true;
  }
  if (t._buffers.has(key)) {
    if (value !== null && value !== undefined && !(value instanceof Tensor))
      throw new TypeError(`cannot assign '${typeName(value)}' as buffer '${key}' (torch.Tensor or None expected)`);
    t._buffers.set(key, value instanceof Tensor ? keep(value) : null);
    return true;
  }
  return false;
}

function lookup(t: ModuleState, key: string): { found: boolean; value?: unknown } {
  if (t._parameters.has(key)) return { found: true, value: t._parameters.get(key) };
  if (t._buffers.has(key)) return { found: true, value: t._buffers.get(key) };
  if (t._modules.has(key)) return { found: true, value: t._modules.get(key) };
  return { found: false };
}

/**
 * The instance for `new.target`: a function (so it can be called) with the class's prototype,
 * the registries as hidden own properties, behind the attribute Proxy.
 */
export function createModuleInstance<M>(proto: object): M {
  const target = (() => {}) as unknown as ModuleState & object;
  delete (target as { name?: string }).name;
  delete (target as { length?: number }).length;
  Object.setPrototypeOf(target, proto);
  for (const [k, v] of [['_parameters', new Map()], ['_buffers', new Map()], ['_non_persistent_buffers_set', new Set()], ['_modules', new Map()]] as const)
    Object.defineProperty(target, k, { value: v, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(target, 'training', { value: true, writable: true, enumerable: false, configurable: true });
  const proxy: M = new Proxy<ModuleState & object>(target, {
    apply: (_t, _this, args: unknown[]) => (proxy as unknown as { _call_impl(...a: unknown[]): unknown })._call_impl(...args),
    // Every attribute read of a module (`this.weight`, `this.forward`, …) comes here: no object
    // per read (lookup's), and the index pattern only for keys that can be indices.
    get(t, key, recv) {
      if (typeof key === 'string') {
        if (t._parameters.has(key)) return t._parameters.get(key);
        if (t._buffers.has(key)) return t._buffers.get(key);
        if (t._modules.has(key)) return t._modules.get(key);
        const c = key.charCodeAt(0);
        if ((c === 45 || (c >= 48 && c <= 57)) && /^-?\d+$/.test(key)) {
          const idx = (t as unknown as { _getitem?: unknown })._getitem;
          if (typeof idx === 'function') return idx.call(recv, Number(key));
        }
      }
      return Reflect.get(t, key, recv);
    },
    set(t, key, value, recv) {
      if (typeof key === 'string' && setAttr(t, key, value)) return true;
      return Reflect.set(t, key, value, recv);
    },
    defineProperty(t, key, desc) {
      // class fields (`fc = nn.Linear(1, 8)`) are defined, not assigned
      if (typeof key === 'string' && 'value' in desc) {
        if (desc.value === undefined && lookup(t, key).found) return true;
        if (setAttr(t, key, desc.value)) return true;
      }
      return Reflect.defineProperty(t, key, desc);
    },
    has: (t, key) => (typeof key === 'string' && lookup(t, key).found) || Reflect.has(t, key),
    deleteProperty(t, key) {
      // `delete seq[i]`: a container renumbers after a deletion, as PyTorch's __delitem__
      const del = (t as unknown as { _delitem?: unknown })._delitem;
      if (typeof key === 'string' && typeof del === 'function' && /^-?\d+$/.test(key)) {
        del.call(proxy, Number(key));
        return true;
      }
      if (typeof key === 'string' && lookup(t, key).found) {
        t._parameters.delete(key);
        t._buffers.delete(key);
        t._modules.delete(key);
        t._non_persistent_buffers_set.delete(key);
        return true;
      }
      return Reflect.deleteProperty(t, key);
    },
    ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...t._parameters.keys(), ...t._buffers.keys(), ...t._modules.keys()])],
    getOwnPropertyDescriptor(t, key) {
      if (typeof key === 'string' && !Reflect.getOwnPropertyDescriptor(t, key)) {
        const r = lookup(t, key);
        if (r.found) return { value: r.value, writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
  }) as unknown as M;
  return proxy;
}
