// `t[0]` in plain TypeScript (outside cells) throws instead of giving `undefined` (issue 16).
import { describe, expect, it } from 'vitest';
import { torch } from './index';

describe('indexing a tensor with [] outside cells', () => {
  it('reading t[0], t[-1], t[i] throws a TypeError that names t.index(i)', () => {
    const t = torch.tensor([1, 2, 3]) as unknown as Record<number, unknown>;
    expect(() => t[0]).toThrow(new TypeError('A tensor is not indexed with [] outside notebook cells: write t.index(0) (in a cell, t[0] works as in PyTorch)'));
    expect(() => t[-1]).toThrow('write t.index(-1)');
    for (const i of [1, 2, 17, 1023]) expect(() => t[i]).toThrow(`write t.index(${i})`);
  });
  it('assigning t[0] = v throws a TypeError that names index_put_, and changes nothing', () => {
    const t = torch.tensor([1, 2, 3]);
    expect(() => ((t as unknown as Record<number, unknown>)[0] = 5)).toThrow('write t.index_put_([0], value)');
    expect(t.cpu_tolist()).toEqual([1, 2, 3]);
  });
  it('leaves everything else alone: names, iteration, keys, JSON, string keys', () => {
    const t = torch.tensor([[1, 2], [3, 4]]);
    expect(t.shape).toEqual([2, 2]);
    expect([...t].map((r) => r.cpu_tolist())).toEqual([[1, 2], [3, 4]]);
    expect(Object.keys(t)).not.toContain('0');
    expect('0' in t).toBe(true); // the accessor is there (on the prototype), as for an indexable object
    expect((t as unknown as Record<string, unknown>).foo).toBeUndefined();
  });
});
