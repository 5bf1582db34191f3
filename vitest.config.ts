import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { mnistAssetPlugin } from './scripts/mnist-asset-plugin';

// Two projects, one suite: engine tests run in Node (CPU backend) and again in headless
// Chromium, where the WebGPU backend joins in (`--enable-unsafe-webgpu` gives SwiftShader).
const chromiumArgs = ['--enable-unsafe-webgpu', '--disable-quic', '--no-sandbox', '--disable-background-networking', '--disable-component-update'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['engine/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          testTimeout: 60_000,
          // memory tests call gc() to check that unreachable tensors are really freed;
          // TORCHLIT_RELAXED_SIMD=1: Node 20's relaxed SIMD (the GEMM's FMA kernel) on, as Chromium has it
          execArgv: ['--expose-gc', ...(process.env.TORCHLIT_RELAXED_SIMD === '1' ? ['--experimental-wasm-relaxed-simd'] : [])],
        },
      },
      {
        // datasets.MNIST fetches the packed digits from this plugin's dev route in the browser
        plugins: [mnistAssetPlugin()],
        test: {
          name: 'browser',
          include: ['engine/**/*.test.ts', 'engine/**/*.browser.test.ts', 'app/**/*.browser.test.ts'],
          // float64 gradchecks run on the CPU backend only: Node covers them; the browser adds nothing
          exclude: ['engine/**/*.node.test.ts', 'engine/test/gradcheck.test.ts', '**/node_modules/**'],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
