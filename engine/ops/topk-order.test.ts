// topk picks equal values in PyTorch's order: its CPU kernel's libstdc++ nth_element / partial_sort / sort,
// reproduced in topk-order.ts. Expected indices printed by torch 1.13 (/usr/bin/python3):
//   torch.tensor(values).topk(k, largest=largest, sorted=sorted).indices.tolist()
// (400 + 150 random tie-heavy lanes, n up to 3000, k up to 60, NaN included, matched when this was written.)
import { describe, expect, it } from 'vitest';
import { torch } from '../index';

type Row = [number[], number, boolean, boolean, number[]];

describe('topk ties as PyTorch 1.13 on the CPU', () => {
  const rows: Row[] = [
    [[1, 3, 3, 2, 3], 2, true, true, [2, 4]],
    [[2, 1, 1, 2, 1], 2, false, true, [2, 4]],
    [[5, 1, 4, 2, 3, 0], 3, true, false, [2, 0, 4]],
    [[0, 0, 0, 0, 0], 1, true, true, [2]],
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 1, true, true, [11]],
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 3, false, true, [11, 13, 12]],
    [[1, NaN, 3, NaN], 2, true, true, [1, 3]],
    [[1, NaN, 3], 2, false, true, [0, 2]],
    [[1, 0, 1, 2, 0, 0, 2, 0, 1, 2, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0, 2, 1, 0, 2, 0, 0, 2, 2, 2, 0, 2, 2, 1, 0, 0, 0, 2, 0, 1, 1, 0, 2, 0, 2, 1, 2, 2, 0, 0, 2, 2, 2, 0, 1, 0, 2, 2, 0, 2, 0, 2, 0, 1, 2, 2, 1, 1, 1, 2, 1], 1, true, true, [3]],
    [[0, 0, 2, 0, 0, 2, 1, 2, 1, 1, 2, 1, 1, 2, 0, 0, 2, 1, 0, 1, 0, 1, 1, 0, 2, 0, 2, 2, 1, 1, 2, 1, 2, 1, 2, 1, 0, 0, 1, 1, 2, 2, 0, 0, 2, 2, 1, 2, 2, 2, 1, 1, 2, 1, 2, 1, 0, 1, 1, 0, 2, 0, 1, 0, 0, 1, 0, 2, 0, 1, 1, 1, 0, 0, 1, 1, 2, 1, 0, 1, 2, 1, 2, 1, 1, 2, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 2, 0, 1, 1, 0, 0, 1, 2, 1, 2, 2, 1, 0, 2, 2, 2, 2, 2, 2, 0, 1, 2, 2, 1, 1, 1, 1, 0, 1, 2, 1, 0, 0, 0, 0, 1, 0, 0, 1, 2, 0, 0, 0, 2, 0, 2, 0, 1, 2, 0, 0, 0, 2, 1, 0, 2, 1, 1, 2, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 2, 1, 2, 1, 1, 2, 0, 2, 0, 0, 2, 1, 0, 2, 2, 0, 2, 1, 2, 0, 2, 1, 2, 1, 0, 1, 0, 2, 2, 2, 1, 2], 3, true, true, [7, 5, 2]],
    [[0, 0, 1, 2, 0, 0, 2, 1, 1, 2, 0, 0, 1, 1, 1, 0, 2, 2, 1, 1, 2, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 2, 2, 0, 1, 2, 1, 2, 0, 2, 0, 1, 2, 0, 1, 0, 1, 2, 1, 0, 2, 1, 1, 1, 2, 0, 2, 0, 0, 0, 0, 0, 2, 1, 2, 0, 2, 2, 1, 2, 1, 0, 2, 2, 0, 0, 0, 2, 2, 0, 2, 2, 0, 1, 0, 0, 0, 1, 0, 1, 2, 0, 2, 1, 1, 2, 1, 0, 0], 20, false, true, [58, 85, 89, 87, 86, 92, 62, 61, 60, 59, 66, 56, 0, 46, 44, 41, 39, 34, 30, 98]],
    [[1, 1, 2, 2, 2, 1, 2, 0, 2, 0, 2, 2, 0, 1, 0, 2, 0, 0, 0, 0, 1, 2, 2, 0, 2, 0, 1, 2, 2, 2, 2, 1, 0, 2, 0, 0, 0, 1, 0, 0], 18, true, true, [11, 3, 4, 33, 6, 2, 8, 30, 10, 29, 28, 27, 15, 24, 22, 21, 37, 26]],
  ];
  for (const [values, k, largest, sorted, want] of rows)
    it(`n=${values.length} k=${k} largest=${largest} sorted=${sorted}`, () => {
      const r = torch.topk(torch.tensor(values, { dtype: torch.float32 }), k, { largest, sorted });
      expect(r.indices.cpu_tolist()).toEqual(want);
      expect(r.values.cpu_tolist()).toEqual(want.map((i) => values[i]));
    });

  it('along a dim of a 2-D tensor', () => {
    // x = torch.tensor([[1., 3., 3., 0.], [2., 2., 2., 2.], [5., 1., 5., 1.]])
    const x = torch.tensor([[1, 3, 3, 0], [2, 2, 2, 2], [5, 1, 5, 1]], { dtype: torch.float32 });
    expect(x.topk(2, { dim: 0 }).indices.cpu_tolist()).toEqual([[2, 0, 2, 1], [1, 1, 0, 2]]);
    expect(x.topk(1, { dim: 1 }).indices.cpu_tolist()).toEqual([[1], [2], [0]]);
    expect(x.topk(3).indices.cpu_tolist()).toEqual([[1, 2, 0], [2, 3, 0], [0, 2, 3]]);
  });
});
