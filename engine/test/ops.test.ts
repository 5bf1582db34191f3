// Core tensor ops against PyTorch 1.13 (golden/ops.json, from scripts/golden/ops.py):
// forward values, dtypes and shapes, and input gradients for out.backward(upstream).
import { describe, expect, it } from 'vitest';
import golden from './golden/ops.json';
import { backends, dtypesOf, knownGap, T } from './harness';
import { runOpCase, type OpCase } from './op_case';

const cases = golden.cases as unknown as OpCase[];
const devices = await backends();

describe.each(devices)('ops vs PyTorch on %s', (device) => {
  for (const c of cases) {
    const gap = knownGap(device, dtypesOf([...c.inputs, ...c.outputs]), c);
    if (gap) it.skip(`${c.id} [known gap: ${gap}]`, () => {});
    else it(c.id, () => runOpCase(c, device));
  }
});

describe('named tuples', () => {
  it('max(dim) destructures as [values, indices] and has .values/.indices', async () => {
    const x = T.tensor([[1, 5, 2], [7, 0, 3]], { dtype: T.float32 });
    const r = x.max(1);
    const [values, indices] = r;
    expect(Array.from(await values.data())).toEqual([5, 7]);
    expect(Array.from(await indices.data(), Number)).toEqual([1, 0]);
    expect(Array.from(await r.values.data())).toEqual([5, 7]);
    expect(Array.from(await r.indices.data(), Number)).toEqual([1, 0]);
    const m = x.min(0);
    expect(Array.from(await m.values.data())).toEqual([1, 0, 2]);
    expect(Array.from(await m.indices.data(), Number)).toEqual([0, 1, 0]);
  });
});
