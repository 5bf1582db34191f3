// utils.data and datasets: TensorDataset, DataLoader (batching, seeded shuffle, drop_last), MNIST, thermometer.
import { describe, expect, it } from 'vitest';
import { datasets, torch, utils } from '../index';
import type { Tensor } from '../tensor';

describe('utils.data', () => {
  it('TensorDataset + DataLoader: batches, length, drop_last', () => {
    const x = torch.arange(10, { dtype: torch.float32 }).reshape(10, 1);
    const y = torch.arange(10);
    const ds = utils.data.TensorDataset(x, y);
    expect(ds.length).toBe(10);
    expect(ds.at(3).map((t) => t.cpu_tolist())).toEqual([[3], 3]);
    const loader = new utils.data.DataLoader(ds, { batch_size: 4 });
    expect(loader.length).toBe(3);
    const sizes: number[] = [];
    for (const [xb, yb] of loader) {
      sizes.push(xb.shape[0]);
      expect(xb.cpu_tolist()).toEqual(yb.cpu_tolist().map((v: number) => [v]));
    }
    expect(sizes).toEqual([4, 4, 2]);
    const dropped = utils.data.DataLoader(ds, { batch_size: 4, drop_last: true });
    expect(dropped.length).toBe(2);
    expect([...dropped].length).toBe(2);
  });

  it('shuffle is a permutation, reproducible with manual_seed, different each epoch', () => {
    const ds = utils.data.TensorDataset(torch.arange(20));
    const loader = utils.data.DataLoader(ds, { batch_size: 5, shuffle: true });
    const epoch = () => [...loader].flatMap(([b]: Tensor[]) => b.cpu_tolist() as number[]);
    torch.manual_seed(3);
    const e1 = epoch(), e2 = epoch();
    torch.manual_seed(3);
    expect(epoch()).toEqual(e1);
    expect([...e1].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(e2).not.toEqual(e1);
  });

  it('collates samples of a plain array dataset', () => {
    const ds = [[torch.ones(2), 1], [torch.zeros(2), 0]] as [Tensor, number][];
    const [[xb, yb]] = [...utils.data.DataLoader(ds, { batch_size: 2 })];
    expect(xb.cpu_tolist()).toEqual([[1, 1], [0, 0]]);
    expect(String(yb.dtype)).toBe('torch.int64');
  });

  it('random_split', () => {
    const [a, b] = utils.data.random_split(utils.data.TensorDataset(torch.arange(10)), [7, 3]);
    expect([a.length, b.length]).toEqual([7, 3]);
  });
});

describe('datasets', () => {
  it('thermometer: the tutorial’s 11 points', () => {
    const { t_c, t_u } = datasets.thermometer();
    expect([...t_c.shape]).toEqual([11]);
    expect(t_c.cpu_tolist()).toEqual([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]);
    expect((t_u.cpu_tolist() as number[])[0]).toBeCloseTo(35.7, 5);
  });

  it('MNIST: deterministic 80/20 split of the 10,000 digits, [1, 28, 28] in [0, 1]', async () => {
    const train = await datasets.MNIST({ train: true });
    const test = await datasets.MNIST('data', { train: false, download: true });
    expect(train.length + test.length).toBeGreaterThanOrEqual(10000);
    expect(train.length).toBeGreaterThan(7900);
    const [img, label] = train.at(0);
    expect([...img.shape]).toEqual([1, 28, 28]);
    expect(label).toBe(0);
    const d = img.cpu_data();
    expect(Math.min(...d)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...d)).toBeLessThanOrEqual(1);
    expect(train.at(1)[1]).toBe(1);
    const norm = await datasets.MNIST({ train: false, normalize: true });
    expect(norm.at(0)[0].cpu_data()[0]).toBeCloseTo(-0.1307 / 0.3081, 4);
    const [xb, yb] = [...utils.data.DataLoader(test, { batch_size: 64 })][0] as Tensor[];
    expect([...xb.shape]).toEqual([64, 1, 28, 28]);
    expect([...yb.shape]).toEqual([64]);
  }, 60_000);
});
