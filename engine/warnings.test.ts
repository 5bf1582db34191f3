import { afterEach, describe, expect, it, vi } from 'vitest';
import { torch, nn } from './index';
import { resetWarnings } from './warnings';

describe('warnings are shown once, as Python shows a warning from a loop', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetWarnings();
  });

  it('mse_loss with a broadcasting target warns once in a 100-step loop, and again for other shapes', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = torch.zeros([4, 1]);
    const y = torch.zeros([4]);
    for (let i = 0; i < 100; i++) nn.functional.mse_loss(x, y);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toBe(
      'Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.',
    );
    nn.functional.mse_loss(torch.zeros([3, 1]), torch.zeros([3]));
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
