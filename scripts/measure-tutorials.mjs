// `npm run measure:tutorials`: runs every tutorial in notebooks/ through the built app in headless
// Chromium (`torchlit test`, CPU, one at a time) and writes what Run all took into each notebook's
// `metadata.torchlit.tutorial.measured` ({ seconds, on, date }), which the gallery shows instead of
// the author's estimate. The seconds are the cells' own run times summed (what a learner waits for
// after pressing Run all); `on` names the machine, its load and the browser, so the figure is honest.
// Only the metadata changes; a notebook that fails is reported and left alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dir = join(repo, 'notebooks');
const junit = join(mkdtempSync(join(tmpdir(), 'tl-measure-')), 'report.xml');
const load0 = loadavg()[0];
const r = spawnSync(process.execPath, [join(repo, 'scripts/cli.mjs'), 'test', dir, '--workers', '1', '--junit', junit], { stdio: 'inherit' });
const load1 = loadavg()[0];
const xml = readFileSync(junit, 'utf8');

/** Per notebook file: the summed time of its code cells, and whether all passed. */
const suites = [...xml.matchAll(/<testsuite name="([^"]+)"[^>]*failures="(\d+)" errors="(\d+)"[^>]*>([\s\S]*?)<\/testsuite>/g)].map((m) => ({
  file: m[1],
  ok: m[2] === '0' && m[3] === '0',
  seconds: [...m[4].matchAll(/<testcase [^>]*time="([\d.]+)"/g)].reduce((a, t) => a + Number(t[1]), 0),
}));

let chromium = 'Chromium';
try {
  chromium = execFileSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
} catch {
  // the name alone
}
const cpu = cpus();
const on = `${cpu.length}-core ${cpu[0]?.model.replace(/\s+\d+-Core Processor$/, '').trim() ?? 'CPU'}, load ${Math.max(load0, load1).toFixed(1)}, ${chromium}, CPU backend`;
const date = new Date().toISOString().slice(0, 10);

for (const s of suites) {
  const path = s.file.startsWith('/') ? s.file : join(dir, s.file.replace(/^notebooks\//, ''));
  if (!s.ok) {
    console.log(`✗ ${s.file}: not all cells passed; its measured time is left as it was`);
    continue;
  }
  const text = readFileSync(path, 'utf8');
  const nb = JSON.parse(text);
  const tutorial = nb.metadata?.torchlit?.tutorial;
  if (!tutorial) continue;
  tutorial.measured = { seconds: Math.round(s.seconds * 10) / 10, on, date };
  // keep the file's own layout (one-space indent as nbformat writes it) and final newline
  const indent = /^\{\n( +)"/.exec(text)?.[1] ?? ' ';
  writeFileSync(path, JSON.stringify(nb, null, indent) + (text.endsWith('\n') ? '\n' : ''));
  console.log(`${s.file}: Run all took ${tutorial.measured.seconds} s (${on})`);
}
process.exit(r.status ?? 1);
