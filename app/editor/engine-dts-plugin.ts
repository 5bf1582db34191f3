// A Vite plugin that emits the engine's declarations at build time (TypeScript 5.9 API, in
// memory) and serves them as `virtual:engine-dts`: { files: { 'index.d.ts': '…', … } }, paths
// relative to engine/. Monaco mounts them as the "torch" package, so cells get completion,
// hover docs and type errors from the real engine. Members and exports whose names start with one
// underscore are the engine's internals: they are left out, so completions list public names only
// (a cell can still reach them; the editor just does not offer them).
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:engine-dts';
const RESOLVED = '\0' + VIRTUAL;

/** Internal names PyTorch itself exposes, kept in completions. */
const PUBLIC_UNDERSCORE = new Set(['_version']);

/** `_storage`, `_fromData`: engine internals. Dunder names (`__len__`, `__version__`) are public. */
export function isInternalName(name: string): boolean {
  return /^_(?!_)/.test(name) && !PUBLIC_UNDERSCORE.has(name);
}

function memberName(node: ts.Node): string | null {
  const name = (node as { name?: ts.Node }).name;
  if (!name) return null;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return null;
}

/** Drops internal class/interface/type-literal members and internal top-level functions from declarations. */
function stripInternals(): ts.TransformerFactory<ts.SourceFile | ts.Bundle> {
  return (context) => {
    const visit = (node: ts.Node): ts.VisitResult<ts.Node | undefined> => {
      if (ts.isClassElement(node) || ts.isTypeElement(node)) {
        const n = memberName(node);
        if (n !== null && (n.startsWith('#') || isInternalName(n))) return undefined;
      }
      if (ts.isFunctionDeclaration(node) && node.name && isInternalName(node.name.text)) return undefined;
      return ts.visitEachChild(node, visit, context);
    };
    return (root) => ts.visitNode(root, visit) as ts.SourceFile | ts.Bundle;
  };
}

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
  const write = (fileName: string, text: string) => {
    const rel = relative(engineDir, fileName).replace(/\\/g, '/');
    if (!rel.startsWith('..') && rel.endsWith('.d.ts') && !/\.test\.d\.ts$/.test(rel)) files[rel] = text;
  };
  const { diagnostics } = program.emit(undefined, write, undefined, true, { afterDeclarations: [stripInternals()] });
  // A declaration error drops that file's .d.ts (index.d.ts once: every cell's torch became `any`
  // and hovers said "any"): fail loudly instead.
  if (diagnostics.length) {
    const lines = diagnostics.slice(0, 10).map((d) => `${d.file ? relative(engineDir, d.file.fileName) : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    throw new Error(`engine declarations for the editor failed (${diagnostics.length} errors):\n${lines.join('\n')}`);
  }
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
