// A number next to a float32 tensor is a float32, as PyTorch's wrapped scalars are: comparisons
// and arithmetic see float32(0.1), not the double 0.1. Expected values printed by PyTorch 1.13.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';

describe('numbers are cast to the dtype the op computes in', () => {
  const a = () => torch.tensor([0.1, 0.7, 1e8, 3.3]);
  it('comparisons with a float32 tensor (torch.tensor([0.1]) == 0.1 is true)', () => {
    expect(a().eq(0.1).cpu_tolist()).toEqual([true, false, false, false]);
    expect(a().gt(0.7).cpu_tolist()).toEqual([false, false, true, true]);
    expect(a().le(3.3).cpu_tolist()).toEqual([true, true, false, true]);
    expect(torch.tensor([0.1, 0.2, 0.3]).sum().eq(0.6).cpu_item()).toBe(true);
  });
  it('arithmetic, bit for bit', () => {
    expect(a().add(0.1).cpu_tolist()).toEqual([0.20000000298023224, 0.800000011920929, 100000000.0, 3.3999998569488525]);
    expect(a().mul(0.1).cpu_tolist()).toEqual([0.010000000707805157, 0.07000000029802322, 10000000.0, 0.33000001311302185]);
    expect(torch.tensor([1, 2, 3]).mul(0.1).cpu_tolist()).toEqual([0.10000000149011612, 0.20000000298023224, 0.30000001192092896]);
  });
  it('float64 keeps the double', () => {
    expect(torch.tensor([0.1], { dtype: torch.float64 }).eq(0.1).cpu_item()).toBe(true);
    expect(torch.tensor([0.1], { dtype: torch.float64 }).add(0.1).cpu_item()).toBe(0.2);
  });
  it('sigmoid in float32 is 0 where PyTorch\'s exp overflows (log(sigmoid(-100)) is -inf)', () => {
    expect(torch.sigmoid(torch.tensor([-88.0, -88.7, -88.8, -100.0])).cpu_tolist()).toEqual([6.054601485195952e-39, 3.006635794144578e-39, 0, 0]);
    expect(torch.log(torch.sigmoid(torch.tensor(-100.0))).cpu_item()).toBe(-Infinity);
    expect(torch.sigmoid(torch.tensor([-100.0], { dtype: torch.float64 })).cpu_item()).toBeCloseTo(3.7200759760208356e-44, 50);
  });
});
