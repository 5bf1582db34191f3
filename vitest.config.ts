import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { mnistAssetPlugin } from './scripts/mnist-asset-plugin';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/notebook-test/chromium.mjs';

// Two projects, one suite: engine tests run in Node (CPU backend) and again in headless
// Chromium, where the WebGPU backend joins in (`--enable-unsafe-webgpu` gives SwiftShader).
// `disable_workgroup_init`: Dawn zero-fills every `var<workgroup>` array before a kernel runs, as
// WGSL requires; on SwiftShader (the CPU Vulkan driver these tests run on) that prologue is what
// compiling a pipeline costs: ~115 ms for a 256-float array, ~1.4 s for the matmul's two 1024-float
// tiles, and every test file compiles its pipelines again (a new device). Without it the WebGPU
// unit tests take less than half the time (webgpu.browser.test + seed.test: 140 → 62 s). No
// kernel reads workgroup memory it has not written (with the prologue gone, one that did would
// read another dispatch's leftovers and fail its comparison with the CPU); the e2e tests run
// WebGPU in Chromium as users have it, prologue included.
const chromiumArgs = [...CHROMIUM_ARGS, '--enable-dawn-features=disable_workgroup_init'];

// Test files at a time. Vitest's default is one less than the cores: on a 2-core machine that is
// ONE, so each step ran its files one by one while a file waited on a subprocess (the CLI's
// Chromium, npm pack), a timer or the GPU process. Two at a time there (measured on the 2-core
// machine, loaded by other work: node step 405 → 305 s; chromium step 590 → 488 s, with the
// gradchecks moved to Node). Every test still passes: the CLI and pack tests share one build
// through scripts/start.mjs's lock, and the timing assertions are generous. Machines with more
// cores keep vitest's default.
const maxWorkers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          maxWorkers,
          // One module graph per worker, not per file, as the browser project: each of ~150 files
          // imported the engine again (139 s of "import" in vitest's summary; the step 250 → 183 s
          // wall, 288 → 185 CPU-s, at load 5-6). The setup file puts back what a file may change.
          isolate: false,
          setupFiles: ['engine/test/reset-between-files.ts'],
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
          maxWorkers,
          isolate: false,
          setupFiles: ['engine/test/reset-between-files.ts'],
          include: ['engine/**/*.test.ts', 'engine/**/*.browser.test.ts', 'app/**/*.browser.test.ts'],
          // float64 gradchecks run on the CPU backend only: Node covers them; the browser adds nothing
          exclude: ['engine/**/*.node.test.ts', 'engine/test/gradcheck.test.ts', '**/node_modules/**'],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
