// The store's own output caps (issue 22, hole 3): whatever reaches the notebook store, it never
// keeps one output over OUTPUT_CHARS or more than NOTEBOOK_OUTPUT_CHARS of outputs in all (a cell
// that took over the kernel once wrote a 122 MB notebook to IndexedDB). Sizes are measured once
// per output object and per outputs array (both immutable in the store), so a check costs one
// pass over the cells.
import { measure, NOTEBOOK_OUTPUT_CHARS, OUTPUT_CHARS } from '../protocol/limits';
import type { NotebookDoc, Output } from './types';

export { NOTEBOOK_OUTPUT_CHARS, OUTPUT_CHARS };

const outputSizes = new WeakMap<Output, number>();
const arraySizes = new WeakMap<Output[], number>();

/** An output's size in characters (roughly as saved); counted up to just past OUTPUT_CHARS. */
export function outputSize(o: Output): number {
  let n = outputSizes.get(o);
  if (n === undefined) {
    n = o.output_type === 'stream' ? o.text.length : measure(o, OUTPUT_CHARS);
    outputSizes.set(o, n);
  }
  return n;
}

export function outputsSize(outputs: Output[]): number {
  let n = arraySizes.get(outputs);
  if (n === undefined) {
    n = 0;
    for (const o of outputs) n += outputSize(o);
    arraySizes.set(outputs, n);
  }
  return n;
}

/** The characters of all outputs in the notebook. */
export function notebookOutputSize(doc: NotebookDoc): number {
  let n = 0;
  for (const c of doc.cells) if (c.cell_type === 'code') n += outputsSize(c.outputs);
  return n;
}

/** Why an output of `size` characters (replacing `replaced`) may not be kept, or null when it may. */
export function refusal(doc: NotebookDoc, size: number, replaced = 0): string | null {
  const fmt = (n: number) => n.toLocaleString('en-US');
  if (size > OUTPUT_CHARS) return `[output not kept: one output may hold at most ${fmt(OUTPUT_CHARS)} characters]\n`;
  if (notebookOutputSize(doc) - replaced + size > NOTEBOOK_OUTPUT_CHARS) return `[output not kept: this notebook's outputs may hold at most ${fmt(NOTEBOOK_OUTPUT_CHARS)} characters in all; clear some outputs]\n`;
  return null;
}
