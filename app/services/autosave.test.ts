import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver } from './autosave';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('autosaver', () => {
  it('saves continuous typing at least every 500 ms, and 250 ms after the last key', async () => {
    const saves: number[] = [];
    const a = createAutosaver(async () => void saves.push(Date.now()));
    // A key every 50 ms for 3 s.
    for (let t = 0; t < 3000; t += 50) {
      a.changed();
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves.length).toBeGreaterThanOrEqual(4);
    const gaps = saves.slice(1).map((t, i) => t - saves[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(500);
    // The last key was at 2950 ms: saved 250 ms later at the latest.
    expect(saves[saves.length - 1]).toBeLessThanOrEqual(2950 + 250);
    expect(a.status.getState().state).toBe('saved');
    expect(a.hasUnsaved()).toBe(false);
  });

  it('on failure: "error" at once, retries with backoff 1, 2, 4, 8 s, typing does not add attempts', async () => {
    const attempts: number[] = [];
    let fail = true;
    const a = createAutosaver(async () => {
      attempts.push(Date.now());
      if (fail) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    a.changed();
    await vi.advanceTimersByTimeAsync(250);
    expect(attempts).toEqual([250]);
    expect(a.status.getState()).toMatchObject({ state: 'error', error: 'QuotaExceededError: The quota has been exceeded.', failures: 1, retryAt: 1250 });
    expect(a.hasUnsaved()).toBe(true);
    for (let t = 0; t < 15_000; t += 100) {
      a.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(attempts.slice(1).map((t, i) => t - attempts[i])).toEqual([1000, 2000, 4000, 8000]);
    fail = false;
    await vi.advanceTimersByTimeAsync(16_000);
    expect(attempts.length).toBe(6);
    expect(a.status.getState()).toMatchObject({ state: 'saved', failures: 0 });
    // After a success, the backoff starts again from 1 s.
    fail = true;
    a.changed();
    await vi.advanceTimersByTimeAsync(250 + 1000);
    expect(attempts.slice(-2).map((t) => t - attempts[attempts.length - 2])).toEqual([0, 1000]);
  });

  it('caps the backoff at 30 s', async () => {
    const attempts: number[] = [];
    const a = createAutosaver(async () => {
      attempts.push(Date.now());
      throw new Error('no');
    });
    a.changed();
    await vi.advanceTimersByTimeAsync(200_000);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
    expect(gaps.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16000, 30000]);
    expect(gaps.at(-1)).toBe(30000);
    a.dispose();
  });

  it('flush saves at once; reset forgets pending changes', async () => {
    const save = vi.fn(async () => {});
    const a = createAutosaver(save);
    a.changed();
    expect(a.hasUnsaved()).toBe(true);
    await a.flush();
    expect(save).toHaveBeenCalledTimes(1);
    a.changed();
    a.reset();
    expect(a.hasUnsaved()).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
    await a.flush();
    expect(save).toHaveBeenCalledTimes(1);
  });
});
