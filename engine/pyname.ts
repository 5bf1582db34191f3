// Class names as PyTorch prints them (`Linear`, `Sequential`, `SGD`), independent of what a
// bundler's minifier does to `constructor.name`. The public namespaces tag each exported class
// with its export name; user classes (`class Net extends nn.Module`) keep their own name.
const PYNAME = Symbol.for('torchlit.pyname');

/** The PyTorch-facing name of an instance's class (modules are callable: never treat `x` as a class). */
export function pyName(instance: object): string {
  const ctor = Object.getPrototypeOf(instance)?.constructor as Function | undefined;
  return ctor ? className(ctor) : 'object';
}

/** The PyTorch-facing name of a class. */
export function className(ctor: Function): string {
  const own = Object.getOwnPropertyDescriptor(ctor, PYNAME);
  return typeof own?.value === 'string' ? own.value : ctor.name;
}

/** Tags every class exported by a namespace with its export name (own property, not inherited). */
export function tagNames(ns: Record<string, unknown>): void {
  for (const [name, v] of Object.entries(ns)) {
    if (typeof v !== 'function' || !/^[A-Z]/.test(name) || !v.prototype) continue;
    if (Object.prototype.hasOwnProperty.call(v, PYNAME)) continue;
    try {
      Object.defineProperty(v, PYNAME, { value: name, enumerable: false });
    } catch {
      /* frozen or non-extensible: keeps constructor.name */
    }
  }
}
