// Names PyTorch has and Torchlit lacks fail loudly: reading one from `torch`, `nn`, `F`, `optim`
// or a tensor raises `NotImplementedError: torch.X is not implemented in Torchlit (see
// docs/pytorch-coverage.md)` (an unsupported dtype such as torch.uint8 raises a TypeError) instead
// of giving `undefined` and a later "is not a function". The names come from coverage/names.ts,
// not from the engine's types, so the editor's completions (generated from the types) never offer
// them. Names outside that list read as `undefined`, as in JS (`then`, Symbol keys, probes).
import { API, UNSUPPORTED_DTYPES } from './names';

export function notImplemented(qualified: string): Error {
  return Object.assign(new Error(`${qualified} is not implemented in Torchlit (see docs/pytorch-coverage.md)`), { name: 'NotImplementedError' });
}

function unsupportedDtype(name: string): TypeError {
  return new TypeError(`torch.${name} is not supported in Torchlit: its dtypes are float32, float64, int64, int32, int16, int8, uint8 and bool (see docs/pytorch-coverage.md)`);
}

/** The listed names directly under `prefix` (`linalg.inv` under 'linalg'), for one namespace of API. */
function namesUnder(list: readonly string[], prefix: string): Set<string> {
  const out = new Set<string>();
  for (const n of list) {
    if (prefix === '' ? !n.includes('.') : n.startsWith(prefix + '.') && !n.slice(prefix.length + 1).includes('.'))
      out.add(prefix === '' ? n : n.slice(prefix.length + 1));
  }
  return out;
}

const wrapped = new WeakSet<object>();
const guardGetters = new WeakSet<object>();

/** Whether a property descriptor is one of guardTensorMethods' throwing getters. */
export function isGuard(d: PropertyDescriptor): boolean {
  return !!d.get && guardGetters.has(d.get);
}

/** A Proxy may answer a different value only for a property that is not both non-configurable and read-only. */
function canReplace(target: object, key: string): boolean {
  const d = Object.getOwnPropertyDescriptor(target, key);
  return !d || !!d.configurable || !!d.writable;
}

/**
 * `ns` behind a Proxy: a listed name it lacks throws NotImplementedError (qualified as
 * `${label}.name`); sub-namespaces (torch.linalg, nn.init, optim.lr_scheduler) are guarded too.
 */
export function guardNamespace<T extends object>(ns: T, label: string, api: keyof typeof API, prefix = '', overrides: Record<string, object> = {}): T {
  const listed = namesUnder(API[api], prefix);
  const subs = new Set(API[api].filter((n) => n.startsWith(prefix ? prefix + '.' : '') && n.slice(prefix ? prefix.length + 1 : 0).includes('.')).map((n) => n.slice(prefix ? prefix.length + 1 : 0).split('.')[0]));
  const cache = new Map<string, unknown>();
  const proxy = new Proxy(ns, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target)) {
        if (api === 'torch' && UNSUPPORTED_DTYPES.has(key)) throw unsupportedDtype(key);
        if (listed.has(key) || subs.has(key)) throw notImplemented(`${label}.${key}`);
        return undefined;
      }
      const v = Reflect.get(target, key, receiver);
      if (typeof key === 'string' && key in overrides && canReplace(target, key)) return overrides[key];
      if (typeof key === 'string' && subs.has(key) && v && typeof v === 'object' && !wrapped.has(v)) {
        // a frozen namespace's own property must read as itself (Proxy invariant): guard only what may be replaced
        if (!canReplace(target, key)) return v;
        if (!cache.has(key)) cache.set(key, guardNamespace(v, `${label}.${key}`, api, prefix ? `${prefix}.${key}` : key));
        return cache.get(key);
      }
      return v;
    },
  });
  wrapped.add(proxy);
  return proxy;
}

/** Tensor fields set per instance (not on the prototype). */
const INSTANCE_FIELDS = new Set(['grad', 'grad_fn']);

/**
 * Throwing getters on the tensor prototype for the listed Tensor names it lacks. Each is
 * configurable and turns into a plain property when assigned, so an op file that adds the
 * method later replaces it.
 */
export function guardTensorMethods(proto: object): void {
  for (const name of API.Tensor) {
    if (name in proto || INSTANCE_FIELDS.has(name)) continue;
    const get = () => {
      if (UNSUPPORTED_DTYPES.has(name)) throw unsupportedDtype(name === 'half' ? 'float16' : name);
      throw notImplemented(`Tensor.${name}`);
    };
    guardGetters.add(get);
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get,
      set(v: unknown) {
        Object.defineProperty(this === proto ? proto : this, name, { value: v, writable: true, configurable: true, enumerable: this !== proto });
      },
    });
  }
}
