import { textKernel } from './app/kernel/test-kernel';
import fs from 'fs';
const k = textKernel();
const lines = fs.readFileSync('/tmp/s7/diff/ts.txt', 'utf8').split('\n').filter(Boolean);
const out: string[] = [];
for (const l of lines) {
  const r = await k.run(l.includes('.item()') ? `await ${l}` : l);
  out.push(String(r).replace(/\n/g, '\\n'));
}
fs.writeFileSync('/tmp/s7/diff/ts.out', out.join('\n') + '\n');
process.exit(0);
