// Module containers and state_dict loading against PyTorch 1.13 (golden/models.json, from
// scripts/golden/models.py): reprs, parameter names, named_modules, and load_state_dict errors.
import { describe, expect, it } from 'vitest';
import golden from './golden/models.json';
import { call, className, makeTensor, MissingOp, nn, T, type Dyn } from './harness';

type Spec = [string, ...unknown[]];

/** The same little builder as `build` in scripts/golden/models.py. */
function build(spec: Spec): Dyn {
  const [kind, ...rest] = spec;
  if (kind === 'Sequential') return call(nn, 'nn', 'Sequential', (rest[0] as Spec[]).map(build));
  if (kind === 'SequentialDict')
    return call(nn, 'nn', 'Sequential', [new Map(Object.entries(rest[0] as Record<string, Spec>).map(([k, v]) => [k, build(v)]))]);
  if (kind === 'ModuleList') return call(nn, 'nn', 'ModuleList', [(rest[0] as Spec[]).map(build)]);
  if (kind === 'ModuleDict')
    return call(nn, 'nn', 'ModuleDict', [Object.fromEntries(Object.entries(rest[0] as Record<string, Spec>).map(([k, v]) => [k, build(v)]))]);
  return call(nn, 'nn', kind, rest);
}

interface Container {
  id: string;
  spec: Spec;
  repr: string;
  named_parameters: [string, number[]][];
  state_dict_keys: string[];
  named_modules: [string, string][];
}

describe('containers vs PyTorch', () => {
  for (const c of golden.containers as unknown as Container[]) {
    it(c.id, () => {
      const m = build(c.spec);
      expect(String(m)).toBe(c.repr);
      expect((m.named_parameters() as [string, Dyn][]).map(([k, p]) => [k, Array.from(p.shape)])).toEqual(c.named_parameters);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict_keys);
      if (typeof m.named_modules !== 'function') throw new MissingOp('Module.named_modules()');
      const mods = (m.named_modules() as [string, Dyn][]).map(([n, x]) => [n, className(x)]);
      expect(mods).toEqual(c.named_modules);
    });
  }
});


interface LoadError {
  id: string;
  change: { drop?: string; add?: [string, number[]]; replace?: [string, number[]] };
  error: string;
}

function seedModel(): Dyn {
  return nn.Sequential(new Map<string, Dyn>([['hidden_linear', nn.Linear(1, 8)], ['hidden_activation', nn.Tanh()], ['output_linear', nn.Linear(8, 1)]]));
}

describe('load_state_dict errors read like PyTorch', () => {
  for (const c of golden.load_state_dict_errors as unknown as LoadError[]) {
    it(c.id, () => {
      const m = seedModel();
      const sd: Record<string, Dyn> = { ...m.state_dict() };
      if (c.change.drop) delete sd[c.change.drop];
      if (c.change.add) sd[c.change.add[0]] = T.zeros(c.change.add[1]);
      if (c.change.replace) sd[c.change.replace[0]] = T.zeros(c.change.replace[1]);
      expect(() => m.load_state_dict(sd)).toThrow(c.error);
    });
  }
  it('strict: false reports missing and unexpected keys', () => {
    const m = seedModel();
    const sd: Record<string, Dyn> = { ...m.state_dict() };
    delete sd['output_linear.bias'];
    const r = m.load_state_dict(sd, { strict: false });
    expect({ missing_keys: r?.missing_keys, unexpected_keys: r?.unexpected_keys }).toEqual(golden.non_strict_missing);
  });
  it('accepts a Map', async () => {
    const m = seedModel();
    const w = makeTensor({ shape: [8, 1], dtype: 'float32', data: [1, 2, 3, 4, 5, 6, 7, 8] });
    const sd = new Map<string, Dyn>(Object.entries(m.state_dict()));
    sd.set('hidden_linear.weight', w);
    m.load_state_dict(sd);
    expect(Array.from(await m.hidden_linear.weight.data())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
