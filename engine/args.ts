// PyTorch-style arguments: positional in PyTorch's order, or by name in a trailing options object.
// `parseArgs(args, ['dim', 'keepdim'], { keepdim: false })` reads `sum(0, {keepdim: true})`.

export function isOptions(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function parseArgs<T extends object>(fn: string, args: readonly unknown[], names: readonly string[], defaults: Partial<T> = {}): T {
  const out: Record<string, unknown> = { ...defaults };
  let positional = args;
  if (args.length && isOptions(args[args.length - 1])) {
    const opts = args[args.length - 1] as Record<string, unknown>;
    positional = args.slice(0, -1);
    for (const [k, v] of Object.entries(opts)) {
      if (!names.includes(k)) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
      if (v !== undefined) out[k] = v;
    }
  }
  if (positional.length > names.length) throw new TypeError(`${fn}() takes ${names.length} positional arguments but ${positional.length} were given`);
  for (let i = 0; i < positional.length; i++) if (positional[i] !== undefined) out[names[i]] = positional[i];
  return out as T;
}

/** Shapes given as varargs or one array: `zeros(2, 3)` and `zeros([2, 3])`; a trailing options object is split off. */
export function shapeArgs(args: readonly unknown[]): { shape: number[]; opts: Record<string, unknown> } {
  let rest = args;
  let opts: Record<string, unknown> = {};
  if (rest.length && isOptions(rest[rest.length - 1])) {
    opts = rest[rest.length - 1] as Record<string, unknown>;
    rest = rest.slice(0, -1);
  }
  if ('size' in opts) {
    // `torch.zeros({size: [2, 3]})`, as Python's `torch.zeros(size=(2, 3))` (once a silent 0-d tensor)
    if (rest.length) throw new TypeError("got multiple values for argument 'size'");
    const { size, ...others } = opts;
    rest = [size];
    opts = others;
  }
  const shape = rest.length === 1 && (Array.isArray(rest[0]) || ArrayBuffer.isView(rest[0])) ? Array.from(rest[0] as ArrayLike<number>) : (rest as number[]);
  for (const d of shape)
    if (!Number.isInteger(d) || d < 0) throw new TypeError(`shape must be non-negative integers, got [${shape.join(', ')}]`);
  return { shape: [...shape], opts };
}
