import { describe, expect, it } from 'vitest';
import * as A from './actions';
import * as S from './structure';
import { redo, undo } from './history';
import { emptyCell } from './ipynb';
import type { NotebookDoc, Output } from './types';

const doc = (...sources: string[]): NotebookDoc => ({ nbformat_minor: 5, metadata: {}, cells: sources.map((s) => ({ ...emptyCell('code', s), id: s })) });
const sources = (s: A.NotebookState) => s.doc.cells.map((c) => c.source);
const types = (s: A.NotebookState) => s.doc.cells.map((c) => c.cell_type);
const out: Output = { output_type: 'stream', name: 'stdout', text: 'hi\n' };

describe('multi-cell selection', () => {
  it('Shift+J/K grow and shrink the selection from its anchor; a plain select collapses it', () => {
    let s = A.initialState(doc('a', 'b', 'c', 'd'));
    s = A.setActive(s, 'b');
    s = S.extendSelection(s, 1);
    s = S.extendSelection(s, 1);
    expect(S.selectedIds(s)).toEqual(['b', 'c', 'd']);
    s = S.extendSelection(s, 1); // already at the end
    expect(S.selectedIds(s)).toEqual(['b', 'c', 'd']);
    s = S.extendSelection(s, -1);
    expect(S.selectedIds(s)).toEqual(['b', 'c']);
    s = S.extendSelection(s, -2);
    expect(S.selectedIds(s)).toEqual(['a', 'b']);
    s = A.setActive(s, 'c');
    expect(S.selectedIds(s)).toEqual(['c']);
  });

  it('Shift+click selects the range from the active cell, in notebook order', () => {
    let s = A.setActive(A.initialState(doc('a', 'b', 'c', 'd')), 'd');
    s = S.selectTo(s, 'b');
    expect(S.selectedIds(s)).toEqual(['b', 'c', 'd']);
    expect(s.activeId).toBe('b');
    expect(S.selectedIds(S.selectAll(s))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('deletes, copies and pastes the whole selection', () => {
    let s = S.selectTo(A.initialState(doc('a', 'b', 'c', 'd')), 'b');
    s = A.copyCells(s, S.selectedIds(s));
    s = A.setActive(s, 'd');
    s = A.pasteBelow(s);
    expect(sources(s)).toEqual(['a', 'b', 'c', 'd', 'a', 'b']);
    expect(S.selectedIds(s)).toHaveLength(2);
    s = A.deleteCells(s, S.selectedIds(s));
    expect(sources(s)).toEqual(['a', 'b', 'c', 'd']);
    s = A.cutCells(s, ['b', 'c']);
    expect(sources(s)).toEqual(['a', 'd']);
    expect(s.activeId).toBe('d');
  });

  it('moves a selection as a block and stops at the ends', () => {
    let s = S.selectTo(A.setActive(A.initialState(doc('a', 'b', 'c', 'd')), 'b'), 'c');
    s = S.moveCells(s, S.selectedIds(s), 1);
    expect(sources(s)).toEqual(['a', 'd', 'b', 'c']);
    expect(S.selectedIds(s)).toEqual(['b', 'c']);
    s = S.moveCells(s, S.selectedIds(s), 1);
    expect(sources(s)).toEqual(['a', 'd', 'b', 'c']);
    s = S.moveCells(S.moveCells(s, ['b', 'c'], -1), ['b', 'c'], -1);
    expect(sources(s)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('changes the type of every selected cell, clearing code outputs', () => {
    let s = A.appendOutput(A.initialState(doc('a', 'b', 'c')), 'a', out);
    s = S.changeTypes(s, ['a', 'b'], 'markdown');
    expect(types(s)).toEqual(['markdown', 'markdown', 'code']);
    expect(s.doc.cells[0].outputs).toEqual([]);
  });
});

describe('merge and split (as JupyterLab)', () => {
  it('merges the selection into the active cell type, joined by a blank line, outputs cleared', () => {
    let s = A.appendOutput(A.initialState(doc('a', 'b', 'c', 'd')), 'b', out);
    s = S.selectTo(A.setActive(s, 'b'), 'c');
    s = S.mergeCells(s, S.selectedIds(s));
    expect(sources(s)).toEqual(['a', 'b\n\nc', 'd']);
    expect(s.doc.cells[1].outputs).toEqual([]);
    expect(s.doc.cells[1].execution_count).toBeNull();
    expect(s.activeId).toBe(s.doc.cells[1].id);
  });

  it('with one cell selected merges with the cell below (or above); not past the end', () => {
    let s = A.setActive(A.initialState(doc('a', 'b', 'c')), 'a');
    s = A.changeType(s, 'a', 'markdown');
    s = S.mergeCells(s, [s.activeId!]);
    expect(sources(s)).toEqual(['a\n\nb', 'c']);
    expect(types(s)).toEqual(['markdown', 'code']);
    s = A.setActive(s, 'c');
    expect(S.mergeCells(s, ['c'])).toBe(s);
    s = S.mergeCells(s, ['c'], true);
    expect(sources(s)).toEqual(['a\n\nb\n\nc']);
  });

  it('splits at the cursor (two cells) or around a selection (three), trimming edge newlines', () => {
    let s = A.appendOutput(A.initialState(doc('x = 1\ny = 2\nz = 3')), 'x = 1\ny = 2\nz = 3', out);
    const id = s.doc.cells[0].id;
    s = S.splitCell(s, id, [6]);
    expect(sources(s)).toEqual(['x = 1', 'y = 2\nz = 3']);
    expect(s.doc.cells.map((c) => c.outputs.length)).toEqual([0, 1]);
    expect(s.activeId).toBe(s.doc.cells[1].id);
    expect(s.mode).toBe('edit');
    s = S.splitCell(s, s.doc.cells[1].id, [2, 4]);
    expect(sources(s)).toEqual(['x = 1', 'y ', '= ', '2\nz = 3']);
    expect(s.activeId).toBe(s.doc.cells[2].id);
  });
});

describe('undo and redo of the structure', () => {
  it('undoes and redoes insert, delete, move, type change, merge, split, paste and clear outputs', () => {
    const start = A.appendOutput(A.initialState(doc('a', 'b', 'c')), 'a', out);
    const steps: ((s: A.NotebookState) => A.NotebookState)[] = [
      (s) => A.insertBelow(s, 'markdown'),
      (s) => A.deleteCells(s, ['a', 'b']),
      (s) => A.moveDown(s, 'a'),
      (s) => A.changeType(s, 'b', 'raw'),
      (s) => S.mergeCells(A.setActive(s, 'a'), ['a']),
      (s) => S.splitCell(s, 'c', [0]),
      (s) => A.pasteBelow(A.copyCell(s, 'c')),
      (s) => A.clearAllOutputs(s),
      (s) => A.clearCellOutputs(s, ['a']),
    ];
    for (const f of steps) {
      const after = f(start);
      expect(after.doc.cells).not.toBe(start.doc.cells);
      const back = undo(after);
      expect(back.doc.cells).toEqual(start.doc.cells);
      expect(back.history.undo).toHaveLength(0);
      expect(redo(back).doc.cells).toEqual(after.doc.cells);
    }
  });

  it('keeps edits made after the operation to cells it did not touch', () => {
    let s = A.initialState(doc('a', 'b', 'c'));
    s = A.deleteCell(s, 'b');
    s = A.setSource(s, 'c', 'c edited');
    s = A.appendOutput(s, 'a', out);
    s = undo(s);
    expect(sources(s)).toEqual(['a', 'b', 'c edited']);
    expect(s.doc.cells[0].outputs).toHaveLength(1);
    expect(s.activeId).toBe('b');
  });

  it('steps back through several operations in order, and a new operation drops the redo steps', () => {
    let s = A.initialState(doc('a', 'b'));
    s = A.changeType(s, 'a', 'markdown');
    s = A.moveDown(s, 'a');
    s = A.deleteCell(s, 'b');
    s = undo(undo(s));
    expect(sources(s)).toEqual(['a', 'b']);
    expect(types(s)).toEqual(['markdown', 'code']);
    expect(s.history.redo).toHaveLength(2);
    s = A.insertAbove(s);
    expect(s.history.redo).toHaveLength(0);
    expect(redo(s)).toBe(s);
    s = undo(undo(s));
    expect(types(s)).toEqual(['code', 'code']);
    expect(undo(s)).toBe(s);
  });

  it('selection changes, typing and the runner clearing a cell are not undo steps', () => {
    let s = A.initialState(doc('a', 'b'));
    s = S.extendSelection(s, 1);
    s = A.setSource(s, 'a', 'typed');
    s = A.clearOutputs(A.appendOutput(s, 'a', out), 'a');
    expect(s.history.undo).toHaveLength(0);
  });
});
