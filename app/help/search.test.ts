import { describe, expect, it } from 'vitest';
import pages from './reference.generated.json';
import { searchReference, type HelpPage } from './search';

const ref = pages as HelpPage[];
const names = (q: string, n = 3) => searchReference(ref, q, n).map((e) => e.name);

describe('reference search', () => {
  it('finds a name by itself, by its namespace and by its PyTorch name', () => {
    expect(names('nn.Linear')[0]).toBe('nn.Linear');
    expect(names('torch.nn.Linear')[0]).toBe('nn.Linear');
    expect(names('mse_loss')).toContain('F.mse_loss');
    expect(names('torch.Tensor.backward')[0]).toBe('t.backward');
    expect(names('monitor')[0]).toBe('monitor');
  });
  it('lists the helpers methods and words of a description', () => {
    expect(names('mon.epoch')[0]).toBe('mon.epoch');
    expect(searchReference(ref, 'progress bar').map((e) => e.name)).toContain('progress');
  });
  it('finds nothing for nonsense', () => {
    expect(searchReference(ref, 'qqzzxx')).toEqual([]);
  });
});
