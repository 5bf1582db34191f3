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
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (!ok) failed++;
}
const ran = only.length ? steps.filter(([n]) => only.some((o) => n.startsWith(o))).length : steps.length;
console.log(`\nsteps: ${ran - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
