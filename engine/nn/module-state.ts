// A module's state: state_dict (parameters and persistent buffers by dotted name, in PyTorch's
// order) and load_state_dict (copies them back, with PyTorch's strict checks and messages).
import { withGradMode } from '../autograd';
import { RuntimeError } from '../errors';
import { Tensor } from '../tensor';
import type { Module, StateDict } from './module';
import { typeName } from './module-proxy';
import { copyInto, isKnownKey } from './module-util';

/**
 * Marks a dict `state_dict()` made, as PyTorch's `_metadata` (the modules' versions) does: a copy
 * (`{...sd}`, as Python's `dict(sd)`) or a dict built by hand has none. Without it, a BatchNorm's
 * missing `num_batches_tracked` is an old checkpoint's, filled with 0; with it, a missing key.
 */
export const VERSIONED = Symbol('torchlit.stateDictVersioned');

/** Writes `m`'s parameters, then persistent buffers, then its children's into `out` under `prefix`. */
export function stateDictOf(m: Module, out: StateDict, prefix: string, keepVars: boolean): StateDict {
  for (const [k, p] of m._parameters) if (p) out[prefix + k] = keepVars ? p : p.detach();
  for (const [k, b] of m._buffers) if (b && !m._non_persistent_buffers_set.has(k)) out[prefix + k] = keepVars ? b : b.detach();
  for (const [k, c] of m._modules) if (c) stateDictOf(c, out, `${prefix}${k}.`, keepVars);
  return out;
}

/**
 * Every (prefix, module) pair load_state_dict visits: PyTorch recurses through `_modules` without
 * dropping repeats, so a module shared under two names is loaded (and its keys missed) under both.
 */
function* modulesForLoad(m: Module, prefix: string): Generator<[string, Module]> {
  yield [prefix, m];
  for (const [k, c] of m._modules) if (c) yield* modulesForLoad(c, `${prefix}${k}.`);
}

/** Python's `type(v).__name__` for what a state dict may wrongly hold. */
function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Map) return 'collections.OrderedDict';
  return typeName(v) === 'object' ? 'dict' : typeName(v);
}

/**
 * What load_state_dict returns: PyTorch's `_IncompatibleKeys` named tuple (`.missing_keys`,
 * `.unexpected_keys`, unpacks as a pair), shown as `<All keys matched successfully>` when both are empty.
 */
export class IncompatibleKeys {
  constructor(readonly missing_keys: string[], readonly unexpected_keys: string[]) {}
  *[Symbol.iterator](): Generator<string[]> {
    yield this.missing_keys;
    yield this.unexpected_keys;
  }
  __repr__(): string {
    if (!this.missing_keys.length && !this.unexpected_keys.length) return '<All keys matched successfully>';
    const list = (ks: string[]) => `[${ks.map((k) => `'${k}'`).join(', ')}]`;
    return `_IncompatibleKeys(missing_keys=${list(this.missing_keys)}, unexpected_keys=${list(this.unexpected_keys)})`;
  }
  toString(): string {
    return this.__repr__();
  }
}

/** `module.load_state_dict(state_dict, strict)`: copies matching tensors in place; missing/unexpected keys per `strict`. */
export function loadStateDict(self: Module, state_dict: StateDict | Map<string, Tensor>, strict: boolean | { strict?: boolean }): IncompatibleKeys {
  if (state_dict && typeof (state_dict as unknown as Promise<unknown>).then === 'function')
    throw new TypeError('load_state_dict() got a Promise, not a state dict: await it (model.load_state_dict(await torch.load(url))), or load one saved by name: torch.save(model.state_dict(), "model.pth"); model.load_state_dict(torch.load("model.pth"))');
  const isStrict = typeof strict === 'boolean' ? strict : strict.strict ?? true;
  const sd = state_dict instanceof Map ? state_dict : new Map(Object.entries(state_dict));
  const versioned = !(state_dict instanceof Map) && (state_dict as { [VERSIONED]?: boolean })[VERSIONED] === true;
  const errors: string[] = [];
  const missing: string[] = [];
  const used = new Set<string>();
  withGradMode(false, () => {
    for (const [p0, m] of modulesForLoad(self, '')) {
      const optional = m._optional_state_keys();
      const entries: [string, Tensor | null, boolean][] = [
        ...[...m._parameters].map(([k, v]) => [k, v, true] as [string, Tensor | null, boolean]),
        ...[...m._buffers].filter(([k]) => !m._non_persistent_buffers_set.has(k)).map(([k, v]) => [k, v, false] as [string, Tensor | null, boolean]),
      ];
      for (const [k, cur] of entries) {
        if (!cur) continue;
        const key = p0 + k;
        const src = sd.get(key);
        if (src === undefined) {
          if (!optional.includes(k) || versioned) missing.push(key);
          // PyTorch's _NormBase._load_from_state_dict: an unversioned dict's count starts again at 0
          else cur.fill_(0);
          continue;
        }
        used.add(key);
        if (!(src instanceof Tensor)) {
          errors.push(`While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received <class '${pyTypeName(src)}'>`);
          continue;
        }
        if (src.ndim !== cur.ndim || src._shape.some((d, i) => d !== cur._shape[i])) {
          errors.push(`size mismatch for ${key}: copying a param with shape ${src.shape} from checkpoint, the shape in current model is ${cur.shape}.`);
          continue;
        }
        copyInto(cur, src);
      }
    }
  });
  const unexpected = [...sd.keys()].filter((k) => !used.has(k) && !isKnownKey(self, k));
  if (isStrict) {
    if (unexpected.length) errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `);
    if (missing.length) errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
  }
  if (errors.length) throw new RuntimeError(`Error(s) in loading state_dict for ${self._get_name()}:\n\t${errors.join('\n\t')}`);
  return new IncompatibleKeys(missing, unexpected);
}
