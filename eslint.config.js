// Lint, including the import rules (docs/architecture.md, "Import rules": the may-import table
// this file enforces): breaking them fails CI. Import cycles are checked by scripts/import-cycles.test.ts.
import tseslint from 'typescript-eslint';

const outside = (...folders) => folders.map((f) => ({ group: [`**/${f}/**`, `**/${f}`], message: `not allowed to import ${f}/ from here (docs/architecture.md, import rules)` }));
/** Inside engine/: what a folder may not reach (each also keeps the engine-wide rules below). */
const within = (group, message) => ({ group, message: `${message} (docs/architecture.md, import rules)` });
const engineWide = outside('app', 'e2e', 'bench', 'scripts');
const engineRules = (...extra) => restrict([...engineWide, ...extra], uiLibs);
const aboveKernels = within(['**/ops/**', '**/nn/**', '**/optim/**', '**/data/**', '**/models/**', '**/io/**', '../../index', '../../torch'], 'a backend may not import ops/, nn/ or the torch namespace: kernels sit below the ops');
// tests and the test helpers beside them drive the whole engine through its public index
const backendTests = ['**/*.test.ts', '**/*.perf.ts', '**/gpu-compare.ts', '**/worker-probe.ts', '**/threads-check.worker.ts'];
const restrict = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });
const uiLibs = ['react', 'react-dom', 'zustand', 'monaco-editor', '@monaco-editor/react'].map((name) => ({ name, message: 'engine/ is pure TypeScript: no UI libraries' }));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.generated.*', 'engine/backend/wasm/*.wasm.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-this-alias': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
  { files: ['engine/**'], rules: engineRules() },
  // backends implement kernels (backend/kernels.ts); ops, nn, optim, data and models sit above them
  { files: ['engine/backend/*.ts'], ignores: backendTests, rules: engineRules(aboveKernels) },
  { files: ['engine/backend/cpu/**', 'engine/backend/wasm/**'], ignores: backendTests, rules: engineRules(aboveKernels, within(['**/webgpu/**', '**/webgpu'], 'the CPU backend and WebGPU are independent: share through backend/ (kernels.ts, elementwise-spec.ts)')) },
  { files: ['engine/backend/webgpu/**'], ignores: backendTests, rules: engineRules(aboveKernels, within(['**/cpu/**', '**/cpu', '**/wasm/**', '**/wasm'], 'WebGPU and the CPU backend are independent: share through backend/ (kernels.ts, elementwise-spec.ts)')) },
  // data uses nn's public surface (nn/index) and the callable-class helper, never nn's internals
  { files: ['engine/data/**'], rules: engineRules(within(['**/nn/*', '!**/nn/index', '!**/nn/callable'], "data/ may import nn's public index (and nn/callable), not nn's internals")) },
  { files: ['app/protocol/**'], rules: restrict([...outside('engine', 'notebook', 'components', 'editor', 'renderers', 'services', 'kernel', 'e2e'), { group: ['react', 'react-dom', 'zustand'], message: 'protocol is types and guards only' }]) },
  { files: ['app/notebook/**'], rules: restrict(outside('engine', 'components', 'editor', 'renderers', 'services', 'kernel', 'e2e')) },
  { files: ['app/kernel/**'], rules: restrict(outside('notebook', 'components', 'editor', 'renderers', 'services', 'e2e')) },
  { files: ['app/renderers/**'], rules: restrict(outside('engine', 'kernel', 'services', 'components', 'editor', 'e2e')) },
  { files: ['app/components/**', 'app/editor/**'], rules: restrict(outside('engine', 'kernel', 'e2e')) },
  { files: ['app/services/**'], rules: restrict(outside('engine', 'components', 'editor', 'e2e')) },
  { files: ['e2e/**'], rules: restrict(outside('app', 'engine')) },
  // bench may measure the kernel's training views and the cell transpiler with its operators (pure TypeScript), nothing else of the app
  { files: ['bench/**'], rules: restrict([{ group: ['**/app/!(kernel)/**', '**/app/kernel/!(views)/**', '**/app/kernel/!(transpile|ops).ts', '**/e2e/**'], message: 'bench/ may import engine/, app/kernel/views, app/kernel/transpile.ts and app/kernel/ops.ts only' }]) },
);
