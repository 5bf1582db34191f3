import { describe, expect, it } from 'vitest';
import { DISPLAYS, measure, OutputGuard, STREAM_CHARS } from './limits';

describe('measure', () => {
  it('counts roughly as JSON and stops past the budget', () => {
    expect(measure('abc')).toBe(5);
    expect(measure({ a: [1, 'xy'] })).toBeGreaterThan(10);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(measure(cyclic, 1000)).toBeGreaterThan(1000);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(measure(deep)).toBeGreaterThan(100_000);
  });
});

describe('OutputGuard', () => {
  it('passes the running execution only, then the last one while none runs', () => {
    const g = new OutputGuard();
    const s = (id: string, cellId: string) => ({ type: 'stream' as const, id, cellId, name: 'stdout' as const, text: 'x' });
    expect(g.check(s('e1', 'a'))).toBe('foreign');
    g.started('e1', 'a');
    g.started('e2', 'b');
    expect(g.check(s('e1', 'a'))).toBe('ok');
    expect(g.check(s('e2', 'b'))).toBe('foreign');
    expect(g.check(s('e1', 'b'))).toBe('foreign');
    expect(g.check({ type: 'execute_reply', id: 'e1', cellId: 'b', status: 'ok', durationMs: 0 })).toBe('foreign');
    expect(g.check({ type: 'execute_reply', id: 'e1', cellId: 'a', status: 'ok', durationMs: 0 })).toBe('ok');
    expect(g.check(s('e2', 'b'))).toBe('ok');
    expect(g.check({ type: 'execute_reply', id: 'e2', cellId: 'b', status: 'ok', durationMs: 0 })).toBe('ok');
    expect(g.check(s('e2', 'b'))).toBe('ok'); // a timer of the last cell
    expect(g.check(s('e1', 'a'))).toBe('foreign');
  });

  it('caps stream text and displays per execution, noting the first drop', () => {
    const g = new OutputGuard();
    g.started('e', 'c');
    expect(g.check({ type: 'stream', id: 'e', cellId: 'c', name: 'stdout', text: 'x'.repeat(STREAM_CHARS) })).toBe('ok');
    expect(g.check({ type: 'stream', id: 'e', cellId: 'c', name: 'stdout', text: 'x' })).toBe('over');
    expect(g.firstOver).toBe(true);
    const d = { type: 'display' as const, id: 'e', cellId: 'c', data: { 'text/plain': '1' }, metadata: {} };
    for (let i = 0; i < DISPLAYS; i++) expect(g.check(d)).toBe('ok');
    expect(g.check(d)).toBe('over');
    expect(g.firstOver).toBe(false);
  });
});
