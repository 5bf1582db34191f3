// `npm start` / `torchlit start [folder]`: install what is missing, build the app when its sources
// changed since the last build (scripts/build-cache.mjs), serve it and print its address.
// In an installed package (`npm install torchlit-*.tgz`) there are no sources: the app ships
// prebuilt in dist/ (built by `npm pack`'s prepack step) and is served as it is.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsFresh, markBuilt, sourceHash } from './build-cache.mjs';
import { ensureDependencies, root } from './setup.mjs';

/** True in a checkout of the repository (sources, lockfile, Vite); false in an installed package. */
export const isCheckout = () => existsSync(join(root, 'vite.config.ts')) && existsSync(join(root, 'package-lock.json'));

/** The folder the app is served from: $TORCHLIT_DIST (checkouts only) or dist/. */
export const distDir = () => resolve(root, (isCheckout() && process.env.TORCHLIT_DIST) || 'dist');

/**
 * Makes sure a build of the current sources is in distDir() (a checkout builds with Vite when
 * they changed); in an installed package, checks the shipped build is there. Throws with what to do.
 */
export async function ensureBuilt({ log = (s) => console.log(s), outDir = distDir() } = {}) {
  if (!isCheckout()) {
    if (!existsSync(join(outDir, 'index.html'))) throw new Error(`the built app is missing (${outDir}): reinstall the package, or run from a checkout of the repository`);
    return outDir;
  }
  ensureDependencies();
  const hash = sourceHash(root);
  if (buildIsFresh(root, outDir, hash)) return outDir;
  // one build per folder at a time (`torchlit test` and `npm pack` in parallel test files, two terminals)
  const lock = `${outDir}.building`;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch {
      // left by a killed build: its process is gone (or, without a pid, the lock is old)
      if (!lockHolderAlive(lock) || Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 10 * 60_000) rmSync(lock, { force: true });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    if (!buildIsFresh(root, outDir, hash)) await build(outDir, hash, log);
  } finally {
    rmSync(lock, { force: true });
  }
  return outDir;
}

/** Whether the process that wrote a build lock still runs (unknown → assumed alive). */
function lockHolderAlive(lock) {
  let pid;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
  } catch {
    return true;
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function build(outDir, hash, log) {
  const t0 = Date.now();
  log('building the app with Vite (sources changed since the last build; the first build takes 1–2 minutes)…');
  await new Promise((resolve, reject) => {
    // NODE_ENV=production whatever the caller's: Vite derives import.meta.env.DEV from it, and a
    // build started from a test runner (vitest sets NODE_ENV=test) would otherwise be a dev build,
    // whose kernel runs on the app's own origin and trusts any embedder (app/kernel/frame.ts).
    const env = { ...process.env, NODE_ENV: 'production' };
    const child = spawn('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir], { stdio: ['ignore', 'inherit', 'inherit'], cwd: root, env });
    const tick = setInterval(() => log(`still building… ${((Date.now() - t0) / 1000).toFixed(0)} s`), 15_000);
    child.on('exit', (code) => {
      clearInterval(tick);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (exit code ${code})`));
    });
  });
  markBuilt(outDir, hash);
  log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Builds if needed and serves; `notebooks` ([{ name, file }]) replace the tutorials on the start page. */
export async function startApp({ port = Number(process.env.PORT ?? 5173), notebooks = [] } = {}) {
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
  const outDir = await ensureBuilt({ log: (s) => console.log(`[start] ${s}`) });
  process.env.TORCHLIT_DIST = outDir; // serve.mjs reads it when first imported
  const { startServers } = await import('./serve.mjs');
  const { url, kernelOrigin } = await startServers({ port, notebooks });
  const listed = notebooks.length ? `\n  ${notebooks.length} notebook${notebooks.length === 1 ? '' : 's'} from the folder on the start page` : '';
  console.log(`\n  Torchlit is running at ${url} (ready in ${secs()} s)${listed}\n  (kernel frame on ${kernelOrigin}; Ctrl+C to stop)\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await startApp().catch((e) => {
    console.error(`[start] ${e.message}`);
    process.exit(1);
  });
}
