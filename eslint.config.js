// Lint, including the import rules of DESIGN.md ("may import" column): breaking them fails CI.
import tseslint from 'typescript-eslint';

const outside = (...folders) => folders.map((f) => ({ group: [`**/${f}/**`, `**/${f}`], message: `not allowed to import ${f}/ from here (DESIGN.md layout)` }));
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
  { files: ['engine/**'], rules: restrict(outside('app', 'e2e', 'bench', 'scripts'), uiLibs) },
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
