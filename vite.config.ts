import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { engineDtsPlugin } from './app/editor/engine-dts-plugin';
import { mnistAssetPlugin } from './scripts/mnist-asset-plugin';

// Cross-origin isolation on every server we run (docs/platform.md): the kernel frame needs CORP to
// be embedded by the COEP app page, and both need COOP/COEP for SharedArrayBuffer.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};
// The dev server and `vite preview` run the kernel frame on the app's own origin: only the app may
// embed it (issue 22, hole 1; the frame itself obeys only its own origin there: app/kernel/frame-trust.ts).
const devHeaders = { ...isolation, 'Content-Security-Policy': "frame-ancestors 'self'" };

export default defineConfig({
  base: './',
  plugins: [react(), engineDtsPlugin(fileURLToPath(new URL('./engine', import.meta.url))), mnistAssetPlugin()],
  server: { headers: devHeaders },
  preview: { headers: devHeaders },
  // keepNames: the variable inspector and tracebacks show class names (Monitor, a user's Net), not the minifier's.
  // The kernel worker loads MNIST, so its bundle needs the packed-digits asset too.
  worker: { format: 'es', plugins: () => [mnistAssetPlugin()], rolldownOptions: { output: { keepNames: true } } },
  build: {
    target: 'es2022',
    // TORCHLIT_DIST: another output folder, so parallel e2e runs do not overwrite each other's build.
    outDir: process.env.TORCHLIT_DIST ?? 'dist',
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: { main: 'index.html', kernel: 'kernel.html' },
    },
  },
});
