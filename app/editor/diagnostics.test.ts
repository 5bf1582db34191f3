import { describe, expect, it } from 'vitest';
import { isTensorArithmeticArtifact, tensorMembers } from './diagnostics';

const dts = `import { Node } from './autograd';
export declare class Tensor {
    _storage: Storage;
    grad: Tensor | null;
    get shape(): Size;
    sum(dim?: number): Tensor;
    backward<T>(g?: T): void;
    static _empty(shape: readonly number[]): Tensor;
}
export declare function other(): void;
declare module '../tensor' {
    interface Tensor {
        /** doc */
        mean(dim?: number | {
            keepdim?: boolean;
        }): Tensor;
    }
}
`;

describe('tensor arithmetic diagnostics', () => {
  const members = tensorMembers(dts);
  it('reads the Tensor class members', () => {
    expect([...members].sort()).toEqual(['_empty', '_storage', 'backward', 'grad', 'keepdim', 'mean', 'shape', 'sum']);
  });
  it('drops errors that come from TypeScript typing tensor arithmetic as number', () => {
    expect(isTensorArithmeticArtifact('2339', "Property 'sum' does not exist on type 'number'.", members)).toBe(true);
    expect(isTensorArithmeticArtifact('2345', "Argument of type 'number' is not assignable to parameter of type 'Tensor'.", members)).toBe(true);
  });
  it('keeps real errors', () => {
    expect(isTensorArithmeticArtifact('2339', "Property 'summ' does not exist on type 'number'.", members)).toBe(false);
    expect(isTensorArithmeticArtifact('2339', "Property 'sum' does not exist on type 'string'.", members)).toBe(false);
    expect(isTensorArithmeticArtifact('2322', "Type 'string' is not assignable to type 'number'.", members)).toBe(false);
    // a plain assignment to a constant stays an error; a compound one is in place on a tensor
    expect(isTensorArithmeticArtifact('2588', "Cannot assign to 'p' because it is a constant.", members, ' = 2')).toBe(false);
    expect(isTensorArithmeticArtifact('2588', "Cannot assign to 'p' because it is a constant.", members, '')).toBe(false);
  });
  it('drops "cannot assign to a constant" on a compound assignment (p -= lr * p.grad)', () => {
    for (const after of [' -= lr * p.grad', '-=1', ' += x', ' *= 0.5', ' /= 2', ' **= 2'])
      expect(isTensorArithmeticArtifact('2588', "Cannot assign to 'p' because it is a constant.", members, after)).toBe(true);
  });
});
