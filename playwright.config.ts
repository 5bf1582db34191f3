import { defineConfig } from '@playwright/test';

// End-to-end tests against the production build, served on two origins (app + kernel frame)
// by scripts/serve.mjs, exactly as `npm start` does.
const port = Number(process.env.E2E_PORT ?? 5183);
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.TORCHLIT_DIST ? `test-results/${process.env.TORCHLIT_DIST}` : 'test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--enable-unsafe-webgpu', '--disable-quic', '--no-sandbox', '--disable-background-networking', '--disable-component-update'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite build --logLevel warn && node scripts/serve.mjs`,
    // E2E_PORT + TORCHLIT_DIST (e.g. 5283 + dist-e2e-b) let two runs share a working tree.
    env: { PORT: String(port), ...(process.env.TORCHLIT_DIST ? { TORCHLIT_DIST: process.env.TORCHLIT_DIST } : {}) },
    url: `http://localhost:${port}/`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
  },
});
