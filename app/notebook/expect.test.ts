import { describe, expect, it } from 'vitest';
import { checkExpect, verdictText } from './expect';
import type { Output } from './types';

const outputs: Output[] = [
  { output_type: 'stream', name: 'stdout', text: 'epoch 10 loss 2.9275\n' },
  { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': 'tensor([3, 5])', 'application/vnd.torchlit.tensor.v1+json': {} }, metadata: {} },
];

describe('cell expectations', () => {
  it('are met when every check holds', () => {
    const v = checkExpect({ output_contains: ['tensor([3, 5])'], output_matches: ['loss \\d'], number: { pattern: 'loss ([0-9.]+)', min: 0, max: 3 }, mime: ['application/vnd.torchlit.tensor.v1+json'] }, outputs, 'done');
    expect(v).toEqual({ met: true, problems: [] });
  });
  it('say what differed', () => {
    const v = checkExpect({ output_contains: ['nope'], number: { pattern: 'loss ([0-9.]+)', max: 1 }, mime: ['image/png'] }, outputs, 'error');
    expect(v.met).toBe(false);
    expect(v.problems).toEqual(['the cell failed', 'no "nope" in the output', '2.9275 is outside [−∞, 1]', 'no image/png output']);
  });
  it('let optional cells fail', () => {
    expect(checkExpect({ optional: true }, [], 'error').met).toBe(true);
  });
  it('read as the cell shows them', () => {
    expect(verdictText({ met: true, problems: [] })).toBe('✓ as expected');
    expect(verdictText({ met: false, problems: ['no "a" in the output', 'the cell failed'] })).toBe('✗ not as expected: no "a" in the output; the cell failed');
  });
});
