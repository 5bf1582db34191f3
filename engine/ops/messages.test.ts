// Error messages whose details PyTorch 1.13 words in a particular way (printed by PyTorch):
// broadcasting names the rightmost mismatch, and an index names its position in the index.
import { describe, expect, it } from 'vitest';
import { torch } from '../index';

describe("PyTorch's wording of shape and index errors", () => {
  it('broadcasting reports the rightmost mismatching dimension', () => {
    expect(() => torch.zeros(2, 3).add(torch.zeros(3, 2))).toThrow('The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1');
    expect(() => torch.zeros(4, 2, 3).mul(torch.zeros(5, 1, 3))).toThrow('The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 0');
  });
  it("an out-of-range integer index names the item's position in the index", () => {
    expect(() => torch.zeros(2, 3).index(0, 3)).toThrow('index 3 is out of bounds for dimension 1 with size 3');
    expect(() => torch.zeros(2, 3, 4).index('...', 5)).toThrow('index 5 is out of bounds for dimension 1 with size 4');
    expect(() => torch.zeros(2, 3).index(':', -4)).toThrow('index -4 is out of bounds for dimension 1 with size 3');
    expect(() => torch.zeros(2, 3).index(null, 0, 7)).toThrow('index 7 is out of bounds for dimension 2 with size 3');
    expect(() => torch.zeros(2, 3).index(2)).toThrow('index 2 is out of bounds for dimension 0 with size 2');
  });
});
