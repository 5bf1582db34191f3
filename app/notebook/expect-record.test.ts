import { describe, expect, it } from 'vitest';
import { checkExpect } from './expect';
import { boundsAround, detectNumber, parseTolerance, producedMimes, recordExpect, recordedLines, tidyExpect, torchlitWithExpect } from './expect-record';
import type { Cell, Output } from './types';

const stream = (text: string): Output => ({ output_type: 'stream', name: 'stdout', text });
const training: Output[] = [
  stream('Epoch 1, Training loss 80.3643\nEpoch 500, Training loss 7.8601\nEpoch 5000, Training loss 2.9276\n'),
  { output_type: 'display_data', data: { 'text/plain': 'Monitor(…)', 'application/vnd.torchlit.training.v1+json': {}, 'image/svg+xml': '<svg/>' }, metadata: {} },
];

describe('recording an expectation', () => {
  it('takes the lines, the last labelled number ± 10 % and the rich MIME types, and the run meets it', () => {
    const e = recordExpect(training);
    expect(e).toEqual({
      output_contains: ['Epoch 1, Training loss', 'Epoch 500, Training loss', 'Epoch 5000, Training loss', 'Monitor(…)'],
      number: { pattern: 'Epoch 5000, Training loss ([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)', min: 2.63484, max: 3.22036 },
      mime: ['application/vnd.torchlit.training.v1+json'],
    });
    expect(checkExpect(e, training, 'done')).toEqual({ met: true, problems: [] });
  });

  it('matches other decimals on the number line loosely and keeps integers literal', () => {
    const n = detectNumber('epoch 3: train loss 0.4123, test accuracy 91.5%');
    expect(n?.value).toBe(91.5);
    const re = new RegExp(n!.pattern);
    expect('epoch 3: train loss 0.2, test accuracy 88.25%'.match(re)?.[1]).toBe('88.25');
    expect(re.test('epoch 4: train loss 0.2, test accuracy 88.25%')).toBe(false);
  });

  it('reads the last of repeated lines, as the checker reads the first match', () => {
    const out = [stream('loss 0.9\nloss 0.5\nloss 0.1\n')];
    const e = recordExpect(out);
    expect(e.number?.min).toBeCloseTo(0.09);
    expect(checkExpect(e, out, 'done').met).toBe(true);
    expect(checkExpect(e, [stream('loss 0.9\nloss 0.5\nloss 0.3\n')], 'done').problems).toEqual(['0.3 is outside [0.09, 0.11]']);
  });

  it('reads exponents and negative numbers', () => {
    expect(detectNumber('max difference: 3.2e-07')?.value).toBe(3.2e-7);
    expect(detectNumber('bias = -0.25')?.value).toBe(-0.25);
    expect(detectNumber('tensor([ 4.,  8., 12.])')).toBeNull();
    expect(detectNumber('25')).toBeNull();
  });

  it('leaves printed tensors whole and keeps long logs to their first and last lines', () => {
    expect(recordedLines('tensor([ 4.,  8., 12.])\n\n  torch.Size([3])  \ntorch.Size([3])')).toEqual(['tensor([ 4.,  8., 12.])', 'torch.Size([3])']);
    const many = recordedLines(Array.from({ length: 100 }, (_, i) => `step ${i}`).join('\n'));
    expect(many.length).toBe(20);
    expect(many[0]).toBe('step 0');
    expect(many[19]).toBe('step 99');
  });

  it('leaves out the static fallbacks saving adds, but keeps a plain image', () => {
    expect(producedMimes([{ output_type: 'display_data', data: { 'text/plain': 'x', 'image/png': 'AAA' }, metadata: {} }, ...training])).toEqual(['image/png', 'application/vnd.torchlit.training.v1+json']);
  });

  it('records nothing from an error but the lines before it', () => {
    const e = recordExpect([stream('a\n'), { output_type: 'error', ename: 'Error', evalue: 'boom', traceback: [] }]);
    expect(e).toEqual({ output_contains: ['a'] });
  });
});

describe('tolerances', () => {
  it('are absolute or a percentage of the value', () => {
    expect(parseTolerance('0.05', 2)).toBe(0.05);
    expect(parseTolerance('10%', -2)).toBeCloseTo(0.2);
    expect(parseTolerance('5%', 0)).toBe(0.05);
    expect(parseTolerance('-1', 2)).toBeNull();
    expect(parseTolerance('abc', 2)).toBeNull();
    expect(parseTolerance('', 2)).toBeNull();
    expect(boundsAround(0.1, '10%')).toEqual({ min: 0.09, max: 0.11 });
  });
});

describe('editing the metadata', () => {
  const cell: Cell = { id: 'a', cell_type: 'code', source: '', metadata: { torchlit: { other: 1 } }, outputs: [], execution_count: null };
  it('keeps other torchlit keys and removes an emptied torchlit', () => {
    expect(torchlitWithExpect(cell, { mime: ['x'] })).toEqual({ other: 1, expect: { mime: ['x'] } });
    expect(torchlitWithExpect(cell, null)).toEqual({ other: 1 });
    expect(torchlitWithExpect({ ...cell, metadata: { torchlit: { expect: {} } } }, null)).toBeUndefined();
  });
  it('drops empty lists and a false optional', () => {
    expect(tidyExpect({ output_contains: [], optional: false, mime: ['x'] })).toEqual({ mime: ['x'] });
  });
});
