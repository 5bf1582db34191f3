// Two tabs on one notebook, checkpoints and revert: two sessions sharing one in-memory storage
// backend (IndexedDB's semantics) are two tabs.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createNotebookStore } from '../notebook/store';
import { writeIpynb } from '../notebook/ipynb';
import { createSession, type Session } from './session';
import { memoryBackend, memoryStorage, type MemoryBackend } from './storage.memory';
import type { Runner } from './runner';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
const fakeRunner = () => ({ view: createStore(() => ({ status: null })), restart: async () => {}, setDevice() {} }) as unknown as Runner;

function tab(backend: MemoryBackend, opts = {}) {
  const notebook = createNotebookStore();
  const session = createSession(notebook, memoryStorage(backend), () => {}, { makeRunner: fakeRunner, ...opts });
  const type = (text: string) => notebook.getState().actions.setSource(notebook.getState().doc.cells[0].id, text);
  const text = () => notebook.getState().doc.cells[0].source;
  return { notebook, session, type, text };
}
const storedText = (b: MemoryBackend, id: string) => {
  const cells = b.notebooks.get(id)!.ipynb.cells as { source: string[] }[];
  return cells[0].source.join('');
};

async function twoTabs() {
  const backend = memoryBackend();
  const a = tab(backend);
  const id = await a.session.openNew();
  a.type('base');
  await a.session.autosaver.flush();
  const b = tab(backend);
  await b.session.openLocal(id);
  await tick();
  return { backend, a, b, id };
}

describe('two tabs', () => {
  it('a tab with nothing unsaved follows the other tab’s save', async () => {
    const { a, b } = await twoTabs();
    b.type('from B');
    await b.session.autosaver.flush();
    await tick();
    expect(a.text()).toBe('from B');
    expect(a.session.state.getState().notice).toMatch(/another tab/);
    expect(a.session.state.getState().conflict).toBe(null);
  });

  it('a tab with unsaved edits gets one conflict and never overwrites; "mine" keeps theirs as a checkpoint', async () => {
    const { backend, a, b, id } = await twoTabs();
    a.type('mine');
    b.type('theirs');
    await b.session.autosaver.flush();
    await tick();
    const conflict = a.session.state.getState().conflict;
    expect(conflict).toMatchObject({ name: 'Untitled' });
    await a.session.autosaver.flush();
    expect(storedText(backend, id)).toBe('theirs');
    expect(a.session.autosaver.status.getState().state).toBe('error');
    b.type('theirs 2');
    await b.session.autosaver.flush();
    await tick();
    expect(a.session.state.getState().conflict).toBe(conflict); // the same one: shown once
    expect(a.text()).toBe('mine');

    await a.session.resolveConflict('mine');
    expect(storedText(backend, id)).toBe('mine');
    expect(a.session.state.getState().conflict).toBe(null);
    await tick();
    expect(b.text()).toBe('mine');
    const cps = await a.session.listCheckpoints();
    expect(cps.map((c) => c.reason)).toContain('conflict');
    const kept = await memoryStorage(backend).getCheckpoint(cps.find((c) => c.reason === 'conflict')!.key);
    expect((kept!.ipynb.cells as { source: string[] }[])[0].source.join('')).toBe('theirs 2');
    // Saving works again, conditionally on the new revision.
    a.type('mine 2');
    await a.session.autosaver.flush();
    expect(storedText(backend, id)).toBe('mine 2');
  });

  it('leaving (pagehide) with a conflict pending keeps this tab’s version as one copy, the other version untouched', async () => {
    const { backend, a, b, id } = await twoTabs();
    a.type('mine');
    b.type('theirs');
    await b.session.autosaver.flush();
    await tick();
    expect(a.session.state.getState().conflict).not.toBe(null);
    await a.session.flushOnLeave();
    a.type('mine, more');
    await a.session.flushOnLeave();
    expect(storedText(backend, id)).toBe('theirs');
    const copies = [...backend.notebooks.values()].filter((n) => n.name === 'Untitled (my copy)');
    expect(copies).toHaveLength(1);
    expect(storedText(backend, copies[0].id)).toBe('mine, more');
  });

  it('the conditional save alone (no change notice) finds the conflict', async () => {
    const { backend, a, b, id } = await twoTabs();
    // B writes behind A's back: no announcement reaches A.
    const rec = backend.notebooks.get(id)!;
    backend.notebooks.set(id, { ...rec, rev: 'elsewhere', ipynb: { ...rec.ipynb, cells: [{ id: 'x', cell_type: 'code', metadata: {}, source: ['other'], outputs: [], execution_count: null }] } });
    a.type('mine');
    await a.session.autosaver.flush();
    expect(a.session.state.getState().conflict).not.toBe(null);
    expect(storedText(backend, id)).toBe('other');
    await a.session.resolveConflict('theirs');
    expect(a.text()).toBe('other');
    expect(b.session.state.getState().conflict).toBe(null);
  });
});

describe('checkpoints', () => {
  it('Ctrl+S makes one, unchanged documents make none, only 5 are kept, revert restores and is undoable', async () => {
    const backend = memoryBackend();
    const a = tab(backend);
    const id = await a.session.openNew();
    for (let v = 1; v <= 7; v++) {
      a.type(`v${v}`);
      await a.session.autosaver.saveNow();
    }
    await a.session.autosaver.saveNow();
    let cps = await a.session.listCheckpoints();
    expect(cps).toHaveLength(5);
    expect(cps.every((c) => c.reason === 'save')).toBe(true);
    const v3 = cps[4];
    await a.session.revertToCheckpoint(v3.key);
    expect(a.text()).toBe('v3');
    expect(storedText(backend, id)).toBe('v3');
    // v7 was already the newest checkpoint: "before revert" is not stored twice.
    cps = await a.session.listCheckpoints();
    expect(cps).toHaveLength(5);
    await a.session.revertToCheckpoint(cps[0].key);
    expect(a.text()).toBe('v7');
  });

  it('Ctrl+S during an autosave in flight, with typing right after, stores and checkpoints the version on screen at Ctrl+S', async () => {
    // Under load a save takes a while: the autosave of the previous edit is still running when
    // Ctrl+S is pressed, and the learner types on before Ctrl+S's save has finished.
    const backend = memoryBackend();
    const storage = memoryStorage(backend);
    const put = storage.put.bind(storage);
    storage.put = async (nb, opts) => (await tick(30), put(nb, opts));
    const notebook = createNotebookStore();
    const session = createSession(notebook, storage, () => {}, { makeRunner: fakeRunner });
    const type = (text: string) => notebook.getState().actions.setSource(notebook.getState().doc.cells[0].id, text);
    const id = await session.openNew();
    type('v1');
    await session.autosaver.saveNow();
    type('v2');
    await tick(300); // the autosave of v2 has started and is in flight
    type('v3');
    const saving = session.autosaver.saveNow(); // Ctrl+S with v3 on screen
    type('v4'); // typing goes on at once
    await saving;
    const cps = await session.listCheckpoints();
    expect(cps.map((c) => c.reason)).toEqual(['save', 'save']);
    const newest = await storage.getCheckpoint(cps[0].key);
    expect((newest!.ipynb.cells as { source: string[] }[])[0].source.join('')).toBe('v3');
    await session.autosaver.flush();
    expect(storedText(backend, id)).toBe('v4');
  });

  it('an automatic checkpoint after the configured editing time; the version as opened at the first save', async () => {
    const backend = memoryBackend();
    const a = tab(backend, { autoCheckpointMs: 0 });
    const id = await a.session.openNew();
    a.type('one');
    await a.session.autosaver.flush();
    expect((await a.session.listCheckpoints()).map((c) => c.reason)).toEqual(['auto', 'auto']);
    const b = tab(backend);
    await b.session.openLocal(id);
    b.type('two');
    await b.session.autosaver.flush();
    await tick();
    const reasons = (await b.session.listCheckpoints()).map((c) => c.reason);
    expect(reasons[0]).toBe('auto'); // 'opened' was the same as the newest: not duplicated
    expect(writeIpynb(a.notebook.getState().doc).cells).toEqual(backend.notebooks.get(id)!.ipynb.cells);
  });
});

export type { Session };

describe('opening another notebook', () => {
  it('restarts the kernel after code ran in it, even when the outputs were cleared since; not before any code ran', async () => {
    let restarts = 0;
    const view = createStore(() => ({ status: null, executionCount: 0 }));
    const runner = {
      view,
      restart: async (opts?: { quiet?: boolean }) => {
        expect(opts).toEqual({ quiet: true }); // no "the kernel was restarted" notice on a new notebook
        restarts++;
        view.setState({ executionCount: 0 });
      },
      setDevice() {},
    } as unknown as Runner;
    const notebook = createNotebookStore();
    const session = createSession(notebook, memoryStorage(memoryBackend()), () => {}, { makeRunner: () => runner });
    await session.openNew();
    await session.openNew();
    expect(restarts).toBe(0); // nothing ran: the kernel is as fresh as a new one
    view.setState({ executionCount: 2 }); // two cells ran…
    notebook.getState().actions.clearAllOutputs(); // …and their outputs were cleared
    await session.openNew();
    expect(restarts).toBe(1);
    await session.openNew();
    expect(restarts).toBe(1);
  });
});
