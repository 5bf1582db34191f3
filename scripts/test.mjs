// `npm test`: set up, then lint, type-check, unit tests (Node and Chromium) and end-to-end tests.
import { spawnSync } from 'node:child_process';
import { ensureChromium, ensureDependencies } from './setup.mjs';

ensureDependencies();
const chromium = ensureChromium();
if (chromium) process.env.CHROMIUM_PATH = chromium;

const steps = [
  ['lint', 'npx', ['eslint', '.']],
  ['types', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['unit (node)', 'npx', ['vitest', 'run', '--project', 'node']],
  ['unit (chromium)', 'npx', ['vitest', 'run', '--project', 'browser']],
  ['e2e', 'npx', ['playwright', 'test']],
];
const only = process.argv.slice(2);
let failed = 0;
const times = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (!ok) failed++;
  times.push([name, ok, (Date.now() - t0) / 1000]);
}
const ran = only.length ? steps.filter(([n]) => only.some((o) => n.startsWith(o))).length : steps.length;
// Each step's time again at the end, where a reader of a long CI log looks first.
console.log('\nstep              result  time');
for (const [name, ok, s] of times) console.log(`${name.padEnd(17)} ${ok ? 'ok    ' : 'FAILED'}  ${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`);
const total = times.reduce((a, [, , s]) => a + s, 0);
console.log(`${'total'.padEnd(17)}         ${Math.floor(total / 60)}m${String(Math.round(total % 60)).padStart(2, '0')}s`);
console.log(`\nsteps: ${ran - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
