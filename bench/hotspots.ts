// Summarises a V8 .cpuprofile: self time per function (name, file:line), the top N.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}
const [file, topArg] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const selfUs = new Map<number, number>();
prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const byFn = new Map<string, number>();
let total = 0;
for (const n of prof.nodes) {
  const us = selfUs.get(n.id) ?? 0;
  total += us;
  const where = n.callFrame.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '');
  const key = `${n.callFrame.functionName || '(anonymous)'}  ${where}:${n.callFrame.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + us);
}
const top = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 30));
console.log(`total ${(total / 1000).toFixed(0)} ms`);
for (const [k, us] of top) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
