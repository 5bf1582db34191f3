// The kernel client against a fake window/document: frame URL, queueing until the frame
// speaks, origin checks, status, inspect and restart.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKernelClient, FRAME_SILENCE_MAX_MS, FRAME_SILENCE_MS, kernelFrameUrl, silenceAllowance } from './kernel-client';
import type { FromKernel, KernelStatus } from '../protocol/messages';
import { OUTPUT_CHARS } from '../protocol/limits';

function fakeDom(config: unknown) {
  const listeners = new Set<(ev: { source: unknown; origin: string; data: unknown }) => void>();
  const posted: { msg: any; target: string }[] = [];
  const frameWindow = { postMessage: (msg: unknown, target: string) => posted.push({ msg, target }) };
  const frames: any[] = [];
  vi.stubGlobal('location', { origin: 'http://app.test' });
  vi.stubGlobal('window', {
    addEventListener: (_t: string, fn: any) => listeners.add(fn),
    removeEventListener: (_t: string, fn: any) => listeners.delete(fn),
  });
  vi.stubGlobal('document', {
    baseURI: 'http://app.test/notebook/',
    body: { appendChild: (f: any) => frames.push(f) },
    createElement: () => {
      const f: any = { style: {}, dataset: {}, setAttribute() {}, remove: () => frames.splice(frames.indexOf(f), 1), contentWindow: frameWindow };
      return f;
    },
  });
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    return { ok: config !== null, json: async () => config };
  });
  const deliver = (data: unknown, origin = 'http://kernel.test:5174', source: unknown = frameWindow) => listeners.forEach((fn) => fn({ source, origin, data }));
  return { posted, frames, fetched, deliver, listeners };
}

const status = (s: KernelStatus['status'], extra: Partial<KernelStatus> = {}): KernelStatus => ({ type: 'status', status: s, backend: 'cpu', isolated: true, webgpu: { available: false }, version: '0.1.0', ...extra });
const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.unstubAllGlobals());

describe('kernelFrameUrl', () => {
  it('puts kernel.html under the kernel origin or base URL, or next to the page', () => {
    expect(kernelFrameUrl('http://localhost:5174', 'http://localhost:5173/').href).toBe('http://localhost:5174/kernel.html');
    expect(kernelFrameUrl('https://k.example/torchlit/', 'https://a.example/torchlit/').href).toBe('https://k.example/torchlit/kernel.html');
    expect(kernelFrameUrl(null, 'https://a.example/torchlit/index.html').href).toBe('https://a.example/torchlit/kernel.html');
  });
});

describe('createKernelClient', () => {
  it('loads the frame from the kernel origin and queues until it speaks', async () => {
    const dom = fakeDom({ kernelOrigin: 'http://kernel.test:5174' });
    const k = createKernelClient({ kernelOrigin: 'http://kernel.test:5174' });
    expect(k.status.status).toBe('starting');
    const id = k.execute('cell-1', '1 + 1', 1);
    await tick();
    expect(dom.fetched).toEqual([]);
    expect(dom.frames).toHaveLength(1);
    expect(dom.frames[0].src).toBe('http://kernel.test:5174/kernel.html#device=cpu&app=http%3A%2F%2Fapp.test%2Fnotebook%2F');
    expect(dom.posted).toEqual([]);
    dom.deliver(status('idle'));
    expect(dom.posted).toEqual([{ msg: { type: 'execute', id, cellId: 'cell-1', code: '1 + 1', executionCount: 1 }, target: 'http://kernel.test:5174' }]);
    expect(k.status).toMatchObject({ status: 'idle', isolated: true });
    await k.ready();
    k.dispose();
    expect(dom.frames).toHaveLength(0);
    expect(dom.listeners.size).toBe(0);
  });

  it('passes on valid messages from the frame only', async () => {
    const dom = fakeDom(null);
    const k = createKernelClient({ kernelOrigin: 'http://kernel.test:5174' });
    const got: FromKernel[] = [];
    k.onMessage((m) => got.push(m));
    await tick();
    expect(dom.fetched).toEqual([]);
    const a = k.execute('c', 'print("hi")', 1);
    const ok: FromKernel = { type: 'stream', id: a, cellId: 'c', name: 'stdout', text: 'hi\n' };
    dom.deliver(ok, 'http://evil.test');
    dom.deliver(ok, 'http://kernel.test:5174', {});
    dom.deliver({ type: 'stream', id: a });
    dom.deliver(ok);
    expect(got).toEqual([ok]);
  });

  it('drops output for any execution but the running one, and output past the hard caps (issue 22, hole 3)', async () => {
    const dom = fakeDom(null);
    const k = createKernelClient({ kernelOrigin: 'http://kernel.test:5174' });
    const got: FromKernel[] = [];
    k.onMessage((m) => got.push(m));
    await tick();
    dom.deliver(status('idle'));
    const a = k.execute('cell-a', 'x', 1);
    const display = (id: string, cellId: string, text: string): FromKernel => ({ type: 'display', id, cellId, data: { 'text/plain': text }, metadata: {} });
    // forged: another cell, an unknown execution, a reply for a cell that is not running
    dom.deliver(display(a, 'cell-b', 'FORGED'));
    dom.deliver(display('exec-other', 'cell-a', 'FORGED'));
    dom.deliver({ type: 'execute_reply', id: 'exec-other', cellId: 'cell-b', status: 'ok', durationMs: 1 });
    dom.deliver(display(a, 'cell-a', 'real'));
    // 30 × 1 MB of stream text: 520,000 (+ a note's room) pass, then one note, then nothing
    for (let i = 0; i < 30; i++) dom.deliver({ type: 'stream', id: a, cellId: 'cell-a', name: 'stdout', text: 'x'.repeat(100_000) });
    dom.deliver(display(a, 'cell-a', 'y'.repeat(OUTPUT_CHARS + 1)));
    dom.deliver({ type: 'execute_reply', id: a, cellId: 'cell-a', status: 'ok', durationMs: 1 });
    const outputs = got.filter((m) => m.type !== 'status');
    expect(outputs.filter((m) => m.type === 'display').map((m) => (m as { data: Record<string, string> }).data['text/plain'])).toEqual(['real']);
    const streams = outputs.filter((m): m is Extract<FromKernel, { type: 'stream' }> => m.type === 'stream');
    expect(streams.filter((m) => m.name === 'stdout').reduce((n, m) => n + m.text.length, 0)).toBe(500_000);
    expect(streams.filter((m) => m.name === 'stderr').map((m) => m.text)).toEqual([expect.stringContaining('dropped output over its hard limit')]);
    expect(outputs.filter((m) => m.type === 'execute_reply')).toEqual([{ type: 'execute_reply', id: a, cellId: 'cell-a', status: 'ok', durationMs: 1 }]);
    // After the reply, the finished cell's late (timer) output still lands in it; a forged one does not.
    dom.deliver({ type: 'stream', id: a, cellId: 'cell-b', name: 'stdout', text: 'FORGED' });
    expect(got.at(-1)).toMatchObject({ type: 'execute_reply' });
  });

  it('answers inspect and restart from the kernel replies', async () => {
    const dom = fakeDom(null);
    const k = createKernelClient({ kernelOrigin: 'http://kernel.test:5174', device: 'webgpu' });
    await tick();
    expect(dom.frames[0].src).toContain('device=webgpu');
    dom.deliver(status('idle'));
    const vars = k.inspect();
    const req = dom.posted.at(-1)!.msg;
    expect(req.type).toBe('inspect');
    dom.deliver({ type: 'variables', id: req.id, variables: [{ name: 'x', type: 'number', summary: '1' }] });
    expect(await vars).toEqual([{ name: 'x', type: 'number', summary: '1' }]);

    let restarted = false;
    const r = k.restart().then(() => (restarted = true));
    expect(dom.posted.at(-1)!.msg).toEqual({ type: 'restart' });
    dom.deliver({ type: 'restarted', reason: 'user', message: 'restarted' });
    dom.deliver(status('starting'));
    await tick();
    expect(restarted).toBe(false);
    dom.deliver(status('idle'));
    await r;
    expect(restarted).toBe(true);

    k.setDevice('cpu');
    k.interrupt();
    expect(dom.posted.slice(-2).map((p) => p.msg)).toEqual([{ type: 'set_device', device: 'cpu' }, { type: 'interrupt' }]);
  });

  it('replaces a frame that goes silent (its process died) and answers its running cell', async () => {
    vi.useFakeTimers();
    try {
      const dom = fakeDom(null);
      const k = createKernelClient({ kernelOrigin: 'http://kernel.test:5174' });
      const got: FromKernel[] = [];
      k.onMessage((m) => got.push(m));
      await vi.advanceTimersByTimeAsync(0);
      dom.deliver(status('idle'));
      const id = k.execute('cell-1', 'while (true) {}', 1);
      // Heartbeats keep it alive however long the cell runs.
      for (let i = 0; i < 20; i++) {
        await vi.advanceTimersByTimeAsync(250);
        dom.deliver({ type: 'frame_heartbeat' });
      }
      expect(got.filter((m) => m.type !== 'status')).toEqual([]);
      expect(dom.frames).toHaveLength(1);
      const first = dom.frames[0];
      // Silence: within FRAME_SILENCE_MS + one check, the cell is answered and a new frame loads.
      await vi.advanceTimersByTimeAsync(FRAME_SILENCE_MS + 300);
      expect(got.find((m) => m.type === 'error')).toMatchObject({ id, ename: 'KernelCrashed' });
      expect(got.find((m) => m.type === 'execute_reply')).toMatchObject({ id, status: 'error' });
      expect(got.find((m) => m.type === 'restarted')).toMatchObject({ reason: 'crashed' });
      expect(k.status.status).toBe('starting');
      expect(dom.frames).toHaveLength(1);
      expect(dom.frames[0]).not.toBe(first);
      dom.deliver(status('idle'));
      expect(k.status.status).toBe('idle');
      k.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives a starting kernel the cap before calling a silent frame dead', async () => {
    vi.useFakeTimers();
    try {
      const dom = fakeDom(null);
      const k = createKernelClient({ kernelOrigin: 'http://kernel.test:5174' });
      const got: FromKernel[] = [];
      k.onMessage((m) => got.push(m));
      await vi.advanceTimersByTimeAsync(0);
      // the frame has spoken (connected) but its kernel is still starting: silence is not death yet
      dom.deliver(status('starting'));
      k.execute('cell-1', '1', 1);
      await vi.advanceTimersByTimeAsync(FRAME_SILENCE_MS * 3);
      expect(got.find((m) => m.type === 'restarted')).toBeUndefined();
      expect(dom.frames).toHaveLength(1);
      // past the cap it is
      await vi.advanceTimersByTimeAsync(FRAME_SILENCE_MAX_MS);
      expect(got.find((m) => m.type === 'restarted')).toMatchObject({ reason: 'crashed' });
      k.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives a starved frame (late heartbeats) longer before calling it dead, within a cap', async () => {
    expect(silenceAllowance(250)).toBe(FRAME_SILENCE_MS);
    expect(silenceAllowance(1500)).toBe(4500);
    expect(silenceAllowance(60_000)).toBe(FRAME_SILENCE_MAX_MS);
    vi.useFakeTimers();
    try {
      const dom = fakeDom(null);
      const k = createKernelClient({ kernelOrigin: 'http://kernel.test:5174' });
      const got: FromKernel[] = [];
      k.onMessage((m) => got.push(m));
      await vi.advanceTimersByTimeAsync(0);
      dom.deliver(status('idle'));
      k.execute('cell-1', 'for (;;) {}', 1);
      // A loaded machine: the frame's heartbeats arrive 1.8 s apart, then one 3 s gap.
      for (let i = 0; i < 5; i++) {
        await vi.advanceTimersByTimeAsync(1800);
        dom.deliver({ type: 'frame_heartbeat' });
      }
      await vi.advanceTimersByTimeAsync(3000);
      dom.deliver({ type: 'frame_heartbeat' });
      expect(got.find((m) => m.type === 'restarted')).toBeUndefined();
      // Dead for real: silence past three times the longest gap ends it.
      await vi.advanceTimersByTimeAsync(3 * 3000 + 300);
      expect(got.find((m) => m.type === 'restarted')).toMatchObject({ reason: 'crashed' });
      k.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('loads the frame from the page origin when asked to (kernelOrigin null)', async () => {
    const dom = fakeDom({});
    createKernelClient({ kernelOrigin: null });
    await tick();
    await tick();
    expect(dom.frames[0].src).toBe('http://app.test/notebook/kernel.html#device=cpu&app=http%3A%2F%2Fapp.test%2Fnotebook%2F');
  });
});
