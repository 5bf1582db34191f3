// Reads the reference out of the code: the engine's public declarations (engine/index.ts) and the
// notebook helpers' declarations (app/editor/cell-globals.ts), with their doc comments, through the
// TypeScript compiler API — the same source Monaco's hover and completions come from, so the
// reference cannot drift from what the editor shows. `generate.ts` writes it out.
import ts from 'typescript';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CELL_GLOBALS_DTS } from '../../app/editor/cell-globals';

export interface RefOption {
  name: string;
  type: string;
  doc: string;
}

export interface RefEntry {
  /** The page (namespace) it belongs to: 'torch', 'Tensor', 'nn', … */
  page: string;
  /** As written in a cell: `torch.tensor`, `t.sum`, `nn.Linear`. */
  name: string;
  /** The PyTorch name it mirrors (`torch.Tensor.sum`), or '' for Torchlit's own helpers. */
  pytorch: string;
  kind: 'function' | 'class' | 'method' | 'property' | 'constant' | 'namespace';
  signatures: string[];
  doc: string;
  options: RefOption[];
  returns: string;
  throws: string[];
  examples: string[];
}

export interface RefPage {
  id: string;
  title: string;
  intro: string;
  entries: RefEntry[];
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GLOBALS_FILE = join(root, 'app', 'editor', '__cell_globals__.d.ts');
/**
 * A type printed as `typeof import("/abs/checkout/engine/data/transforms")` names the checkout's
 * folder: the generated reference would differ between clones (CI's clean clone found it stale).
 * The path is written from the repository root instead.
 */
const portable = (typeText: string): string => typeText.split(`${root.replace(/\\/g, '/')}/`).join('');

// `__@iterator@209`-style names are TypeScript's symbol-keyed members (Symbol.iterator): their
// number changes with every program, so they would make the generated reference stale at random.
const isInternal = (name: string) => (/^_(?!_)/.test(name) && name !== '_version') || name.startsWith('__@');

/** The pages, in order, and where their names come from in `engine/index.ts`'s exports. */
const PAGES: { id: string; title: string; intro: string; path: string[]; prefix: string; pytorch: string; skip?: string[] }[] = [
  { id: 'torch', title: 'torch', intro: 'Tensor creation, math, reductions, autograd switches and devices: the functions on the `torch` namespace.', path: ['torch'], prefix: 'torch.', pytorch: 'torch.', skip: ['nn', 'optim', 'utils', 'Tensor'] },
  { id: 'Tensor', title: 'Tensor', intro: 'Methods and properties of a tensor (`t` below is any tensor).', path: ['Tensor#'], prefix: 't.', pytorch: 'torch.Tensor.' },
  { id: 'nn', title: 'torch.nn', intro: 'Modules (layers, activations, losses, containers) and `nn.Parameter`. Constructors work with and without `new`; options are the trailing object.', path: ['nn'], prefix: 'nn.', pytorch: 'torch.nn.', skip: ['functional', 'init', 'utils'] },
  { id: 'nn.Module', title: 'nn.Module (methods of every model)', intro: 'What every module has: parameters, children, state dicts, train/eval, devices, hooks (`model` below is any module).', path: ['nn', 'Module#'], prefix: 'model.', pytorch: 'torch.nn.Module.' },
  { id: 'nn.init', title: 'torch.nn.init', intro: 'Initialisers that fill a tensor in place.', path: ['nn', 'init'], prefix: 'nn.init.', pytorch: 'torch.nn.init.' },
  { id: 'nn.functional', title: 'torch.nn.functional (F)', intro: 'The functional forms of layers, activations and losses, as `F.*` in cells.', path: ['F'], prefix: 'F.', pytorch: 'torch.nn.functional.' },
  { id: 'optim', title: 'torch.optim', intro: 'Optimizers and learning-rate schedulers.', path: ['optim'], prefix: 'optim.', pytorch: 'torch.optim.', skip: ['lr_scheduler'] },
  { id: 'optim.Optimizer', title: 'optim.Optimizer (methods of every optimizer)', intro: 'What every optimizer has: step, zero_grad, param_groups, state dicts (`optimizer` below is any optimizer).', path: ['optim', 'Optimizer#'], prefix: 'optimizer.', pytorch: 'torch.optim.Optimizer.' },
  { id: 'optim.lr_scheduler', title: 'torch.optim.lr_scheduler', intro: 'Learning-rate schedulers: call `scheduler.step()` after `optimizer.step()`.', path: ['optim', 'lr_scheduler'], prefix: 'optim.lr_scheduler.', pytorch: 'torch.optim.lr_scheduler.' },
  { id: 'models', title: 'models (torchvision.models)', intro: 'Model builders. They are async because weights may be fetched: `await models.vgg16({weights: "DEFAULT"})`.', path: ['models'], prefix: 'models.', pytorch: 'torchvision.models.' },
  { id: 'datasets', title: 'datasets (torchvision.datasets)', intro: 'Datasets that ship with Torchlit (no download).', path: ['datasets'], prefix: 'datasets.', pytorch: 'torchvision.datasets.' },
  { id: 'data', title: 'utils.data (torch.utils.data)', intro: 'Datasets, samplers and the DataLoader.', path: ['utils', 'data'], prefix: 'utils.data.', pytorch: 'torch.utils.data.' },
];

export const IO_NAMES = ['save', 'load'];

function docOf(sym: ts.Symbol, checker: ts.TypeChecker): { doc: string; tags: ts.JSDocTagInfo[] } {
  const doc = ts.displayPartsToString(sym.getDocumentationComment(checker)).trim();
  const tags = sym.getJsDocTags(checker);
  return { doc, tags };
}

const tagText = (t: ts.JSDocTagInfo) => ts.displayPartsToString(t.text ?? []).trim();

function exampleBlocks(tags: ts.JSDocTagInfo[]): string[] {
  return tags.filter((t) => t.name === 'example').map(tagText).filter(Boolean);
}

/** Options objects: the properties of an object-typed last parameter (not a tensor, array or function). */
function optionsOf(sig: ts.Signature, checker: ts.TypeChecker, decl: ts.Node): RefOption[] {
  const params = sig.getParameters();
  const last = params[params.length - 1];
  if (!last) return [];
  let type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(last, decl));
  if (type.isUnion()) {
    const objs = type.types.filter((t) => t.flags & ts.TypeFlags.Object && !checker.isArrayType(t) && !t.getCallSignatures().length && t.getProperties().length);
    if (objs.length !== 1) return [];
    type = objs[0];
  }
  if (!(type.flags & ts.TypeFlags.Object) || checker.isArrayType(type) || checker.isTupleType(type) || type.getCallSignatures().length) return [];
  const sym = type.getSymbol();
  if (sym && ['Tensor', 'Module', 'Map', 'Array', 'Function', 'Parameter'].includes(sym.getName())) return [];
  const props = type.getProperties().filter((p) => !isInternal(p.getName()));
  if (props.length === 0 || props.length > 40) return [];
  return props.map((p) => ({
    name: p.getName(),
    type: portable(checker.typeToString(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(p, decl)), undefined, ts.TypeFormatFlags.NoTruncation)),
    doc: ts.displayPartsToString(p.getDocumentationComment(checker)).trim(),
  }));
}

function entryFor(name: string, sym: ts.Symbol, checker: ts.TypeChecker, page: (typeof PAGES)[number] | { id: string; prefix: string; pytorch: string }, member = false): RefEntry | null {
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  const decl = sym.valueDeclaration ?? sym.declarations?.[0];
  if (!decl) return null;
  const type = checker.getTypeOfSymbolAtLocation(sym, decl);
  const construct = type.getConstructSignatures();
  const call = type.getCallSignatures();
  const isClass = !!(sym.flags & ts.SymbolFlags.Class) || (construct.length > 0 && /^[A-Z]/.test(name));
  const kind: RefEntry['kind'] = member
    ? call.length && !(sym.flags & ts.SymbolFlags.GetAccessor) && !(sym.flags & ts.SymbolFlags.Property && !(sym.flags & ts.SymbolFlags.Method))
      ? 'method'
      : call.length && sym.flags & ts.SymbolFlags.Method
        ? 'method'
        : 'property'
    : isClass
      ? 'class'
      : call.length
        ? 'function'
        : sym.flags & ts.SymbolFlags.ValueModule
          ? 'namespace'
          : 'constant';
  let { doc, tags } = docOf(sym, checker);
  // callable classes: the docs often sit on the class, the value is a wrapper
  if (!doc && isClass) {
    const cls = construct[0]?.getReturnType().getSymbol();
    if (cls) ({ doc, tags } = docOf(cls, checker));
  }
  const sigs = kind === 'class' ? construct : call;
  const fmt = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.WriteArrowStyleSignature;
  const signatures = sigs.slice(0, 4).map((s) => {
    const ps = s.getParameters().map((p) => {
      const pd = p.valueDeclaration as ts.ParameterDeclaration | undefined;
      const opt = pd && (pd.questionToken || pd.initializer) ? '?' : '';
      const rest = pd?.dotDotDotToken ? '...' : '';
      return `${rest}${p.getName()}${opt}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), undefined, fmt)}`;
    });
    const ret = checker.typeToString(s.getReturnType(), undefined, fmt);
    return portable(`${page.prefix}${name}(${ps.join(', ')})${kind === 'class' ? '' : `: ${ret}`}`);
  });
  if (kind === 'property' || kind === 'constant') signatures.push(portable(`${page.prefix}${name}: ${checker.typeToString(type, undefined, fmt)}`));
  const pyTag = tags.find((t) => t.name === 'pytorch');
  const returnsTag = tags.find((t) => t.name === 'returns' || t.name === 'return');
  return {
    page: page.id,
    name: `${page.prefix}${name}`,
    pytorch: pyTag ? tagText(pyTag) : page.pytorch ? `${page.pytorch}${name}` : '',
    kind,
    signatures,
    doc,
    options: sigs[0] ? optionsOf(sigs[0], checker, decl) : [],
    returns: returnsTag ? tagText(returnsTag) : sigs[0] && kind !== 'class' ? portable(checker.typeToString(sigs[0].getReturnType(), undefined, fmt)) : '',
    throws: tags.filter((t) => t.name === 'throws').map(tagText),
    examples: exampleBlocks(tags),
  };
}

function program(): ts.Program {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['@webgpu/types'],
    skipLibCheck: true,
    strict: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const globalsSource = CELL_GLOBALS_DTS.replace(/from 'torch'/g, "from '../../engine/index'").replace(/'@torchlit\/engine\/([\w/]+)'/g, "'../../engine/$1'").replace(/import\('torch'\)/g, "import('../../engine/index')");
  host.readFile = (f) => (f === GLOBALS_FILE ? globalsSource : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => f === GLOBALS_FILE || exists(f);
  return ts.createProgram([join(root, 'engine', 'index.ts'), GLOBALS_FILE], options, host);
}

function walk(checker: ts.TypeChecker, start: ts.Symbol, path: string[]): { syms: [string, ts.Symbol][]; decl: ts.Node } | null {
  let syms = checker.getExportsOfModule(start).map((s) => [s.getName(), s] as [string, ts.Symbol]);
  let decl: ts.Node = start.valueDeclaration ?? start.declarations![0];
  for (const step of path) {
    const instance = step.endsWith('#');
    const found = syms.find(([n]) => n === step.replace('#', ''));
    if (!found) return null;
    let sym = found[1];
    if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    decl = sym.valueDeclaration ?? sym.declarations![0];
    if (instance) {
      const type = checker.getDeclaredTypeOfSymbol(sym);
      syms = type.getProperties().map((p) => [p.getName(), p]);
    } else if (sym.flags & ts.SymbolFlags.ValueModule && !(sym.flags & ts.SymbolFlags.Variable)) {
      syms = checker.getExportsOfModule(sym).map((s) => [s.getName(), s]);
    } else {
      const type = checker.getTypeOfSymbolAtLocation(sym, decl);
      syms = type.getProperties().map((p) => [p.getName(), p]);
    }
  }
  return { syms, decl };
}

const HELPERS_INTRO =
  'Names every cell has besides the PyTorch namespaces: output (`print`, `display`, `update_display`), the training views (`monitor`, `grads`, `progress`, `plot`) and Python conveniences (`range`, …). They exist only in notebook cells.';

/** Every reference page, read from the code. */
export function extractReference(): RefPage[] {
  const prog = program();
  const checker = prog.getTypeChecker();
  const index = checker.getSymbolAtLocation(prog.getSourceFile(join(root, 'engine', 'index.ts'))!)!;
  const pages: RefPage[] = [];
  for (const p of PAGES) {
    const found = walk(checker, index, p.path);
    if (!found) continue;
    const entries: RefEntry[] = [];
    for (const [name, sym] of found.syms.sort(([a], [b]) => a.localeCompare(b))) {
      if (isInternal(name) || p.skip?.includes(name) || ['default', 'prototype', 'constructor', 'toString', 'valueOf', 'toJSON'].includes(name) || name.startsWith('__@')) continue;
      if (p.id === 'torch' && IO_NAMES.includes(name)) continue;
      const e = entryFor(name, sym, checker, p, p.path[p.path.length - 1].endsWith('#'));
      if (e) entries.push(e);
    }
    pages.push({ id: p.id, title: p.title, intro: p.intro, entries });
  }
  // torch.save / torch.load: their own page
  const torchSyms = walk(checker, index, ['torch']);
  const io = { id: 'io', prefix: 'torch.', pytorch: 'torch.' };
  pages.push({
    id: 'io',
    title: 'Saving and loading (torch.save, torch.load)',
    intro: 'State dicts and tensors to and from files (safetensors), as `torch.save`/`torch.load`.',
    entries: (torchSyms?.syms ?? []).filter(([n]) => IO_NAMES.includes(n)).map(([n, s]) => entryFor(n, s, checker, io)!).filter(Boolean),
  });
  // the notebook helpers: globals declared for cells
  const gsf = prog.getSourceFile(GLOBALS_FILE)!;
  const helpers: RefEntry[] = [];
  const globalScope = checker.getSymbolsInScope(gsf.endOfFileToken, ts.SymbolFlags.Value);
  const declaredHere = new Set<ts.Symbol>();
  gsf.forEachChild(function visit(n: ts.Node) {
    if (ts.isFunctionDeclaration(n) || ts.isVariableDeclaration(n) || ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n)) {
      const s = n.name && checker.getSymbolAtLocation(n.name);
      if (s) declaredHere.add(s);
    }
    n.forEachChild(visit);
  });
  const helperPage = { id: 'helpers', prefix: '', pytorch: '' };
  for (const sym of globalScope.filter((s) => declaredHere.has(s)).sort((a, b) => a.getName().localeCompare(b.getName()))) {
    if (['torch', 'nn', 'F', 'optim', 'models', 'datasets', 'utils'].includes(sym.getName())) continue;
    const e = entryFor(sym.getName(), sym, checker, helperPage);
    if (e) helpers.push(e);
  }
  // the objects helpers return: their methods, as a cell calls them
  for (const [iface, prefix] of [['Monitor', 'mon.'], ['Plot', 'chart.'], ['DisplayHandle', 'handle.']] as const) {
    const sym = checker.getSymbolsInScope(gsf.endOfFileToken, ts.SymbolFlags.Interface).find((s) => s.getName() === iface && declaredHere.has(s));
    if (!sym) continue;
    for (const m of checker.getDeclaredTypeOfSymbol(sym).getProperties()) {
      const e = entryFor(m.getName(), m, checker, { id: 'helpers', prefix, pytorch: '' }, true);
      if (e) helpers.push(e);
    }
  }
  pages.push({ id: 'helpers', title: 'Notebook helpers', intro: HELPERS_INTRO, entries: helpers });
  return pages;
}
