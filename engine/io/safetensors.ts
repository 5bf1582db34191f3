// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
// header length N, N bytes of JSON `{name: {dtype, shape, data_offsets: [begin, end]}}` (plus an
// optional `__metadata__`), then the raw little-endian data.
//
// Reading is a single forward pass over the bytes, wherever they come from (a fetch body, a
// Blob read in slices, an ArrayBuffer): each chunk is copied straight into the tensor that owns
// those bytes, so loading weights into a model never holds a second full copy.
import { resolveAppUrl } from './base-url';
import { RuntimeError } from '../errors';
import { bool, float32, float64, int32, int64, type DType, type TypedArray } from '../dtype';
import { Tensor } from '../tensor';

export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';
export interface TensorInfo {
  dtype: SafetensorsDtype;
  shape: number[];
  data_offsets: [number, number];
}
export interface SafetensorsHeader {
  tensors: Map<string, TensorInfo>;
  metadata: Record<string, string> | null;
  /** Absolute byte offset where the data section starts (8 + N). */
  dataStart: number;
  /** Total file size implied by the header. */
  totalBytes: number;
}
/** Where weights come from: a URL, bytes, a File/Blob, or a fetch Response. */
export type WeightsSource = string | URL | ArrayBuffer | ArrayBufferView | Blob | Response;
export type ProgressFn = (loaded: number, total: number) => void;

const ITEMSIZE: Record<SafetensorsDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
/** The engine dtype a stored dtype is read as. */
export function engineDtype(d: SafetensorsDtype): DType {
  switch (d) {
    case 'F64': return float64;
    case 'F32': case 'F16': case 'BF16': return float32;
    case 'I64': return int64;
    case 'I32': case 'I16': case 'I8': case 'U8': return d === 'U8' ? int64 : int32;
    case 'BOOL': return bool;
    default: throw new RuntimeError(`safetensors: unsupported dtype ${String(d)}`);
  }
}

export function parseHeader(bytes: Uint8Array): SafetensorsHeader {
  if (bytes.length < 8) throw new RuntimeError('safetensors: file too short for a header');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(dv.getBigUint64(0, true));
  if (n > 100_000_000) throw new RuntimeError(`safetensors: header length ${n} is not plausible; is this a safetensors file? (PyTorch .pth files are zip archives: convert them with scripts/convert_weights.py)`);
  if (bytes.length < 8 + n) throw new RuntimeError('safetensors: truncated header');
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch {
    throw new RuntimeError('safetensors: the header is not valid JSON; is this a safetensors file?');
  }
  const tensors = new Map<string, TensorInfo>();
  let maxEnd = 0;
  for (const [k, v] of Object.entries(json)) {
    if (k === '__metadata__') continue;
    const info = v as TensorInfo;
    if (!(info.dtype in ITEMSIZE)) throw new RuntimeError(`safetensors: tensor '${k}' has unsupported dtype ${info.dtype}`);
    const [b, e] = info.data_offsets;
    const numel = info.shape.reduce((a, c) => a * c, 1);
    if (e - b !== numel * ITEMSIZE[info.dtype]) throw new RuntimeError(`safetensors: tensor '${k}' has ${e - b} bytes, expected ${numel * ITEMSIZE[info.dtype]}`);
    tensors.set(k, info);
    maxEnd = Math.max(maxEnd, e);
  }
  return { tensors, metadata: (json.__metadata__ as Record<string, string>) ?? null, dataStart: 8 + n, totalBytes: 8 + n + maxEnd };
}

// ---- byte sources ------------------------------------------------------------------------------
const CHUNK = 8 << 20;
const CACHE_NAME = 'torchlit-weights-v1';

/** Fetches `url`, through the browser's Cache API when available (a second load reads from disk). */
export async function fetchWeights(url: string, useCache = true): Promise<Response> {
  const cachesApi = (globalThis as { caches?: CacheStorage }).caches;
  let cache: Cache | null = null;
  if (useCache && cachesApi) {
    try {
      cache = await cachesApi.open(CACHE_NAME);
      const hit = await cache.match(url);
      if (hit) return hit;
    } catch {
      cache = null; // opaque origins and some private modes have no Cache API
    }
  }
  const resp = await fetch(url);
  if (resp.ok && cache) cache.put(url, resp.clone()).catch(() => {});
  return resp;
}

async function* readerChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.length) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Fetches a weights URL (relative: to the notebook page, as in the page, not to the kernel
 * worker's script); a failed request or an HTTP error is a WeightsNotFound naming the URL tried.
 */
export async function openUrl(src: string, cache = true): Promise<Response> {
  const url = resolveAppUrl(src);
  let resp: Response;
  try {
    resp = await fetchWeights(url, cache);
  } catch (e) {
    throw new WeightsNotFound(url, `the request failed (${(e as Error).message}); a cross-origin URL needs CORS headers (Access-Control-Allow-Origin) and Cross-Origin-Resource-Policy: cross-origin`);
  }
  if (!resp.ok) throw new WeightsNotFound(url, `HTTP ${resp.status}${resp.statusText ? ' ' + resp.statusText : ''}`);
  return resp;
}

/** The bytes of `src` in order, as chunks; `size` when known up front. */
export async function openSource(src: WeightsSource, opts: { cache?: boolean } = {}): Promise<{ chunks: AsyncIterable<Uint8Array>; size: number | null }> {
  if (src instanceof ArrayBuffer) return { chunks: [new Uint8Array(src)] as unknown as AsyncIterable<Uint8Array>, size: src.byteLength };
  if (ArrayBuffer.isView(src)) {
    const u8 = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    return { chunks: (async function* () { yield u8; })(), size: u8.length };
  }
  if (typeof Blob !== 'undefined' && src instanceof Blob) {
    const blob = src;
    return {
      size: blob.size,
      chunks: (async function* () {
        for (let at = 0; at < blob.size; at += CHUNK) yield new Uint8Array(await blob.slice(at, Math.min(blob.size, at + CHUNK)).arrayBuffer());
      })(),
    };
  }
  const resp = typeof Response !== 'undefined' && src instanceof Response ? src : await openUrl(String(src), opts.cache ?? true);
  if (!resp.body) throw new RuntimeError('safetensors: the response has no body');
  const len = Number(resp.headers.get('content-length'));
  return { chunks: readerChunks(resp.body), size: Number.isFinite(len) && len > 0 ? len : null };
}

/** The file is missing or unreachable; the message says how to get it. */
export class WeightsNotFound extends Error {
  constructor(readonly url: string, reason: string, hint = '') {
    super(`Could not load weights from ${url}: ${reason}.${hint ? ' ' + hint : ''}`);
    this.name = 'WeightsNotFound';
  }
}

// ---- streaming reader ----------------------------------------------------------------------------
/** Receives one tensor's bytes, in order, possibly over several calls. */
export interface Sink {
  write(bytes: Uint8Array, at: number): void;
  done(): void;
}

/**
 * Reads `src` once, front to back. `plan(header)` returns a sink per tensor name (or null to
 * skip it); each sink receives exactly that tensor's bytes.
 */
export async function streamSafetensors(
  src: WeightsSource,
  plan: (header: SafetensorsHeader) => Map<string, Sink | null>,
  opts: { onProgress?: ProgressFn; cache?: boolean } = {},
): Promise<SafetensorsHeader> {
  const { chunks } = await openSource(src, { cache: opts.cache });
  let head = new Uint8Array(0);
  let header: SafetensorsHeader | null = null;
  let segs: { begin: number; end: number; sink: Sink | null }[] = [];
  let seg = 0;
  let pos = 0;
  const feed = (chunk: Uint8Array, cs: number) => {
    const ce = cs + chunk.length;
    while (seg < segs.length && segs[seg].begin < ce) {
      const s = segs[seg];
      const a = Math.max(cs, s.begin), b = Math.min(ce, s.end);
      if (b > a && s.sink) s.sink.write(chunk.subarray(a - cs, b - cs), a - s.begin);
      if (s.end <= ce) {
        s.sink?.done();
        seg++;
      } else break;
    }
  };
  for await (const chunk of chunks) {
    const cs = pos;
    pos += chunk.length;
    if (!header) {
      const merged = new Uint8Array(head.length + chunk.length);
      merged.set(head);
      merged.set(chunk, head.length);
      head = merged;
      if (head.length < 8) continue;
      const n = Number(new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true));
      if (n > 100_000_000) parseHeader(head); // throws the explanatory error
      if (head.length < 8 + n) continue;
      header = parseHeader(head);
      const sinks = plan(header);
      segs = [...header.tensors].map(([name, info]) => ({ begin: header!.dataStart + info.data_offsets[0], end: header!.dataStart + info.data_offsets[1], sink: sinks.get(name) ?? null }));
      segs.sort((x, y) => x.begin - y.begin);
      // zero-byte tensors complete at once
      feed(head.subarray(0, 0), 0);
      feed(head.subarray(header.dataStart), header.dataStart);
      head = new Uint8Array(0);
    } else feed(chunk, cs);
    opts.onProgress?.(pos, header?.totalBytes ?? pos);
  }
  if (!header) throw new RuntimeError('safetensors: the file ended before its header');
  if (seg < segs.length) throw new RuntimeError(`safetensors: the file is truncated (${pos} of ${header.totalBytes} bytes)`);
  return header;
}

// ---- decoding ------------------------------------------------------------------------------------
function f16ToF32(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** Decodes `bytes` of stored dtype `dt` into `out` (the engine's typed array for it). */
export function decodeInto(dt: SafetensorsDtype, bytes: Uint8Array, out: TypedArray): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = out.length;
  switch (dt) {
    case 'F32': new Uint8Array(out.buffer, out.byteOffset, n * 4).set(bytes); return;
    case 'F64': new Uint8Array(out.buffer, out.byteOffset, n * 8).set(bytes); return;
    case 'I32': new Uint8Array(out.buffer, out.byteOffset, n * 4).set(bytes); return;
    case 'BOOL': case 'U8': for (let i = 0; i < n; i++) out[i] = bytes[i]; return;
    case 'I8': for (let i = 0; i < n; i++) out[i] = dv.getInt8(i); return;
    case 'I16': for (let i = 0; i < n; i++) out[i] = dv.getInt16(2 * i, true); return;
    case 'I64': for (let i = 0; i < n; i++) out[i] = Number(dv.getBigInt64(8 * i, true)); return;
    case 'F16': for (let i = 0; i < n; i++) out[i] = f16ToF32(dv.getUint16(2 * i, true)); return;
    case 'BF16': {
      const u = new Uint32Array(out.buffer, out.byteOffset, n);
      for (let i = 0; i < n; i++) u[i] = dv.getUint16(2 * i, true) << 16;
      return;
    }
  }
}

/** A sink that writes a tensor's bytes into `out` (an engine typed array of the right length). */
export function sinkInto(dt: SafetensorsDtype, out: TypedArray): Sink {
  const direct = (dt === 'F32' && out instanceof Float32Array) || (dt === 'F64' && out instanceof Float64Array) || (dt === 'I32' && out instanceof Int32Array);
  if (direct) {
    const dst = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    return { write: (b, at) => dst.set(b, at), done: () => {} };
  }
  // converting dtypes: stage this one tensor's bytes, then decode
  const n = out.length * ITEMSIZE[dt];
  const stage = new Uint8Array(n);
  return { write: (b, at) => stage.set(b, at), done: () => decodeInto(dt, stage, out) };
}

// ---- whole files -----------------------------------------------------------------------------------
/** Reads every tensor of a safetensors file held in memory (views into `bytes` where aligned). */
export function loadSafetensorsSync(bytes: ArrayBuffer | ArrayBufferView): Record<string, Tensor> {
  const u8 = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = parseHeader(u8);
  const out: Record<string, Tensor> = {};
  for (const [name, info] of h.tensors) {
    const dt = engineDtype(info.dtype);
    const numel = info.shape.reduce((a, c) => a * c, 1);
    const begin = u8.byteOffset + h.dataStart + info.data_offsets[0];
    const raw = u8.subarray(h.dataStart + info.data_offsets[0], h.dataStart + info.data_offsets[1]);
    let data: TypedArray;
    if (info.dtype === 'F32' && begin % 4 === 0) data = new Float32Array(u8.buffer, begin, numel);
    else if (info.dtype === 'F64' && begin % 8 === 0) data = new Float64Array(u8.buffer, begin, numel);
    else {
      data = new dt.array(numel);
      decodeInto(info.dtype, raw, data);
    }
    out[name] = Tensor._fromData(data, info.shape, dt);
  }
  return out;
}

/** Reads every tensor of a safetensors file from any source (URL, Blob, bytes), streaming. */
export async function loadSafetensors(src: WeightsSource, opts: { onProgress?: ProgressFn; cache?: boolean } = {}): Promise<Record<string, Tensor>> {
  const out: Record<string, Tensor> = {};
  await streamSafetensors(src, (h) => {
    const sinks = new Map<string, Sink>();
    for (const [name, info] of h.tensors) {
      const t = Tensor._empty(info.shape, engineDtype(info.dtype));
      out[name] = t;
      sinks.set(name, sinkInto(info.dtype, t._storage.data!));
    }
    return sinks;
  }, opts);
  return out;
}

const STORE: Record<string, SafetensorsDtype> = { float32: 'F32', float64: 'F64', int64: 'I64', int32: 'I32', bool: 'BOOL' };

/** Serialises named tensors as safetensors bytes (int64 written as 8-byte integers, as PyTorch). */
export async function saveSafetensors(tensors: Record<string, Tensor> | Map<string, Tensor>, metadata?: Record<string, string>): Promise<Uint8Array> {
  const entries = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  const datas: { bytes: Uint8Array }[] = [];
  let off = 0;
  for (const [name, t] of entries) {
    if (!(t instanceof Tensor)) throw new TypeError(`torch.save: '${name}' is not a tensor (Torchlit saves dicts of tensors, as safetensors)`);
    const dt = STORE[t.dtype.name];
    const vals = await t.data();
    let bytes: Uint8Array;
    if (dt === 'I64') {
      const b = new BigInt64Array(vals.length);
      for (let i = 0; i < vals.length; i++) b[i] = BigInt(vals[i]);
      bytes = new Uint8Array(b.buffer);
    } else bytes = new Uint8Array(vals.buffer, vals.byteOffset, vals.byteLength);
    header[name] = { dtype: dt, shape: [...t._shape], data_offsets: [off, off + bytes.length] };
    datas.push({ bytes });
    off += bytes.length;
  }
  let json = JSON.stringify(header);
  // pad so the data section starts 8-byte aligned (as the reference writer does)
  const enc = new TextEncoder();
  let hb = enc.encode(json);
  const padded = Math.ceil(hb.length / 8) * 8;
  json += ' '.repeat(padded - hb.length);
  hb = enc.encode(json);
  const out = new Uint8Array(8 + hb.length + off);
  new DataView(out.buffer).setBigUint64(0, BigInt(hb.length), true);
  out.set(hb, 8);
  let at = 8 + hb.length;
  for (const d of datas) {
    out.set(d.bytes, at);
    at += d.bytes.length;
  }
  return out;
}
