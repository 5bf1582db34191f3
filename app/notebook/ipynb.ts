// .ipynb (nbformat 4.5) read / write as pure functions. Reading is forgiving where Jupyter is
// (string or list `source`, missing ids) and refuses with a message naming what is wrong
// otherwise; writing always produces a file the official schema accepts.
import type { MimeBundle } from '../protocol/messages';
import { isValidCellId, newCellId } from './ids';
import { TORCHLIT_VERSION, type Cell, type CellType, type NotebookDoc, type Output } from './types';

export const KERNELSPEC = { name: 'torchlit', display_name: 'TypeScript (Torchlit)', language: 'typescript' } as const;
export const LANGUAGE_INFO = { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' } as const;

export type ReadResult = { ok: true; doc: NotebookDoc; warnings: string[] } | { ok: false; error: string };

export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  for (const [mime, value] of Object.entries(v)) out[mime] = isJsonMime(mime) ? value : joinMultiline(value, `${where}["${mime}"]`);
  return out;
}

function readOutput(o: unknown, where: string): Output {
  if (!isObj(o)) throw new NotebookFormatError(`${where} is not an object`);
  switch (o.output_type) {
    case 'stream':
      return { output_type: 'stream', name: o.name === 'stderr' ? 'stderr' : 'stdout', text: joinMultiline(o.text, `${where}.text`) };
    case 'display_data':
      return { output_type: 'display_data', data: readBundle(o.data, `${where}.data`), metadata: isObj(o.metadata) ? o.metadata : {} };
    case 'execute_result':
      return {
        output_type: 'execute_result',
        execution_count: typeof o.execution_count === 'number' ? o.execution_count : null,
        data: readBundle(o.data, `${where}.data`),
        metadata: isObj(o.metadata) ? o.metadata : {},
      };
    case 'error':
      return {
        output_type: 'error',
        ename: String(o.ename ?? 'Error'),
        evalue: String(o.evalue ?? ''),
        traceback: Array.isArray(o.traceback) ? o.traceback.map(String) : [],
      };
    default:
      throw new NotebookFormatError(`${where} has an unknown output_type ${JSON.stringify(o.output_type)}`);
  }
}

function readCell(c: unknown, index: number, seen: Set<string>, warnings: string[]): Cell {
  const where = `cell ${index + 1}`;
  if (!isObj(c)) throw new NotebookFormatError(`${where} is not an object`);
  const type = c.cell_type;
  if (type !== 'code' && type !== 'markdown' && type !== 'raw') {
    throw new NotebookFormatError(`${where} has an unknown cell_type ${JSON.stringify(type)} (expected "code", "markdown" or "raw")`);
  }
  if (!('source' in c)) throw new NotebookFormatError(`${where} has no "source"`);
  let id = c.id;
  if (!isValidCellId(id) || seen.has(id)) {
    const why = id === undefined ? 'had no id' : seen.has(String(id)) ? `had a duplicate id "${String(id)}"` : `had an invalid id ${JSON.stringify(id)}`;
    id = newCellId();
    warnings.push(`${where} ${why}; it was given a new one`);
  }
  seen.add(id as string);
  const outputs = type === 'code' ? (Array.isArray(c.outputs) ? c.outputs : []).map((o, j) => readOutput(o, `${where}, output ${j + 1}`)) : [];
  const cell: Cell = {
    id: id as string,
    cell_type: type as CellType,
    source: joinMultiline(c.source, `${where}.source`),
    metadata: isObj(c.metadata) ? c.metadata : {},
    outputs,
    execution_count: type === 'code' && typeof c.execution_count === 'number' ? c.execution_count : null,
  };
  if (type !== 'code' && isObj(c.attachments)) cell.attachments = c.attachments;
  return cell;
}

/** Parse and check a notebook file's text. Never throws. */
export function readIpynb(text: string): ReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, error: `This file is not valid JSON: ${(e as Error).message}` };
  }
  try {
    return readNotebookJson(json);
  } catch (e) {
    if (e instanceof NotebookFormatError) return { ok: false, error: `This is not a notebook we can open: ${e.message}.` };
    return { ok: false, error: `This notebook could not be read: ${(e as Error).message}` };
  }
}

function readNotebookJson(json: unknown): ReadResult {
  if (!isObj(json)) throw new NotebookFormatError('the file must contain a JSON object');
  if (json.nbformat !== 4) {
    const v = json.nbformat === undefined ? 'has no "nbformat" field' : `is nbformat ${JSON.stringify(json.nbformat)}`;
    throw new NotebookFormatError(`the file ${v}; only nbformat 4 notebooks are supported`);
  }
  if (!Array.isArray(json.cells)) throw new NotebookFormatError('"cells" is missing or not a list');
  const warnings: string[] = [];
  const seen = new Set<string>();
  const cells = json.cells.map((c, i) => readCell(c, i, seen, warnings));
  const metadata = isObj(json.metadata) ? { ...json.metadata } : {};
  // Trust is never read from a file (a shared notebook is someone else's).
  delete metadata.trusted;
  return { ok: true, doc: { cells, metadata, nbformat_minor: 5 }, warnings };
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
  return c.attachments ? { ...base, attachments: c.attachments } : base;
}

/** The notebook as nbformat 4.5 JSON (an object; `JSON.stringify(x, null, 1)` it to save). */
export function writeIpynb(doc: NotebookDoc, opts: WriteOptions = {}): Record<string, unknown> {
  const prev = isObj(doc.metadata.torchlit) ? doc.metadata.torchlit : {};
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
