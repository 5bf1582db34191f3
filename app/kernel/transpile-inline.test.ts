// The inline fast paths (transpile-inline.ts) and strip-mined loops (transpile-loops.ts) must
// not change what a cell means: each snippet runs as plain JavaScript and as a transpiled cell,
// and both must give the same value, the same side effects in the same order, and the same error.
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine/index';
import { CELL_PARAMS, transpileCell, type TranspileOptions } from './transpile';
import { createOps } from './ops';
import { stripLoop } from './transpile-loops';
import { parseCell } from './transpile-parse';

const AsyncFunction = (async () => {}).constructor as new (...a: string[]) => (...a: unknown[]) => Promise<unknown>;

async function asCell(src: string, opts: TranspileOptions = {}) {
  const { code } = transpileCell(src, opts);
  const ops = createOps(engine.torch);
  const ic = { n: 256, c: () => void (ic.n = 256), t: () => 256 };
  const g = globalThis as Record<string, unknown>;
  const scope = new Proxy({}, { set: (_t, k, v) => ((g[k as string] = v), true) });
  try {
    return { value: await new AsyncFunction(...CELL_PARAMS, code)(ops, scope, (v: unknown) => v, () => ({}), ic) };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

async function asJs(src: string) {
  try {
    return { value: await new AsyncFunction(`"use strict"; return (${src});`)() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** Snippets (one expression each) whose value, log and errors must be the same in a cell. */
const SAME: [string, string][] = [
  ['evaluation order and single evaluation', '(() => { const log = []; const v = (x) => (log.push(x), x); const r = v(1) + v(2) * v(3) - (-v(4)) ** v(2) % v(5) - -v(6); return [r, log]; })()'],
  ['an operand that reassigns the other', '(() => { let a = 1; const r = a + (a = 10); let b = 2; b += (b = 5); let c = 3; c *= c++ + 1; return [r, a, b, c]; })()'],
  ['index object and key evaluated once, in order', '(() => { const log = []; const arrs = [[10, 20], [30, 40]]; const o = () => (log.push("o"), arrs[1]); const k = () => (log.push("k"), 1); const r = o()[k()]; o()[k()] = 7; return [r, arrs, log]; })()'],
  ['the key reassigns the object', '(() => { let a = [1, 2]; const b = [3, 4]; const r = a[(a = b, 0)]; let c = [5, 6]; c[(c = b, 1)] = 9; return [r, a, b, c]; })()'],
  ['a value that reassigns the target', '(() => { let a = [1, 2]; const old = a; let i = 0; a[i] = (a = [7, 8], i = 1, 5); return [old, a, i]; })()'],
  ['method calls keep their this', '(() => { const o = { k: 2, f(x) { return this.k * x; } }; const fs = [function (x) { return this.length + x; }]; return [o["f"](3), fs[0](1), [1, 2, 3].map((x) => x * 2)]; })()'],
  ['optional chains, delete, ++ and destructuring targets', '(() => { const a = [1, 2, 3]; const n = null; const r1 = n?.[0]; const r2 = a?.[1]; delete a[0]; a[1]++; --a[2]; const o = {}; [o[0], o[1]] = [5, 6]; ({ x: a[0] } = { x: 9 }); return [r1, r2, a, o, 0 in a]; })()'],
  ['compound assignment on elements and properties', '(() => { const a = [1, 2]; let i = 0; a[i++] += 10; const o = { p: 2 }; o.p **= 3; o["p"] -= 1; let s = "x"; s += 1; s += [2]; let m = 7; m %= 4; return [a, i, o, s, m]; })()'],
  ['strings, BigInt, undefined and objects with valueOf', '(() => { const v = { valueOf: () => 4 }; return [1 + "2", "a" + 1 + 2, 2n ** 64n + 1n, -(3n), 5 - undefined, v * 2, v + 1, `${1 + 1}`, [1] + [2], typeof (0.1 + 0.2)]; })()'],
  ['super[k] and super.x compound', '(() => { class A { get g() { return [1, 2]; } m(i) { return i * 10; } } class B extends A { f(i) { return super["m"](i) + super.g[i]; } } return new B().f(1); })()'],
  ['this[k] in a method', '(() => { class C { constructor() { this[0] = 5; this.k = 1; } f() { this[this.k] = this[0] * 2; return [this[0], this[1]]; } } return new C().f(); })()'],
  ['TypeError of a missing base, as JS words it', '(() => { const u = undefined; return u[0]; })()'],
  ['ReferenceError of an undeclared name', '(() => notDeclared + 1)()'],
  ['strip-mined loop: break, continue, nested, var, down', '(() => { const out = []; for (let i = 0; i < 3000; i++) { if (i % 1000 === 999) continue; if (i === 2500) break; if (i % 500 === 0) out.push; } let s = 0; for (var j = 0; j < 5; j++) for (var k = 0; k < 2000; k++) { s += k; if (k > 1500) break; } let d = 0; for (let m = 2050; m >= 0; m--) d += m; return [s, j, k, d]; })()'],
  ['strip-mined loop: the test runs once per iteration', '(() => { let tests = 0; const lim = { get n() { tests++; return 2100; } }; let s = 0; for (let i = 0; i < lim.n; i++) s += i; return [s, tests]; })()'],
  ['strip-mined loop: a bound that shrinks, a labelled loop, float bounds', '(() => { const a = Array.from({ length: 3000 }, (_, i) => i); let n = 0; for (let i = 0; i < a.length; i++) { n++; if (i === 1500) a.length = 1600; } let c = 0; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 2000; j++) { c++; if (j === 1100) continue outer; } } let f = 0; for (let i = 0.5; i <= 1500.5; i++) f++; return [n, c, f]; })()'],
  ['a loop that keeps per-iteration bindings (closures)', '(() => { const fs = []; for (let i = 0; i < 2000; i++) if (i % 999 === 0) fs.push(() => i); return fs.map((f) => f()); })()'],
];

describe('fast paths and strip-mined loops keep JavaScript semantics', () => {
  for (const [name, src] of SAME) {
    it(name, async () => {
      const js = await asJs(src);
      expect(await asCell(src)).toEqual(js);
      expect(await asCell(src, { fastPaths: false })).toEqual(js);
    });
  }

  it('a cell-level loop over globals and declared temporaries', async () => {
    const src = 'let acc = 0;\nconst xs = [1, 2, 3];\nfor (let i = 0; i < xs.length; i++) acc += xs[i] * 2 + -xs[i];\nacc';
    expect(await asCell(src)).toEqual({ value: 6 });
  });
});

describe('tensors on either side of the fast paths', () => {
  it('operators, indexing and compound assignment reach the tensor ops', async () => {
    const src = `(() => { const t = torch.tensor([1, 2, 3]); const u = 2 * t + t * 2 - -t; let w = torch.zeros(3); w += t; const a = [t]; const i = 1;
      const row = torch.tensor([[1, 2], [3, 4]]); row[0] = 9; row[1][1] += 5;
      return [u.tolist(), w.tolist(), a[0][i].item(), t[-1].item(), row.tolist(), (t ** 2).tolist(), (2 ** t).tolist(), (t % 2).tolist(), ("t=" + t[0].item())]; })()`;
    (globalThis as Record<string, unknown>).torch = engine.torch;
    expect(await asCell(src)).toEqual({ value: [[5, 10, 15], [1, 2, 3], 2, 3, [[9, 9], [3, 9]], [1, 4, 9], [2, 4, 8], [1, 0, 1], 't=1'] });
  });
});

describe('which loops are strip-mined', () => {
  const plan = (src: string) => {
    const { program } = parseCell(src);
    const loop = (program.body as { type: string }[]).find((s) => s.type === 'ForStatement' || s.type === 'LabeledStatement')!;
    return stripLoop(loop as never, loop.type === 'LabeledStatement');
  };
  it('counted loops whose body calls nothing', () => {
    expect(plan('for (let i = 0; i < arr.length; i++) s += arr[i];')).toMatchObject({ name: 'i', dir: '+' });
    expect(plan('for (var i = 10; i >= 0; --i) { if (a[i]) break; }')).toMatchObject({ dir: '-', breaks: [{ type: 'BreakStatement' }] });
  });
  it('not loops that call, spread, capture, assign the variable, are labelled or start anywhere', () => {
    for (const src of [
      'for (let i = 0; i < n; i++) out.push(i);',
      'for (let i = 0; i < n; i++) x = [...a];',
      'for (let i = 0; i < n; i++) fs[i] = () => i;',
      'for (let i = 0; i < n; i++) i += 2;',
      'for (let i = 0; i < f(); i++) s++;',
      'L: for (let i = 0; i < n; i++) s++;',
      'for (let i = start; i < n; i++) s++;',
      'for (let i = 0; ; i++) s++;',
      'for (let i = 0; i < n; i += 1) s++;',
      'for (let i = 0; i < n; i++) new Foo();',
    ])
      expect(plan(src), src).toBeNull();
  });
});

describe('positions', () => {
  it('an error inside an operand keeps its line and column through the fast path', () => {
    const src = 'const a = [1];\nconst r = a[0] + (null as any).x * 2;';
    const cell = transpileCell(src);
    const line = cell.code.split('\n')[1];
    const col = line.indexOf('.x') + 1;
    expect(cell.mapToCell(2, col)).toEqual({ line: 2, column: src.split('\n')[1].indexOf('.x') + 1 });
    expect(cell.code.split('\n').length).toBe(2);
  });
});
