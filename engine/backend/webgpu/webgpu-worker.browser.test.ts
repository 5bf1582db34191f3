// The WebGPU backend inside a dedicated worker (where the notebook's kernel runs).
import { expect, it } from 'vitest';

it('initialises and computes in a dedicated worker', async () => {
  const worker = new Worker(new URL('./worker-probe.ts', import.meta.url), { type: 'module' });
  const reply = await new Promise<{ ok: boolean; result?: unknown; reason?: string; device?: string }>((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage('go');
  });
  worker.terminate();
  expect(reply.reason ?? null).toBe(null);
  expect(reply.ok).toBe(true);
  expect(reply.device).toBe('webgpu:0');
  expect(reply.result).toEqual([[8, 11], [16, 23]]);
});
