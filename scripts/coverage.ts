// `npm run coverage`: writes docs/pytorch-coverage.md from engine/coverage/names.ts and the engine,
// and updates the README's coverage line. engine/coverage/coverage.node.test.ts fails when either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageRows, readmeLine, renderMarkdown, totals } from '../engine/coverage/table';
import { coverageRoots, README_LINE } from '../engine/coverage/roots';

const root = join(import.meta.dirname, '..');
const rows = coverageRows(coverageRoots());
writeFileSync(join(root, 'docs/pytorch-coverage.md'), renderMarkdown(rows));
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
if (!README_LINE.test(readme)) throw new Error('README.md has no "PyTorch coverage: …" line to update');
writeFileSync(readmePath, readme.replace(README_LINE, readmeLine(rows)));
const t = totals(rows);
console.log(`docs/pytorch-coverage.md: ${t.percent}% (${t.implemented} implemented, ${t.partial} partial, ${t.missing} missing of ${t.total})`);
