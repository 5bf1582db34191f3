import { describe, expect, it } from 'vitest';
import type { FromKernel, KernelStatus } from '../protocol/messages';
import type { KernelClient } from './kernel-client';
import { heldBack, loadKernelConfig } from './kernel';

const respond = (status: number, body: string) => (async () => new Response(body, { status })) as unknown as typeof fetch;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('loadKernelConfig', () => {
  it('says why there is no kernel origin', async () => {
    expect(await loadKernelConfig(respond(200, '{"kernelOrigin":"http://k.test"}'))).toEqual({ kernelOrigin: 'http://k.test' });
    expect(await loadKernelConfig(respond(503, 'busy'))).toEqual({ kernelOrigin: null, problem: 'config.json could not be read (HTTP 503)' });
    expect(await loadKernelConfig(respond(200, '{}'))).toEqual({ kernelOrigin: null, problem: 'config.json names no kernelOrigin' });
    expect(await loadKernelConfig(respond(200, '<html>'))).toEqual({ kernelOrigin: null, problem: 'config.json is not JSON' });
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect((await loadKernelConfig(down)).kernelOrigin).toBeNull();
  });

  it('takes the copy embedded in index.html without a request; a page without one fetches', async () => {
    let asked = 0;
    const counting = (async () => {
      asked++;
      return new Response('{"kernelOrigin":"http://fetched.test"}', { status: 200 });
    }) as unknown as typeof fetch;
    expect(await loadKernelConfig(counting, '{"kernelOrigin":"http://embedded.test"}')).toEqual({ kernelOrigin: 'http://embedded.test' });
    expect(asked).toBe(0);
    // a broken embedded copy fails closed, as a broken file does
    expect(await loadKernelConfig(counting, '{"kernelOrigin":')).toEqual({ kernelOrigin: null, problem: 'config.json is not JSON' });
    expect(await loadKernelConfig(counting, null)).toEqual({ kernelOrigin: 'http://fetched.test' });
    expect(asked).toBe(1);
  });
});

describe('a held-back kernel (fail closed)', () => {
  function fakeClient() {
    const listeners = new Set<(m: FromKernel) => void>();
    const executed: string[] = [];
    let disposed = false;
    const status: KernelStatus = { type: 'status', status: 'idle', backend: 'cpu', isolated: false, webgpu: { available: false }, version: '1' };
    const client = {
      status,
      frameUrl: 'http://app.test/kernel.html',
      onMessage: (fn: (m: FromKernel) => void) => (listeners.add(fn), () => listeners.delete(fn)),
      execute: (cellId: string) => (executed.push(cellId), 'real-1'),
      interrupt() {},
      restart: async () => {},
      setDevice() {},
      inspect: async () => [],
      ready: async () => {},
      dispose: () => void (disposed = true),
    } satisfies KernelClient;
    return { client, executed, emit: (m: FromKernel) => listeners.forEach((fn) => fn(m)), disposed: () => disposed };
  }

  it('runs nothing and answers every cell until the user opts in; the opt-in can be revoked', async () => {
    const fake = fakeClient();
    let created = 0;
    const k = heldBack('No isolated kernel: config.json could not be read (HTTP 503).', () => (created++, fake.client), 'cpu');
    const got: FromKernel[] = [];
    k.onMessage((m) => got.push(m));
    expect(k.status).toMatchObject({ status: 'dead', isolated: false });
    expect(k.blocked).toContain('HTTP 503');
    const id = k.execute('c1', 'indexedDB.open("x")', 1);
    await flush();
    expect(got).toEqual([
      expect.objectContaining({ type: 'error', id, cellId: 'c1', ename: 'KernelBlocked' }),
      { type: 'execute_reply', id, cellId: 'c1', status: 'error', durationMs: 0 },
    ]);
    expect(created).toBe(0);

    k.allowUnisolated();
    expect(created).toBe(1);
    expect(k.blocked).toBeNull();
    expect(k.status.status).toBe('idle');
    expect(k.execute('c2', '1', 2)).toBe('real-1');
    expect(fake.executed).toEqual(['c2']);
    const stream: FromKernel = { type: 'stream', id: 'real-1', cellId: 'c2', name: 'stdout', text: '1\n' };
    fake.emit(stream);
    expect(got.at(-1)).toBe(stream);

    k.revokeUnisolated();
    await flush();
    expect(fake.disposed()).toBe(true);
    expect(k.blocked).toContain('HTTP 503');
    expect(got.at(-1)).toMatchObject({ type: 'status', status: 'dead' });
  });
});
