import { describe, expect, it } from 'vitest';
import { appendOutput, initialState, updateDisplay } from './actions';
import { emptyCell } from './ipynb';
import { notebookOutputSize, NOTEBOOK_OUTPUT_CHARS, OUTPUT_CHARS } from './output-caps';
import type { NotebookDoc } from './types';

function state(cells = 2) {
  const doc: NotebookDoc = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: Array.from({ length: cells }, () => emptyCell('code')) } as NotebookDoc;
  return initialState(doc);
}

describe('the store refuses outputs over its caps (issue 22, hole 3)', () => {
  it('keeps no single output over OUTPUT_CHARS, says so once', () => {
    let s = state(1);
    const id = s.doc.cells[0].id;
    const huge = { output_type: 'display_data' as const, data: { 'text/html': 'x'.repeat(OUTPUT_CHARS + 10) }, metadata: {} };
    s = appendOutput(s, id, huge);
    s = appendOutput(s, id, huge);
    const outs = s.doc.cells[0].cell_type === 'code' ? s.doc.cells[0].outputs : [];
    expect(outs).toHaveLength(1);
    expect(outs[0]).toMatchObject({ output_type: 'stream', name: 'stderr' });
    expect((outs[0] as { text: string }).text).toContain('output not kept');
    expect(notebookOutputSize(s.doc)).toBeLessThan(1000);
  });

  it('keeps the notebook under NOTEBOOK_OUTPUT_CHARS in all, also through update_display', () => {
    let s = state(2);
    const [a, b] = s.doc.cells.map((c) => c.id);
    const big = (n: number, display_id?: string) => ({ output_type: 'display_data' as const, data: { 'text/plain': 'y'.repeat(n) }, metadata: {}, ...(display_id ? { display_id } : {}) });
    for (let i = 0; i < 40; i++) s = appendOutput(s, i % 2 ? a : b, big(1_000_000));
    expect(notebookOutputSize(s.doc)).toBeLessThanOrEqual(NOTEBOOK_OUTPUT_CHARS);
    expect(notebookOutputSize(s.doc)).toBeGreaterThan(NOTEBOOK_OUTPUT_CHARS - 2_000_000);
    // a small display, then an update that would blow the cap: the display keeps its value
    s = state(1);
    const c = s.doc.cells[0].id;
    s = appendOutput(s, c, big(10, 'plot'));
    for (let i = 0; i < 3; i++) s = appendOutput(s, c, big(6_000_000));
    const before = s;
    s = updateDisplay(s, 'plot', { 'text/plain': 'z'.repeat(3_000_000) }, {});
    expect(s).toBe(before);
    s = updateDisplay(s, 'plot', { 'text/plain': 'small' }, {});
    expect(s).not.toBe(before);
  });
});
