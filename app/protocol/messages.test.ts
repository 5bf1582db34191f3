import { describe, expect, it } from 'vitest';
import { isFrameToWorker, isFromKernel, isToKernel, isWorkerToFrame } from './messages';

describe('protocol guards', () => {
  it('accept well-formed messages', () => {
    expect(isToKernel({ type: 'execute', id: 'a', cellId: 'c', code: '1', executionCount: 1 })).toBe(true);
    expect(isToKernel({ type: 'interrupt' })).toBe(true);
    expect(isToKernel({ type: 'set_device', device: 'webgpu' })).toBe(true);
    expect(isFromKernel({ type: 'status', status: 'idle', backend: 'cpu', isolated: true, webgpu: { available: false, reason: 'x' }, version: '1', crossOriginIsolated: true })).toBe(true);
    expect(isFromKernel({ type: 'error', id: 'a', cellId: 'c', ename: 'E', evalue: 'v', traceback: ['t'], line: 2, column: 3 })).toBe(true);
    expect(isFromKernel({ type: 'variables', id: 'a', variables: [{ name: 'x', type: 'Tensor', shape: [2], summary: '' }] })).toBe(true);
    expect(isFrameToWorker({ type: 'init', device: 'cpu', interruptBuffer: new SharedArrayBuffer(4), port: new MessageChannel().port1 })).toBe(true);
    expect(isWorkerToFrame({ type: 'heartbeat' })).toBe(true);
    expect(isWorkerToFrame({ type: 'closing' })).toBe(true);
  });

  it('reject malformed or unknown ones', () => {
    expect(isToKernel({ type: 'execute', id: 'a', cellId: 'c', code: 1, executionCount: 1 })).toBe(false);
    expect(isToKernel({ type: 'set_device', device: 'cuda' })).toBe(false);
    expect(isToKernel({ type: 'eval', code: 'x' })).toBe(false);
    expect(isToKernel(null)).toBe(false);
    expect(isFromKernel({ type: 'status', status: 'idle', backend: 'cpu', isolated: 'yes', webgpu: { available: false }, version: '1' })).toBe(false);
    expect(isFromKernel({ type: 'display', id: 'a', cellId: 'c', data: { 'not a mime': 1 }, metadata: {} })).toBe(false);
    expect(isFromKernel({ type: 'error', id: 'a', cellId: 'c', ename: 'E', evalue: 'v', traceback: [1] })).toBe(false);
    expect(isFromKernel({ type: 'variables', id: 'a', variables: [{ name: 'x' }] })).toBe(false);
    expect(isFromKernel({ type: 'heartbeat' })).toBe(false);
    expect(isFrameToWorker({ type: 'init', device: 'cpu', interruptBuffer: new ArrayBuffer(4), port: new MessageChannel().port1 })).toBe(false);
    expect(isFrameToWorker({ type: 'init', device: 'cpu' })).toBe(false); // no private channel
    expect(isFrameToWorker({ type: 'init', device: 'cpu', port: { postMessage() {} } })).toBe(false);
    // A cell can post to the frame from the worker; only the frame itself says it restarted.
    expect(isWorkerToFrame({ type: 'restarted', reason: 'crashed', message: 'forged' })).toBe(false);
  });
});
