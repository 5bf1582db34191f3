import { textKernel } from './app/kernel/test-kernel';
import fs from 'fs';
const lines = fs.readFileSync('/tmp/s7/diff/ts7.txt', 'utf8').split('\n').filter(Boolean);
const out: string[] = [];
for (const l of lines) { const k = textKernel(); out.push(String(await k.run(l.replace(/; /g, ';\n'))).replace(/\n/g, '\\n')); }
fs.writeFileSync('/tmp/s7/diff/ts7.out', out.join('\n') + '\n');
process.exit(0);
