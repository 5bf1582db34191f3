// `t[0]` on a tensor outside notebook cells is an error that names `t.index(0)`, not `undefined`
// (engine/tensor.ts TENSOR_INDEX_GUARD); every other missing property still answers undefined.
import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { torch, nn } from '../index';

describe('t[0] outside cells', () => {
  it('throws a TypeError that names t.index(...)', () => {
    const t = torch.tensor([1, 2, 3]) as unknown as Record<string, unknown>;
    expect(() => t[0]).toThrow(TypeError);
    expect(() => t[0]).toThrow('write t.index(0)');
    expect(() => t['-1']).toThrow('write t.index(-1)');
    const p = nn.Linear(2, 2).weight as unknown as Record<string, unknown>;
    expect(() => p[1]).toThrow('t.index(1)');
  });

  it('leaves await, JSON, inspect, matchers and Object.prototype alone', async () => {
    const t = torch.tensor([1, 2]);
    const any = t as unknown as Record<string | symbol, unknown>;
    expect(any.then).toBeUndefined();
    expect(any.toJSON).toBeUndefined();
    expect(any.asymmetricMatch).toBeUndefined();
    expect(any[Symbol.for('torchlit.unknown')]).toBeUndefined();
    expect([...t].length).toBe(2);
    expect(await Promise.resolve(t)).toBe(t);
    expect(inspect(t)).toBe('tensor([1, 2])');
    expect(t instanceof Object).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(t, '_shape')).toBe(true);
    expect(t.hasOwnProperty('0')).toBe(false);
    expect('0' in t).toBe(false);
    expect(typeof JSON.stringify({ shape: t.shape })).toBe('string');
    expect(t).toEqual(t);
  });
});
