// RandomSampler / SequentialSampler and DataLoader's `sampler` (the seq2seq tutorial's
// `DataLoader(train_data, sampler=RandomSampler(train_data), batch_size=batch_size)`), as PyTorch's.
import { describe, expect, it } from 'vitest';
import { torch, utils } from '../index';
import type { Tensor } from '../tensor';

describe('samplers', () => {
  const ds = utils.data.TensorDataset(torch.arange(5));
  it('visit every index (random order per epoch), with lengths as PyTorch', () => {
    expect([...utils.data.SequentialSampler(ds)]).toEqual([0, 1, 2, 3, 4]);
    const r = utils.data.RandomSampler(ds);
    expect([r.length, [...r].sort()]).toEqual([5, [0, 1, 2, 3, 4]]);
    expect(utils.data.RandomSampler(ds, { num_samples: 3 }).length).toBe(3);
    expect([...utils.data.RandomSampler(ds, { num_samples: 12 })].length).toBe(12);
    const w = [...utils.data.RandomSampler(ds, { replacement: true, num_samples: 20 })];
    expect(w.length === 20 && w.every((i) => i >= 0 && i < 5 && Number.isInteger(i))).toBe(true);
    const a = [...utils.data.RandomSampler(ds, { generator: torch.manual_seed(7) })];
    expect([...utils.data.RandomSampler(ds, { generator: torch.manual_seed(7) })]).toEqual(a);
  });
  it('drive a DataLoader; errors with PyTorch\'s words', () => {
    const loader = utils.data.DataLoader(ds, { sampler: utils.data.RandomSampler(ds), batch_size: 2 });
    expect(loader.length).toBe(3);
    const seen = [...loader].flatMap((b) => (b as Tensor[])[0].cpu_tolist() as number[]);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    const seq = utils.data.DataLoader(ds, { sampler: utils.data.SequentialSampler(ds), batch_size: 2 });
    expect([...seq].map((b) => (b as Tensor[])[0].cpu_tolist())).toEqual([[0, 1], [2, 3], [4]]);
    expect(() => utils.data.DataLoader(ds, { sampler: utils.data.RandomSampler(ds), shuffle: true })).toThrow(
      expect.objectContaining({ name: 'ValueError', message: 'sampler option is mutually exclusive with shuffle' }));
    expect(() => utils.data.RandomSampler(ds, { num_samples: 0 })).toThrow('num_samples should be a positive integer value, but got num_samples=0');
    expect(() => utils.data.RandomSampler(ds, { replacement: 1 as never })).toThrow('replacement should be a boolean value, but got replacement=1');
  });
});
