// Forward hooks (register_forward_hook / register_forward_pre_hook). They live outside the
// instance, in a WeakMap, so they never show up as attributes.
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
