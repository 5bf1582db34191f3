// The branch-free float32 forms (spec.f32, used on dense float32 tensors of 64+ elements) give
// bit-for-bit what the plain forms give (used on strided views and small tensors), special values included.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';
import { BINARY, UNARY } from '../backend/elementwise-spec';
import { binaryRaw } from './raw';

const specials = (() => {
  const f = new Float32Array(16);
  const i = new Int32Array(f.buffer);
  f.set([NaN, Infinity, -Infinity, 0, -0, 1, -1, 1e-45, -1e-45, 3.4e38, -3.4e38, 0.5, -0.5, 2, -2]);
  i[15] = 0xffc00000 | 0; // a NaN with the sign bit set
  return f;
})();

/** 256 values: every special against every special (as a and b), then random signs. */
function operands(): [Float32Array, Float32Array] {
  const a = new Float32Array(256), b = new Float32Array(256);
  for (let k = 0; k < 256; k++) {
    a[k] = specials[k % 16];
    b[k] = specials[Math.floor(k / 16) % 16];
  }
  return [a, b];
}
const bits = (t: { cpu_data(): unknown }) => Array.from(new Int32Array((t.cpu_data() as Float32Array).buffer));
/** The same values laid out as a non-contiguous view (forces the plain strided kernel). */
const strided = (v: Float32Array) => {
  const t = torch.from_array(new Float32Array(v.length * 2), [v.length, 2]);
  const col = t.select(1, 0);
  col.copy_(torch.from_array(v, [v.length]));
  return col;
};

describe('branch-free float32 elementwise forms', () => {
  const [a, b] = operands();
  for (const [name] of Object.entries(UNARY).filter(([, s]) => s.f32)) {
    it(`unary ${name}: dense (f32 form) equals strided (plain form) bit for bit`, () => {
      const x = torch.from_array(a, [256]);
      expect(bits((x as any)[name]())).toEqual(bits((strided(a) as any)[name]()));
    });
  }
  for (const [name] of Object.entries(BINARY).filter(([, s]) => s.f32)) {
    it(`binary ${name}: dense (f32 form) equals strided (plain form) bit for bit`, () => {
      const dense = binaryRaw(name, torch.from_array(a, [256]), torch.from_array(b, [256]));
      const plain = binaryRaw(name, strided(a), strided(b));
      expect(bits(dense)).toEqual(bits(plain));
    });
  }
  it('relu backward is PyTorch threshold_backward: the gradient where the output > 0 or NaN, else 0', () => {
    const x = torch.tensor([-2, -0, 0, 0.5, 3, NaN, -Infinity, Infinity], { requires_grad: true });
    x.relu().backward(torch.tensor([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(Array.from(x.grad!.cpu_data())).toEqual([0, 0, 0, 4, 5, 6, 0, 8]);
    const big = torch.randn(1000, { requires_grad: true });
    big.relu().sum().backward();
    expect(Array.from(big.grad!.cpu_data())).toEqual(Array.from(big.detach().cpu_data()).map((v) => (v > 0 ? 1 : 0)));
  });
  it('relu double backward still has a graph (create_graph)', () => {
    const x = torch.tensor([-1, 2, 3], { requires_grad: true });
    const y = x.relu().pow(2).sum();
    const [g] = torch.autograd.grad(y, x, null, { create_graph: true });
    expect(Array.from(g!.cpu_data())).toEqual([0, 4, 6]);
    g!.sum().backward();
    expect(Array.from(x.grad!.cpu_data())).toEqual([0, 2, 2]);
  });
});
