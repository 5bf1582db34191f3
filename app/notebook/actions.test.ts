import { describe, expect, it } from 'vitest';
import * as A from './actions';
import { emptyCell } from './ipynb';
import { createNotebookStore } from './store';
import type { NotebookDoc } from './types';

const doc = (...sources: string[]): NotebookDoc => ({ nbformat_minor: 5, metadata: {}, cells: sources.map((s) => ({ ...emptyCell('code', s), id: s })) });
const sources = (s: A.NotebookState) => s.doc.cells.map((c) => c.source);

describe('notebook actions', () => {
  it('inserts below and above the active cell and activates the new cell', () => {
    let s = A.initialState(doc('a', 'b'));
    s = A.insertBelow(s, 'markdown');
    expect(s.doc.cells.map((c) => c.cell_type)).toEqual(['code', 'markdown', 'code']);
    expect(s.activeId).toBe(s.doc.cells[1].id);
    s = A.insertAbove(s);
    expect(s.doc.cells).toHaveLength(4);
    expect(s.activeId).toBe(s.doc.cells[1].id);
  });

  it('deletes, and undoes the deletion at the same place', () => {
    let s = A.initialState(doc('a', 'b', 'c'));
    s = A.deleteCell(s, 'b');
    expect(sources(s)).toEqual(['a', 'c']);
    expect(s.activeId).toBe('c');
    s = A.undoDelete(s);
    expect(sources(s)).toEqual(['a', 'b', 'c']);
  });

  it('never leaves a notebook without cells', () => {
    const s = A.deleteCell(A.initialState(doc('a')), 'a');
    expect(s.doc.cells).toHaveLength(1);
  });

  it('moves cells and clamps at the ends', () => {
    let s = A.initialState(doc('a', 'b', 'c'));
    s = A.moveDown(s, 'a');
    expect(sources(s)).toEqual(['b', 'a', 'c']);
    s = A.moveUp(s, 'b');
    expect(sources(s)).toEqual(['b', 'a', 'c']);
    s = A.moveCell(s, 'b', 99);
    expect(sources(s)).toEqual(['a', 'c', 'b']);
  });

  it('changes type, dropping outputs', () => {
    let s = A.initialState(doc('a'));
    s = A.appendOutput(s, 'a', { output_type: 'stream', name: 'stdout', text: 'x' });
    s = A.changeType(s, 'a', 'markdown');
    expect(s.doc.cells[0]).toMatchObject({ cell_type: 'markdown', outputs: [] });
  });

  it('merges consecutive stream output and caps it', () => {
    let s = A.initialState(doc('a'));
    s = A.appendOutput(s, 'a', { output_type: 'stream', name: 'stdout', text: 'x\n' });
    s = A.appendOutput(s, 'a', { output_type: 'stream', name: 'stdout', text: 'y\n' });
    s = A.appendOutput(s, 'a', { output_type: 'stream', name: 'stderr', text: 'z\n' });
    expect(s.doc.cells[0].outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'x\ny\n' },
      { output_type: 'stream', name: 'stderr', text: 'z\n' },
    ]);
    s = A.appendOutput(s, 'a', { output_type: 'stream', name: 'stderr', text: 'q'.repeat(A.STREAM_LIMIT + 10) });
    const last = s.doc.cells[0].outputs[1];
    expect(last.output_type === 'stream' && last.text.length < A.STREAM_LIMIT + 100 && /truncated/.test(last.text)).toBe(true);
  });

  it('updates displays in place by display_id', () => {
    let s = A.initialState(doc('a', 'b'));
    s = A.appendOutput(s, 'a', { output_type: 'display_data', data: { 'text/plain': '1' }, metadata: {}, display_id: 'p' });
    s = A.appendOutput(s, 'a', { output_type: 'stream', name: 'stdout', text: 'x' });
    s = A.updateDisplay(s, 'p', { 'text/plain': '2' }, {});
    expect(s.doc.cells[0].outputs[0]).toMatchObject({ data: { 'text/plain': '2' } });
    expect(s.doc.cells[0].outputs).toHaveLength(2);
  });

  it('cuts, copies and pastes with fresh ids', () => {
    let s = A.initialState(doc('a', 'b'));
    s = A.copyCell(s, 'a');
    s = A.setActive(s, 'b');
    s = A.pasteBelow(s);
    expect(sources(s)).toEqual(['a', 'b', 'a']);
    expect(s.doc.cells[2].id).not.toBe('a');
    s = A.cutCell(s, 'b');
    expect(sources(s)).toEqual(['a', 'a']);
  });

  it('tracks run status with elapsed time', () => {
    let s = A.initialState(doc('a'));
    s = A.setStatus(s, 'a', 'running', 1000);
    expect(s.run.a).toMatchObject({ status: 'running', ranThisSession: true, startedAt: 1000 });
    s = A.setStatus(s, 'a', 'done', 1500);
    expect(s.run.a.durationMs).toBe(500);
    expect(A.resetRunState(s).run).toEqual({});
  });

  it('bumps the version on document changes only', () => {
    let s = A.initialState(doc('a'));
    const v = s.version;
    s = A.setActive(s, 'a', 'edit');
    expect(s.version).toBe(v);
    s = A.setSource(s, 'a', 'changed');
    expect(s.version).toBe(v + 1);
  });
});

describe('the store', () => {
  it('binds the actions', () => {
    const store = createNotebookStore(doc('a'));
    store.getState().actions.insertBelow('markdown');
    store.getState().actions.setSource(store.getState().doc.cells[1].id, '# hi');
    expect(sources(store.getState())).toEqual(['a', '# hi']);
  });
});
