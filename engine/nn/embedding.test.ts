// F.embedding / nn.Embedding options that change values: scale_grad_by_freq, max_norm, norm_type,
// sparse (accepted, dense gradient). Expected values are PyTorch 1.13's output for the same inputs
// (W, I, G below; the script is in the comment of each case).
import { describe, expect, it } from 'vitest';
import { F, nn, torch } from '../index';
import type { Tensor } from '../tensor';

const W = () => torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [3.0, 4.0, 0.0], [-0.5, 0.5, 1.0], [2.0, -2.0, 1.0]], { requires_grad: true });
const I = () => torch.tensor([[1, 3, 1], [4, 1, 0]]);
const G = () => torch.arange(18).reshape(2, 3, 3).div(4);
const close = (t: Tensor, want: unknown) => {
  const got = t.cpu_tolist() as number[][];
  expect(got.flat(3)).toHaveLength((want as number[][]).flat(3).length);
  (want as number[][]).flat(3).forEach((v, i) => expect(got.flat(3)[i] as number).toBeCloseTo(v as number, 5));
};
// PyTorch: the gradient of F.embedding(I, W, **kw).backward(G)
const DENSE = [[3.75, 4.0, 4.25], [4.5, 5.25, 6.0], [0, 0, 0], [0.75, 1.0, 1.25], [2.25, 2.5, 2.75]];
const FREQ = [[3.75, 4.0, 4.25], [1.5, 1.75, 2.0], [0, 0, 0], [0.75, 1.0, 1.25], [2.25, 2.5, 2.75]];

describe('F.embedding options', () => {
  it('scale_grad_by_freq divides each row gradient by its index count in the batch', () => {
    const w = W();
    F.embedding(I(), w, { scale_grad_by_freq: true }).backward(G());
    close(w.grad!, FREQ);
    const w2 = W();
    F.embedding(I(), w2, { padding_idx: 0, scale_grad_by_freq: true }).backward(G());
    close(w2.grad!, [[0, 0, 0], ...FREQ.slice(1)]);
  });
  it('sparse: true is accepted and gives the dense gradient values', () => {
    const w = W();
    F.embedding(I(), w, { padding_idx: 0, sparse: true }).backward(G());
    close(w.grad!, [[0, 0, 0], ...DENSE.slice(1)]);
    const w2 = W();
    const out = F.embedding(I(), w2, { sparse: true, scale_grad_by_freq: true });
    expect(() => out.backward(G())).toThrow('embedding_backward: scale_grad_by_freq not supported with sparse gradients');
  });
  it('max_norm renormalises the used rows in place (norm_type 2 and 1)', () => {
    const w = W();
    const out = F.embedding(I(), w, { max_norm: 1.5 });
    const r1 = [1.3269774913787842, 0.22116291522979736, -0.6634887456893921];
    close(out, [[r1, [-0.5, 0.5, 1.0], r1], [[0.9999999403953552, -0.9999999403953552, 0.4999999701976776], r1, [0.32732680439949036, -0.6546536087989807, 1.3093072175979614]]]);
    close(w.detach(), [[0.32732680439949036, -0.6546536087989807, 1.3093072175979614], r1, [3.0, 4.0, 0.0], [-0.5, 0.5, 1.0], [0.9999999403953552, -0.9999999403953552, 0.4999999701976776]]);
    out.backward(G());
    close(w.grad!, DENSE);
    const w3 = W().detach();
    F.embedding(I(), w3, { max_norm: 2.0, norm_type: 1.0 });
    close(w3, [[0.2857142686843872, -0.5714285373687744, 1.1428570747375488], [1.1999999284744263, 0.19999998807907104, -0.5999999642372131], [3.0, 4.0, 0.0], [-0.5, 0.5, 1.0], [0.800000011920929, -0.800000011920929, 0.4000000059604645]]);
  });
  it('rejects unknown keywords', () => {
    expect(() => F.embedding(I(), W(), { scale_grad: true } as never)).toThrow(TypeError);
  });
});

describe('nn.Embedding options', () => {
  it('keeps and prints them as PyTorch, and uses them in forward', () => {
    expect(String(nn.Embedding(5, 3, { max_norm: 1.0, sparse: true }))).toBe('Embedding(5, 3, max_norm=1.0, sparse=True)');
    expect(String(nn.Embedding(5, 3, { padding_idx: 1, max_norm: 1.0, norm_type: 1.0, scale_grad_by_freq: true, sparse: true })))
      .toBe('Embedding(5, 3, padding_idx=1, max_norm=1.0, norm_type=1.0, scale_grad_by_freq=True, sparse=True)');
    expect(String(nn.Embedding(5, 3, { norm_type: 1.0 }))).toBe('Embedding(5, 3, norm_type=1.0)');
    const emb = nn.Embedding.from_pretrained(W().detach(), { freeze: false, scale_grad_by_freq: true });
    emb(I()).backward(G());
    close(emb.weight.grad!, FREQ);
    const capped = nn.Embedding.from_pretrained(W().detach(), { max_norm: 1.5 });
    capped(I());
    expect((capped.weight.norm(2, 1).cpu_tolist() as number[])[1]).toBeCloseTo(1.5, 5);
  });
});
