// The input checks PyTorch makes before a loss, which a learner's typical mistakes hit (golden programs:
// engine/test/lessons_s.ts). Messages are PyTorch's (1.13 and 2.x alike).
import { describe, expect, it } from 'vitest';
import { F, nn, torch } from '../index';

const f32 = { dtype: torch.float32 };

describe('binary_cross_entropy checks', () => {
  it('rejects probabilities outside [0, 1] and NaN (a missing sigmoid), on input only', () => {
    const t = torch.tensor([1.0, 0.0], f32);
    for (const x of [[1.5, 0.5], [-0.1, 0.5], [NaN, 0.5]])
      expect(() => F.binary_cross_entropy(torch.tensor(x, f32), t)).toThrow('all elements of input should be between 0 and 1');
    expect(() => nn.BCELoss()(torch.tensor([2.0, 0.5], f32), t)).toThrow('between 0 and 1');
    // a target of 2 is not checked by PyTorch: (t - 1) log(1 - x) - t log(x)
    const v = F.binary_cross_entropy(torch.tensor([0.5], f32), torch.tensor([2.0], f32)).cpu_item() as number;
    // (2 - 1) * log(0.5) - 2 * log(0.5) = log(2)
    expect(v).toBeCloseTo(Math.log(2), 5);
  });
  it('needs the target in the input dtype (torch.full([n], 1) is Long)', () => {
    const x = torch.tensor([0.2, 0.7], f32);
    expect(() => F.binary_cross_entropy(x, torch.full([2], 1))).toThrow('Found dtype Long but expected Float');
    expect(() => F.binary_cross_entropy(x, torch.ones(2, { dtype: torch.float64 }))).toThrow('Found dtype Double but expected Float');
    expect(() => nn.BCELoss()(x.double(), torch.ones(2))).toThrow('Found dtype Float but expected Double');
    try {
      F.binary_cross_entropy(x, torch.full([2], 1));
    } catch (e) {
      expect((e as Error).name).toBe('RuntimeError');
    }
  });
});

describe('nll_loss / cross_entropy target shapes', () => {
  const long = { dtype: torch.int64 };
  const fails = (f: () => unknown, name: string, message: string) => expect(f).toThrow(expect.objectContaining({ name, message }));
  it("are ATen's RuntimeErrors (the batch size first, a ValueError)", () => {
    // seq2seq's mistake: [N, T, C] log-probabilities against [N, T] targets without .view(-1, C)
    fails(() => F.nll_loss(torch.zeros(2, 3, 7), torch.zeros(2, 3, long)), 'RuntimeError', 'Expected target size [2, 7], got [2, 3]');
    fails(() => F.cross_entropy(torch.zeros(2, 7, 3), torch.zeros(2, long)), 'RuntimeError', 'Expected target size [2, 3], got [2]');
    fails(() => F.nll_loss(torch.zeros(2, 7, 3, 4), torch.zeros(2, 3, long)), 'RuntimeError',
      'only batches of spatial targets supported (3D tensors) but got targets of dimension: 2');
    fails(() => F.nll_loss(torch.zeros(2, 7, 3, 4), torch.zeros(2, 3, 5, long)), 'RuntimeError', 'size mismatch (got input: [2, 7, 3, 4] , target: [2, 3, 5]');
    fails(() => F.nll_loss(torch.zeros(2, 7), torch.zeros(2, 3, long)), 'RuntimeError', '0D or 1D target tensor expected, multi-target not supported');
    fails(() => F.cross_entropy(torch.zeros(3, 2, 10), torch.zeros(6, long)), 'ValueError', 'Expected input batch_size (3) to match target batch_size (6).');
    expect(F.nll_loss(torch.zeros(2, 7, 3), torch.zeros(2, 3, long)).cpu_item()).toBe(0);
  });
  it('embedding names the index tensor type as PyTorch (torch.FloatTensor)', () => {
    fails(() => nn.Embedding(4, 2)(torch.tensor([[1.0, 2.0]], f32)), 'RuntimeError',
      "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)");
  });
});

describe('class-index targets (nll_loss, cross_entropy)', () => {
  it('take int64 (and uint8) indices; int32, int16, int8 and bool are PyTorch\'s RuntimeError', () => {
    const x = torch.tensor([[1.0, 2.0]], f32);
    // PyTorch 1.13: RuntimeError: expected scalar type Long but found Int (also Short, Char, Bool)
    for (const [dtype, name] of [[torch.int32, 'Int'], [torch.int16, 'Short'], [torch.int8, 'Char'], [torch.bool, 'Bool']] as const) {
      for (const f of [F.nll_loss, F.cross_entropy]) {
        const t = torch.tensor([1], { dtype });
        expect(() => f(x, t)).toThrow(`expected scalar type Long but found ${name}`);
      }
    }
    // PyTorch: F.nll_loss(x, torch.tensor([1], dtype=torch.uint8)) → tensor(-2.)
    expect(F.nll_loss(x, torch.tensor([1], { dtype: torch.uint8 })).cpu_item()).toBe(-2);
    expect(F.cross_entropy(x, torch.tensor([1], { dtype: torch.uint8 })).cpu_item()).toBeCloseTo(0.3132617, 6);
  });
});
