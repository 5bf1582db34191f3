// Runs notebooks' code cells in Node through the real kernel runtime and engine, and checks each
// cell's `metadata.torchlit.expect`: `npx tsx scripts/run-notebook.ts notebooks/*.ipynb`.
// The browser runs (e2e/tutorials.spec.ts) are the real test; this is the fast loop for authors.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { KernelRuntime } from '../app/kernel/runtime';
import { cellExpect, checkExpect } from '../app/notebook/expect';
import type { Cell, Output } from '../app/notebook/types';
import type { FromKernel } from '../app/protocol/messages';
import * as engine from '../engine/index';

export interface CellReport {
  index: number;
  ms: number;
  status: string;
  failures: string[];
  output: string;
}

export async function runNotebook(path: string, opts: { verbose?: boolean } = {}): Promise<CellReport[]> {
  const nb = JSON.parse(readFileSync(path, 'utf8'));
  const msgs: FromKernel[] = [];
  const rt = new KernelRuntime({ engine, post: (m) => msgs.push(m) });
  const reports: CellReport[] = [];
  let n = 0;
  for (const [index, cell] of (nb.cells as { cell_type: string; source: string | string[]; metadata: Record<string, unknown> }[]).entries()) {
    if (cell.cell_type !== 'code') continue;
    const code = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    const id = `r${++n}`;
    const from = msgs.length;
    const t0 = performance.now();
    rt.handle({ type: 'execute', id, cellId: `c${index}`, code, executionCount: n });
    await new Promise<void>((resolve) => {
      const poll = () => (msgs.slice(from).some((m) => m.type === 'execute_reply' && m.id === id) ? resolve() : setTimeout(poll, 5));
      poll();
    });
    await new Promise((r) => setTimeout(r, 300)); // let throttled views flush
    const mine = msgs.slice(from).filter((m) => 'cellId' in m && m.cellId === `c${index}`);
    const outputs: Output[] = [];
    for (const m of mine) {
      if (m.type === 'stream') outputs.push({ output_type: 'stream', name: m.name, text: m.text });
      else if (m.type === 'display') outputs.push({ output_type: 'display_data', data: m.data, metadata: m.metadata, display_id: m.display_id });
      else if (m.type === 'update_display') {
        const o = outputs.find((x) => x.output_type === 'display_data' && x.display_id === m.display_id);
        if (o && o.output_type === 'display_data') o.data = m.data;
      } else if (m.type === 'execute_result') outputs.push({ output_type: 'execute_result', execution_count: m.executionCount, data: m.data, metadata: m.metadata });
      else if (m.type === 'error') outputs.push({ output_type: 'error', ename: m.ename, evalue: m.evalue, traceback: m.traceback });
    }
    const reply = mine.find((m) => m.type === 'execute_reply') as Extract<FromKernel, { type: 'execute_reply' }>;
    const expect = cellExpect(cell as unknown as Cell);
    const status = reply.status === 'ok' ? 'done' : reply.status === 'error' ? 'error' : 'interrupted';
    const failures = expect ? checkExpect(expect, outputs, status).problems : reply.status === 'ok' ? [] : ['the cell failed'];
    const text = outputs.map((o) => (o.output_type === 'stream' ? o.text : o.output_type === 'error' ? `${o.ename}: ${o.evalue}\n${o.traceback.join('\n')}` : String(o.data['text/plain'] ?? ''))).join('\n');
    reports.push({ index, ms: performance.now() - t0, status: reply.status, failures, output: text });
    if (opts.verbose) console.log(`--- cell ${index} [${reply.status}] ${(performance.now() - t0).toFixed(0)} ms${failures.length ? ' FAILED: ' + failures.join('; ') : ''}\n${text.slice(0, 1500)}`);
  }
  rt.dispose();
  return reports;
}

if (process.argv[1] && process.argv[1].endsWith('run-notebook.ts')) {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const verbose = process.argv.includes('-v');
  let bad = 0;
  for (const f of files) {
    const t0 = performance.now();
    const reps = await runNotebook(f, { verbose });
    const failed = reps.filter((r) => r.failures.length);
    bad += failed.length;
    console.log(`${basename(f)}: ${reps.length - failed.length}/${reps.length} code cells as expected in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const r of failed) console.log(`  cell ${r.index}: ${r.failures.join('; ')}\n    ${r.output.slice(0, 600).replace(/\n/g, '\n    ')}`);
  }
  process.exit(bad ? 1 : 0);
}
