// Forward hooks (register_forward_hook / register_forward_pre_hook). They live outside the
// instance, in a WeakMap, so they never show up as attributes.
import { NotImplementedError } from '../errors';
import type { Module } from './module';

export type Hook = (m: Module, inputs: unknown[], output?: unknown) => unknown;
const hookTable = new WeakMap<Module, { pre: Hook[]; post: Hook[] }>();
export function hooksOf(m: Module, kind: 'pre' | 'post'): Hook[] {
  return hookTable.get(m)?.[kind] ?? [];
}
export function addHook(m: Module, kind: 'pre' | 'post', hook: Hook): { remove(): void } {
  let h = hookTable.get(m);
  if (!h) hookTable.set(m, (h = { pre: [], post: [] }));
  const list = h[kind];
  list.push(hook);
  return { remove: () => void (list.includes(hook) && list.splice(list.indexOf(hook), 1)) };
}

/**
 * Module backward hooks (register_full_backward_hook and kin) are not implemented: a loud error
 * naming the alternative, a hook on the output tensor. A faithful version needs one identity node
 * over all of a module's inputs and one over its outputs (PyTorch's BackwardHookFunction).
 */
export function noBackwardHooks(method: string): never {
  throw new NotImplementedError(`torch.nn.Module.${method} is not implemented in Torchlit: register a hook on the output tensor instead, out.register_hook((grad) => …) (see docs/pytorch-coverage.md)`);
}
