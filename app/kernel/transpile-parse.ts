// Stage 1 of the cell transpiler: TypeScript → JavaScript (sucrase, lines kept), then a real
// parse tree with its tokens (acorn). A cell that fails to parse gets a `CellSyntaxError` at the
// cell's own line and column, with a hint when the failure is a Python habit (python-habits.ts).
import { transform } from 'sucrase';
import { parse, type Options as AcornOptions } from 'acorn';
import { TraceMap, originalPositionFor, LEAST_UPPER_BOUND, type SourceMapInput } from '@jridgewell/trace-mapping';
import { pythonHabit } from './python-habits';
import { CellSyntaxError } from './cell-abi';

export type Node = { type: string; start: number; end: number; [k: string]: any };
export interface Token {
  start: number;
  end: number;
  value: unknown;
  label: string;
}

export { CellSyntaxError };

export interface ParsedCell {
  js: string;
  tokens: Token[];
  program: Node;
  /** The `// …` comments (offsets in `js`; `text` without the slashes). */
  lineComments: { start: number; end: number; text: string }[];
  /** Maps the JavaScript back to the TypeScript cell (built on first use). */
  sucraseMap: () => TraceMap;
}

const ACORN: AcornOptions = { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, allowHashBang: true };

export function parseCell(source: string): ParsedCell {
  // `keepUnusedImports`: an import used only by later cells must stay.
  let js: string;
  let jsMap: SourceMapInput;
  try {
    const out = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: 'cell.ts',
      sourceMapOptions: { compiledFilename: 'cell.js' },
    });
    js = out.code;
    jsMap = out.sourceMap as SourceMapInput;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    // sucrase: "Error transforming cell.ts: Unexpected token (line 5, column 1)" → "Unexpected token"
    const msg = err.message.replace(/^Error transforming [^:]*:\s*/, '').replace(/\s*\((?:line )?\d+(?::|, column )\d+\)$/, '');
    throw syntaxError(source, msg, err.loc?.line ?? 1, err.loc?.column ?? 1);
  }
  let trace: TraceMap | null = null;
  const sucraseMap = () => (trace ??= new TraceMap(jsMap));

  const tokens: Token[] = [];
  const lineComments: ParsedCell['lineComments'] = [];
  let program: Node;
  try {
    program = parse(js, {
      ...ACORN,
      onToken: (t) => tokens.push({ start: t.start, end: t.end, value: (t as unknown as { value: unknown }).value, label: t.type.label }),
      onComment: (block, text, start, end) => void (!block && lineComments.push({ start, end, text })),
    }) as unknown as Node;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const pos = err.loc ? mapThrough(sucraseMap(), err.loc.line, err.loc.column) : null;
    throw syntaxError(source, err.message.replace(/\s*\(\d+:\d+\)$/, ''), pos?.line ?? err.loc?.line ?? 1, pos?.column ?? (err.loc ? err.loc.column + 1 : 1));
  }
  return { js, tokens, program, lineComments, sucraseMap };
}

/** The parser's error, or, when the cell holds a Python habit, that habit's explanation at its own place. */
function syntaxError(source: string, message: string, line: number, column: number): CellSyntaxError {
  const habit = pythonHabit(source, line, column);
  if (habit) return new CellSyntaxError(habit.message, habit.line, habit.column, habit.hint);
  return new CellSyntaxError(message, line, column);
}

/** 1-based line, 0-based column in the generated text → 1-based line and column in its source. */
export function mapThrough(trace: TraceMap, line: number, column: number): { line: number; column: number } | null {
  let p = originalPositionFor(trace, { line, column: Math.max(0, column) });
  if (p.line == null) p = originalPositionFor(trace, { line, column: Math.max(0, column), bias: LEAST_UPPER_BOUND });
  if (p.line == null || p.column == null) return null;
  return { line: p.line, column: p.column + 1 };
}
