// Vite plugin: `<link rel="modulepreload">` in index.html for the editor's chunks (Monaco, the
// engine's type declarations). main.tsx imports them dynamically, so without these links the
// browser asks for them only once main.js has been fetched and run; with them it fetches (and
// compiles off the main thread) both at once. Only index.html: the kernel frame needs no editor.
import type { Plugin } from 'vite';

/** The dynamic imports of app/editor/monaco.ts's loadMonaco() whose chunks to preload. */
const EDITOR_MODULES = [/monaco-entry\.generated\.ts$/, /virtual:engine-dts$/, /quiet-config\.ts$/];

interface ChunkLike { type: string; fileName: string; facadeModuleId?: string | null; imports?: string[] }

export function editorPreloadPlugin(): Plugin {
  return {
    name: 'torchlit-editor-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !/(^|\/)index\.html$/.test(ctx.filename)) return html;
        const chunks = Object.values(ctx.bundle) as ChunkLike[];
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const files = new Set<string>();
        const add = (c: ChunkLike | undefined) => {
          if (!c || c.type !== 'chunk' || files.has(c.fileName)) return;
          files.add(c.fileName);
          for (const i of c.imports ?? []) add(byName.get(i));
        };
        for (const c of chunks) if (c.facadeModuleId && EDITOR_MODULES.some((re) => re.test(c.facadeModuleId!))) add(c);
        // already in the page: the entry's own modulepreloads
        const fresh = [...files].filter((f) => !html.includes(f));
        return {
          html,
          tags: fresh.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
        };
      },
    },
  };
}
