// A class a cell declares is wrapped so that it can be called without `new`, as a Python class is
// (`model = Net()`; ops.ts `__op.pyClass`). The wrapper is a Proxy, whose source text is not the
// class's: whoever shows a class (the variable inspector's "class Net", print's "[class Net]")
// asks for what it wraps.

const wrapped = new WeakMap<object, Function>();

/** `cls`, callable without `new` (a call constructs); `new`, `instanceof` and `extends` work as on `cls`. */
export function pyClassProxy<C extends new (...a: any[]) => any>(cls: C): C {
  const proxy = new Proxy(cls, { apply: (target, _this, args) => Reflect.construct(target, args) });
  wrapped.set(proxy, cls);
  return proxy;
}

/** The class a pyClassProxy wraps, else `f` itself. */
export const unwrapPyClass = (f: Function): Function => wrapped.get(f) ?? f;
