import { describe, expect, it } from 'vitest';
import { checkExpect, readExpect } from './expect';
import type { Output } from './types';

const outs: Output[] = [
  { output_type: 'stream', name: 'stdout', text: 'Epoch 5000, Training loss 2.9274\n' },
  { output_type: 'display_data', data: { 'text/plain': 'Training', 'application/vnd.torchlit.training.v1+json': {} }, metadata: {} },
];

describe('tutorial expectations', () => {
  it('reads expect metadata and ignores malformed entries', () => {
    expect(readExpect({ torchlit: { expect: { output_contains: ['a'], number: { pattern: 'x(\\d)', max: 3 }, optional: true, mime: 'nope' } } })).toEqual({ output_contains: ['a'], number: { pattern: 'x(\\d)', max: 3 }, optional: true });
    expect(readExpect({})).toBeNull();
    expect(readExpect({ torchlit: { expect: [1] } })).toBeNull();
  });
  it('checks text, numbers within bounds and MIME types', () => {
    expect(checkExpect({ output_contains: ['Training loss'], number: { pattern: 'loss ([0-9.]+)', max: 3 }, mime: ['application/vnd.torchlit.training.v1+json'] }, outs)).toEqual({ met: true, failures: [] });
    const r = checkExpect({ number: { pattern: 'loss ([0-9.]+)', max: 1 }, mime: ['image/png'], output_contains: ['nope'] }, outs);
    expect(r.met).toBe(false);
    expect(r.failures).toEqual(['expected the output to contain “nope”', 'expected 2.9274 to be at most 1', 'expected an output of type image/png']);
  });
  it('fails on an error unless the cell is optional', () => {
    const err: Output[] = [{ output_type: 'error', ename: 'Error', evalue: 'no weights', traceback: [] }];
    expect(checkExpect({}, err).met).toBe(false);
    expect(checkExpect({ optional: true }, err).met).toBe(true);
  });
});
