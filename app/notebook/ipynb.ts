// .ipynb (nbformat 4.5) read / write as pure functions. Reading is forgiving where Jupyter is
// (string or list `source`, missing ids) and refuses with a message naming what is wrong
// otherwise; writing always produces a file the official schema accepts.
import type { MimeBundle } from '../protocol/messages';
import { isValidCellId, newCellId } from './ids';
import { pruneAttachments } from './attachments';
import { TORCHLIT_VERSION, type Cell, type CellType, type NotebookDoc, type Output } from './types';

export const KERNELSPEC = { name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' } as const;
export const LANGUAGE_INFO = { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' } as const;

export type ImportErrorKind = 'json' | 'format' | 'version' | 'size' | 'depth';

/** On failure: `error` is a sentence for a page of its own; `detail` what is wrong, for "<file> could not be opened: <detail>". */
export type ReadResult = { ok: true; doc: NotebookDoc; warnings: string[] } | { ok: false; error: string; kind: ImportErrorKind; detail: string };

/** Every way a file can fail to be a notebook we open: `kind` says which, `message` says what. */
export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
  constructor(message: string, readonly kind: ImportErrorKind = 'format') {
    super(message);
  }
}

/** Files above this many characters are refused before parsing (JSON.parse alone would take seconds). */
export const MAX_NOTEBOOK_CHARS = 64 * 1024 * 1024;
/** Deeper JSON than this cannot be stored or copied (structured clone and stringify recurse). */
export const MAX_JSON_DEPTH = 200;
/** Shown to the user at most; the rest are counted. */
const MAX_WARNINGS = 12;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** nbformat's multiline string: a string or a list of lines (each keeping its "\n"). */
function joinMultiline(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('');
  throw new NotebookFormatError(`${where} must be a string or a list of strings`);
}

/** Split into nbformat's list-of-lines form (every line but the last keeps its newline). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 1 ? l + '\n' : l)).filter((l) => l !== '');
}

const isJsonMime = (mime: string) => /^application\/(.*\+)?json$/.test(mime);

function readBundle(v: unknown, where: string): MimeBundle {
  if (!isObj(v)) throw new NotebookFormatError(`${where} must be an object of MIME type → value`);
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(v)) {
    if (mime === '__proto__') continue;
    out[mime] = isJsonMime(mime) ? value : joinMultiline(value, `${where}["${mime.slice(0, 80)}"]`);
  }
  return out;
}

const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : v === undefined || v === null ? fallback : JSON.stringify(v));
const count = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);
const meta = (v: unknown) => (isObj(v) ? v : {});

// Metadata keys the nbformat 4.5 schema gives a type: a wrong-typed one is dropped on reading,
// so whatever opens is saved as a valid file (other keys are kept as they are).
const isName = (v: unknown) => typeof v === 'string' && /^.+$/.test(v);
function cellMetadata(v: unknown, type: CellType): Record<string, unknown> {
  const m = { ...meta(v) };
  const drop = (k: string, ok: (x: unknown) => boolean) => Object.prototype.hasOwnProperty.call(m, k) && !ok(m[k]) && delete m[k];
  drop('name', isName);
  if (Array.isArray(m.tags)) m.tags = [...new Set(m.tags.filter((t): t is string => typeof t === 'string' && /^[^,]+$/.test(t)))];
  drop('tags', Array.isArray);
  drop('jupyter', isObj);
  if (type === 'code') {
    drop('execution', isObj);
    if (isObj(m.execution)) m.execution = Object.fromEntries(Object.entries(m.execution).filter(([, x]) => typeof x === 'string'));
    drop('collapsed', (x) => typeof x === 'boolean');
    drop('scrolled', (x) => x === true || x === false || x === 'auto');
  }
  if (type === 'raw') drop('format', (x) => typeof x === 'string');
  return m;
}

function notebookMetadata(v: unknown): Record<string, unknown> {
  const m = { ...meta(v) };
  const drop = (k: string, ok: (x: unknown) => boolean) => Object.prototype.hasOwnProperty.call(m, k) && !ok(m[k]) && delete m[k];
  // Trust is never read from a file (a shared notebook is someone else's).
  delete m.trusted;
  drop('orig_nbformat', (x) => Number.isSafeInteger(x) && (x as number) >= 1);
  drop('title', (x) => typeof x === 'string');
  drop('authors', Array.isArray);
  drop('kernelspec', (x) => isObj(x) && typeof x.name === 'string' && typeof x.display_name === 'string');
  drop('language_info', isObj);
  if (isObj(m.language_info)) {
    const li = { ...m.language_info };
    for (const k of ['name', 'file_extension', 'mimetype', 'pygments_lexer']) if (k in li && typeof li[k] !== 'string') delete li[k];
    if ('codemirror_mode' in li && typeof li.codemirror_mode !== 'string' && !isObj(li.codemirror_mode)) delete li.codemirror_mode;
    m.language_info = li;
  }
  return m;
}

/** Attachments: file name → MIME bundle; entries that are not bundles are dropped (with a warning). */
function readAttachments(v: unknown, where: string, warnings: string[]): Record<string, unknown> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, unknown> = {};
  let dropped = 0;
  for (const [name, bundle] of Object.entries(v)) {
    if (name === '__proto__') continue;
    try {
      out[name] = readBundle(bundle, where);
    } catch {
      dropped++;
    }
  }
  if (dropped) warnings.push(`${where} had ${dropped} unreadable attachment${dropped > 1 ? 's' : ''}; ${dropped > 1 ? 'they were' : 'it was'} dropped`);
  return out;
}

function readOutput(o: unknown, where: string): Output {
  if (!isObj(o)) throw new NotebookFormatError(`${where} is not an object`);
  switch (own(o, 'output_type')) {
    case 'stream':
      return { output_type: 'stream', name: own(o, 'name') === 'stderr' ? 'stderr' : 'stdout', text: joinMultiline(own(o, 'text'), `${where}.text`) };
    case 'display_data':
      return { output_type: 'display_data', data: readBundle(own(o, 'data'), `${where}.data`), metadata: meta(own(o, 'metadata')) };
    case 'execute_result':
      return {
        output_type: 'execute_result',
        execution_count: count(own(o, 'execution_count')),
        data: readBundle(own(o, 'data'), `${where}.data`),
        metadata: meta(own(o, 'metadata')),
      };
    case 'error':
      return {
        output_type: 'error',
        ename: text(own(o, 'ename'), 'Error'),
        evalue: text(own(o, 'evalue'), ''),
        traceback: Array.isArray(own(o, 'traceback')) ? (own(o, 'traceback') as unknown[]).map((x) => text(x, '')) : [],
      };
    default:
      throw new NotebookFormatError(`${where} has an unknown output_type ${clip(own(o, 'output_type'))}`);
  }
}

/** A value for a message: JSON, cut short. */
function clip(v: unknown): string {
  const s = v === undefined ? '(none)' : JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

interface IdState { seen: Set<string>; warnings: string[]; /** ids are optional before nbformat 4.5 */ idsOptional: boolean }

function readCell(c: unknown, index: number, ids: IdState): Cell {
  const where = `cell ${index + 1}`;
  if (!isObj(c)) throw new NotebookFormatError(`${where} is not an object`);
  const type = own(c, 'cell_type');
  if (type !== 'code' && type !== 'markdown' && type !== 'raw') {
    throw new NotebookFormatError(`${where} has an unknown cell_type ${clip(type)} (expected "code", "markdown" or "raw")`);
  }
  if (!('source' in c)) throw new NotebookFormatError(`${where} has no "source"`);
  let id = own(c, 'id');
  if (!isValidCellId(id) || ids.seen.has(id)) {
    const why = id === undefined ? 'had no id' : ids.seen.has(String(id)) ? `had a duplicate id "${String(id)}"` : `had an invalid id ${clip(id)}`;
    if (!(id === undefined && ids.idsOptional)) ids.warnings.push(`${where} ${why}; it was given a new one`);
    do id = newCellId();
    while (ids.seen.has(id as string));
  }
  ids.seen.add(id as string);
  const rawOutputs = own(c, 'outputs');
  if (type === 'code' && rawOutputs !== undefined && !Array.isArray(rawOutputs)) throw new NotebookFormatError(`${where}.outputs must be a list`);
  const outputs = type === 'code' ? ((rawOutputs as unknown[] | undefined) ?? []).map((o, j) => readOutput(o, `${where}, output ${j + 1}`)) : [];
  const cell: Cell = {
    id: id as string,
    cell_type: type,
    source: joinMultiline(own(c, 'source'), `${where}.source`),
    metadata: cellMetadata(own(c, 'metadata'), type),
    outputs,
    execution_count: type === 'code' ? count(own(c, 'execution_count')) : null,
  };
  const attachments = type === 'code' ? undefined : readAttachments(own(c, 'attachments'), where, ids.warnings);
  if (attachments) cell.attachments = attachments;
  return cell;
}

/** Throws a NotebookFormatError when the JSON nests deeper than MAX_JSON_DEPTH (checked without recursion). */
function checkDepth(json: unknown): void {
  const stack: [unknown, number][] = [[json, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > MAX_JSON_DEPTH) throw new NotebookFormatError(`the file nests objects or lists more than ${MAX_JSON_DEPTH} levels deep`, 'depth');
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (typeof x === 'object' && x !== null) stack.push([x, d + 1]);
  }
}

/**
 * Parses and checks a notebook file's text. Throws only NotebookFormatError (its `kind` and
 * message say what is wrong); repairs what Jupyter would (missing or duplicate cell ids, a BOM,
 * nbformat 3) and lists each repair in `warnings`.
 */
export function parseIpynb(input: string): { doc: NotebookDoc; warnings: string[] } {
  if (typeof input !== 'string') throw new NotebookFormatError('the file is not text');
  if (input.length > MAX_NOTEBOOK_CHARS) {
    throw new NotebookFormatError(`the file is ${(input.length / 2 ** 20).toFixed(0)} MB; notebooks up to ${MAX_NOTEBOOK_CHARS / 2 ** 20} MB can be opened`, 'size');
  }
  let json: unknown;
  try {
    json = JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new NotebookFormatError(`the file is not valid JSON (${msg.length > 200 ? msg.slice(0, 200) + '…' : msg})`, 'json');
  }
  checkDepth(json);
  const { doc, warnings } = readNotebookJson(json);
  if (warnings.length > MAX_WARNINGS) warnings.splice(MAX_WARNINGS - 1, Infinity, `and ${warnings.length - MAX_WARNINGS + 1} more`);
  return { doc, warnings };
}

const KIND_PREFIX: Record<ImportErrorKind, string> = {
  json: 'This file could not be opened',
  format: 'This is not a notebook we can open',
  version: 'This notebook’s format is not supported',
  size: 'This file could not be opened',
  depth: 'This file could not be opened',
};

/** Parse and check a notebook file's text. Never throws. */
export function readIpynb(input: string): ReadResult {
  try {
    return { ok: true, ...parseIpynb(input) };
  } catch (e) {
    if (e instanceof NotebookFormatError) return { ok: false, kind: e.kind, error: `${KIND_PREFIX[e.kind]}: ${e.message}.`, detail: e.message };
    // Not expected (the import fuzzer checks it); still a message, never a crash.
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, kind: 'format', error: `This notebook could not be read: ${detail}`, detail };
  }
}

function readNotebookJson(json: unknown): { doc: NotebookDoc; warnings: string[] } {
  if (!isObj(json)) throw new NotebookFormatError('the file must contain a JSON object');
  const nbformat = own(json, 'nbformat');
  const warnings: string[] = [];
  if (nbformat === 3) {
    json = fromV3(json);
    warnings.push('it was converted from nbformat 3 (an old Jupyter format); its Python code will not run here as is');
  } else if (nbformat !== 4) {
    const v = nbformat === undefined ? 'has no "nbformat" field' : `is nbformat ${clip(nbformat)}`;
    throw new NotebookFormatError(`the file ${v}; only nbformat 4 notebooks (and 3, converted) are supported`, 'version');
  }
  const nb = json as Record<string, unknown>;
  const cells = own(nb, 'cells');
  if (!Array.isArray(cells)) throw new NotebookFormatError('"cells" is missing or not a list');
  const minor = own(nb, 'nbformat_minor');
  const ids: IdState = { seen: new Set(), warnings, idsOptional: nbformat !== 4 || typeof minor !== 'number' || minor < 5 };
  const doc = cells.map((c, i) => readCell(c, i, ids));
  const metadata = notebookMetadata(own(nb, 'metadata'));
  return { doc: { cells: doc, metadata, nbformat_minor: 5 }, warnings };
}

// nbformat 3 → 4, as nbformat's own converter does: worksheets flattened, `input` → `source`,
// heading cells → Markdown headings, pyout/pyerr → execute_result/error, short MIME keys → types.
const V3_MIME: Record<string, string> = {
  text: 'text/plain', html: 'text/html', svg: 'image/svg+xml', png: 'image/png', jpeg: 'image/jpeg',
  latex: 'text/latex', json: 'application/json', javascript: 'application/javascript', markdown: 'text/markdown',
};

function v3Output(o: unknown, where: string): unknown {
  if (!isObj(o)) throw new NotebookFormatError(`${where} is not an object`);
  const type = own(o, 'output_type');
  if (type === 'stream') return { output_type: 'stream', name: own(o, 'stream') ?? own(o, 'name'), text: own(o, 'text') };
  if (type === 'pyerr' || type === 'error') return { ...o, output_type: 'error' };
  if (type === 'pyout' || type === 'execute_result' || type === 'display_data') {
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k in V3_MIME && Object.prototype.hasOwnProperty.call(V3_MIME, k)) data[V3_MIME[k]] = k === 'json' && typeof v === 'string' ? safeJson(v) : v;
      else if (k.includes('/') && k !== '__proto__') data[k] = v;
    }
    const out = { output_type: type === 'display_data' ? 'display_data' : 'execute_result', data, metadata: meta(own(o, 'metadata')) };
    return type === 'display_data' ? out : { ...out, execution_count: own(o, 'prompt_number') ?? null };
  }
  throw new NotebookFormatError(`${where} has an unknown nbformat 3 output_type ${clip(type)}`);
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

function fromV3(nb: Record<string, unknown>): Record<string, unknown> {
  const worksheets = own(nb, 'worksheets');
  if (!Array.isArray(worksheets)) throw new NotebookFormatError('this nbformat 3 file has no "worksheets" list', 'version');
  const cells: unknown[] = [];
  for (const [w, ws] of worksheets.entries()) {
    const wsCells = isObj(ws) ? own(ws, 'cells') : undefined;
    if (!Array.isArray(wsCells)) throw new NotebookFormatError(`worksheet ${w + 1} has no "cells" list`, 'version');
    for (const c of wsCells) {
      const where = `cell ${cells.length + 1}`;
      if (!isObj(c)) throw new NotebookFormatError(`${where} is not an object`);
      const type = own(c, 'cell_type');
      const metadata = meta(own(c, 'metadata'));
      if (type === 'code') {
        const outputs = own(c, 'outputs');
        if (outputs !== undefined && !Array.isArray(outputs)) throw new NotebookFormatError(`${where}.outputs must be a list`);
        cells.push({
          cell_type: 'code',
          metadata,
          source: own(c, 'input') ?? own(c, 'source') ?? '',
          execution_count: own(c, 'prompt_number') ?? null,
          outputs: ((outputs as unknown[] | undefined) ?? []).map((o, j) => v3Output(o, `${where}, output ${j + 1}`)),
        });
      } else if (type === 'heading') {
        const level = own(c, 'level');
        const n = typeof level === 'number' && level >= 1 && level <= 6 ? Math.floor(level) : 1;
        const source = joinMultiline(own(c, 'source') ?? '', `${where}.source`).replace(/\n/g, ' ');
        cells.push({ cell_type: 'markdown', metadata, source: `${'#'.repeat(n)} ${source}` });
      } else if (type === 'markdown' || type === 'raw' || type === 'html') {
        cells.push({ cell_type: type === 'html' ? 'markdown' : type, metadata, source: own(c, 'source') ?? '' });
      } else {
        throw new NotebookFormatError(`${where} has an unknown nbformat 3 cell_type ${clip(type)}`);
      }
    }
  }
  const metadata = { ...meta(own(nb, 'metadata')) };
  delete metadata.name;
  return { nbformat: 4, nbformat_minor: 0, metadata, cells };
}

export interface WriteOptions {
  /** Adds static fallbacks (svg/html) to a bundle before it is saved (the renderers provide it). */
  withFallbacks?: (bundle: MimeBundle) => MimeBundle;
  device?: string;
}

function writeBundle(data: MimeBundle, opts: WriteOptions): Record<string, unknown> {
  const full = opts.withFallbacks ? opts.withFallbacks(data) : data;
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(full)) {
    if (isJsonMime(mime)) out[mime] = value;
    else out[mime] = typeof value === 'string' ? splitLines(value) : JSON.stringify(value);
  }
  return out;
}

function writeOutput(o: Output, opts: WriteOptions): Record<string, unknown> {
  switch (o.output_type) {
    case 'stream':
      return { output_type: 'stream', name: o.name, text: splitLines(o.text) };
    case 'display_data':
      return { output_type: 'display_data', data: writeBundle(o.data, opts), metadata: o.metadata };
    case 'execute_result':
      return { output_type: 'execute_result', execution_count: o.execution_count, data: writeBundle(o.data, opts), metadata: o.metadata };
    case 'error':
      return { output_type: 'error', ename: o.ename, evalue: o.evalue, traceback: o.traceback };
  }
}

function writeCell(c: Cell, opts: WriteOptions): Record<string, unknown> {
  const base = { id: c.id, cell_type: c.cell_type, metadata: c.metadata, source: splitLines(c.source) };
  if (c.cell_type === 'code') {
    return { ...base, execution_count: c.execution_count, outputs: c.outputs.map((o) => writeOutput(o, opts)) };
  }
  // A Markdown cell's attachments its source no longer mentions are dropped, as JupyterLab does on save.
  const attachments = c.cell_type === 'markdown' ? pruneAttachments(c.source, c.attachments) : c.attachments;
  return attachments ? { ...base, attachments } : base;
}

/** The notebook as nbformat 4.5 JSON (an object; `JSON.stringify(x, null, 1)` it to save). */
export function writeIpynb(doc: NotebookDoc, opts: WriteOptions = {}): Record<string, unknown> {
  const prev = isObj(doc.metadata.torchlit) ? doc.metadata.torchlit : {};
  // Another kernel's notebook keeps its kernelspec and language_info (./foreign.ts): it is
  // labelled, never silently relabelled as TypeScript.
  const ks = doc.metadata.kernelspec;
  if (isObj(ks) && typeof ks.name === 'string' && ks.name !== KERNELSPEC.name) {
    const metadata = { ...doc.metadata };
    // The schema requires language_info.name; a file without one gets the kernelspec's language.
    if (isObj(metadata.language_info) && typeof metadata.language_info.name !== 'string') {
      if (typeof ks.language === 'string') metadata.language_info = { ...metadata.language_info, name: ks.language };
      else delete metadata.language_info;
    }
    return { nbformat: 4, nbformat_minor: 5, metadata, cells: doc.cells.map((c) => writeCell(c, opts)) };
  }
  const metadata = {
    ...doc.metadata,
    kernelspec: KERNELSPEC,
    language_info: { ...(isObj(doc.metadata.language_info) ? doc.metadata.language_info : {}), ...LANGUAGE_INFO },
    torchlit: { ...prev, version: TORCHLIT_VERSION, device: opts.device ?? (prev.device as string | undefined) ?? 'cpu' },
  };
  return { nbformat: 4, nbformat_minor: 5, metadata, cells: doc.cells.map((c) => writeCell(c, opts)) };
}

export const stringifyIpynb = (doc: NotebookDoc, opts?: WriteOptions) => JSON.stringify(writeIpynb(doc, opts), null, 1) + '\n';

export function emptyCell(type: CellType = 'code', source = ''): Cell {
  return { id: newCellId(), cell_type: type, source, metadata: {}, outputs: [], execution_count: null };
}

export function emptyNotebook(): NotebookDoc {
  return {
    cells: [emptyCell('code')],
    metadata: { kernelspec: KERNELSPEC, language_info: LANGUAGE_INFO, torchlit: { version: TORCHLIT_VERSION, device: 'cpu' } },
    nbformat_minor: 5,
  };
}

/** The notebook's title: its first Markdown heading, or undefined. */
export function notebookTitle(doc: NotebookDoc): string | undefined {
  for (const c of doc.cells) {
    if (c.cell_type !== 'markdown') continue;
    const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(c.source);
    if (m) return m[1];
  }
  return undefined;
}

/** A one-line description: the first paragraph line of Markdown after the title. */
export function notebookDescription(doc: NotebookDoc): string {
  for (const c of doc.cells) {
    if (c.cell_type !== 'markdown') continue;
    for (const line of c.source.split('\n')) {
      const t = line.trim();
      if (t && !t.startsWith('#') && !t.startsWith('```') && !t.startsWith('$$') && !t.startsWith('<')) {
        return t
          .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
          .replace(/\*\*|__|`/g, '')
          .replace(/(^|\s)[*_](?=\S)/g, '$1')
          .replace(/(\S)[*_](?=\s|[.,;:!?]|$)/g, '$1').slice(0, 200);
      }
    }
  }
  return '';
}

export function notebookDevice(doc: NotebookDoc): 'cpu' | 'webgpu' {
  const t = doc.metadata.torchlit;
  return isObj(t) && t.device === 'webgpu' ? 'webgpu' : 'cpu';
}
