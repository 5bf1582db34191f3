// Whether dist/ was built from exactly the sources that are here now: a SHA-256 over the contents
// of everything the build reads (app/, engine/, notebooks/, public/, the HTML entries, configs,
// lockfile), written next to the build. Contents, not mtimes: a checkout, `touch` or a copy does
// not force a rebuild; any real edit does. Very large files (weights in public/) count by size and
// mtime so a 500 MB safetensors file is not read on every start. Only Node built-ins here.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// the build's own recipe counts too: the Vite plugin and the script that runs the build (its environment)
const INPUTS = ['app', 'engine', 'notebooks', 'public', 'index.html', 'kernel.html', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/mnist-asset-plugin.ts', 'scripts/start.mjs'];
const SKIP_DIRS = new Set(['node_modules', '.git', 'test-results', '__screenshots__']);
const BIG = 16 * 1024 * 1024;
const STAMP = '.build-hash';

function* files(root, path) {
  const abs = join(root, path);
  if (!existsSync(abs)) return;
  const st = statSync(abs);
  if (st.isFile()) {
    yield path;
    return;
  }
  if (!st.isDirectory()) return;
  for (const name of readdirSync(abs).sort()) if (!SKIP_DIRS.has(name)) yield* files(root, join(path, name));
}

/** The hash of the build's inputs under `root`. */
export function sourceHash(root) {
  const h = createHash('sha256');
  for (const input of INPUTS)
    for (const f of files(root, input)) {
      const st = statSync(join(root, f));
      h.update(relative(root, join(root, f)).replace(/\\/g, '/') + '\0');
      if (st.size > BIG) h.update(`size ${st.size} mtime ${st.mtimeMs}\0`);
      else h.update(readFileSync(join(root, f)));
      h.update('\0');
    }
  h.update(`node ${process.versions.node.split('.')[0]}`);
  return h.digest('hex');
}

/** True when `outDir` holds a build of these exact sources. */
export function buildIsFresh(root, outDir, hash = sourceHash(root)) {
  const stamp = join(outDir, STAMP);
  return existsSync(join(outDir, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash;
}

export function markBuilt(outDir, hash) {
  writeFileSync(join(outDir, STAMP), hash + '\n');
}
