// The expectation editor's edits: they land in the cell's metadata (so they are saved), each one
// can be undone, and a newly loaded notebook starts with no undo steps.
import { describe, expect, it } from 'vitest';
import { useNotebook } from '../notebook/store';
import { emptyNotebook } from '../notebook/ipynb';
import { cellExpect } from '../notebook/expect';
import { commitExpect, setEditorOpen, undoExpect, useExpectUi } from './ExpectEditorState';

describe('expectation edits', () => {
  it('are written to metadata.torchlit.expect, bump the document version, and undo step by step', () => {
    const doc = emptyNotebook();
    doc.cells[0].metadata = { torchlit: { keep: 1 } };
    useNotebook.getState().actions.load(doc);
    const id = doc.cells[0].id;
    const cell = () => useNotebook.getState().doc.cells[0];
    const v0 = useNotebook.getState().version;

    commitExpect(id, { output_contains: ['a', 'b'], mime: [] });
    expect(cell().metadata.torchlit).toEqual({ keep: 1, expect: { output_contains: ['a', 'b'] } });
    expect(useNotebook.getState().version).toBeGreaterThan(v0);
    commitExpect(id, { output_contains: ['a'] });
    commitExpect(id, { output_contains: ['a'] }); // no change, no undo step
    commitExpect(id, null);
    expect(cell().metadata.torchlit).toEqual({ keep: 1 });

    expect(undoExpect(id)).toBe(true);
    expect(cellExpect(cell())).toEqual({ output_contains: ['a'] });
    expect(undoExpect(id)).toBe(true);
    expect(cellExpect(cell())).toEqual({ output_contains: ['a', 'b'] });
    expect(undoExpect(id)).toBe(true);
    expect(cell().metadata.torchlit).toEqual({ keep: 1 });
    expect(undoExpect(id)).toBe(false);
  });

  it('are forgotten, with the open editors, when another notebook is loaded', () => {
    const doc = emptyNotebook();
    useNotebook.getState().actions.load(doc);
    const id = doc.cells[0].id;
    commitExpect(id, { mime: ['image/png'] });
    setEditorOpen(id, true);
    expect(useExpectUi.getState().open[id]).toBe(true);
    useNotebook.getState().actions.load(emptyNotebook());
    expect(useExpectUi.getState()).toEqual({ open: {}, undo: {}, focus: null });
  });
});
