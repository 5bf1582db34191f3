// docs/pytorch-coverage.md and the README's coverage line are what `npm run coverage` generates
// from the engine now (a stale table fails here), and missing PyTorch names fail loudly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { F, nn, optim, torch } from '../index';
import { guardTensorMethods } from './guard';
import { coverageRoots, README_LINE } from './roots';
import { coverageRows, readmeLine, renderMarkdown } from './table';

const root = join(import.meta.dirname, '..', '..');
const rows = coverageRows(coverageRoots());

describe('coverage table', () => {
  it('docs/pytorch-coverage.md is up to date (run `npm run coverage`)', () => {
    expect(readFileSync(join(root, 'docs/pytorch-coverage.md'), 'utf8')).toBe(renderMarkdown(rows));
  });
  it("the README's coverage line is up to date", () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').match(README_LINE)?.[0]).toBe(readmeLine(rows));
  });
  it('marks real functions implemented and stand-ins missing', () => {
    const status = (n: string) => rows.find((r) => r.name === n)?.status;
    expect(status('torch.cumsum')).toBe('implemented');
    expect(status('Tensor.grad')).toBe('implemented');
    expect(status('Tensor.mT')).toBe('implemented');
    expect(status('torch.linalg.inv')).toBe('implemented');
    expect(status('torch.unique')).toBe('partial');
    expect(rows.find((r) => r.name === 'torch.sort')?.webgpu).toBe('CPU only');
    // a stand-in the engine exports (nn/unsupported.ts, linalg-solvers.ts) counts as missing
    expect(status('torch.linalg.eig')).toBe('missing');
    expect(typeof (torch.linalg as unknown as Record<string, unknown>).eig).toBe('function');
  });
});

describe('missing names fail loudly', () => {
  const t = torch as unknown as Record<string, unknown>;
  it('torch.X, torch.linalg.X, nn.X, F.X, optim.X raise NotImplementedError naming the table', () => {
    const missing = rows.filter((r) => r.status === 'missing' && !/\.(float16|half|bfloat16|complex64)$/.test(r.name));
    expect(missing.length).toBeGreaterThan(0);
    // one missing name of each namespace (whichever the table lists now), with the full message and class
    const use = (v: unknown) => (typeof v === 'function' ? (v as () => unknown)() : v);
    const read = (name: string) => {
      const parts = name.split('.');
      let cur: unknown = parts[0] === 'Tensor' ? torch.zeros(1) : torch;
      for (const p of parts.slice(1)) cur = use((cur as Record<string, unknown>)[p]);
    };
    for (const prefix of ['torch.linalg.', 'torch.nn.functional.', 'torch.optim.', 'Tensor.']) {
      const r = missing.find((m) => m.name.startsWith(prefix));
      if (!r) continue;
      expect(() => read(r.name), r.name).toThrow(`${r.name} is not implemented in Torchlit (see docs/pytorch-coverage.md)`);
      try {
        read(r.name);
      } catch (e) {
        expect((e as Error).name).toBe('NotImplementedError');
      }
    }
    // a stand-in the engine exports (nn/unsupported.ts) throws the same error when called
    expect(() => use((t.linalg as Record<string, unknown>).eig)).toThrow('torch.linalg.eig is not implemented in Torchlit');
    for (const r of missing) expect(() => read(r.name), r.name).toThrow(/is not implemented in Torchlit/);
  });
  it('a missing Tensor method raises too; an assignment replaces the guard', () => {
    // (a stand-in prototype: every listed Tensor name is missing on it, whatever the engine implements now)
    class Bare {}
    guardTensorMethods(Bare.prototype);
    const x = new Bare() as unknown as Record<string, unknown>;
    expect(() => x.apply_).toThrow('Tensor.apply_ is not implemented in Torchlit');
    const y = new Bare() as unknown as Record<string, unknown>;
    y.apply_ = 5;
    expect(y.apply_).toBe(5);
    expect(() => x.apply_).toThrow(/not implemented/);
  });
  it('unsupported dtypes are a TypeError naming them', () => {
    expect(() => t.float16).toThrow(new TypeError('torch.float16 is not supported in Torchlit: its dtypes are float32, float64, int64, int32, int16, int8, uint8 and bool (see docs/pytorch-coverage.md)'));
    expect(() => t.half).toThrow(TypeError);
    expect(() => (torch.zeros(1) as unknown as Record<string, unknown>).half).toThrow(/torch.float16 is not supported/);
  });
  it('names outside the list stay undefined (promises, probes), implemented ones work', () => {
    expect(t.then).toBeUndefined();
    expect(t.not_a_pytorch_name).toBeUndefined();
    expect(typeof torch.cumsum).toBe('function');
    expect(typeof F.relu).toBe('function');
    expect(typeof nn.Linear).toBe('function');
    expect(typeof optim.SGD).toBe('function');
  });
});
