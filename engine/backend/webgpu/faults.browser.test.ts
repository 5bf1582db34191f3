// GPU faults (issue 9, issue 7): allocations beyond the device's limits or memory are clear
// errors and the next small op works; a lost device never yields silent wrong values and
// init() recovers onto a new device. SwiftShader (headless Chromium here) has 1 GiB buffers and
// little device memory, so a few 1 GiB tensors run it out of memory for real.
import { beforeAll, describe, expect, it } from 'vitest';
import { torch } from '../../index';

const T = torch as any;
let available = false;

beforeAll(async () => {
  available = await T.webgpu.init();
  if (!available) console.info(`[webgpu faults] not tested: ${T.webgpu.unavailable_reason()}`);
});

const small = async () => T.tensor([1, 2, 3], { dtype: T.float32 }).to('webgpu').mul(2).add(1).tolist();

describe('WebGPU faults', () => {
  it('a tensor far beyond the device limits is a clear error at once; the next small op works', async () => {
    if (!available) return;
    expect(() => T.empty([2 ** 34], { device: 'webgpu' })).toThrow(/WebGPU: a tensor of 68719476736 bytes exceeds this adapter's maxBufferSize \(\d+ bytes\)/);
    expect(await small()).toEqual([3, 5, 7]);
  });

  it('running out of GPU memory is a named error (error scopes), the failed tensors refuse to compute, and the next small op works', async () => {
    if (!available) return;
    const elems = 2 ** 28; // 1 GiB of float32
    const hog: any[] = [];
    let err: Error | null = null;
    // Allocate 1 GiB tensors until the device reports out-of-memory (at most 8 GiB asked).
    for (let i = 0; i < 8 && !err; i++) {
      hog.push(T.empty([elems], { device: 'webgpu' }));
      try {
        await T.webgpu.synchronize();
      } catch (e) {
        err = e as Error;
      }
    }
    expect(err, 'the device never ran out of memory').not.toBeNull();
    expect(err!.message).toMatch(/out of GPU memory allocating a \d+ MiB tensor buffer \(.+\); free tensors/);
    // The tensor whose buffer failed throws instead of computing with an invalid buffer (sum: a
    // small output; an op with an output as big would first run out of memory again).
    expect(() => hog.at(-1).sum()).toThrow(/allocating its buffer failed \(out of GPU memory\)/);
    for (const t of hog) t.dispose();
    T.webgpu.empty_cache();
    expect(await small()).toEqual([3, 5, 7]);
    // No error left behind for the next readback.
    await T.webgpu.synchronize();
  });

  it('after a device loss, old tensors fail loudly (never zeros) and init() gives a working device', async () => {
    if (!available) return;
    const old = T.tensor([1, 2, 3], { dtype: T.float32 }).to('webgpu').mul(2);
    const gen = T.webgpu._generation();
    T.webgpu._lose_device();
    for (let i = 0; i < 100 && T.webgpu.is_available(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(T.webgpu.is_available()).toBe(false);
    await expect(old.data()).rejects.toThrow(/WebGPU is not available: the WebGPU device was lost|device that was lost/);
    expect(await T.webgpu.init()).toBe(true);
    expect(T.webgpu._generation()).toBeGreaterThan(gen);
    await expect(old.data()).rejects.toThrow(/device that was lost/);
    expect(await small()).toEqual([3, 5, 7]);
  });
});
