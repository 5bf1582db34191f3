// Drafts written while saves fail or a conflict is pending, and what reopening makes of them.
// Node has no localStorage: a Map-backed one stands in (same synchronous contract).
import { beforeEach, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createNotebookStore } from '../notebook/store';
import { createSession } from './session';
import { memoryBackend, memoryStorage, type MemoryBackend } from './storage.memory';
import type { NotebookStorage } from './storage';
import type { Runner } from './runner';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
const fakeRunner = () => ({ view: createStore(() => ({ status: null })), restart: async () => {}, setDevice() {} }) as unknown as Runner;

class MemoryLocalStorage {
  items = new Map<string, string>();
  full = false;
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => {
    if (this.full) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    this.items.set(k, v);
  };
  removeItem = (k: string) => void this.items.delete(k);
}
let ls: MemoryLocalStorage;
beforeEach(() => {
  ls = new MemoryLocalStorage();
  (globalThis as { localStorage?: unknown }).localStorage = ls;
});

/** A tab whose IndexedDB writes fail while `failing.on` (a full disk). */
function tab(backend: MemoryBackend) {
  const failing = { on: false };
  const mem = memoryStorage(backend);
  const quota = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
  const storage: NotebookStorage = {
    ...mem,
    put: (nb, o) => (failing.on ? Promise.reject(quota()) : mem.put(nb, o)),
    addCheckpoint: (cp) => (failing.on ? Promise.reject(quota()) : mem.addCheckpoint(cp)),
  };
  const notebook = createNotebookStore();
  const session = createSession(notebook, storage, () => {}, { makeRunner: fakeRunner });
  const type = (text: string) => notebook.getState().actions.setSource(notebook.getState().doc.cells[0].id, text);
  const text = () => notebook.getState().doc.cells[0].source;
  return { session, type, text, failing };
}
const storedText = (b: MemoryBackend, id: string) => (b.notebooks.get(id)!.ipynb.cells as { source: string[] }[])[0].source.join('');

describe('drafts', () => {
  it('a tab closed during a conflict while its storage fails: reopening stores its version as a copy and says so', async () => {
    const backend = memoryBackend();
    const a = tab(backend);
    const id = await a.session.openNew();
    a.type('base');
    await a.session.autosaver.flush();
    const b = tab(backend);
    await b.session.openLocal(id);
    a.failing.on = true;
    a.type('mine');
    await a.session.autosaver.flush();
    b.type('theirs');
    await b.session.autosaver.flush();
    await tick();
    expect(a.session.state.getState().conflict).not.toBe(null);
    await a.session.flushOnLeave().catch(() => {}); // the copy cannot be stored now: only the draft holds it
    expect([...backend.notebooks.keys()]).toEqual([id]);

    const c = tab(backend);
    await c.session.openLocal(id);
    expect(c.text()).toBe('theirs');
    const copies = [...backend.notebooks.values()].filter((n) => n.id !== id);
    expect(copies.map((n) => n.name)).toEqual(['Untitled (my copy)']);
    expect(storedText(backend, copies[0].id)).toBe('mine');
    expect(storedText(backend, id)).toBe('theirs');
    expect(c.session.state.getState().notice).toMatch(/kept as a separate notebook, “Untitled \(my copy\)”/);
    expect(c.session.state.getState().noticeLink).toEqual({ href: `#/notebooks/${copies[0].id}`, text: 'Open “Untitled (my copy)”' });
    expect(ls.items.size).toBe(0);
    // Once: opening again says nothing more and makes no second copy.
    const d = tab(backend);
    await d.session.openLocal(id);
    expect(d.session.state.getState().notice).toBeUndefined();
    expect(backend.notebooks.size).toBe(2);
  });

  it('a tab closed during a conflict that stored its copy: reopening announces the same copy, no second one', async () => {
    const backend = memoryBackend();
    const a = tab(backend);
    const id = await a.session.openNew();
    a.type('base');
    await a.session.autosaver.flush();
    const b = tab(backend);
    await b.session.openLocal(id);
    a.failing.on = true;
    a.type('mine');
    await a.session.autosaver.flush();
    b.type('theirs');
    await b.session.autosaver.flush();
    await tick();
    a.failing.on = false;
    await a.session.flushOnLeave();
    expect(backend.notebooks.size).toBe(2);
    const c = tab(backend);
    await c.session.openLocal(id);
    expect(backend.notebooks.size).toBe(2);
    expect(c.session.state.getState().notice).toMatch(/separate notebook/);
  });

  it('a rename made while saves failed comes back with the recovered draft', async () => {
    const backend = memoryBackend();
    const a = tab(backend);
    const id = await a.session.openNew();
    a.type('base');
    await a.session.autosaver.flush();
    a.failing.on = true;
    a.session.rename('Renamed offline');
    a.type('edited offline');
    await a.session.autosaver.flush();
    await a.session.flushOnLeave();
    expect(backend.notebooks.get(id)!.name).toBe('Untitled');
    const c = tab(backend);
    await c.session.openLocal(id);
    expect(c.text()).toBe('edited offline');
    expect(c.session.state.getState().name).toBe('Renamed offline');
    expect(c.session.state.getState().notice).toMatch(/^Recovered edits and its name "Renamed offline"/);
    await c.session.autosaver.flush();
    expect(backend.notebooks.get(id)!.name).toBe('Renamed offline');
    expect(storedText(backend, id)).toBe('edited offline');
  });

  it('a rename alone (same cells) is recovered too', async () => {
    const backend = memoryBackend();
    const a = tab(backend);
    const id = await a.session.openNew();
    await a.session.autosaver.flush();
    a.failing.on = true;
    a.session.rename('Only renamed');
    await a.session.autosaver.flush();
    await a.session.flushOnLeave();
    const c = tab(backend);
    await c.session.openLocal(id);
    expect(c.session.state.getState().name).toBe('Only renamed');
    await c.session.autosaver.flush();
    expect(backend.notebooks.get(id)!.name).toBe('Only renamed');
  });

  it('storage full: the save error says so; nothing stored is touched; localStorage full too makes leaving ask first', async () => {
    const backend = memoryBackend();
    const a = tab(backend);
    const id = await a.session.openNew();
    a.type('good');
    await a.session.autosaver.flush();
    a.failing.on = true;
    a.type('unsaved');
    await a.session.autosaver.flush();
    expect(a.session.autosaver.status.getState()).toMatchObject({ state: 'error', full: true });
    expect(storedText(backend, id)).toBe('good');
    expect(a.session.leaveWouldLose()).toBe(false); // the draft holds it
    ls.full = true;
    ls.items.clear();
    expect(a.session.leaveWouldLose()).toBe(true);
    a.failing.on = false;
    await a.session.autosaver.flush();
    expect(a.session.autosaver.status.getState().full).toBeUndefined();
    expect(a.session.leaveWouldLose()).toBe(false);
    expect(storedText(backend, id)).toBe('unsaved');
  });
});
