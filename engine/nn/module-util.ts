// Helpers of nn.Module's registration and state_dict code: name checks, PyTorch-style
// positional-or-keyword method arguments, and in-place moves/copies of parameter data.
import { KeyError } from '../errors';
import { withGradMode } from '../autograd';
import { isOptions } from '../args';
import { keep } from '../memory';
import type { Tensor } from '../tensor';
import type { Module } from './module';
import { typeName } from './module-proxy';

export function isKnownKey(m: Module, key: string): boolean {
  // keys of null parameters/buffers and of modules' optional keys are not "unexpected"
  const i = key.lastIndexOf('.');
  let mod: Module;
  try {
    mod = m.get_submodule(i < 0 ? '' : key.slice(0, i));
  } catch {
    return false;
  }
  const k = key.slice(i + 1);
  return mod._optional_state_keys().includes(k) && mod._buffers.has(k);
}

/** PyTorch's checks of a parameter's or buffer's name (KeyError, as PyTorch raises). */
export function checkName(m: Module, name: string, what: 'parameter' | 'buffer'): void {
  if (typeof name !== 'string') throw new TypeError(`${what} name should be a string. Got ${typeName(name)}`);
  if (name.includes('.')) throw new KeyError(`${what} name can't contain "."`);
  if (name === '') throw new KeyError(`${what} name can't be empty string ""`);
  if (m._modules.has(name) || (what === 'parameter' ? m._buffers.has(name) : m._parameters.has(name)))
    throw new KeyError(`attribute '${name}' already exists`);
}

/** Reads positional-or-keyword arguments for methods with PyTorch signatures. */
export function kw(fn: string, args: unknown[], names: string[], defaults: Record<string, unknown>): Record<string, unknown> {
  const out = { ...defaults };
  let pos = args;
  const last = args[args.length - 1];
  if (args.length && isOptions(last) && Object.keys(last).every((k) => names.includes(k))) {
    Object.assign(out, last);
    pos = args.slice(0, -1);
  }
  pos.forEach((v, i) => {
    if (i >= names.length) throw new TypeError(`${fn}() takes ${names.length} positional arguments but ${pos.length} were given`);
    if (v !== undefined) out[names[i]] = v;
  });
  return out;
}

/** Makes `dst` (a parameter) hold `src`'s data in place: same object, new storage. */
export function moveInto(dst: Tensor, src: Tensor): void {
  if (src === dst) return;
  dst._storage = src._storage;
  dst._shape = [...src._shape];
  dst._strides = [...src._strides];
  dst._offset = src._offset;
  keep(dst);
}

/** Copies `src` into `dst` in place (dtype and device converted), without autograd. */
export function copyInto(dst: Tensor, src: Tensor): void {
  withGradMode(false, () => {
    let s = src.detach();
    if (s.dtype !== dst.dtype) s = s.to(dst.dtype);
    dst.detach().copy_(s);
  });
}
