// `npm start`: install what is missing, build the app, serve it and print its address.
import { execSync } from 'node:child_process';
import { ensureDependencies } from './setup.mjs';

ensureDependencies();
console.log('[start] building…');
execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
await import('./serve.mjs').then(async ({ startServers }) => {
  const port = Number(process.env.PORT ?? 5173);
  const { url, kernelOrigin } = await startServers({ port });
  console.log(`\n  Torchlit is running at ${url}\n  (kernel frame on ${kernelOrigin}; Ctrl+C to stop)\n`);
});
