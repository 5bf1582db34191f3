// PyTorch's Python exception classes. An engine error carries the class PyTorch raises as its
// `name` (a cell's traceback prints `IndexError: index 5 is out of bounds ...`), and user code can
// test `e.name === 'IndexError'` or `e instanceof RuntimeError`. The names are set explicitly so a
// minifier renaming the classes does not change them.

/** PyTorch's default: shape and broadcast mismatches, dtype errors, autograd errors. @example throw new RuntimeError('...') */
export class RuntimeError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}
/** An index or dimension out of range (`index 5 is out of bounds for dimension 0 with size 3`). */
export class IndexError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'IndexError';
  }
}
/** A bad argument value (`'foo' is not a valid value for reduction`). */
export class ValueError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'ValueError';
  }
}
/** A PyTorch feature Torchlit does not implement. */
export class NotImplementedError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'NotImplementedError';
  }
}
/** Integer division (or remainder) by zero. */
export class ZeroDivisionError extends Error {
  constructor(message = 'ZeroDivisionError') {
    super(message);
    this.name = 'ZeroDivisionError';
  }
}
/** Python's error when an `assert` fails: PyTorch raises it for `.cuda()` without CUDA, for MultiheadAttention's `embed_dim must be divisible by num_heads`. */
export class AssertionError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'AssertionError';
  }
}
/** Python's error for a missing attribute (`model.get_submodule('fc9')`: `Net has no attribute \`fc9\``). */
export class AttributeError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = 'AttributeError';
  }
}
/**
 * Python's KeyError; its text is the repr of the key or message, as Python prints it
 * (`KeyError: "param 'initial_lr' is not specified …"`).
 */
export class KeyError extends Error {
  constructor(message?: string) {
    // Python prints the key's repr: double quotes when it holds a ' and no ", else single quotes (a ' escaped)
    super(message === undefined ? message : message.includes("'") && !message.includes('"') ? `"${message}"` : `'${message.replace(/'/g, "\\'")}'`);
    this.name = 'KeyError';
  }
}
/** Python's TypeError is JavaScript's (same name); re-exported so every class comes from here. */
export const TypeError_ = TypeError;

/**
 * A plain `Error` (thrown by code that predates this module, or by a new op that uses `new Error`)
 * reaches the user as PyTorch's default `RuntimeError`; JS engine errors (`RangeError: Invalid
 * array length`) keep theirs unless a caller maps them. Returns the same object.
 */
export function asTorchError(e: unknown): unknown {
  if (e instanceof Error && e.name === 'Error' && Object.getPrototypeOf(e) === Error.prototype) e.name = 'RuntimeError';
  return e;
}
