// Constructors that work with and without `new`, as Python classes do: `nn.Linear(1, 8)` and
// `new nn.Linear(1, 8)`. The class stays a class (subclassing and `instanceof` work); a Proxy
// turns a plain call into a construction.

 
export type AnyCtor = abstract new (...args: any[]) => any;
/** A class that can also be called without `new`. */
export type CallableClass<C extends AnyCtor> = C & ((...args: ConstructorParameters<C>) => InstanceType<C>);

export function callableClass<C extends AnyCtor>(cls: C): CallableClass<C> {
  return new Proxy(cls, {
    apply: (target, _this, args) => Reflect.construct(target as unknown as new (...a: unknown[]) => unknown, args),
  }) as CallableClass<C>;
}
