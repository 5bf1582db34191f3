// Installs the training views (monitor, progress, plot, grads) as globals of a kernel runtime.
import type { KernelRuntime } from '../runtime';
import { createViews } from './index';

export function installViews(rt: KernelRuntime): void {
  const views = createViews({
    display: (bundle, opts) => rt.display(bundle, opts),
    now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  });
  for (const [name, value] of Object.entries(views)) rt.defineGlobal(name, value);
}
