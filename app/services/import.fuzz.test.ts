// The import fuzzer: mutated .ipynb files (invalid JSON, truncations, wrong nbformat, duplicate or
// bad cell ids, wrong types in every field, huge sources, deep nesting, a BOM, nbformat 3) go
// through the import path. Promises: only NotebookFormatError is thrown, with a clear message;
// each case takes under 1 s of CPU time; what opens is a valid, storable 4.5 notebook with unique ids; and
// importing never changes a notebook already stored. FUZZ_RUNS cases (1000 in `npm test`,
// 100000 in `npm run fuzz`).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv from 'ajv';
import schema from '../notebook/nbformat.v4.5.schema.json';
import { MAX_JSON_DEPTH, NotebookFormatError, parseIpynb, stringifyIpynb, writeIpynb } from '../notebook/ipynb';
import { isValidCellId } from '../notebook/ids';
import { createNotebookStore } from '../notebook/store';
import { createSession } from './session';
import { memoryStorage } from './storage.memory';
import type { Runner } from './runner';
import { createStore } from 'zustand/vanilla';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Replays one failing case: FUZZ_SEED and FUZZ_PATH from a failure report. */
const PATH = process.env.FUZZ_PATH;

const { $schema: _drop, ...draft } = schema as Record<string, unknown>;
const validate = new Ajv({ strict: false }).compile(draft);

// ---- valid-ish notebooks (v4 and v3) ----
const str = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 12 }));
const multiline = fc.oneof(str, fc.array(str, { maxLength: 4 }));
const cellId = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/), fc.constantFrom('dup', 'same', ''), str, fc.integer(), fc.constant(undefined));
const mime = fc.constantFrom('text/plain', 'text/html', 'image/png', 'image/svg+xml', 'application/json', 'application/vnd.torchlit.tensor.v1+json', '__proto__', 'x');
const bundle = fc.dictionary(mime, fc.oneof(multiline, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 3 });
const output = fc.oneof(
  fc.record({ output_type: fc.constant('stream'), name: fc.constantFrom('stdout', 'stderr', 'other'), text: multiline }),
  fc.record({ output_type: fc.constant('execute_result'), execution_count: fc.oneof(fc.nat(50), fc.constant(null)), data: bundle, metadata: fc.constant({}) }),
  fc.record({ output_type: fc.constant('display_data'), data: bundle, metadata: fc.constant({}) }),
  fc.record({ output_type: fc.constant('error'), ename: str, evalue: str, traceback: fc.array(str, { maxLength: 3 }) }),
);
// Metadata keys the schema types, given right or wrong values.
const anyJson = fc.jsonValue({ maxDepth: 2 });
const cellMeta = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      tags: fc.oneof(fc.array(fc.oneof(str, fc.constant('a,b'), fc.constant('t')), { maxLength: 3 }), anyJson),
      name: fc.oneof(str, fc.constant('a\nb'), anyJson),
      collapsed: fc.oneof(fc.boolean(), anyJson),
      scrolled: fc.oneof(fc.constantFrom(true, false, 'auto'), anyJson),
      jupyter: fc.oneof(fc.constant({ source_hidden: true }), anyJson),
      execution: fc.oneof(fc.record({ 'iopub.status.busy': fc.oneof(str, anyJson) }), anyJson),
      format: fc.oneof(str, anyJson),
      custom: anyJson,
    },
    { requiredKeys: [] },
  ),
);
const nbMeta = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      kernelspec: fc.oneof(fc.constant({ name: 'python3', display_name: 'Python 3' }), anyJson),
      language_info: fc.oneof(fc.record({ name: fc.oneof(str, anyJson), codemirror_mode: anyJson, pygments_lexer: anyJson }, { requiredKeys: [] }), anyJson),
      title: anyJson,
      authors: anyJson,
      orig_nbformat: anyJson,
      trusted: anyJson,
      torchlit: anyJson,
      custom: anyJson,
    },
    { requiredKeys: [] },
  ),
);
const attachments = fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(bundle, anyJson), { maxKeys: 2 }), anyJson);
const cell = fc.record(
  {
    id: cellId,
    cell_type: fc.constantFrom('code', 'markdown', 'raw'),
    metadata: cellMeta,
    source: multiline,
    outputs: fc.array(output, { maxLength: 3 }),
    execution_count: fc.oneof(fc.nat(99), fc.constant(null)),
    attachments,
  },
  { requiredKeys: ['cell_type', 'source'] },
);
const v4 = fc.record({
  nbformat: fc.constant(4),
  nbformat_minor: fc.integer({ min: 0, max: 6 }),
  metadata: fc.oneof(nbMeta, fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 })),
  cells: fc.array(cell, { maxLength: 6 }),
});
const v3output = fc.oneof(
  fc.record({ output_type: fc.constant('stream'), stream: fc.constantFrom('stdout', 'stderr'), text: multiline }),
  fc.record({ output_type: fc.constant('pyout'), prompt_number: fc.nat(9), text: multiline, html: str, metadata: fc.constant({}) }),
  fc.record({ output_type: fc.constant('display_data'), png: str, metadata: fc.constant({}) }),
  fc.record({ output_type: fc.constant('pyerr'), ename: str, evalue: str, traceback: fc.array(str, { maxLength: 2 }) }),
);
const v3cell = fc.oneof(
  fc.record({ cell_type: fc.constant('code'), input: multiline, language: fc.constant('python'), prompt_number: fc.nat(9), outputs: fc.array(v3output, { maxLength: 3 }), metadata: fc.constant({}) }),
  fc.record({ cell_type: fc.constantFrom('markdown', 'raw'), source: multiline, metadata: fc.constant({}) }),
  fc.record({ cell_type: fc.constant('heading'), level: fc.integer({ min: 0, max: 8 }), source: multiline, metadata: fc.constant({}) }),
);
const v3 = fc.record({ nbformat: fc.constant(3), nbformat_minor: fc.constant(0), metadata: fc.constant({ name: 'x' }), worksheets: fc.array(fc.record({ cells: fc.array(v3cell, { maxLength: 4 }), metadata: fc.constant({}) }), { maxLength: 2 }) });

// ---- mutations ----
const DEEP = '\u0000deep';
const HUGE = '\u0000huge';
const wrongValue = fc.oneof(
  { weight: 40, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 6, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, '', '4', 3, 5, 4.5, [], {}) },
  { weight: 4, arbitrary: fc.integer({ min: MAX_JSON_DEPTH - 5, max: 3000 }).map((d) => `${DEEP}${d}`) },
  // Huge sources and outputs (up to 2 M characters): rare, they dominate the run time.
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 2_000_000 }).map((n) => `${HUGE}${n}`) },
);
type Op =
  | { kind: 'set'; pick: number; value: unknown }
  | { kind: 'delete'; pick: number }
  | { kind: 'dupIds' }
  | { kind: 'proto'; pick: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: wrongValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dupIds' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('proto' as const), pick: fc.nat() }) },
);
type TextOp = { kind: 'truncate'; at: number } | { kind: 'bom' } | { kind: 'splice'; at: number; del: number; insert: string } | { kind: 'none' };
const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), del: fc.nat(8), insert: fc.oneof(fc.constantFrom('{', '}', '[', ']', ',', '"', ':', '\\', 'null', '\uFEFF', '\u0000'), fc.string({ maxLength: 6 })) }) },
);

/** Every container in the value, with its keys (objects) or indices (arrays). */
function containers(v: unknown): (Record<string, unknown> | unknown[])[] {
  const out: (Record<string, unknown> | unknown[])[] = [];
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null) continue;
    out.push(x as Record<string, unknown>);
    stack.push(...Object.values(x));
  }
  return out;
}

function mutate(v: unknown, o: Op): void {
  const all = containers(v);
  if (o.kind === 'dupIds') {
    const cells = (v as { cells?: unknown }).cells;
    if (Array.isArray(cells)) for (const c of cells) if (c && typeof c === 'object') (c as Record<string, unknown>).id = 'dup';
    return;
  }
  if (!all.length) return;
  const target = all[o.pick % all.length];
  const keys = Object.keys(target);
  if (o.kind === 'proto') {
    Object.defineProperty(target, '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
    return;
  }
  if (!keys.length) return;
  const key = keys[(o.pick >>> 3) % keys.length];
  if (o.kind === 'delete') {
    if (Array.isArray(target)) target.splice(Number(key), 1);
    else delete target[key];
  } else (target as Record<string, unknown>)[key] = o.value;
}

function render(v: unknown, t: TextOp): string {
  let text = JSON.stringify(v) ?? 'undefined';
  // Deep nesting and huge strings are spliced into the text (building them as values would
  // overflow JSON.stringify's stack before the importer sees them).
  text = text.replace(/"\\u0000deep(\d+)"/g, (_m, d: string) => '['.repeat(Number(d)) + ']'.repeat(Number(d)));
  text = text.replace(/"\\u0000huge(\d+)"/g, (_m, n: string) => JSON.stringify('x'.repeat(Number(n))));
  if (t.kind === 'truncate') text = text.slice(0, t.at % (text.length + 1));
  else if (t.kind === 'bom') text = '\uFEFF' + text;
  else if (t.kind === 'splice') {
    const at = t.at % (text.length + 1);
    text = text.slice(0, at) + t.insert + text.slice(at + t.del);
  }
  return text;
}

const fileCase = fc.record({ base: fc.oneof({ weight: 5, arbitrary: v4 }, { weight: 1, arbitrary: v3 }), ops: fc.array(op, { maxLength: 3 }), text: textOp });

function fakeRunner(): Runner {
  const view = createStore(() => ({ status: null, notice: null, variables: [], executionCount: 0 }));
  return { view, run() {}, interrupt() {}, restart: async () => {}, setDevice() {}, refreshVariables: async () => {}, dismissNotice() {}, dispose() {} } as unknown as Runner;
}

describe('import fuzzer', () => {
  it(`${RUNS} mutated .ipynb files: typed errors only, each < 1 s, valid storable notebooks, nothing stored overwritten`, async () => {
    const storage = memoryStorage();
    const now = Date.now();
    for (const id of ['nb-a', 'nb-b', 'tutorial-seed']) {
      await storage.put({ id, name: id, created: now, updated: now, ipynb: writeIpynb({ nbformat_minor: 5, metadata: {}, cells: [{ id: 'c1', cell_type: 'code', source: `// ${id}`, metadata: {}, outputs: [], execution_count: null }] }) });
    }
    const before = new Map([...storage.backend.notebooks].map(([k, v]) => [k, JSON.stringify(v)]));
    const session = createSession(createNotebookStore(), storage, () => {}, { makeRunner: fakeRunner });

    const stats = { cases: 0, opened: 0, repaired: 0, refused: {} as Record<string, number>, maxMs: 0, maxCpuMs: 0, maxChars: 0 };
    const t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(fileCase, async ({ base, ops, text: t }) => {
        const value = structuredClone(base) as unknown;
        for (const o of ops) mutate(value, o);
        const text = render(value, t);
        stats.cases++;
        stats.maxChars = Math.max(stats.maxChars, text.length);

        // CPU time is the bound (the machine is shared: wall time also counts other processes' turns).
        const start = performance.now();
        const cpu0 = process.cpuUsage();
        let parsed: ReturnType<typeof parseIpynb> | null = null;
        try {
          parsed = parseIpynb(text);
        } catch (e) {
          if (!(e instanceof NotebookFormatError)) throw new Error(`untyped ${(e as Error)?.name}: ${(e as Error)?.message} for ${text.slice(0, 200)}`);
          expect(e.message.length).toBeGreaterThan(10);
          expect(e.message.length).toBeLessThan(600);
          expect(e.message).not.toMatch(/\[object |^undefined|undefined$/);
          stats.refused[e.kind] = (stats.refused[e.kind] ?? 0) + 1;
        }
        // Through the app's import path: a new local notebook or a message, never a replaced one.
        const opened = await session.openFileText(text, 'fuzz.ipynb');
        const ms = performance.now() - start;
        const cpu = process.cpuUsage(cpu0);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        if (PATH) console.log(`replayed case: ${text.length} chars, ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, ${parsed ? 'opened' : 'refused'}`);
        stats.maxMs = Math.max(stats.maxMs, ms);
        stats.maxCpuMs = Math.max(stats.maxCpuMs, cpuMs);
        expect(cpuMs).toBeLessThan(1000);
        expect(opened !== null).toBe(parsed !== null);
        for (const [id, json] of before) expect(JSON.stringify(storage.backend.notebooks.get(id))).toBe(json);
        expect(storage.backend.notebooks.size).toBe(before.size + (opened ? 1 : 0));
        if (!parsed) {
          expect(session.state.getState().fileError).toMatch(/^fuzz\.ipynb could not be opened: .{10,}\.$/s);
          session.dismissFileError();
          return;
        }
        stats.opened++;
        if (parsed.warnings.length) stats.repaired++;
        const ids = parsed.doc.cells.map((c) => c.id);
        expect(ids.every(isValidCellId)).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        const written = writeIpynb(parsed.doc);
        expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
        structuredClone(written);
        const again = parseIpynb(stringifyIpynb(parsed.doc));
        expect(again.warnings).toEqual([]);
        expect(again.doc.cells.map((c) => [c.id, c.cell_type, c.source])).toEqual(parsed.doc.cells.map((c) => [c.id, c.cell_type, c.source]));
        storage.backend.notebooks.delete(opened!);
      }),
      { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true },
    );
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `import fuzz: ${stats.cases} cases in ${secs.toFixed(1)} s: ${stats.opened} opened (${stats.repaired} with repairs), refused ${JSON.stringify(stats.refused)}; slowest case ${stats.maxCpuMs.toFixed(0)} ms CPU (${stats.maxMs.toFixed(0)} ms wall); largest file ${(stats.maxChars / 1e6).toFixed(1)} M chars`,
    );
    if (PATH) return;
    expect(stats.cases).toBe(RUNS);
    expect(stats.opened).toBeGreaterThan(RUNS / 10);
    expect(Object.keys(stats.refused).sort()).toEqual(expect.arrayContaining(['depth', 'format', 'json']));
  }, 60_000 + RUNS * 20);
});
