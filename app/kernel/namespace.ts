// The cell namespace: the modules cells can import (`import * as torch from "torch"`,
// `"torch.nn"`, `"torchvision/models"`, …) and the globals every cell sees (`torch`, `nn`, `F`,
// `optim`, `models`, `datasets`, `transforms`, `utils`, plus what the runtime adds: `print`, `display`, `range`,
// the training views and Python's builtins). Cells run in the worker's global scope, so the
// shared scope is the worker's global object; `scopeProxy` is what `__scope.name = …` writes to.
import type { Engine } from './engine-types';

/** Module names a cell can import, Python's dotted form and a path form for each. */
export function moduleTable(e: Engine): Record<string, unknown> {
  const torchvision = { models: e.models, datasets: e.datasets, transforms: e.datasets.transforms };
  const table: Record<string, unknown> = { torch: e.torch, torchvision };
  const both = (dotted: string, value: unknown) => {
    table[dotted] = value;
    table[dotted.replace(/\./g, '/')] = value;
  };
  both('torch.nn', e.nn);
  both('torch.nn.functional', e.F);
  both('torch.optim', e.optim);
  both('torch.utils', e.utils);
  both('torch.utils.data', e.utils.data);
  both('torchvision.models', e.models);
  both('torchvision.datasets', e.datasets);
  both('torchvision.transforms', torchvision.transforms);
  return table;
}

/** `__import(name, what)` for the transpiled `import … from "name"`. */
export function importFrom(modules: Record<string, unknown>, name: string, what?: string): unknown {
  const m = Object.hasOwn(modules, name) ? modules[name] : undefined;
  if (m === undefined || m === null) {
    const err = new Error(`No module named '${name}' (cells can import: ${Object.keys(modules).join(', ')})`);
    err.name = 'ModuleNotFoundError';
    throw err;
  }
  // `import torch from "torch"`: the module itself unless it has a default export.
  if (what === 'default') return (m as { default?: unknown }).default ?? m;
  return m;
}

/** The engine's namespaces under the names cells use. */
export function engineGlobals(e: Engine): Record<string, unknown> {
  // torch.nn/optim/nn.functional: the engine's guarded forms (a missing PyTorch name raises
  // NotImplementedError naming the coverage table instead of giving undefined)
  const t = e.torch as unknown as { nn?: { functional?: unknown }; optim?: unknown };
  return { torch: e.torch, nn: t.nn ?? e.nn, F: t.nn?.functional ?? e.F, optim: t.optim ?? e.optim, models: e.models, datasets: e.datasets, transforms: e.datasets.transforms, utils: e.utils };
}

/** Make a value a global of every cell (not listed by the variable inspector). */
export function defineGlobal(global: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
}

/** What `__scope.name = value` writes to: a global of the worker, remembered in `names`. */
export function scopeProxy(global: Record<string, unknown>, names: Set<string>): Record<string, unknown> {
  return new Proxy(Object.create(null), {
    set(_t, key, value) {
      if (typeof key !== 'string') return false;
      names.add(key);
      try {
        // Define, not assign: a declared name shadows the worker's own getters (`name`, `origin`).
        Object.defineProperty(global, key, { value, writable: true, enumerable: true, configurable: true });
      } catch {
        global[key] = value;
      }
      return true;
    },
  });
}
