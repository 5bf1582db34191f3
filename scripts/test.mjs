// `npm test`: set up, then lint, type-check, unit tests (Node and Chromium) and end-to-end tests.
// Lint and the type check are single-threaded and independent: they run side by side. The rest run
// one after another (each uses both cores). At the end: each step's time, and the slowest e2e tests.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { ensureChromium, ensureDependencies } from './setup.mjs';

const startedAt = Date.now();
ensureDependencies();
const chromium = ensureChromium();
if (chromium) process.env.CHROMIUM_PATH = chromium;

/** Steps in order; steps sharing a group number run at the same time. */
const steps = [
  { name: 'lint', group: 0, cmd: 'npx', args: ['eslint', '.'] },
  { name: 'types', group: 0, cmd: 'npx', args: ['tsc', '--noEmit', '-p', '.'] },
  { name: 'unit (node)', group: 1, cmd: 'npx', args: ['vitest', 'run', '--project', 'node'] },
  { name: 'unit (chromium)', group: 2, cmd: 'npx', args: ['vitest', 'run', '--project', 'browser'] },
  { name: 'e2e', group: 3, cmd: 'npx', args: ['playwright', 'test'] },
];
const only = process.argv.slice(2);
const chosen = steps.filter((s) => !only.length || only.some((o) => s.name.startsWith(o)));

/** What a failure looks like in vitest's, Playwright's and eslint/tsc's output (colours stripped). */
const FAILURE_LINE = /(\bFAIL\b|✗|×|\berror\b|\d+\) \[|^\s+\d+:\d+\s+error)/i;
const stripAnsi = (t) => t.replace(/\x1b\[[0-9;]*m/g, '');

function run(step, alone) {
  console.log(`\n=== ${step.name}: ${step.cmd} ${step.args.join(' ')}`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    // The output is kept (and shown as it comes when the step runs alone; a step running beside
    // another gets its output buffered, so the two logs do not interleave): a failed step's failing
    // lines are repeated at the very end, where a CI log that keeps only its tail still shows them.
    const child = spawn(step.cmd, step.args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const out = [];
    const take = (stream) => (d) => {
      out.push(d);
      if (alone) stream.write(d);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('close', (code) => {
      const s = (Date.now() - t0) / 1000;
      const text = Buffer.concat(out).toString();
      if (!alone) process.stdout.write(`\n--- output of ${step.name}:\n${text}`);
      console.log(`=== ${step.name}: ${code === 0 ? 'ok' : 'FAILED'} in ${s.toFixed(1)} s`);
      const failures = code === 0 ? [] : [...new Set(stripAnsi(text).split('\n').filter((l) => FAILURE_LINE.test(l) && !l.includes('✓')).map((l) => l.trim().slice(0, 240)))].slice(0, 30);
      resolve({ name: step.name, ok: code === 0, s, failures });
    });
  });
}

const fmt = (s) => `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;

/** The slowest e2e tests and spec files of the last run (Playwright's JSON report). */
function slowestE2e() {
  const file = 'test-results/e2e-report.json';
  if (!existsSync(file)) return;
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return;
  }
  const tests = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const ms = (t.results ?? []).reduce((a, r) => a + (r.duration ?? 0), 0);
        tests.push({ file: spec.file ?? path, title: spec.title, s: ms / 1000 });
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.file ?? path);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  if (!tests.length) return;
  const byFile = new Map();
  for (const t of tests) byFile.set(t.file, (byFile.get(t.file) ?? 0) + t.s);
  console.log('\nslowest e2e tests (worker time, retries included):');
  for (const t of [...tests].sort((a, b) => b.s - a.s).slice(0, 10)) console.log(`  ${fmt(t.s).padStart(6)}  ${t.file} › ${t.title.slice(0, 90)}`);
  console.log('e2e worker time by spec file:');
  for (const [f, s] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${fmt(s).padStart(6)}  ${f}`);
}

const results = [];
const groups = [...new Set(chosen.map((s) => s.group))];
for (const g of groups) {
  const inGroup = chosen.filter((s) => s.group === g);
  results.push(...(await Promise.all(inGroup.map((s) => run(s, inGroup.length === 1)))));
}
if (chosen.some((s) => s.name === 'e2e')) slowestE2e();
const failed = results.filter((r) => !r.ok).length;
// Each step's time again at the end, where a reader of a long CI log looks first.
console.log('\nstep              result  time');
for (const r of results) console.log(`${r.name.padEnd(17)} ${r.ok ? 'ok    ' : 'FAILED'}  ${fmt(r.s)}`);
console.log(`${'total'.padEnd(17)}         ${fmt((Date.now() - startedAt) / 1000)}`);
for (const r of results.filter((x) => !x.ok)) {
  console.log(`\n${r.name} failed; its failing lines:`);
  for (const l of r.failures.length ? r.failures : ['(none recognised: see the step\'s output above)']) console.log(`  ${l}`);
}
console.log(`\nsteps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
