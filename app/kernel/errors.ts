// Errors thrown by cells → Jupyter's error output (ename, evalue, traceback), with positions
// mapped from the generated code back to each cell's own lines and columns.
import { CellSyntaxError } from './cell-abi';
import type { TranspiledCell } from './transpile';

/** Raised by a cooperative interrupt; the kernel's state survives it. */
export class KeyboardInterrupt extends Error {
  constructor(message = 'the cell was interrupted') {
    super(message);
    this.name = 'KeyboardInterrupt';
  }
}

/** What the kernel remembers of each executed cell, to map stack frames back to it. */
export interface CellRecord {
  file: string;
  executionCount: number;
  source: string;
  cell: TranspiledCell;
}

export interface MappedError {
  ename: string;
  evalue: string;
  traceback: string[];
  line?: number;
  column?: number;
}

const CELL_FILE = /torchlit-cell-\d+\.js/;
const FRAME = /^\s*(?:at\s+(?:async\s+)?(?:(.*?)\s+\()?|(.*?)@)?(torchlit-cell-\d+\.js):(\d+):(\d+)\)?\s*$/;

let headerLines: number | null = null;

/**
 * Lines the JS engine puts before a `Function`-constructor body (V8: `function anonymous(a\n) {\n`,
 * so 2). Measured once instead of assumed.
 */
export function functionHeaderLines(): number {
  if (headerLines !== null) return headerLines;
  headerLines = 2;
  try {
    new Function('a', 'throw new Error("probe")\n//# sourceURL=torchlit-cell-0.js')(0);
  } catch (e) {
    const m = /torchlit-cell-0\.js:(\d+):\d+/.exec(String((e as Error).stack));
    if (m) headerLines = Number(m[1]) - 1;
  }
  return headerLines;
}

export interface StackFrame {
  fn: string;
  file: string;
  line: number;
  column: number;
}

/** The frames of `stack` that lie in cell code (innermost first), in generated-body coordinates. */
export function cellFrames(stack: string): StackFrame[] {
  const off = functionHeaderLines();
  const out: StackFrame[] = [];
  for (const l of stack.split('\n')) {
    if (!CELL_FILE.test(l)) continue;
    const m = FRAME.exec(l);
    if (!m) continue;
    out.push({ fn: m[1] ?? m[2] ?? '', file: m[3], line: Number(m[4]) - off, column: Number(m[5]) });
  }
  return out;
}

export function mapError(e: unknown, current: CellRecord | null, cells: Map<string, CellRecord>): MappedError {
  if (e instanceof CellSyntaxError) {
    const src = current?.source.split('\n')[e.line - 1];
    const evalue = e.hint ? `${e.message} ${e.hint}` : e.message;
    return {
      ename: 'SyntaxError',
      evalue,
      traceback: [`  Cell [${current?.executionCount ?? ' '}], line ${e.line}`, ...(src !== undefined ? [`    ${src}`, `    ${' '.repeat(Math.max(0, e.column - 1))}^`] : []), `SyntaxError: ${evalue}`],
      line: e.line,
      column: e.column,
    };
  }
  const err = e instanceof Error ? e : null;
  const ename = err?.name || (err ? err.constructor?.name : undefined) || 'Error';
  const evalue = err ? err.message : describe(e);
  const lines: string[] = [];
  let line: number | undefined;
  let column: number | undefined;
  // Innermost first; engine frames between (and below) cell frames fold into one expandable line.
  let folded: string[] = [];
  const fold = () => {
    if (folded.length) lines.unshift(`  … ${folded.length} frame${folded.length === 1 ? '' : 's'} in torchlit\n${folded.join('\n')}`);
    folded = [];
  };
  const off = functionHeaderLines();
  let lastHead = '';
  let repeats = 0;
  const flushRepeats = () => {
    // (lines are built innermost first: the repeat note goes under the frame it repeats)
    if (repeats) lines.splice(lines[1]?.startsWith('    ') ? 2 : 1, 0, `  [Previous line repeated ${repeats} more time${repeats === 1 ? '' : 's'}]`);
    repeats = 0;
  };
  for (const l of (err?.stack ?? '').split('\n').slice(1)) {
    const m = CELL_FILE.test(l) ? FRAME.exec(l) : null;
    const rec = m ? cells.get(m[3]) : undefined;
    const pos = m && rec ? rec.cell.mapToCell(Number(m[4]) - off, Number(m[5])) : null;
    if (!m || !rec || !pos) {
      if (/^\s*at |^\S*@\S*:\d+:\d+$/.test(l)) folded.push(`    ${l.trim()}`);
      continue;
    }
    if (rec === current && line === undefined) {
      line = pos.line;
      column = pos.column;
    }
    // a KeyboardInterrupt's innermost frames are the kernel's own check, not the user's concern
    if (ename === 'KeyboardInterrupt' && lines.length === 0) folded = [];
    fold();
    // What the user wrote (`Bad.forward`), not what V8 saw (`Proxy.forward` for a module called through its Proxy).
    const v8 = m[1] ?? m[2] ?? '';
    const fn = rec.cell.nameAt(pos.line) ?? (!v8 || v8 === 'eval' || v8 === 'anonymous' ? '<cell>' : v8.replace(/^(Object|Proxy|async)\.?\s*/, ''));
    const src = rec.source.split('\n')[pos.line - 1];
    const head = `  Cell [${rec.executionCount}], line ${pos.line}, in ${fn}`;
    // recursion: the same frame again and again is one frame and a count, as Python prints it
    if (head === lastHead) {
      repeats++;
      continue;
    }
    flushRepeats();
    lastHead = head;
    lines.unshift(head, ...(src !== undefined ? [`    ${src.trim()}`] : []));
  }
  flushRepeats();
  const traceback = lines.length ? ['Traceback (most recent call last):', ...lines, `${ename}: ${evalue}`] : [`${ename}: ${evalue}`];
  return { ename, evalue, traceback, line, column };
}

function describe(v: unknown): string {
  try {
    return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
