// Monaco, loaded lazily (after the notebook is on screen) and set up once: workers, the
// engine's types as the "torch" package, the cell globals, and the diagnostics that cells
// legitimately trigger switched off.
import type * as Monaco from 'monaco-editor';
import { isTensorArithmeticArtifact, tensorMembers } from './diagnostics';

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

const GLOBALS = `import type * as T from 'torch';
type Pick_<K extends string, D> = typeof T extends { [P in K]: infer V } ? V : D;
declare global {
  /** The torch package (also \`import * as torch from "torch"\`). */
  const torch: typeof T;
  /** Types under torch's name, as in PyTorch annotations: \`(x: torch.Tensor) => …\`. */
  namespace torch {
    type Tensor = import('torch').Tensor;
    type Size = import('@torchlit/engine/size').Size;
    type DType = import('@torchlit/engine/dtype').DType;
    type Device = import('@torchlit/engine/device').Device;
  }
  /** torch.nn: layers, losses, containers. */
  const nn: Pick_<'nn', any>;
  /** torch.nn.functional. */
  const F: Pick_<'F', Pick_<'functional', any>>;
  /** torch.optim. */
  const optim: Pick_<'optim', any>;
  /** torchvision.models. */
  const models: Pick_<'models', any>;
  /** Datasets (MNIST, CIFAR-10 samples, …). */
  const datasets: Pick_<'datasets', any>;
  /** torch.utils (data loaders). */
  const utils: Pick_<'utils', any>;
  /** Shows a value as rich output in this cell; with {display_id} it can be updated later. */
  function display(value: unknown, options?: { display_id?: string }): void;
  /** Replaces the output shown with this display_id. */
  function update_display(value: unknown, options: { display_id: string }): void;
  /** Prints values separated by spaces, like Python's print. */
  function print(...values: unknown[]): void;
  /** Live training view: call .epoch({loss, ...metrics}) after each epoch. */
  function monitor(model: unknown, options?: Record<string, unknown>): { epoch(values: Record<string, unknown>): void; [k: string]: any };
  /** Wraps an iterable with a live progress bar (like tqdm). */
  function progress<X>(items: Iterable<X> | AsyncIterable<X>, options?: Record<string, unknown>): Iterable<X> & AsyncIterable<X>;
  /** Python's range: range(stop) or range(start, stop, step?). */
  function range(startOrStop: number, stop?: number, step?: number): Iterable<number> & { readonly length: number };
  /** Python's OrderedDict: a Map, with or without \`new\` (\`nn.Sequential(OrderedDict([['fc', nn.Linear(1, 8)]]))\`). */
  const OrderedDict: { new <K, V>(items?: Iterable<readonly [K, V]> | Record<string, V>): Map<K, V>; <K, V>(items?: Iterable<readonly [K, V]> | Record<string, V>): Map<K, V> };
  /** Python's len: arrays, strings, Maps, Sets, tensors (first dimension), modules, datasets, loaders. */
  function len(x: { readonly length: number } | { readonly size: number } | { readonly shape: readonly number[] } | string): number;
  /** Python's enumerate: \`for (const [i, x] of enumerate(xs))\`. */
  function enumerate<X>(items: Iterable<X>, start?: number): IterableIterator<[number, X]>;
  /** Python's zip: \`for (const [x, y] of zip(xs, ys))\`, as long as the shortest. */
  function zip<A, B>(a: Iterable<A>, b: Iterable<B>): IterableIterator<[A, B]>;
  function zip<A, B, C>(a: Iterable<A>, b: Iterable<B>, c: Iterable<C>): IterableIterator<[A, B, C]>;
  function zip(...items: Iterable<unknown>[]): IterableIterator<unknown[]>;
  /** Python's sum: numbers, or tensors added together (for one tensor use t.sum()). */
  function sum(items: Iterable<number>, start?: number): number;
  function sum<T>(items: Iterable<T>, start?: T | number): T;
  /** Python's min of numbers: min(a, b, …) or min(numbers) (for tensors use t.min()). */
  function min(...values: number[]): number;
  function min(values: Iterable<number>): number;
  /** Python's max of numbers: max(a, b, …) or max(numbers) (for tensors use t.max()). */
  function max(...values: number[]): number;
  function max(values: Iterable<number>): number;
  /** Quick charts: plot.line, plot.scatter, plot.hist. */
  const plot: { line(...args: any[]): any; scatter(...args: any[]): any; hist(...args: any[]): any; [k: string]: any };
  /** A table of every parameter's gradient statistics. */
  function grads(model: unknown): unknown;
}
/**
 * In cells, reads are awaited for you at the top level and in async functions, on every device
 * (docs/differences-from-pytorch.md): \`loss.item().toFixed(4)\`, \`sum += loss.item()\` type-check.
 */
declare module '@torchlit/engine/tensor' {
  interface Tensor {
    item(): number;
    tolist(): import('@torchlit/engine/tensor').NestedArray;
    data(): import('@torchlit/engine/dtype').TypedArray;
    numpy(): import('@torchlit/engine/dtype').TypedArray;
  }
}
export {};
`;

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

let loading: Promise<MonacoApi> | null = null;

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= (async () => {
    const [monaco, editorWorker, tsWorker, dts] = await Promise.all([
      import('./monaco-entry.generated') as unknown as Promise<MonacoApi>,
      import('monaco-editor/editor/editor.worker?worker'),
      import('monaco-editor/languages/features/typescript/ts.worker?worker'),
      import('virtual:engine-dts'),
    ]);
    self.MonacoEnvironment = {
      getWorker: (_id: string, label: string) => (label === 'typescript' || label === 'javascript' ? new tsWorker.default() : new editorWorker.default()),
    };
    configure(monaco, dts.files);
    filterTensorArithmeticMarkers(monaco, tensorMembers(Object.values(dts.files).join('\n')));
    // For tests and debugging: the diagnostics a cell shows are readable from the page.
    (globalThis as { __torchlitMonaco?: MonacoApi }).__torchlitMonaco = monaco;
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
    lib: ['es2023', 'dom'],
    strict: true,
    noImplicitAny: false,
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
  libs.push({ filePath: 'file:///torchlit-cell-globals.d.ts', content: GLOBALS });
  defaults.setExtraLibs(libs);
}

/** The URI of a cell's model. Cells are scripts in one program, so earlier names are known. */
export const cellUri = (monaco: MonacoApi, cellId: string) => monaco.Uri.parse(`file:///cells/${cellId}.ts`);

/** Keeps one model per code cell (with or without an editor), so every cell's declarations are known in the others. */
export function syncCellModels(monaco: MonacoApi, cells: { id: string; source: string; cell_type: string }[]): void {
  const wanted = new Set<string>();
  for (const c of cells) {
    if (c.cell_type !== 'code') continue;
    const uri = cellUri(monaco, c.id);
    wanted.add(uri.toString());
    const model = monaco.editor.getModel(uri);
    if (!model) monaco.editor.createModel(c.source, 'typescript', uri);
    else if (model.getValue() !== c.source) model.setValue(c.source);
  }
  for (const m of monaco.editor.getModels()) {
    const u = m.uri.toString();
    if (u.startsWith('file:///cells/') && !wanted.has(u)) m.dispose();
  }
}

export function cellModel(monaco: MonacoApi, cellId: string, source: string): Monaco.editor.ITextModel {
  const uri = cellUri(monaco, cellId);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(source, 'typescript', uri);
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
      const kept = markers.filter((m) => !isTensorArithmeticArtifact(codeOf(m.code), m.message, members));
      if (kept.length !== markers.length) monaco.editor.setModelMarkers(model, 'typescript', kept);
    }
  });
}
