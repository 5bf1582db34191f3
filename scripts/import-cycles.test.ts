// No import cycles in engine/ and app/ (eslint.config.js enforces who may import whom; this test
// enforces that nothing imports back round to itself, which the layer rules alone do not catch
// inside a folder). Runtime imports only: `import type` is erased and cannot form a cycle.
// A cycle makes module evaluation order matter (a class used before its module finished), the
// kind of bug that shows only in one bundle order. docs/architecture.md, "Import rules".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** file → the files it imports at run time. */
export function importGraph(dirs: string[]): Map<string, string[]> {
  const files = new Set(dirs.flatMap((d) => sourceFiles(join(ROOT, d))));
  const resolve = (from: string, spec: string) => {
    const p = normalize(join(dirname(from), spec));
    return [p, `${p}.ts`, `${p}.tsx`, join(p, 'index.ts')].find((c) => files.has(c)) ?? null;
  };
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps: string[] = [];
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      if (m[1]) continue; // import type
      const r = resolve(f, m[2]);
      if (r) deps.push(r);
    }
    graph.set(f, deps);
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan), each a cycle. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let n = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>(), out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.map((f) => relative(ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('import graph', () => {
  it('finds a cycle when there is one', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(cycles(g).map((c) => c.length)).toEqual([3]);
  });
  it('engine/ and app/ have no runtime import cycles', () => {
    const g = importGraph(['engine', 'app']);
    expect(g.size).toBeGreaterThan(150);
    expect(cycles(g)).toEqual([]);
  });
});
