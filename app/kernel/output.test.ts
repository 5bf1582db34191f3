// The output channel's batching and limits (issue 9, output floods).
import { describe, expect, it } from 'vitest';
import { capBundle, DISPLAY_CHARS_LIMIT, DISPLAY_LIMIT, FLUSH_MS, OutputChannel, STREAM_LIMIT, TEXT_VALUE_LIMIT, VALUE_LIMIT } from './output';
import type { FromKernel } from '../protocol/messages';

const t = { id: 'r1', cellId: 'c1' };
type Stream = Extract<FromKernel, { type: 'stream' }>;
const streams = (ms: FromKernel[]) => ms.filter((m): m is Stream => m.type === 'stream');
const text = (ms: FromKernel[]) => streams(ms).map((m) => m.text).join('');

function channel() {
  const msgs: FromKernel[] = [];
  let clock = 0;
  const out = new OutputChannel((m) => msgs.push(m), () => clock);
  return { out, msgs, tick: (ms: number) => (clock += ms) };
}

describe('OutputChannel', () => {
  it('coalesces a synchronous flood of prints into one message per flush interval', () => {
    const { out, msgs, tick } = channel();
    for (let i = 0; i < 10_000; i++) {
      out.write(t, 'stdout', `${i}\n`);
      if (i % 100 === 99) tick(1); // 100 prints per simulated millisecond
    }
    out.flush();
    // 100 ms of prints at one flush per FLUSH_MS: a handful of messages, all text in order.
    expect(streams(msgs).length).toBeLessThanOrEqual(Math.ceil(100 / FLUSH_MS) + 2);
    expect(text(msgs).split('\n').slice(0, -1).map(Number)).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('caps 10^6 prints at STREAM_LIMIT, cut at a line end, and says how many lines were dropped', () => {
    const { out, msgs } = channel();
    let total = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const line = `${i}\n`;
      total += line.length;
      out.write(t, 'stdout', line);
    }
    out.flush();
    const before = text(msgs);
    expect(before.length).toBeLessThan(STREAM_LIMIT + 200);
    expect(before).toMatch(/\n… output truncated at 500,000 characters: the rest of this run's output is not kept\n$/);
    const kept = before.slice(0, before.indexOf('… output truncated'));
    const keptLines = kept.split('\n').slice(0, -1);
    expect(keptLines.map(Number)).toEqual(Array.from({ length: keptLines.length }, (_, i) => i));
    out.forget(t.id);
    const summary = streams(msgs).at(-1)!;
    const droppedLines = 1_000_000 - keptLines.length;
    expect(summary).toMatchObject({ id: 'r1', cellId: 'c1', name: 'stdout' });
    expect(summary.text).toBe(`… output truncated: ${droppedLines.toLocaleString('en-US')} more lines (${(total - kept.length).toLocaleString('en-US')} characters) were not kept\n`);
    // Fewer than 50 messages for a million prints (every one of them over the flush interval).
    expect(msgs.length).toBeLessThan(50);
  });

  it('cuts one 50 MB print to the limit', () => {
    const { out, msgs } = channel();
    out.write(t, 'stdout', 'x'.repeat(50_000_000));
    out.forget(t.id);
    const all = text(msgs);
    expect(all.length).toBeLessThan(STREAM_LIMIT + 300);
    expect(all.startsWith('x'.repeat(STREAM_LIMIT))).toBe(true);
    expect(all).toContain(`… output truncated: ${(50_000_000 - STREAM_LIMIT).toLocaleString('en-US')} more characters were not kept`);
  });

  it('keeps DISPLAY_LIMIT displays of a run and reports the rest', () => {
    const { out, msgs } = channel();
    for (let i = 0; i < 10_000; i++) out.send({ type: 'display', id: t.id, cellId: t.cellId, data: { 'text/plain': String(i) }, metadata: {} });
    out.forget(t.id);
    const displays = msgs.filter((m) => m.type === 'display');
    expect(displays.length).toBe(DISPLAY_LIMIT);
    expect(displays.at(-1)).toMatchObject({ data: { 'text/plain': String(DISPLAY_LIMIT - 1) } });
    expect(streams(msgs).at(-1)!.text).toBe(`… output truncated: ${(10_000 - DISPLAY_LIMIT).toLocaleString('en-US')} more displays were not kept (at most ${DISPLAY_LIMIT} per run)\n`);
    // A new run starts with fresh limits.
    out.send({ type: 'display', id: 'r2', cellId: 'c1', data: { 'text/plain': 'again' }, metadata: {} });
    expect(msgs.at(-1)).toMatchObject({ id: 'r2', data: { 'text/plain': 'again' } });
  });

  it('bounds the characters of a run\'s displays', () => {
    const { out, msgs } = channel();
    const big = 'y'.repeat(400_000);
    const n = Math.ceil(DISPLAY_CHARS_LIMIT / big.length) + 5;
    for (let i = 0; i < n; i++) out.send({ type: 'display', id: t.id, cellId: t.cellId, data: { 'text/plain': big }, metadata: {} });
    out.forget(t.id);
    const displays = msgs.filter((m) => m.type === 'display');
    expect(displays.length).toBe(Math.ceil(DISPLAY_CHARS_LIMIT / big.length));
    expect(streams(msgs).at(-1)!.text).toContain('5 more displays were not kept');
  });

  it('cuts a 50 MB result to TEXT_VALUE_LIMIT and drops oversized rich values', async () => {
    const { out, msgs } = channel();
    const huge = `'${'z'.repeat(50_000_000)}'`;
    out.send(Promise.resolve({ type: 'execute_result', id: t.id, cellId: t.cellId, executionCount: 1, data: { 'text/plain': huge, 'text/html': `<b>${huge}</b>` }, metadata: {} } as FromKernel));
    await out.drain();
    const r = msgs.find((m) => m.type === 'execute_result') as Extract<FromKernel, { type: 'execute_result' }>;
    const plain = r.data['text/plain'] as string;
    expect(plain.length).toBeLessThan(TEXT_VALUE_LIMIT + 200);
    expect(plain).toMatch(/\n… output truncated: 49,500,002 more characters were not kept$/);
    expect(r.data['text/html']).toBeUndefined();
    // Values under the limits are passed through untouched (same object).
    const small = { 'text/plain': 'ok', 'image/png': 'a'.repeat(1000) };
    expect(capBundle(small).data).toBe(small);
    expect(capBundle({ 'image/png': 'b'.repeat(VALUE_LIMIT + 1) }).data).toEqual({ 'text/plain': `[image/png output of ${(VALUE_LIMIT + 1).toLocaleString('en-US')} characters was not kept: over the ${VALUE_LIMIT.toLocaleString('en-US')} limit]` });
  });

  it('coalesces an update_display flood: a few messages per display, the latest value last, in order with other output', async () => {
    const { out, msgs, tick } = channel();
    const upd = (display_id: string, v: number): FromKernel => ({ type: 'update_display', id: t.id, cellId: t.cellId, display_id, data: { 'text/plain': String(v) }, metadata: {} });
    out.send({ type: 'display', id: t.id, cellId: t.cellId, data: { 'text/plain': 'start' }, metadata: { display_id: 'a' } } as FromKernel);
    for (let i = 0; i < 100_000; i++) {
      out.send(upd('a', i));
      if (i % 2 === 0) out.send(upd('b', i));
      if (i % 1000 === 999) tick(1); // 1000 updates per simulated millisecond: 100 ms in all
    }
    out.write(t, 'stdout', 'done\n');
    await out.drain();
    const updates = msgs.filter((m): m is Extract<FromKernel, { type: 'update_display' }> => m.type === 'update_display');
    const of = (id: string) => updates.filter((m) => m.display_id === id).map((m) => Number(m.data['text/plain']));
    expect(of('a').length).toBeLessThanOrEqual(Math.ceil(100 / FLUSH_MS) + 2);
    expect(of('a').at(-1)).toBe(99_999);
    expect(of('b').at(-1)).toBe(99_998);
    expect(of('a')).toEqual([...of('a')].sort((x, y) => x - y)); // never an older value after a newer one
    // the updates made before the print are posted before it
    expect(msgs.at(-1)).toMatchObject({ type: 'stream', text: 'done\n' });
    expect(msgs[0]).toMatchObject({ type: 'display' });
  });

  it('posts a lone update_display at once, and a burst\'s last value when the interval ends', async () => {
    const { out, msgs } = channel();
    const upd = (v: number): FromKernel => ({ type: 'update_display', id: t.id, cellId: t.cellId, display_id: 'p', data: { 'text/plain': String(v) }, metadata: {} });
    out.send(upd(1));
    expect(msgs).toHaveLength(1);
    out.send(upd(2));
    out.send(upd(3));
    expect(msgs).toHaveLength(1); // within FLUSH_MS of the last post: held
    await new Promise((r) => setTimeout(r, FLUSH_MS + 20)); // the timer posts the latest
    expect(msgs.map((m) => (m.type === 'update_display' ? m.data['text/plain'] : m.type))).toEqual(['1', '3']);
  });

  it('keeps order: a stream written after an async display comes after it', async () => {
    const { out, msgs } = channel();
    out.write(t, 'stdout', 'a\n');
    out.send(new Promise<FromKernel>((r) => setTimeout(() => r({ type: 'display', id: t.id, cellId: t.cellId, data: { 'text/plain': 'late' }, metadata: {} }), 5)));
    out.write(t, 'stdout', 'b\n');
    await out.drain();
    expect(msgs.map((m) => (m.type === 'stream' ? m.text : m.type))).toEqual(['a\n', 'display', 'b\n']);
  });
});
