// The order of tied values in sort/argsort (and the index kthvalue/median/mode report) against PyTorch 1.13's CPU kernel (scripts/golden/sort_ties.py
// → golden/sort_ties.json): stable=False (the default) is libstdc++'s std::sort, stable for lanes of up
// to 16 elements and introsort's order beyond (it was always stable here, so `x.argsort()` on tied
// scores named other indices than PyTorch for lanes longer than 16); stable=True keeps input order.
import { describe, expect, it } from 'vitest';
import golden from './golden/sort_ties.json';
import { torch } from '../index';

type Lane = { x: (number | null)[]; int: boolean; asc: number[]; desc: number[]; asc_stable: number[]; desc_stable: number[] };

describe('sort / argsort order ties as PyTorch 1.13 on the CPU', () => {
  for (const c of golden.cases as Lane[]) {
    const kind = c.int ? 'int64' : c.x.includes(null) ? 'float32 with NaN' : 'float32';
    it(`${c.x.length} ${kind} values`, () => {
      const x = c.int ? torch.tensor(c.x as number[]) : torch.tensor(c.x.map((v) => (v === null ? NaN : v)), { dtype: torch.float32 });
      expect(x.sort().indices.cpu_tolist()).toEqual(c.asc);
      expect(x.argsort().cpu_tolist()).toEqual(c.asc);
      expect(torch.sort(x, { descending: true }).indices.cpu_tolist()).toEqual(c.desc);
      expect(x.argsort({ descending: true }).cpu_tolist()).toEqual(c.desc);
      expect(x.sort({ stable: true }).indices.cpu_tolist()).toEqual(c.asc_stable);
      expect(x.sort({ descending: true, stable: true }).indices.cpu_tolist()).toEqual(c.desc_stable);
    });
  }
  it('along either dim of a 3x40 tensor', () => {
    const t = golden.two_d;
    const x = torch.tensor(t.x, { dtype: torch.float32 });
    expect(x.sort(1).indices.cpu_tolist()).toEqual(t.dim1);
    expect(x.sort(0).indices.cpu_tolist()).toEqual(t.dim0);
    expect(x.sort(1, true).indices.cpu_tolist()).toEqual(t.dim1_desc);
  });

  for (const c of golden.picks as { x: (number | null)[]; int: boolean; kthvalue: [number, number][]; median: number; mode: number }[]) {
    const kind = c.int ? 'int64' : c.x.includes(null) ? 'float32 with NaN' : 'float32';
    it(`kthvalue / median / mode report PyTorch's index among ties: ${c.x.length} ${kind} values`, () => {
      const x = c.int ? torch.tensor(c.x as number[]) : torch.tensor(c.x.map((v) => (v === null ? NaN : v)), { dtype: torch.float32 });
      for (const [k, want] of c.kthvalue) expect([k, x.kthvalue(k).indices.cpu_item()]).toEqual([k, want]);
      expect((x.median(0) as ReturnType<typeof x.mode>).indices.cpu_item()).toBe(c.median);
      expect(x.mode().indices.cpu_item()).toBe(c.mode);
    });
  }
});
