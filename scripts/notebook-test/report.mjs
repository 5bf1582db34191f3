// `torchlit test`'s report: per notebook, per code cell (✓/✗, what differed, time), a summary line
// and JUnit XML for CI systems.
//
// A notebook result: { file, ms, error: string|null (it could not run, or was stopped at the
// timeout), updated: boolean, cells: [{ index, label, ms, ok, status, problems: string[],
// diffs: string[], note: string|null, output?: string[] (the first lines a failed cell printed) }] }. It passes when it has no error and every cell is ok.

export const passed = (nb) => !nb.error && nb.cells.every((c) => c.ok);

export const seconds = (ms) => (ms == null ? '' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** The report of one notebook, as lines of text. */
export function formatNotebook(nb) {
  const ok = passed(nb);
  const bad = nb.cells.filter((c) => !c.ok).length;
  const head = `${ok ? '✓' : '✗'} ${nb.file}  ${nb.cells.length - bad}/${nb.cells.length} cells as expected  ${seconds(nb.ms)}${nb.updated ? '  (outputs updated)' : ''}`;
  const lines = [head];
  if (nb.error) lines.push(`    ✗ ${nb.error}`);
  for (const c of nb.cells) {
    lines.push(`    ${c.ok ? '✓' : '✗'} cell ${c.index + 1}${c.label ? ` · ${c.label}` : ''}  ${c.ok ? seconds(c.ms) : `${c.status}${c.ms != null ? ` · ${seconds(c.ms)}` : ''}`}${c.note ? `  (${c.note})` : ''}`);
    for (const p of c.problems) lines.push(`        ${p}`);
    if (c.output?.length) lines.push(`        its output: ${c.output.join('\n                    ')}`);
    for (const d of c.diffs) lines.push(`        ${d}`);
  }
  return lines;
}

/** "2 notebooks: 1 passed, 1 failed · 23 cells: 22 passed, 1 failed · 41.2 s" */
export function summary(results, ms) {
  const nbBad = results.filter((r) => !passed(r)).length;
  const cells = results.flatMap((r) => r.cells);
  const cellBad = cells.filter((c) => !c.ok).length;
  const n = (k, w) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${n(results.length, 'notebook')}: ${results.length - nbBad} passed, ${nbBad} failed · ${n(cells.length, 'cell')}: ${cells.length - cellBad} passed, ${cellBad} failed · ${seconds(ms)}`;
}

const xml = (s) => String(s).replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
const secs = (ms) => ((ms ?? 0) / 1000).toFixed(3);

/** JUnit XML: a testsuite per notebook, a testcase per code cell (and one for a notebook that could not run or timed out). */
export function junitXml(results, ms) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = results.reduce((k, r) => k + r.cells.filter((c) => !c.ok).length, 0);
  const errors = results.filter((r) => r.error).length;
  const tests = results.reduce((k, r) => k + r.cells.length + (r.error ? 1 : 0), 0);
  out.push(`<testsuites name="torchlit test" tests="${tests}" failures="${failures}" errors="${errors}" time="${secs(ms)}">`);
  for (const r of results) {
    const bad = r.cells.filter((c) => !c.ok).length;
    out.push(`  <testsuite name="${xml(r.file)}" tests="${r.cells.length + (r.error ? 1 : 0)}" failures="${bad}" errors="${r.error ? 1 : 0}" time="${secs(r.ms)}">`);
    if (r.error) out.push(`    <testcase classname="${xml(r.file)}" name="notebook" time="${secs(r.ms)}">`, `      <error message="${xml(r.error)}"/>`, '    </testcase>');
    for (const c of r.cells) {
      const name = `cell ${c.index + 1}${c.label ? ` · ${c.label}` : ''}`;
      if (c.ok) {
        out.push(`    <testcase classname="${xml(r.file)}" name="${xml(name)}" time="${secs(c.ms)}"/>`);
        continue;
      }
      const detail = [...c.problems, ...c.diffs].join('\n');
      out.push(`    <testcase classname="${xml(r.file)}" name="${xml(name)}" time="${secs(c.ms)}">`);
      out.push(`      <failure message="${xml(c.problems[0] ?? c.diffs[0] ?? c.status)}">${xml(detail)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
