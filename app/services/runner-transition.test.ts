// The runner's transitions on their own: no kernel, no store, fixed clock.
import { describe, expect, it } from 'vitest';
import * as A from '../notebook/actions';
import { emptyCell } from '../notebook/ipynb';
import type { NotebookDoc } from '../notebook/types';
import type { FromKernel } from '../protocol/messages';
import { clearQueue, enqueue, onKernelMessage, RESTART_ATTRIBUTION_MS, startNext, started, type RunState } from './runner-transition';

const doc = (...cells: [string, 'code' | 'markdown'][]): NotebookDoc => ({ nbformat_minor: 5, metadata: {}, cells: cells.map(([id, t]) => ({ ...emptyCell(t, `// ${id}`), id })) });
const initial = (d: NotebookDoc): RunState => ({ notebook: A.initialState(d), view: { status: null, notice: null, variables: [], executionCount: 0, blocked: null }, queue: [], current: null, lastFinished: null });
const status = (s: RunState, id: string) => s.notebook.run[id]?.status;
const outputs = (s: RunState, id: string) => s.notebook.doc.cells.find((c) => c.id === id)!.outputs;

/** Deeply frozen: a transition that mutates its input throws. */
function frozen<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) frozen(v);
  }
  return x;
}
const step = (s: RunState, m: FromKernel, now = 1000) => onKernelMessage(frozen(s), m, now);

/** Queues ids and starts the first as request 'r1'. */
function running(d: NotebookDoc, ids: string[], now = 0): RunState {
  const { state, start } = startNext(enqueue(initial(d), ids, now), now);
  return started(state, start!.cellId, 'r1');
}

describe('runner transition', () => {
  it('queues code cells once, starts the first with the next execution count and clears its old outputs', () => {
    let s = initial(doc(['a', 'code'], ['m', 'markdown'], ['b', 'code']));
    s = { ...s, notebook: A.appendOutput(s.notebook, 'a', { output_type: 'stream', name: 'stdout', text: 'old' }) };
    s = enqueue(frozen(s), ['a', 'm', 'b', 'a'], 0);
    expect(s.queue).toEqual(['a', 'b']);
    expect([status(s, 'a'), status(s, 'm'), status(s, 'b')]).toEqual(['queued', undefined, 'queued']);
    const { state, start } = startNext(frozen(s), 10);
    expect(start).toEqual({ cellId: 'a', source: '// a', executionCount: 1 });
    expect(status(state, 'a')).toBe('running');
    expect(state.notebook.run.a.startedAt).toBe(10);
    expect(outputs(state, 'a')).toEqual([]);
    expect(state.notebook.doc.cells[0].execution_count).toBe(1);
    expect(state.view.executionCount).toBe(1);
    expect(state.queue).toEqual(['b']);
    // Nothing starts while a cell runs.
    expect(startNext(started(state, 'a', 'r1'), 11).start).toBeUndefined();
  });

  it('skips queued cells that were deleted meanwhile', () => {
    let s = enqueue(initial(doc(['a', 'code'], ['b', 'code'])), ['a', 'b'], 0);
    s = { ...s, notebook: A.deleteCell(s.notebook, 'a') };
    expect(startNext(s, 1).start?.cellId).toBe('b');
  });

  it('routes outputs into their cell (streams merge), drops outputs of deleted cells, updates displays by id', () => {
    let s = running(doc(['a', 'code']), ['a']);
    s = step(s, { type: 'stream', id: 'r1', cellId: 'a', name: 'stdout', text: 'one\n' });
    s = step(s, { type: 'stream', id: 'r1', cellId: 'a', name: 'stdout', text: 'two\n' });
    s = step(s, { type: 'display', id: 'r1', cellId: 'a', data: { 'text/plain': 'v1' }, metadata: {}, display_id: 'd' });
    s = step(s, { type: 'update_display', id: 'r1', cellId: 'a', display_id: 'd', data: { 'text/plain': 'v2' }, metadata: {} });
    s = step(s, { type: 'execute_result', id: 'r1', cellId: 'a', executionCount: 1, data: { 'text/plain': '3' }, metadata: {} });
    expect(outputs(s, 'a')).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'one\ntwo\n' },
      { output_type: 'display_data', data: { 'text/plain': 'v2' }, metadata: {}, display_id: 'd' },
      { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '3' }, metadata: {} },
    ]);
    const before = s;
    expect(step(s, { type: 'stream', id: 'r1', cellId: 'gone', name: 'stdout', text: 'x' })).toBe(before);
  });

  it('a reply ends the running cell; "ok" runs on, an error stops Run all and returns the queue to idle', () => {
    let s = running(doc(['a', 'code'], ['b', 'code'], ['c', 'code']), ['a', 'b', 'c']);
    s = step(s, { type: 'execute_reply', id: 'r1', cellId: 'a', status: 'ok', durationMs: 5 }, 50);
    expect(status(s, 'a')).toBe('done');
    expect(s.notebook.run.a.durationMs).toBe(50);
    expect(s.current).toBe(null);
    expect(s.lastFinished).toEqual({ cellId: 'a', status: 'done', at: 50 });
    expect(s.queue).toEqual(['b', 'c']);
    const next = startNext(s, 60);
    s = started(next.state, 'b', 'r2');
    s = step(s, { type: 'error', id: 'r2', cellId: 'b', ename: 'TypeError', evalue: 'x is not a function', traceback: [] });
    s = step(s, { type: 'execute_reply', id: 'r2', cellId: 'b', status: 'error', durationMs: 1 }, 70);
    expect([status(s, 'b'), status(s, 'c')]).toEqual(['error', 'idle']);
    expect(s.queue).toEqual([]);
    expect(outputs(s, 'b')[0]).toMatchObject({ output_type: 'error', ename: 'TypeError' });
  });

  it('a reply for another request only marks an interrupted cell; it does not end the running one', () => {
    const s = running(doc(['a', 'code'], ['b', 'code']), ['a']);
    const t = step(s, { type: 'execute_reply', id: 'old', cellId: 'b', status: 'interrupted', durationMs: 1 });
    expect(status(t, 'b')).toBe('interrupted');
    expect(t.current).toEqual(s.current);
    expect(step(s, { type: 'execute_reply', id: 'old', cellId: 'b', status: 'ok', durationMs: 1 })).toBe(s);
  });

  it('a kernel that died while a cell ran: the cell says why and is interrupted, the queue is dropped, the view warns', () => {
    const s = running(doc(['a', 'code'], ['b', 'code']), ['a', 'b']);
    const t = step({ ...s, view: { ...s.view, variables: [{ name: 'x' } as never] } }, { type: 'restarted', reason: 'unresponsive', message: 'The kernel stopped responding and was restarted.' });
    expect(outputs(t, 'a')).toEqual([{ output_type: 'stream', name: 'stderr', text: 'The kernel stopped responding and was restarted.\n' }]);
    expect(status(t, 'a')).toBe('interrupted');
    expect(status(t, 'b')).toBeUndefined(); // nothing has run in the new kernel
    expect(t.queue).toEqual([]);
    expect(t.current).toBe(null);
    expect(t.view).toMatchObject({ executionCount: 0, variables: [], notice: { kind: 'warning', text: 'The kernel stopped responding and was restarted.' } });
  });

  it('a crash right after a cell’s error is attributed to that cell, a later one is not; a user restart is only a notice', () => {
    let s = running(doc(['a', 'code']), ['a']);
    s = step(s, { type: 'execute_reply', id: 'r1', cellId: 'a', status: 'error', durationMs: 1 }, 100);
    const crash: FromKernel = { type: 'restarted', reason: 'crashed', message: 'The kernel crashed.' };
    expect(outputs(step(s, crash, 100 + RESTART_ATTRIBUTION_MS - 1), 'a')).toEqual([{ output_type: 'stream', name: 'stderr', text: 'The kernel crashed.\n' }]);
    expect(outputs(step(s, crash, 100 + RESTART_ATTRIBUTION_MS + 1), 'a')).toEqual([]);
    const user = step(s, { type: 'restarted', reason: 'user', message: '' }, 101);
    expect(outputs(user, 'a')).toEqual([]);
    expect(user.view.notice).toEqual({ kind: 'info', text: 'The kernel was restarted: all variables were lost.' });
  });

  it('status messages reach the view; clearing the queue returns its cells to idle', () => {
    const s = enqueue(initial(doc(['a', 'code'])), ['a'], 0);
    const kernel = { type: 'status', status: 'busy', backend: 'cpu', isolated: true } as unknown as FromKernel;
    expect(step(s, kernel).view.status).toBe(kernel);
    const c = clearQueue(frozen(s), 1);
    expect([c.queue, status(c, 'a')]).toEqual([[], 'idle']);
  });
});
