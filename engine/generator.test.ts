// torch.Generator: a stream of its own for every function that takes `generator`, as PyTorch's.
// (Values are Torchlit's stream, not PyTorch's mt19937: the tests check PyTorch's semantics —
// independence from the global stream, replay from a seed or a saved state — not its numbers.)
import { describe, expect, it } from 'vitest';
import { nn, torch, utils } from './index';

const vals = (t: { cpu_tolist(): unknown }) => JSON.stringify(t.cpu_tolist());

describe('torch.Generator', () => {
  it('has PyTorch\'s default seed, chains manual_seed, and replays a seed whatever the global stream did', () => {
    // PyTorch: torch.Generator().initial_seed() == 67280421310721
    expect(torch.Generator().initial_seed()).toBe(67280421310721);
    const g = torch.Generator().manual_seed(42);
    expect(g.initial_seed()).toBe(42);
    const a = torch.rand(4, { generator: g });
    torch.manual_seed(1);
    torch.rand(10);
    const b = torch.rand(4, { generator: torch.Generator().manual_seed(42) });
    expect(vals(b)).toBe(vals(a));
    // its draws move on: the next four are different
    expect(vals(torch.rand(4, { generator: g }))).not.toBe(vals(a));
  });

  it('leaves the global stream alone', () => {
    torch.manual_seed(7);
    const expected = vals(torch.randn(5));
    torch.manual_seed(7);
    const g = torch.Generator().manual_seed(3);
    torch.randn(100, { generator: g });
    torch.empty(10).normal_({ generator: g });
    expect(vals(torch.randn(5))).toBe(expected);
  });

  it('get_state / set_state replay its draws; manual_seed returns torch.default_generator', () => {
    const g = torch.Generator().manual_seed(5);
    const s = g.get_state();
    expect(s.dtype).toBe(torch.uint8);
    const x = vals(torch.randn(6, { generator: g }));
    expect(g.set_state(s)).toBe(g);
    expect(vals(torch.randn(6, { generator: g }))).toBe(x);
    expect(torch.manual_seed(3)).toBe(torch.default_generator);
    expect(torch.default_generator.initial_seed()).toBe(3);
  });

  it('is honoured by every random function that takes generator=', () => {
    const draws = (seed: number) => {
      const g = torch.Generator().manual_seed(seed);
      const w = torch.empty(3, 4);
      nn.init.kaiming_uniform_(w, { a: Math.sqrt(5), generator: g });
      return [
        torch.rand(3, { generator: g }), torch.randn(3, { generator: g }), torch.randint(0, 10, [4], { generator: g }),
        torch.randperm(6, { generator: g }), torch.normal(0, 1, [3], { generator: g }), torch.normal(torch.zeros(2), 1, { generator: g }),
        torch.bernoulli(torch.full([6], 0.5), { generator: g }), torch.multinomial(torch.ones(5), 3, { generator: g }),
        torch.poisson(torch.full([3], 4.0), { generator: g }), torch.empty(3).uniform_(0, 1, { generator: g }),
        torch.empty(3).normal_({ generator: g }), torch.empty(3).exponential_({ generator: g }), torch.empty(3).random_(0, 9, { generator: g }),
        torch.empty(4).bernoulli_(0.5, { generator: g }), w, nn.init.normal_(torch.empty(3), { generator: g }), nn.init.xavier_normal_(torch.empty(2, 2), { generator: g }),
        nn.init.orthogonal_(torch.empty(2, 2), { generator: g }), nn.init.trunc_normal_(torch.empty(3), { generator: g }),
      ].map(vals);
    };
    torch.manual_seed(0);
    const first = draws(11);
    torch.manual_seed(99);
    torch.rand(50);
    expect(draws(11)).toEqual(first);
    expect(draws(12)).not.toEqual(first);
  });

  it('random_split, RandomSampler and DataLoader draw from it (and so move it on, as PyTorch)', () => {
    const ds = utils.data.TensorDataset(torch.arange(20));
    const split = (g: unknown) => utils.data.random_split(ds, [15, 5], { generator: g as never }).map((s) => s.indices.join());
    const s1 = split(torch.Generator().manual_seed(42));
    expect(split(torch.Generator().manual_seed(42))).toEqual(s1);
    const g = torch.Generator().manual_seed(42);
    split(g);
    expect(split(g)).not.toEqual(s1);
    const order = (g: unknown) => [...utils.data.DataLoader(ds, { batch_size: 20, shuffle: true, generator: g as never })][0][0].cpu_tolist();
    const loaderGen = torch.Generator().manual_seed(0);
    const dl = utils.data.DataLoader(ds, { batch_size: 20, shuffle: true, generator: loaderGen });
    const e1 = [...dl][0][0].cpu_tolist(), e2 = [...dl][0][0].cpu_tolist();
    expect(e1).toEqual(order(torch.Generator().manual_seed(0)));
    expect(e2).not.toEqual(e1); // a new order each epoch
    expect([...utils.data.RandomSampler(ds, { generator: torch.Generator().manual_seed(4) })]).toEqual([...utils.data.RandomSampler(ds, { generator: torch.Generator().manual_seed(4) })]);
  });

  it('anything else as generator is PyTorch\'s TypeError', () => {
    expect(() => torch.rand(2, { generator: 5 as never })).toThrow("rand(): argument 'generator' must be torch.Generator, not int");
    expect(() => torch.randn(2, { generator: {} as never })).toThrow("argument 'generator' must be torch.Generator, not Object");
  });
});
