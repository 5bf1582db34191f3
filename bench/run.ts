// `npm run bench [-- --quick] [-- --only mm1024,mlp] [-- --cpu-time] [-- --no-torch] [-- --browser] [-- --relaxed-simd]`: our
// CPU backend next to TF.js (cpu, wasm) and PyTorch, in one process, on the same inputs; prints a markdown table and
// writes the figures to bench/results/<date>-node.json.
import './relaxed-flag'; // first: a V8 flag must be set before the engine loads
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeInputs, type Inputs } from './inputs';
import { writeInputs } from './inputs-files';
import { markdownTable, type Cell, type Results } from './table';
import { runPeer, warmUpTogether, type Clock } from './runner';
import { SEED_EPOCHS, SEED_LR, SGD_LR, toUnit, WORKLOADS, type Workload, type WorkloadId } from './workloads';

const here = dirname(fileURLToPath(import.meta.url));
const log = (s: string) => void process.stderr.write(s);
const PYTHON = '/usr/bin/python3';

function parseFlags(argv: string[]) {
  const only = argv.find((a) => a.startsWith('--only'));
  const onlyList = only ? (only.includes('=') ? only.split('=')[1] : argv[argv.indexOf(only) + 1]).split(',') : null;
  const clock: 'wall' | 'cpu' = argv.includes('--cpu-time') ? 'cpu' : 'wall';
  return { quick: argv.includes('--quick'), browser: argv.includes('--browser'), noTorch: argv.includes('--no-torch'), only: onlyList, clock };
}

/** PyTorch in a child process, same inputs (files) and timing plan; "n/a" when there is no torch. */
function runTorch(workloads: Workload[], inputs: Inputs, results: Results, clock: Clock, other: Results): string | null {
  const name = 'PyTorch';
  const row: Partial<Record<WorkloadId, Cell>> = (results[name] = {});
  const otherRow: Partial<Record<WorkloadId, Cell>> = (other[name] = {});
  const na = (why: string) => workloads.forEach((w) => (row[w.id] = otherRow[w.id] = { missing: `n/a (${why})` }));
  if (!existsSync(PYTHON)) return na(`no ${PYTHON}`), null;
  const dir = mkdtempSync(join(tmpdir(), 'torchlit-bench-'));
  try {
    writeInputs(inputs, dir);
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify({ constants: { SEED_EPOCHS, SEED_LR, SGD_LR }, workloads: workloads.map((w) => ({ id: w.id, timing: w.timing })) }));
    process.stderr.write(`  PyTorch: ${workloads.map((w) => w.id).join(', ')} …\n`);
    const r = spawnSync(PYTHON, [join(here, 'peers/torch_bench.py'), dir, plan], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      const why = /No module named '?torch/.test(r.stderr) ? 'no torch' : `python failed: ${r.stderr.trim().split('\n').pop()?.slice(0, 60)}`;
      return na(why), null;
    }
    const out = JSON.parse(r.stdout) as { torch: string; threads: number; results: Record<string, { wall: number; cpu: number } | { missing: string }> };
    for (const w of workloads) {
      const v = out.results[w.id];
      if (v && 'wall' in v) {
        row[w.id] = { value: toUnit(w, clock === 'wall' ? v.wall : v.cpu) };
        otherRow[w.id] = { value: toUnit(w, clock === 'wall' ? v.cpu : v.wall) };
      } else row[w.id] = otherRow[w.id] = { missing: v?.missing ?? 'n/a' };
    }
    return `PyTorch ${out.torch} (${out.threads} thread${out.threads > 1 ? 's' : ''})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.browser) {
    const { runBrowser } = await import('./browser');
    return runBrowser(flags);
  }
  const workloads = WORKLOADS.filter((w) => (flags.only ? flags.only.includes(w.id) : !flags.quick || w.quick));
  const inputs = makeInputs();
  const results: Results = {};
  const otherClock: Results = {};
  const t0 = performance.now();
  const loadStart = loadavg()[0];

  const { oursPeers } = await import('./peers/ours-variants');
  const { tfjsPeer } = await import('./peers/tfjs');
  const ours = await oursPeers();
  await warmUpTogether(ours, workloads, inputs, log);
  for (const p of ours) await runPeer(p, workloads, inputs, results, flags.clock, otherClock, log);
  const wasmPaths = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), '/');
  for (const backend of ['cpu', 'wasm'] as const) await runPeer(tfjsPeer(backend, { wasmPaths }), workloads, inputs, results, flags.clock, otherClock, log);
  let torchInfo: string | null = null;
  if (flags.noTorch) results.PyTorch = otherClock.PyTorch = Object.fromEntries(workloads.map((w) => [w.id, { missing: 'n/a (--no-torch)' }]));
  else torchInfo = runTorch(workloads, inputs, results, flags.clock, otherClock);

  const peers = [...ours.map((p) => p.name), 'TF.js cpu', 'TF.js wasm', 'PyTorch'];
  const machine = `${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}${torchInfo ? `, ${torchInfo}` : ''}`;
  const load = `load average ${loadStart.toFixed(1)} at the start, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`;
  const clockNote = flags.clock === 'wall' ? 'wall-clock medians' : 'process CPU-time medians (--cpu-time: all threads of each process; steadier than wall time on a busy machine)';
  const table = markdownTable(results, ours[0].name, peers, workloads.map((w) => w.id));
  console.log(`\n${machine}; ${load}\n${clockNote}\n\n${table}\n\n(speed ratio: how many times faster ${ours[0].name} is; total ${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  let monitor: { plain: number; monitored: number; overhead: number; us_per_epoch?: number; share?: number } | null = null;
  if (!flags.only || flags.only.includes('seed_nn' as never)) {
    const { monitorOverhead, monitorCostPerEpoch } = await import('./monitor-overhead');
    monitor = monitorOverhead(flags.clock === 'wall' ? 'wall' : 'cpu', flags.quick ? 3 : 5);
    const us = monitorCostPerEpoch(5000, 5, flags.clock);
    const share = (us * 1e-6 * SEED_EPOCHS) / monitor.plain;
    console.log(`\ntraining monitor on the seed loop: ${monitor.plain.toFixed(3)} s plain, ${monitor.monitored.toFixed(3)} s with monitor(model) (A/B, noisy: ${(monitor.overhead * 100).toFixed(1)}%); monitor.epoch() alone ${us.toFixed(2)} µs/epoch = ${(share * 100).toFixed(1)}% of the loop (target ≤ 10%)`);
    Object.assign(monitor, { us_per_epoch: us, share });
  }

  let cells: unknown = null;
  if (!flags.only || flags.only.includes('cells' as never)) {
    const { cellOverhead, formatCellRows } = await import('./cell-overhead');
    const rows = await cellOverhead(flags.clock === 'wall' ? 'wall' : 'cpu', flags.quick ? 3 : 7);
    console.log(`\ncell rewrites, A/B with an isolate per variant (targets: interrupt checks ≤ 3%, tensor indexing ≤ 10%):\n${formatCellRows(rows)}`);
    cells = rows;
  }

  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const only = flags.only ? `-only-${flags.only.join('-')}` : '';
  const file = join(resultsDir, `${new Date().toISOString().slice(0, 10)}-node${flags.quick ? '-quick' : ''}${only}${flags.clock === 'cpu' ? '-cputime' : ''}.json`);
  const other = flags.clock === 'wall' ? 'cpu' : 'wall';
  const json = { date: new Date().toISOString(), machine, load, clock: flags.clock, units: Object.fromEntries(workloads.map((w) => [w.id, w.unit])), results, [`results_${other}`]: otherClock, table, monitor, cells };
  writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  console.log(`wrote ${file}`);
}

await main();
