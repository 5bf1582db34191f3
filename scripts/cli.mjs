#!/usr/bin/env node
// The `torchlit` command (package.json "bin"): one small entry that dispatches to the scripts.
//   torchlit start [folder]      serve the app; the folder's notebooks on the start page
//   torchlit test [paths…]       run notebooks in headless Chromium through the app, check expectations
//   torchlit export <nb.ipynb>   a Torchlit notebook as a PyTorch notebook or script
// Plain Node (no build step): it works the same in a checkout and in an installed package.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

const HELP = `torchlit: a Jupyter-style notebook in the browser with a PyTorch-shaped engine

usage:
  torchlit start [folder] [--port N]   serve the app (default port 5173); with a folder, its notebooks
                                       are listed on the start page as read-only originals
  torchlit test [files|folders…]       test notebooks in headless Chromium through the real app
                                       (torchlit test --help for its options)
  torchlit export <nb.ipynb>… [-o out] [--format ipynb|py]
                                       a Torchlit notebook as a runnable PyTorch notebook or script
  torchlit --help | --version`;

async function start(args) {
  const { collectNotebooks } = await import('./notebook-test/collect.mjs');
  let port = Number(process.env.PORT ?? 5173);
  const i = args.indexOf('--port');
  if (i >= 0) {
    const given = args.splice(i, 2)[1] ?? '';
    port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65534) return fail(`--port needs a port number, got "${given}"`, 2);
  }
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) return fail(`usage: torchlit start [folder] [--port N] (got ${args.join(' ')})`);
  let notebooks = [];
  if (args[0]) {
    const folder = resolve(args[0]);
    notebooks = collectNotebooks([folder], folder);
    if (!notebooks.length) console.warn(`[start] no .ipynb notebooks in ${args[0]}: the start page lists none`);
  }
  const { startApp } = await import('./start.mjs');
  await startApp({ port, notebooks });
}

async function test(args) {
  const { parseTestArgs, TEST_USAGE, UsageError } = await import('./notebook-test/args.mjs');
  let opts;
  try {
    opts = parseTestArgs(args);
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message}\n\n${TEST_USAGE}`, 2);
    throw e;
  }
  if (opts.help) return console.log(TEST_USAGE);
  const { collectNotebooks } = await import('./notebook-test/collect.mjs');
  const { formatNotebook, junitXml, passed, summary } = await import('./notebook-test/report.mjs');
  const { runNotebooks } = await import('./notebook-test/run.mjs');
  let notebooks;
  try {
    notebooks = collectNotebooks(opts.paths);
  } catch (e) {
    return fail(e.message, 2);
  }
  if (!notebooks.length) return fail(`no notebooks (.ipynb) in ${opts.paths.join(', ')}`, 2);
  const t0 = Date.now();
  console.log(`torchlit test: ${notebooks.length} notebook${notebooks.length === 1 ? '' : 's'} on ${opts.device}, ${Math.min(opts.workers, notebooks.length)} at a time`);
  const results = await runNotebooks(notebooks, opts, { onResult: (r) => console.log(formatNotebook(r).join('\n')) });
  const ms = Date.now() - t0;
  if (opts.junit) writeFileSync(opts.junit, junitXml(results, ms));
  console.log(`\n${summary(results, ms)}`);
  process.exitCode = results.every(passed) ? 0 : 1;
}

function exportCmd(args) {
  // the checkout runs the TypeScript with tsx; an installed package runs its prebuilt bundle (prepack)
  const ts = join(here, 'export-pytorch.ts');
  const bundled = join(here, 'notebook-test', 'export-pytorch.generated.mjs');
  const [cmd, cmdArgs] = existsSync(ts) && existsSync(join(here, '..', 'node_modules', '.bin', 'tsx')) ? [join(here, '..', 'node_modules', '.bin', 'tsx'), [ts, ...args]] : [process.execPath, [bundled, ...args]];
  if (cmd === process.execPath && !existsSync(bundled)) return fail('torchlit export: neither the sources with tsx nor the prebuilt bundle are here');
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}

function fail(message, code = 1) {
  console.error(message);
  process.exitCode = code;
}

const [cmd, ...rest] = process.argv.slice(2);
try {
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') console.log(HELP);
  else if (cmd === '--version' || cmd === '-v') console.log((await import('./setup.mjs')).packageVersion());
  else if (cmd === 'start') await start(rest);
  else if (cmd === 'test') await test(rest);
  else if (cmd === 'export') exportCmd(rest);
  else fail(`torchlit: unknown command "${cmd}"\n\n${HELP}`, 2);
} catch (e) {
  console.error(`torchlit ${cmd}: ${e.message}`);
  process.exitCode = 1;
}
