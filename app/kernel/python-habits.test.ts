// Python habits: each one gives an error that says what to write instead, at the habit's own
// line and column, before anything runs; valid cells (the tutorials' and the e2e specs') give none.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'sucrase';
import { parse } from 'acorn';
import { CellSyntaxError, transpileCell } from './transpile';
import { pythonHabits } from './python-habits';

/** The error transpiling `src` gives (a CellSyntaxError), or null. */
function habit(src: string): CellSyntaxError | null {
  try {
    transpileCell(src);
    return null;
  } catch (e) {
    if (e instanceof CellSyntaxError) return e;
    throw e;
  }
}

/** [Python, expected hint (substring), line, column]: every habit docs/python-to-torchlit.md lists. */
const CASES: [string, string, number, number][] = [
  ['import torch', 'no import is needed', 1, 1],
  ['import torch.nn as nn', 'import * as nn from "torch.nn"', 1, 1],
  ['from torch import nn, optim', 'import { nn, optim } from "torch"', 1, 1],
  ['import numpy as np', 'Use torch tensors instead', 1, 1],
  ['const t = torch.arange(10);\nconst u = t[1:3];', "t.index('1:3')", 2, 12],
  ['const u = t[:, 0];', "t.index(':', 0)", 1, 12],
  ['const u = t[..., -1];', "t.index('...', -1)", 1, 12],
  ['const v = x[1, 2];', 'x.index(1, 2)', 1, 13],
  ['const a = torch.randn((), {requires_grad: true});', 'torch.randn([])', 1, 23],
  ['x[i, j] = 0;', 'x.index_put_([i, j], value)', 1, 3],
  ['const u = t[i:i + 2];', 't.index(`${i}:${i + 2}`)', 1, 12],
  ['const y = x @ w;', 'x.matmul(w)', 1, 13],
  // the whole operands, not their nearest tokens (the hint once read `).matmul(torch)`)
  ['const y1 = torch.ones(2, 3) @ torch.ones(3, 2);', 'torch.ones(2, 3).matmul(torch.ones(3, 2))', 1, 29],
  ['const y = model(x)[0] @ w.t().float() + b;', 'model(x)[0].matmul(w.t().float())', 1, 23],
  ['const q = (a + b) @ tensor.T;', '(a + b).matmul(tensor.T)', 1, 19],
  ['with torch.no_grad():\n  w -= lr * w.grad', 'torch.no_grad(() => { … })', 1, 1],
  ['def f(x):\n  return x * 2', 'function f(x) { … }', 1, 1],
  ['for x in xs:\n  print(x)', 'for (const x of xs) { … }', 1, 1],
  ['for i in range(len(xs)):\n  print(i)', 'for (let i = 0; i < len(xs); i++)', 1, 1],
  ['class Net(nn.Module):\n  pass', 'class Net extends nn.Module', 1, 1],
  ['class Net extends nn.Module {\n  forward(x) {\n    return self.fc(x);\n  }\n}', 'this.fc', 3, 12],
  ['const ok = True;', 'Write `true`', 1, 12],
  ['const nothing = None;', 'Write `null`', 1, 17],
  ['if (a and b) print(1);', 'a && b', 1, 7],
  ['const c = a or b;', 'a || b', 1, 13],
  ['const c = not a;', '!x', 1, 11],
  ['const opt = optim.SGD(model.parameters(), lr=1e-3);', 'optim.SGD(model.parameters(), { lr: 1e-3 })', 1, 43],
  ['def f(x, **kwargs):\n  pass', 'def', 1, 1],
  ['f(x, **opts);', '{ ...opts }', 1, 6],
  ['const s = f"loss {loss}";', 'Write a template literal: `\\`loss ${loss}\\``', 1, 11],
  ['print(f"epoch {e}, loss {loss:.4f}")', 'print(\\`epoch ${e}, loss ${loss}\\`)', 1, 7],
  ['if (a) {\n  print(1);\n}\nelif (b) {\n}', '} else if (b) {', 4, 1],
  ['const sq = lambda x: x * x;', '(x) => …', 1, 12],
  ['if x > 0:\n  print(x)', 'if (x > 0) { … }', 1, 1],
  ['while loss > 0.1:\n  step()', 'while (loss > 0.1) { … }', 1, 1],
  ['try:\n  f()\nexcept ValueError as e:\n  print(e)', 'try { … } catch (e) { … }', 1, 1],
  ['const ys = [x * 2 for x in xs];', '[...xs].map((x) => x * 2)', 1, 12],
  ['if (x is None) print(1);', 'x === null', 1, 7],
  ['raise ValueError("bad")', 'throw new Error("bad")', 1, 1],
  ['# a Python comment\nconst a = 1;', 'Write `// a Python comment`', 1, 1],
  ['const i = 7;\nconst half = i // 2', 'Math.floor(i / 2)', 2, 14],
  ['const n = 10, batch_size = 3;\nconst steps = n // batch_size', 'torch.floor_divide(n, batch_size)', 2, 15],
  // `x //= 2` read as `x` and a comment: x silently unchanged (PyTorch: x = tensor([1, -2]) for x = tensor([3, -3]))
  ['let x = torch.tensor([3, -3]);\nx //= 2;', 'x.floor_divide_(2)', 2, 1],
  ['const t = {n: 7};\nt.n //= 2', 't.n = Math.floor(t.n / 2)', 2, 3],
];

describe('Python habits', () => {
  for (const [src, hint, line, column] of CASES) {
    it(`explains ${JSON.stringify(src.split('\n')[0])}`, () => {
      const e = habit(src);
      expect(e, src).not.toBeNull();
      expect(`${e!.message} ${e!.hint ?? ''}`).toContain(hint);
      expect([e!.line, e!.column]).toEqual([line, column]);
    });
  }

  it('names the habit in the error the kernel shows', () => {
    const e = habit('def train(model):\n  pass')!;
    expect(e.message).toMatch(/Python's function definition/);
    expect(e.hint).toBe('Write `function train(model) { … }`.');
  });

  it('leaves valid TypeScript alone: shape[0], len(x), range(len(x)), private fields, labels, ternaries in brackets', () => {
    const ok = [
      'const n = x.shape[0];',
      'for (const i of range(len(xs))) print(i);',
      'const d = {True: 1, None: 2};\nd.True',
      'class A { #x = 1; get x() { return this.#x; } }',
      'outer: for (const a of xs) { for (const b of ys) { if (b) continue outer; } }',
      'const v = a[b ? 0 : 1];',
      'const w = a[(f(), 1)];',
      'f(() => 1, () => 2);',
      'const o = { lr: 1e-3 };\nconst s = `loss ${loss}`;',
      'let lr = 0;\nf(lr = 0.1);',
      'self.postMessage("x");',
      'const m = new Map([[1, 2]]);\nconst r = [...m.keys()];',
      'type T = { a: number };\nconst t: T = { a: 1 };',
      'function isT(x: unknown): x is Tensor { return x instanceof torch.Tensor; }',
      // comments after code that are words, or names the cell does not declare, are comments
      'const y = f(x) // forward pass\nconst k = 3 // 3 layers\nconst z = y // TODO\n// 2\nconst w = 1; // 2\nk // 3\nconst a = torch.ones(3); a.add_(1); a._version // 1\nif (k == w) // 2\n  print(k)',
    ];
    for (const src of ok) {
      expect(pythonHabits(src), src).toEqual([]);
      expect(() => transpileCell(src), src).not.toThrow();
    }
  });
});

/** Every code cell of the tutorials and every cell source the e2e specs paste, run or execute. */
function corpus(): { where: string; src: string }[] {
  const root = join(__dirname, '../..');
  const out: { where: string; src: string }[] = [];
  for (const f of readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb'))) {
    const nb = JSON.parse(readFileSync(join(root, 'notebooks', f), 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
    nb.cells.forEach((c, i) => c.cell_type === 'code' && out.push({ where: `${f} cell ${i}`, src: Array.isArray(c.source) ? c.source.join('') : c.source }));
  }
  const CALLS = new Set(['run', 'runNew', 'typeInCell', 'paste', 'exec', 'start', 'code']);
  // (python-habits.spec.ts runs habits on purpose)
  for (const f of readdirSync(join(root, 'e2e')).filter((f) => f.endsWith('.spec.ts') && f !== 'python-habits.spec.ts')) {
    const js = transform(readFileSync(join(root, 'e2e', f), 'utf8'), { transforms: ['typescript'] }).code;
    const walk = (n: any): void => {
      if (!n || typeof n.type !== 'string') return;
      if (n.type === 'CallExpression' && CALLS.has(n.callee.property?.name ?? n.callee.name)) {
        for (const a of n.arguments) {
          const src = a.type === 'Literal' && typeof a.value === 'string' ? a.value : a.type === 'TemplateLiteral' && a.expressions.length === 0 ? a.quasis[0].value.cooked : null;
          // Markdown pasted into Markdown cells (editing.spec.ts) is not code: a heading, then a blank line
          if (src && src.length > 2 && !/^#{1,6} \S[^\n]*\n\n/.test(src)) out.push({ where: `${f}:${a.loc.start.line}`, src });
        }
      }
      for (const k in n) {
        const v = n[k];
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v);
      }
    };
    walk(parse(js, { ecmaVersion: 'latest', sourceType: 'module', locations: true }));
  }
  return out;
}

describe('no false alarms', () => {
  it('the tutorials and the e2e specs hold no Python habit', () => {
    const cells = corpus();
    expect(cells.length).toBeGreaterThan(100);
    const alarms: string[] = [];
    for (const { where, src } of cells) {
      for (const h of pythonHabits(src)) alarms.push(`${where}: ${h.message} (line ${h.line}) in ${JSON.stringify(src.slice(0, 80))}`);
      try {
        transpileCell(src);
      } catch (e) {
        if (e instanceof CellSyntaxError && e.hint) alarms.push(`${where}: ${e.message} in ${JSON.stringify(src.slice(0, 80))}`);
      }
    }
    expect(alarms).toEqual([]);
  });
});

describe('Python methods', () => {
  it('says a def with self is a method of the class body', () => {
    const e = habit('class Net extends nn.Module {\n  def forward(self, x):\n    return x\n}')!;
    expect(e.line).toBe(2);
    expect(e.hint).toContain('forward(x) { … }');
  });
});
