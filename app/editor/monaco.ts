// Monaco, loaded lazily (after the notebook is on screen) and set up once: workers, the
// engine's types as the "torch" package, the cell globals, and the diagnostics that cells
// legitimately trigger switched off.
import type * as Monaco from 'monaco-editor';
import { CELL_GLOBALS_DTS } from './cell-globals';
import { codeCheckingOn } from './code-checking';
import { isTensorArithmeticArtifact, tensorMembers } from './diagnostics';
import { useTheme } from '../styles/theme';

export type MonacoApi = typeof Monaco;

/** Diagnostics that are not errors in a cell (the kernel makes these work). */
export const IGNORED_DIAGNOSTICS = [
  // tensor arithmetic (`w * t_u + b`, `-x`, `x ** 2`): the kernel rewrites it to tensor ops
  2362, 2363, 2365, 2469, 2356, 2357,
  // names re-declared across cells, or when a cell is re-run
  2451, 2300, 2403, 2393, 2813, 2814, 2323,
  // top-level await / for await in a cell
  1375, 1378, 1431, 1432, 2792,
];


const VISION = `export * from '@torchlit/engine/models/index';
`;

/** The "torch" module: the engine's torch namespace (torch.ts) plus nn, optim, F, … from its index. */
function torchModule(files: Record<string, string>): string {
  if (!files['index.d.ts']) return 'declare const torch: any;\nexport = torch;\n';
  const named = ['nn', 'optim', 'F', 'models', 'datasets', 'utils', 'version', 'Tensor'].filter((n) => new RegExp(`\\b${n}\\b`).test(files['index.d.ts']));
  const lines = [];
  if (files['torch.d.ts']) lines.push(`export * from '@torchlit/engine/torch';`);
  if (named.length) lines.push(`export { ${named.join(', ')} } from '@torchlit/engine/index';`);
  lines.push(`export { default } from '@torchlit/engine/index';`);
  return lines.join('\n') + '\n';
}

/**
 * The TypeScript worker (diagnostics, hover, completions) compiles an 8 MB script and type-checks
 * the engine's declarations: ~3.5 CPU-seconds of a 2-core machine, which competed with the kernel
 * and the editor while a notebook opened. It starts when a learner first focuses, types in or
 * points at a code cell (hover and completions need it), or when wakeTypeScript() is called; a
 * notebook only read or run never starts it. Requests made before then wait for it. With "Check
 * Code as You Type" off (code-checking.ts) no TypeScript feature is registered and it never starts.
 */
let wakeTs: () => void = () => {};
const typeScriptWanted = new Promise<void>((resolve) => {
  wakeTs = resolve;
});
export const wakeTypeScript = (): void => wakeTs();

let loading: Promise<MonacoApi> | null = null;
let loaded: MonacoApi | null = null;
/** Whether this page checks code (read once, when Monaco loads: Monaco registers TypeScript's features once). */
let checking: boolean | null = null;
export const codeCheckingActive = (): boolean => checking ?? codeCheckingOn();

/** TypeScript's editor features, all off (Monaco's modeConfiguration). */
const NO_TYPESCRIPT_FEATURES = {
  completionItems: false, hovers: false, documentSymbols: false, definitions: false, references: false,
  documentHighlights: false, rename: false, diagnostics: false, documentRangeFormattingEdits: false,
  signatureHelp: false, onTypeFormattingEdits: false, codeActions: false, inlayHints: false,
};

/** Monaco if it has loaded already (for work that is only needed once editors exist), else null. */
export const loadedMonaco = (): MonacoApi | null => loaded;

/**
 * Resolves after the page's next paint. Evaluating Monaco's modules holds the main thread for
 * 0.1–0.4 s; waiting for a paint first puts the notebook and its quick editors on screen before.
 */
function afterNextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') return Promise.resolve();
  // rAF runs before the paint; a task queued from it runs after. A hidden page never paints.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * When the main thread is next idle (or after `timeoutMs` at the latest): for work a page may need
 * soon but not for its first paint (the start page loads the editor this way).
 */
export function whenIdle(run: () => void, timeoutMs = 1500): () => void {
  if (typeof requestIdleCallback === 'function') {
    const h = requestIdleCallback(run, { timeout: timeoutMs });
    return () => cancelIdleCallback(h);
  }
  const h = setTimeout(run, 200);
  return () => clearTimeout(h);
}

/**
 * Monaco waits for the kernel: evaluating its modules (~0.4 CPU-s) while the kernel's engine
 * compiled slowed both on the 2-core machine (start page → editable notebook with an idle kernel:
 * 2.34 → 1.56 s cold, 1.28 → 0.86 s warm, at load 6.5–8), and a cell takes typing without it (the quick
 * editor). It loads once the kernel is up or held back (main.tsx calls releaseEditor()), at once
 * when a learner goes into a cell (`loadMonaco({ now: true })`), and after EDITOR_WAIT_MS at the latest.
 */
export const EDITOR_WAIT_MS = 2000;
let releaseGate: () => void = () => {};
const released = new Promise<void>((resolve) => {
  releaseGate = resolve;
});
/** The kernel is up (or will not start): Monaco may load now. */
export const releaseEditor = (): void => releaseGate();

/**
 * Loads Monaco (once) and sets it up. `now`: a learner is in a cell, or asked for something only
 * Monaco does (find, split at the cursor): no waiting for the kernel.
 */
export function loadMonaco(opts: { now?: boolean } = {}): Promise<MonacoApi> {
  if (opts.now) releaseGate();
  loading ??= (async () => {
    await Promise.race([released, new Promise((resolve) => setTimeout(resolve, EDITOR_WAIT_MS))]);
    await afterNextPaint();
    const [monaco, editorWorker, tsWorker, dts, quiet] = await Promise.all([
      import('./monaco-entry.generated') as unknown as Promise<MonacoApi>,
      import('monaco-editor/editor/editor.worker?worker'),
      import('monaco-editor/languages/features/typescript/ts.worker?worker'),
      import('virtual:engine-dts'),
      import('./quiet-config'),
    ]);
    checking = codeCheckingOn();
    // before any TypeScript model exists: Monaco sets the language's features up on the first one
    if (!checking) monaco.typescript.typescriptDefaults.setModeConfiguration(NO_TYPESCRIPT_FEATURES);
    self.MonacoEnvironment = {
      // Monaco accepts a promise of a worker: the TypeScript worker starts once a cell's editor is
      // first focused or pointed at (wakeTypeScript), not when a notebook opens.
      getWorker: (_id: string, label: string) =>
        label === 'typescript' || label === 'javascript' ? typeScriptWanted.then(() => new tsWorker.default()) : new editorWorker.default(),
    };
    monaco.editor.onDidCreateEditor((editor) => {
      const wake = () => {
        wakeTypeScript();
        for (const d of once) d.dispose();
      };
      const once = [editor.onDidFocusEditorText(wake), editor.onMouseMove(wake), editor.onKeyDown(wake)];
    });
    configure(monaco, dts.files);
    quiet.quietConfigurationChanges();
    // One theme for every editor, in step with the page's (light / dark); contrast is checked by
    // e2e/themes.spec.ts. Dark: Monaco's line numbers (#858585) fall under 4.5:1 on the cell's grey.
    monaco.editor.defineTheme('torchlit-dark', { base: 'vs-dark', inherit: true, rules: [], colors: { 'editorLineNumber.foreground': '#a3a3a3', 'editorUnnecessaryCode.opacity': '#000000dd' } });
    // Light: 'vs' numbers (#098658) and types (#008080) fall under 4.5:1 on the cell's grey.
    monaco.editor.defineTheme('torchlit-light', {
      base: 'vs',
      inherit: true,
      rules: [
        { token: 'number', foreground: '07704a' },
        { token: 'number.hex', foreground: '07704a' },
        { token: 'type', foreground: '007070' },
        { token: 'type.identifier', foreground: '007070' },
      ],
      // unused names are faded, but stay readable
      colors: { 'editorUnnecessaryCode.opacity': '#000000dd' },
    });
    const themeName = (dark: boolean) => (dark ? 'torchlit-dark' : 'torchlit-light');
    monaco.editor.setTheme(themeName(useTheme.getState().dark));
    useTheme.subscribe((t, prev) => t.dark !== prev.dark && monaco.editor.setTheme(themeName(t.dark)));
    filterTensorArithmeticMarkers(monaco, tensorMembers(Object.values(dts.files).join('\n')));
    // For tests and debugging: the diagnostics a cell shows are readable from the page.
    (globalThis as { __torchlitMonaco?: MonacoApi }).__torchlitMonaco = monaco;
    loaded = monaco;
    return monaco;
  })();
  return loading;
}

function configure(monaco: MonacoApi, engineFiles: Record<string, string>) {
  const ts = monaco.typescript;
  const defaults = ts.typescriptDefaults;
  defaults.setCompilerOptions({
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    // Cells run in the kernel's Web Worker: the worker's globals (console, fetch, setTimeout,
    // performance…), not the DOM's (no document, no window). lib.dom.d.ts is also most of the
    // TypeScript worker's start-up: without it the worker's first check takes ~1.8 instead of
    // ~3.9 CPU-seconds after a notebook opens (CDP profile, 2-core machine, load ~6).
    lib: ['es2023', 'webworker', 'webworker.iterable'],
    strict: true,
    noImplicitAny: false,
    // `p.grad`, `m.bias.grad`: PyTorch code reads these freely (and a null there is a clear
    // runtime error in the cell); strict null checks marked every such line in red
    strictNullChecks: false,
    allowNonTsExtensions: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    skipLibCheck: true,
  });
  defaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false, diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS });
  defaults.setEagerModelSync(true);
  const libs = Object.entries(engineFiles).map(([path, content]) => ({ filePath: `file:///node_modules/@torchlit/engine/${path}`, content }));
  libs.push({ filePath: 'file:///node_modules/torch/index.d.ts', content: torchModule(engineFiles) });
  libs.push({ filePath: 'file:///node_modules/torchvision/models.d.ts', content: VISION });
  libs.push({ filePath: 'file:///torchlit-cell-globals.d.ts', content: CELL_GLOBALS_DTS });
  defaults.setExtraLibs(libs);
}

/** The URI of a cell's model. Cells are scripts in one program, so earlier names are known. */
export const cellUri = (monaco: MonacoApi, cellId: string) => monaco.Uri.parse(`file:///cells/${cellId}.ts`);

/** Keeps one model per code cell (with or without an editor), so every cell's declarations are known in the others. */
/**
 * Creates or updates the models of `cells` from index `from` until `deadline` (performance.now()),
 * and returns where it stopped; once it reaches the end it disposes models of cells that are gone.
 * Called in slices (useCellModels): 18,000 code cells took a minute of one task at once.
 */
export function syncCellModels(monaco: MonacoApi, cells: { id: string; source: string; cell_type: string }[], from = 0, deadline = Infinity): number {
  let i = from;
  for (; i < cells.length; i++) {
    if (i > from && (i & 15) === 0 && performance.now() > deadline) return i;
    const c = cells[i];
    if (c.cell_type !== 'code') continue;
    const uri = cellUri(monaco, c.id);
    const model = monaco.editor.getModel(uri);
    if (!model) monaco.editor.createModel(c.source, 'typescript', uri);
    else if (model.getValue() !== c.source) setModelText(model, c.source);
  }
  const wanted = new Set(cells.filter((c) => c.cell_type === 'code').map((c) => cellUri(monaco, c.id).toString()));
  for (const m of monaco.editor.getModels()) {
    const u = m.uri.toString();
    if (u.startsWith('file:///cells/') && !wanted.has(u)) m.dispose();
  }
  return cells.length;
}

/**
 * The URI of a Markdown cell's model: outside /cells/, so the TypeScript service never sees it and
 * syncCellModels leaves it alone. Made only when the cell's editor first opens (rendered cells are
 * plain HTML), kept while the cell lives so its undo history outlasts a render (useCellModels
 * drops it with the cell).
 */
export const markdownUri = (monaco: MonacoApi, cellId: string) => monaco.Uri.parse(`file:///markdown/${cellId}.md`);

export type CellLanguage = 'typescript' | 'markdown';

export function cellModel(monaco: MonacoApi, cellId: string, source: string, language: CellLanguage = 'typescript'): Monaco.editor.ITextModel {
  const uri = language === 'markdown' ? markdownUri(monaco, cellId) : cellUri(monaco, cellId);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(source, language, uri);
}

/** The model of a cell's source, whichever kind of cell (code or Markdown), if it has one. */
export function sourceModel(monaco: MonacoApi, cellId: string): Monaco.editor.ITextModel | null {
  return monaco.editor.getModel(cellUri(monaco, cellId)) ?? monaco.editor.getModel(markdownUri(monaco, cellId));
}

/** Disposes the Markdown models of cells that are no longer Markdown cells of the notebook. */
export function dropMarkdownModels(monaco: MonacoApi, cells: readonly { id: string; cell_type: string }[]): void {
  let wanted: Set<string> | null = null;
  for (const m of monaco.editor.getModels()) {
    if (!m.uri.path.startsWith('/markdown/')) continue;
    wanted ??= new Set(cells.filter((c) => c.cell_type === 'markdown').map((c) => markdownUri(monaco, c.id).toString()));
    if (!wanted.has(m.uri.toString())) m.dispose();
  }
}

function filterTensorArithmeticMarkers(monaco: MonacoApi, members: Set<string>) {
  if (members.size === 0) return;
  const codeOf = (c: Monaco.editor.IMarker['code']) => (typeof c === 'object' && c ? c.value : String(c ?? ''));
  monaco.editor.onDidChangeMarkers((uris) => {
    for (const uri of uris) {
      if (!uri.path.startsWith('/cells/')) continue;
      const model = monaco.editor.getModel(uri);
      if (!model) continue;
      const markers = monaco.editor.getModelMarkers({ resource: uri, owner: 'typescript' });
      const after = (m: Monaco.editor.IMarker) => model.getLineContent(m.endLineNumber).slice(m.endColumn - 1, m.endColumn + 7);
      const kept = markers.filter((m) => !isTensorArithmeticArtifact(codeOf(m.code), m.message, members, after(m)));
      if (kept.length !== markers.length) monaco.editor.setModelMarkers(model, 'typescript', kept);
    }
  });
}

/**
 * Sets a model's text as one undoable edit (model.setValue would drop the cell's undo history):
 * a change made outside the editor (find and replace, a merge) is then undone by Ctrl+Z in the cell.
 */
export function setModelText(model: Monaco.editor.ITextModel, text: string) {
  if (model.getValue() === text) return;
  model.pushStackElement();
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  model.pushStackElement();
}
