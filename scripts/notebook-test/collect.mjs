// Which notebooks `torchlit test a.ipynb lessons/` means: the files named, and every .ipynb under
// the folders named (recursively; not node_modules, hidden folders or .ipynb_checkpoints).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SKIP = (name) => name.startsWith('.') || name === 'node_modules' || name === '.ipynb_checkpoints';

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) yield* walk(p);
    else if (name.endsWith('.ipynb')) yield p;
  }
}

/**
 * [{ file (absolute), shown (as given, relative to cwd), name (unique, for the app's URL) }].
 * Throws for a path that does not exist or a file that is not .ipynb.
 */
export function collectNotebooks(paths, cwd = process.cwd()) {
  const files = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new Error(`no such file or folder: ${p}`);
    if (statSync(abs).isDirectory()) files.push(...walk(abs));
    else if (abs.endsWith('.ipynb')) files.push(abs);
    else throw new Error(`not a notebook (.ipynb): ${p}`);
  }
  const unique = [...new Set(files)];
  return unique.map((file) => {
    const shown = relative(cwd, file) || file;
    // the served name: the path without .ipynb, with nothing that could leave the folder route
    const name = shown.replace(/\.ipynb$/, '').replace(/^(\.\.\/)+/, '').replace(/\\/g, '/');
    return { file, shown, name };
  }).map((nb, i, all) => (all.findIndex((o) => o.name === nb.name) === i ? nb : { ...nb, name: `${nb.name}~${i}` }));
}
