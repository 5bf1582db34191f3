// What a transpiled cell's function and the kernel runtime agree on, without the transpiler
// itself: the runtime (runtime.ts) imports this at start, and the transpiler (transpile.ts, with
// sucrase and acorn: ~40% of the kernel worker's code) only when the first cell runs.

/** The names the generated body expects as parameters of its async function, in order. */
export const CELL_PARAMS = ['__op', '__scope', '__await', '__import', '__ic'] as const;

/** Ticks between two reads of the interrupt flag (runtime side: `KernelRuntime.ticker`). */
export const CHECK_EVERY = 256;

/** A syntax error, positioned in the cell's own source (1-based line and column). */
export class CellSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** What to write instead, when the error is a Python habit. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}
