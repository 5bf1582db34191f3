import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/notebook-test/chromium.mjs';

// End-to-end tests against the production build, served on two origins (app + kernel frame)
// by scripts/serve.mjs, exactly as `npm start` does.
const port = Number(process.env.E2E_PORT ?? 5183);
/** The tutorials (the longest tests), then other spec files whose tests take a minute or more. */
const TUTORIALS = /tutorials(-webgpu)?\.spec\.ts$/;
const LONG = /(attacks-render|data-safety|expect-editor|commands)\.spec\.ts$/;
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.TORCHLIT_DIST ? `test-results/${process.env.TORCHLIT_DIST}` : 'test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // Tests, not files, are the unit of scheduling, and the long ones (the 'long' project) are
  // queued first (projects are queued in this order): a long test left for the end would keep one
  // worker busy while the other idles.
  fullyParallel: true,
  workers: 2,
  projects: [
    { name: 'tutorials', testMatch: TUTORIALS },
    { name: 'long', testMatch: LONG },
    { name: 'e2e', testIgnore: [TUTORIALS, LONG] },
  ],
  retries: process.env.CI ? 1 : 0,
  // The JSON report (per-test durations) lets `npm test` print the slowest tests at the end.
  reporter: [['list'], ['json', { outputFile: `${process.env.TORCHLIT_DIST ? `test-results/${process.env.TORCHLIT_DIST}` : 'test-results'}/e2e-report.json` }]],
  use: {
    baseURL: `http://localhost:${port}/`,
    // Each test's own context starts with "Check Code as You Type" off: the TypeScript worker cost
    // ~3.5–4 CPU-s in every test that typed in a cell, and no test of such a context reads
    // TypeScript's errors, completions or hovers. The tests that do (editing, reference,
    // webgpu-device: `warmTest`, whose shared contexts start empty) and the cold tests of editing.spec.ts
    // about it set their own.
    storageState: { cookies: [], origins: [{ origin: `http://localhost:${port}`, localStorage: [{ name: 'torchlit.codeChecking', value: 'off' }] }] },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // scripts/notebook-test/chromium.mjs says why each switch is there
      args: CHROMIUM_ARGS,
    },
    // A trace costs every test CPU (DOM snapshots at each step); the retry of a failed test records one.
    trace: 'on-first-retry',
  },
  webServer: {
    // `npm start`'s own path: build only when the sources changed since the last build (the unit
    // step's CLI tests build the same dist/ first), then serve app and kernel origins.
    command: 'node scripts/start.mjs',
    // E2E_PORT + TORCHLIT_DIST (e.g. 5283 + dist-e2e-b) let two runs share a working tree.
    env: { PORT: String(port), ...(process.env.TORCHLIT_DIST ? { TORCHLIT_DIST: process.env.TORCHLIT_DIST } : {}) },
    url: `http://localhost:${port}/`,
    timeout: 600_000, // a first build on a loaded 2-core machine can take minutes
    reuseExistingServer: !process.env.CI,
  },
});
