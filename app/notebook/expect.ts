// A cell's expectations (`metadata.torchlit.expect`, notebooks/README.md): checked after a run
// so a learner sees whether their run matches the lesson.
import type { Cell, CellStatus, Output } from './types';

export interface CellExpect {
  output_contains?: string[];
  output_matches?: string[];
  number?: { pattern: string; min?: number; max?: number };
  mime?: string[];
  optional?: boolean;
}

export interface ExpectVerdict {
  met: boolean;
  problems: string[];
}

export function cellExpect(cell: Cell): CellExpect | null {
  const t = cell.metadata.torchlit as { expect?: unknown } | undefined;
  return t && typeof t.expect === 'object' && t.expect !== null ? (t.expect as CellExpect) : null;
}

/** The cell's text output: stream text and the text/plain of results and displays. */
export function outputText(outputs: Output[]): string {
  return outputs
    .map((o) => {
      if (o.output_type === 'stream') return o.text;
      if (o.output_type === 'error') return `${o.ename}: ${o.evalue}`;
      const t = o.data['text/plain'];
      return typeof t === 'string' ? t : '';
    })
    .join('\n');
}

export function checkExpect(e: CellExpect, outputs: Output[], status: CellStatus): ExpectVerdict {
  const problems: string[] = [];
  if (status === 'error' && !e.optional) problems.push('the cell failed');
  const text = outputText(outputs);
  for (const s of e.output_contains ?? []) if (!text.includes(s)) problems.push(`no "${s}" in the output`);
  for (const re of e.output_matches ?? []) {
    try {
      if (!new RegExp(re).test(text)) problems.push(`the output does not match /${re}/`);
    } catch {
      problems.push(`invalid pattern /${re}/`);
    }
  }
  if (e.number) {
    let m: RegExpMatchArray | null = null;
    try {
      m = text.match(new RegExp(e.number.pattern));
    } catch {
      /* reported below */
    }
    const v = m ? Number(m[1]) : NaN;
    if (!m || Number.isNaN(v)) problems.push(`no number matching /${e.number.pattern}/`);
    else if ((e.number.min !== undefined && v < e.number.min) || (e.number.max !== undefined && v > e.number.max)) {
      problems.push(`${v} is outside [${e.number.min ?? '−∞'}, ${e.number.max ?? '∞'}]`);
    }
  }
  const mimes = new Set(outputs.flatMap((o) => (o.output_type === 'display_data' || o.output_type === 'execute_result' ? Object.keys(o.data) : o.output_type === 'stream' ? ['text/plain'] : [])));
  for (const mime of e.mime ?? []) if (!mimes.has(mime)) problems.push(`no ${mime} output`);
  return { met: problems.length === 0, problems };
}

/** The verdict in words, as the cell shows it after a run: "✓ as expected" or what differed. */
export function verdictText(v: ExpectVerdict): string {
  return v.met ? '✓ as expected' : `✗ not as expected: ${v.problems.join('; ')}`;
}
