// The cell transpiler: a pipeline of small stages that gives cells Jupyter's semantics.
//
//   1. parse (transpile-parse.ts): TypeScript → JavaScript (sucrase, lines kept), then acorn's
//      parse tree and tokens; a cell that does not parse is a `CellSyntaxError` at the cell's own
//      line and column, explained when it is a Python habit (python-habits.ts);
//   1b. Python habits that parse as JavaScript (`f(lr=1e-3)`, `True`, `self.x` in a class): an
//      error that says what to write instead, before anything runs (python-habits-ast.ts);
//   2. top level (transpile-scope.ts): one shared scope (`__scope.name = …`), the last expression
//      as the cell's value, torch imports → `__import(…)`;
//   3. expressions (transpile-expr.ts): tensor operators → `__op.*` (ops.ts), `await` checks,
//      synchronous reads (`loss.item()`) awaited for you, interrupt checks at every loop body and
//      function entry;
//   4. source maps of stages 1 and 3 (built lazily, only when something fails) map a position in
//      the generated body back to the cell.
//
// Lines are preserved end to end (sucrase keeps lines; our edits never add or drop a newline).
import { TraceMap, type SourceMapInput } from '@jridgewell/trace-mapping';
import { CellSyntaxError, mapThrough, parseCell } from './transpile-parse';
import { astHabit } from './python-habits-ast';
import { rewriteTopLevel } from './transpile-scope';
import type { ExprOptions } from './transpile-expr';

export { CellSyntaxError };
export { CHECK_EVERY, ENTRY_CHECK, LOOP_CHECK } from './transpile-expr';

export { CELL_PARAMS } from './cell-abi';

export interface TranspiledCell {
  /** Body of an `async function (__op, __scope, __await, __import, __ic)`. */
  code: string;
  /** Names this cell declares at top level, in order. */
  declared: string[];
  /** Whether the body returns the value of the cell's last expression. */
  hasResult: boolean;
  /** Maps a 1-based line and 1-based column of `code` back to the cell's own source. */
  mapToCell(line: number, column: number): { line: number; column: number } | null;
  /** The innermost function or method around a line of the cell, as written (`Bad.forward`), or null at top level. */
  nameAt(line: number): string | null;
}

export type TranspileOptions = ExprOptions;

export function transpileCell(source: string, opts: TranspileOptions = {}): TranspiledCell {
  const { js, tokens, program, lineComments, sucraseMap } = parseCell(source);
  const habit = astHabit(program, js, lineComments);
  if (habit) {
    const before = js.slice(0, habit.pos);
    const line = before.split('\n').length;
    const pos = mapThrough(sucraseMap(), line, habit.pos - before.lastIndexOf('\n') - 1) ?? { line, column: habit.pos - before.lastIndexOf('\n') };
    throw new CellSyntaxError(habit.message, pos.line, pos.column, habit.hint);
  }
  const { rw, declared, hoisted, hasResult } = rewriteTopLevel(js, tokens, program, opts);
  rw.ms.prepend('"use strict";' + rw.prologue() + hoisted.map((n) => `__scope.${n} = ${n};`).join(''));
  const code = rw.ms.toString();
  let rwTrace: TraceMap | null = null;
  const rewriteMap = () => (rwTrace ??= new TraceMap(rw.ms.generateMap({ hires: true, source: 'cell.js' }) as unknown as SourceMapInput));
  // sucrase keeps lines, so a line of its output is a line of the cell
  const lineOf = (pos: number) => js.slice(0, pos).split('\n').length;
  const spans = rw.functionNames.map((f) => ({ from: lineOf(f.start), to: lineOf(f.end), size: f.end - f.start, name: f.name }));
  return {
    code,
    nameAt(line) {
      let best: (typeof spans)[number] | null = null;
      for (const s of spans) if (s.from <= line && line <= s.to && (!best || s.size < best.size)) best = s;
      return best?.name ?? null;
    },
    declared: [...new Set(declared)],
    hasResult,
    mapToCell(line, column) {
      const mid = mapThrough(rewriteMap(), line, column - 1);
      if (!mid) return null;
      return mapThrough(sucraseMap(), mid.line, mid.column - 1) ?? { line: mid.line, column: mid.column };
    },
  };
}
