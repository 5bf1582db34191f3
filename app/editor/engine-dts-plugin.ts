// A Vite plugin that emits the engine's declarations at build time (TypeScript 5.9 API, in
// memory) and serves them as `virtual:engine-dts`: { files: { 'index.d.ts': '…', … } }, paths
// relative to engine/. Monaco mounts them as the "torch" package, so cells get completion,
// hover docs and type errors from the real engine.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:engine-dts';
const RESOLVED = '\0' + VIRTUAL;

export function emitEngineDeclarations(engineDir: string): Record<string, string> {
  const entry = join(engineDir, 'index.ts');
  if (!existsSync(entry)) return {};
  const options: ts.CompilerOptions = {
    declaration: true,
    emitDeclarationOnly: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['@webgpu/types'],
    skipLibCheck: true,
    strict: true,
    noEmitOnError: false,
    stripInternal: true,
  };
  const files: Record<string, string> = {};
  const program = ts.createProgram([entry], options);
  program.emit(undefined, (fileName, text) => {
    const rel = relative(engineDir, fileName).replace(/\\/g, '/');
    if (!rel.startsWith('..') && rel.endsWith('.d.ts') && !/\.test\.d\.ts$/.test(rel)) files[rel] = text;
  });
  return files;
}

export function engineDtsPlugin(engineDir: string): Plugin {
  let cached: Record<string, string> | null = null;
  return {
    name: 'torchlit-engine-dts',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const t0 = Date.now();
      cached ??= emitEngineDeclarations(engineDir);
      this.info?.(`engine declarations: ${Object.keys(cached).length} files in ${Date.now() - t0} ms`);
      return `export const files = ${JSON.stringify(cached)};`;
    },
    handleHotUpdate(ctx) {
      if (ctx.file.startsWith(engineDir)) cached = null;
    },
  };
}
