// `torchlit test`'s pure parts: arguments, which notebooks, output comparison, judging a cell
// from what the app showed, the report, JUnit XML and writing outputs back.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types (the CLI runs without a build step)
import { parseDuration, parseTestArgs, UsageError } from './args.mjs';
// @ts-expect-error plain ESM without types
import { collectNotebooks } from './collect.mjs';
// @ts-expect-error plain ESM without types
import { close, compareText, storedText } from './compare.mjs';
import { parseDuration as statusMs } from './page.mjs';
// @ts-expect-error plain ESM without types
import { formatNotebook, junitXml, summary } from './report.mjs';
// @ts-expect-error plain ESM without types
import { judgeCell, writeOutputs } from './run.mjs';

const tol = { rtol: 1e-5, atol: 1e-8, sanitize: [] as RegExp[] };

describe('arguments', () => {
  it('defaults: cpu, one worker per core, 10 minutes, torch.allclose tolerances, the current folder', () => {
    const o = parseTestArgs([]);
    expect(o).toMatchObject({ paths: ['.'], device: 'cpu', compare: false, update: false, rtol: 1e-5, atol: 1e-8, timeoutMs: 600_000, junit: null });
    expect(o.workers).toBeGreaterThanOrEqual(1);
  });
  it('reads every flag, --sanitize repeatable', () => {
    const o = parseTestArgs(['a.ipynb', 'lessons/', '--device', 'webgpu', '--compare-outputs', '--rtol', '0.01', '--atol=0.5', '--sanitize', '\\d+ ms', '--sanitize', 'at 0x[0-9a-f]+', '--update', '--workers', '3', '--timeout', '90s', '--junit', 'r.xml']);
    expect(o).toMatchObject({ paths: ['a.ipynb', 'lessons/'], device: 'webgpu', compare: true, rtol: 0.01, atol: 0.5, update: true, workers: 3, timeoutMs: 90_000, junit: 'r.xml' });
    expect(o.sanitize.map((r: RegExp) => r.source)).toEqual(['\\d+ ms', 'at 0x[0-9a-f]+']);
  });
  it('durations: seconds by default, ms, s, m', () => {
    expect([parseDuration('600'), parseDuration('1500ms'), parseDuration('2m'), parseDuration('1.5s'), parseDuration('soon')]).toEqual([600_000, 1500, 120_000, 1500, NaN]);
  });
  it.each([
    [['--device', 'tpu'], /--device must be cpu or webgpu/],
    [['--workers', '0'], /--workers needs a whole number/],
    [['--timeout', 'forever'], /--timeout needs a duration/],
    [['--rtol', 'x'], /--rtol needs a number/],
    [['--sanitize', '('], /invalid regular expression/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseTestArgs(argv)).toThrow(UsageError);
    expect(() => parseTestArgs(argv)).toThrow(message);
  });
});

describe('collecting notebooks', () => {
  it('finds .ipynb files under folders, not checkpoints or node_modules, and names them uniquely', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-collect-'));
    for (const d of ['a', 'a/.ipynb_checkpoints', 'node_modules/x', 'b']) mkdirSync(join(dir, d), { recursive: true });
    for (const f of ['a/one.ipynb', 'a/.ipynb_checkpoints/one-checkpoint.ipynb', 'node_modules/x/no.ipynb', 'b/two.ipynb', 'b/notes.txt']) writeFileSync(join(dir, f), '{}');
    const got = collectNotebooks(['a', 'b/two.ipynb', 'b'], dir);
    expect(got.map((n: { shown: string; name: string }) => [n.shown, n.name])).toEqual([['a/one.ipynb', 'a/one'], ['b/two.ipynb', 'b/two']]);
    expect(() => collectNotebooks(['missing'], dir)).toThrow('no such file or folder: missing');
    expect(() => collectNotebooks(['b/notes.txt'], dir)).toThrow('not a notebook');
  });
});

describe('comparing outputs', () => {
  it('text of stored outputs: streams, text/plain, errors; arrays of lines joined', () => {
    const outputs = [
      { output_type: 'stream', name: 'stdout', text: ['a\n', 'b\n'] },
      { output_type: 'execute_result', data: { 'text/plain': 'tensor([1., 2.])', 'image/png': 'xx' } },
      { output_type: 'display_data', data: { 'image/png': 'xx' } },
      { output_type: 'error', ename: 'RuntimeError', evalue: 'boom', traceback: [] },
    ];
    expect(storedText(outputs)).toBe('a\nb\n\ntensor([1., 2.])\nRuntimeError: boom');
  });
  it('numbers within rtol/atol as torch.allclose (|new − stored| ≤ atol + rtol·|stored|)', () => {
    expect(close(1.00001, 1, tol)).toBe(true);
    expect(close(1.0001, 1, tol)).toBe(false);
    expect(close(NaN, NaN, tol)).toBe(true);
    expect(close(Infinity, Infinity, tol)).toBe(true);
    expect(compareText('loss 0.500000 after 3 epochs', 'loss 0.500004 after 3 epochs', tol)).toEqual([]);
    expect(compareText('loss 0.5', 'loss 0.6', tol)).toEqual(['- loss 0.5', '+ loss 0.6']);
    expect(compareText('loss 0.5', 'loss 0.6', { ...tol, atol: 0.2 })).toEqual([]);
    expect(compareText('tensor([1., 2.])', 'tensor([1., 2., 3.])', tol)).toEqual(['- tensor([1., 2.])', '+ tensor([1., 2., 3.])']);
  });
  it('the text around the numbers must be the same; extra or missing lines differ', () => {
    expect(compareText('acc 0.9', 'loss 0.9', tol)).toHaveLength(2);
    expect(compareText('a\nb', 'a', tol)).toEqual(['- b']);
    expect(compareText('a', 'a\nc\n', tol)).toEqual(['+ c']);
  });
  it('--sanitize patterns are ignored on both sides', () => {
    const s = { ...tol, sanitize: [/\d+(\.\d+)? ms/g] };
    expect(compareText('step took 12 ms\nok', 'step took 340.5 ms\nok', s)).toEqual([]);
    expect(compareText('step took 12 ms\nok', 'step took 340.5 ms\nfail', s)).toEqual(['- ok', '+ fail']);
  });
});

describe('judging a cell', () => {
  const code = (metadata: object, outputs: object[] = [], execution_count: number | null = null) => ({ cell_type: 'code', source: ['print(x)\n'], metadata, outputs, execution_count });
  const shown = (o: object) => ({ type: 'code', status: 'done', ran: true, verdict: null, problems: [], ms: 12, ...o });
  const opts = { ...tol, compare: true };

  it("an expectation: the app's verdict decides, with its words", () => {
    const cell = code({ torchlit: { expect: { output_contains: ['6'] } } });
    expect(judgeCell(1, cell, shown({ verdict: 'met' }), null, opts).ok).toBe(true);
    const bad = judgeCell(1, cell, shown({ verdict: 'unmet', problems: ['no "6" in the output'] }), null, opts);
    expect(bad).toMatchObject({ ok: false, problems: ['no "6" in the output'], label: 'print(x)' });
    const fresh = { outputs: [{ output_type: 'stream', name: 'stdout', text: '5\n' }] };
    const withOutput = judgeCell(1, cell, shown({ verdict: 'unmet', problems: ['no "6" in the output'] }), fresh, opts);
    expect(withOutput.output).toEqual(['5']);
    expect(formatNotebook({ file: 'n.ipynb', ms: 1, error: null, updated: false, cells: [withOutput] })).toContain('        its output: 5');
  });
  it('no expectation: it must finish without an error (the error is reported)', () => {
    const fresh = { outputs: [{ output_type: 'error', ename: 'Error', evalue: 'boom', traceback: [] }] };
    expect(judgeCell(0, code({}), shown({ status: 'error' }), fresh, opts)).toMatchObject({ ok: false, problems: ['the cell failed', 'Error: boom'] });
    expect(judgeCell(0, code({}), shown({ ran: false }), null, opts)).toMatchObject({ ok: false, status: 'not run' });
  });
  it('--compare-outputs: stored runs only, opt-out per cell', () => {
    const stored = [{ output_type: 'stream', name: 'stdout', text: '1.0\n' }];
    const fresh = { outputs: [{ output_type: 'stream', name: 'stdout', text: '2.0\n' }] };
    expect(judgeCell(0, code({}, stored, 1), shown({}), fresh, opts)).toMatchObject({ ok: false, diffs: ['- 1.0', '+ 2.0'] });
    expect(judgeCell(0, code({ torchlit: { compare: false } }, stored, 1), shown({}), fresh, opts).ok).toBe(true);
    expect(judgeCell(0, code({}), shown({}), fresh, opts).ok).toBe(true); // never run and saved: nothing to compare
    expect(judgeCell(0, code({}, stored, 1), shown({}), fresh, { ...opts, compare: false }).ok).toBe(true);
  });
});

describe('report', () => {
  const results = [
    { file: 'a.ipynb', ms: 1200, error: null, updated: false, cells: [{ index: 1, label: 'x', ms: 30, ok: true, status: 'done', problems: [], diffs: [], note: null }] },
    {
      file: 'b<&>.ipynb', ms: 600_000, error: 'stopped at the timeout (600.0 s) while cell 3 was running', updated: false,
      cells: [
        { index: 0, label: 'y', ms: 5, ok: false, status: 'done', problems: ['no "4" in the output'], diffs: ['- 4', '+ 3'], note: null },
        { index: 2, label: 'z', ms: null, ok: false, status: 'running', problems: [], diffs: [], note: 'stopped at the timeout' },
      ],
    },
  ];
  it('per notebook and per cell: ✓/✗, what differed, time; a summary line', () => {
    expect(formatNotebook(results[0])).toEqual(['✓ a.ipynb  1/1 cells as expected  1.2 s', '    ✓ cell 2 · x  30 ms']);
    const b = formatNotebook(results[1]);
    expect(b[0]).toMatch(/^✗ b<&>\.ipynb {2}0\/2 cells/);
    expect(b).toContain('    ✗ stopped at the timeout (600.0 s) while cell 3 was running');
    expect(b).toContain('        no "4" in the output');
    expect(b).toContain('        + 3');
    expect(b).toContain('    ✗ cell 3 · z  running  (stopped at the timeout)');
    expect(summary(results, 2500)).toBe('2 notebooks: 1 passed, 1 failed · 3 cells: 1 passed, 2 failed · 2.5 s');
  });
  it('JUnit XML: a suite per notebook, a case per cell, failures and the timeout as an error, escaped', () => {
    const x = junitXml(results, 2500);
    expect(x).toContain('<testsuites name="torchlit test" tests="4" failures="2" errors="1" time="2.500">');
    expect(x).toContain('<testsuite name="b&lt;&amp;&gt;.ipynb" tests="3" failures="2" errors="1" time="600.000">');
    expect(x).toContain('<error message="stopped at the timeout (600.0 s) while cell 3 was running"/>');
    expect(x).toContain('<failure message="no &quot;4&quot; in the output">no &quot;4&quot; in the output\n- 4\n+ 3</failure>');
    expect(x).toContain('<testcase classname="a.ipynb" name="cell 2 · x" time="0.030"/>');
  });
  it("cell times come from the app's status line", () => {
    expect([statusMs('done in 120 ms'), statusMs('error after 1.50 s'), statusMs('queued')]).toEqual([120, 1500, null]);
  });
});

describe('--update', () => {
  it('writes new outputs and counts, keeps sources, metadata and the file’s indentation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-update-'));
    const file = join(dir, 'n.ipynb');
    const nb = { cells: [{ cell_type: 'markdown', source: 'hi', metadata: {} }, { cell_type: 'code', source: 'print(1)', metadata: { torchlit: { compare: false } }, outputs: [], execution_count: null }], metadata: { k: 1 }, nbformat: 4, nbformat_minor: 5 };
    const text = JSON.stringify(nb, null, 2) + '\n';
    writeFileSync(file, text);
    const fresh = { cells: [{ cell_type: 'markdown' }, { cell_type: 'code', outputs: [{ output_type: 'stream', name: 'stdout', text: '1\n' }], execution_count: 1 }] };
    writeOutputs(file, text, fresh);
    const back = readFileSync(file, 'utf8');
    expect(back.startsWith('{\n  "cells"')).toBe(true);
    expect(JSON.parse(back)).toEqual({ ...nb, cells: [nb.cells[0], { ...nb.cells[1], outputs: fresh.cells[1].outputs, execution_count: 1 }] });
  });
});
