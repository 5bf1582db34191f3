// `npm run export:pytorch -- notebooks/x.ipynb -o x.py.ipynb [--format py]`: a Torchlit notebook
// as a runnable PyTorch notebook (or script). Untranslatable lines become `# TODO(torchlit)`
// comments, listed here; the exit code is 0 either way (the count is printed).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { toPytorchNotebook, toScript } from '../app/export/notebook';

export function exportFile(input: string, output: string | null, format: 'ipynb' | 'py'): { out: string; warnings: string[] } {
  const nb = JSON.parse(readFileSync(input, 'utf8'));
  const r = toPytorchNotebook(nb, basename(input));
  const out = output ?? input.replace(/\.ipynb$/, format === 'py' ? '.py' : '.py.ipynb');
  writeFileSync(out, format === 'py' ? toScript(r) : JSON.stringify(r.notebook, null, 1) + '\n');
  return { out, warnings: r.warnings };
}

// (also as the bundle `npm pack` ships: scripts/notebook-test/export-pytorch.generated.mjs)
if (process.argv[1] && /export-pytorch(\.generated)?\.(ts|mjs)$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const flag = (f: string) => {
    const i = args.indexOf(f);
    return i >= 0 ? args.splice(i, 2)[1] : null;
  };
  const output = flag('-o') ?? flag('--output');
  const format = (flag('--format') ?? 'ipynb') as 'ipynb' | 'py';
  if (!args.length || !['ipynb', 'py'].includes(format)) {
    console.error('usage: npm run export:pytorch -- <notebook.ipynb>… [-o out] [--format ipynb|py]');
    process.exit(2);
  }
  for (const input of args) {
    const { out, warnings } = exportFile(input, args.length === 1 ? output : null, format);
    console.log(`${input} → ${out}: ${warnings.length} line${warnings.length === 1 ? '' : 's'} to translate by hand${warnings.length ? ':' : ''}`);
    for (const w of warnings) console.log(`  ${w}`);
  }
}
