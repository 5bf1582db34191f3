// `npm start`: install what is missing, build the app when its sources changed since the last build
// (scripts/build-cache.mjs), serve it and print its address.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIsFresh, markBuilt, sourceHash } from './build-cache.mjs';
import { ensureDependencies, root } from './setup.mjs';

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
ensureDependencies();
const outDir = join(root, process.env.TORCHLIT_DIST ?? 'dist');
const hash = sourceHash(root);
if (buildIsFresh(root, outDir, hash)) {
  console.log(`[start] the app is built from these sources already (${process.env.TORCHLIT_DIST ?? 'dist'}/): no rebuild`);
} else {
  console.log('[start] building the app with Vite (sources changed since the last build; the first build takes 1–2 minutes)…');
  await new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
    const tick = setInterval(() => console.log(`[start] still building… ${secs()} s`), 15_000);
    child.on('exit', (code) => {
      clearInterval(tick);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (exit code ${code})`));
    });
  }).catch((e) => {
    console.error(`[start] ${e.message}`);
    process.exit(1);
  });
  markBuilt(outDir, hash);
  console.log(`[start] built in ${secs()} s`);
}
await import('./serve.mjs').then(async ({ startServers }) => {
  const port = Number(process.env.PORT ?? 5173);
  const { url, kernelOrigin } = await startServers({ port });
  console.log(`\n  Torchlit is running at ${url} (ready in ${secs()} s)\n  (kernel frame on ${kernelOrigin}; Ctrl+C to stop)\n`);
});
