// PyTorch's behaviour for what must never be silently wrong (golden/semantics.json, from
// scripts/golden/semantics.py): which in-place modifications of saved tensors backward refuses
// (and with what message), `_version`, integer/dtype semantics, rejected inputs.
import { describe, expect, it } from 'vitest';
import golden from './golden/semantics.json';
import { Tensor } from '../tensor';
import { SEMANTICS } from './semantics_cases';

type Golden = { error?: { name: string; message: string }; value?: unknown };
const cases = golden.cases as Record<string, Golden>;

const nonFinite = (x: unknown): unknown => (typeof x === 'number' && !Number.isFinite(x) ? (Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf') : Array.isArray(x) ? x.map(nonFinite) : x);

/** Numbers to 7 significant digits: float64 softmax may differ from PyTorch's in the last bits. */
const rounded = (x: unknown): unknown => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(7)) : Array.isArray(x) ? x.map(rounded) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rounded(v)])) : x);

function plain(v: unknown): unknown {
  if (v instanceof Tensor) return { dtype: String(v.dtype), value: nonFinite(v.cpu_tolist()) };
  if (v && typeof v === 'object' && 'name' in v && typeof (v as { toString(): string }).toString === 'function' && String(v).startsWith('torch.')) return String(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

describe('semantics as PyTorch (golden/semantics.json)', () => {
  it('every golden case has a TypeScript twin', () => {
    expect(Object.keys(SEMANTICS).sort()).toEqual(Object.keys(cases).sort());
  });
  for (const [id, g] of Object.entries(cases)) {
    it(id, () => {
      const f = SEMANTICS[id];
      if (!f) throw new Error(`no TypeScript case ${id}`);
      if (g.error) {
        let e: Error | null = null;
        try {
          f();
        } catch (err) {
          e = err as Error;
        }
        expect(e, `PyTorch raises ${g.error.name}: ${g.error.message}`).not.toBeNull();
        expect({ name: e!.name, message: e!.message.split('\n')[0] }).toEqual(g.error);
      } else {
        const got = plain(f());
        expect(rounded(got)).toEqual(rounded(g.value));
      }
    });
  }
});
