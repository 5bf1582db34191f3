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

  it('random_split: lengths or fractions (remainder round-robin), disjoint, fixed by a generator', () => {
    const ds = utils.data.TensorDataset(torch.arange(10));
    const [a, b] = utils.data.random_split(ds, [7, 3]);
    expect([a.length, b.length]).toEqual([7, 3]);
    const parts = utils.data.random_split(ds, [0.5, 0.3, 0.2]);
    expect(parts.map((p) => p.length)).toEqual([5, 3, 2]);
    expect(utils.data.random_split(utils.data.TensorDataset(torch.arange(11)), [0.34, 0.33, 0.33]).map((p) => p.length)).toEqual([4, 4, 3]);
    const ids = (ps: { indices: number[] }[]) => ps.map((p) => p.indices);
    const all = ids(parts).flat().sort((x, y) => x - y);
    expect(all).toEqual([...Array(10).keys()]);
    const g1 = ids(utils.data.random_split(ds, [0.8, 0.2], { generator: torch.manual_seed(42) }));
    torch.rand(5); // the global stream moving on does not change a generator's split
    const g2 = ids(utils.data.random_split(ds, [0.8, 0.2], { generator: torch.manual_seed(42) }));
    expect(g2).toEqual(g1);
    expect(() => utils.data.random_split(ds, [5, 3])).toThrow('Sum of input lengths does not equal the length of the input dataset!');
  });

  it('default_collate: numbers, booleans, strings, tuples, dicts and nesting, as PyTorch', () => {
    const batch = utils.data.default_collate([
      { x: torch.tensor([1, 2]), y: 0, w: 0.5, ok: true, name: 'a', pair: [torch.zeros(1), 3] },
      { x: torch.tensor([3, 4]), y: 1, w: 1.5, ok: false, name: 'b', pair: [torch.ones(1), 4] },
    ]) as Record<string, unknown>;
    const t = (v: unknown) => v as Tensor;
    expect(t(batch.x).cpu_tolist()).toEqual([[1, 2], [3, 4]]);
    expect(String(t(batch.y).dtype)).toBe('torch.int64');
    expect(String(t(batch.w).dtype)).toBe('torch.float64');
    expect(t(batch.ok).cpu_tolist()).toEqual([true, false]);
    expect(batch.name).toEqual(['a', 'b']);
    const [p0, p1] = batch.pair as Tensor[];
    expect([p0.cpu_tolist(), p1.cpu_tolist()]).toEqual([[[0], [1]], [3, 4]]);
    expect(() => utils.data.default_collate([[1, 2], [3]])).toThrow('each element in list of batch should be of equal size');
    // a dataset of dicts through DataLoader
    const ds = [{ a: torch.ones(2), b: 1 }, { a: torch.zeros(2), b: 2 }, { a: torch.ones(2), b: 3 }];
    const batches = [...utils.data.DataLoader(ds, { batch_size: 2 })] as { a: Tensor; b: Tensor }[];
    expect(batches.map((bt) => bt.b.cpu_tolist())).toEqual([[1, 2], [3]]);
    expect([...batches[0].a.shape]).toEqual([2, 2]);
  });

  it('ConcatDataset and Subset index through to their datasets', () => {
    const a = utils.data.TensorDataset(torch.arange(3)), b = utils.data.TensorDataset(torch.arange(10, 12));
    const cat = utils.data.ConcatDataset([a, b]);
    expect(cat.length).toBe(5);
    expect(cat.cumulative_sizes).toEqual([3, 5]);
    expect([...cat].map((item) => (item as Tensor[])[0].cpu_item())).toEqual([0, 1, 2, 10, 11]);
    expect((cat.at(-1) as Tensor[])[0].cpu_item()).toBe(11);
    const sub = utils.data.Subset(cat, [4, 0]);
    expect([...utils.data.DataLoader(sub, { batch_size: 2 })][0][0].cpu_tolist()).toEqual([11, 0]);
  });

  it('DataLoader: a generator fixes the shuffle order; unknown options are errors', () => {
    const ds = utils.data.TensorDataset(torch.arange(8));
    const order = () => [...utils.data.DataLoader(ds, { batch_size: 8, shuffle: true, generator: torch.manual_seed(7) })][0][0].cpu_tolist();
    expect(order()).toEqual(order());
    expect(() => utils.data.DataLoader(ds, { batch: 2 } as never)).toThrow("DataLoader() got an unexpected keyword argument 'batch'");
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

describe('TensorDataset indexing as PyTorch (ds[0:2], ds[idx])', () => {
  it('a slice or an index tensor indexes every tensor; a slice into a plain Dataset is a TypeError', () => {
    const x = torch.arange(12, { dtype: torch.float32 }).view(6, 2);
    const y = torch.tensor([0, 1, 2, 3, 4, 5]);
    const ds = utils.data.TensorDataset(x, y);
    const [xb, yb] = ds.at('0:2');
    expect(xb.cpu_tolist()).toEqual([[0, 1], [2, 3]]);
    expect(yb.cpu_tolist()).toEqual([0, 1]);
    expect(ds.at(torch.tensor([5, 1]))[1].cpu_tolist()).toEqual([5, 1]);
    expect(ds.at(-1)[1].cpu_item()).toBe(5);
    expect(ds.index('4:')[1].cpu_tolist()).toEqual([4, 5]);
    const sub = utils.data.Subset(ds, [0, 1]);
    expect(() => sub.at('0:1' as never)).toThrow(TypeError);
    expect(() => x.select(0, '0:2' as never)).toThrow("select(): argument 'index' (position 2) must be int, not str");
    expect(() => x.select(0, 1.5)).toThrow('must be int, not float');
  });
});
