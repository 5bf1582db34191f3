// Fused histograms of many tensors at once (the training monitor's per-epoch gradient and weight
// histograms). Small tensors (≤ 8192 values): one dispatch for up to K tensors, one invocation
// per tensor (statistics, then bins). Larger ones: three dispatches for up to K tensors:
//  1. init: the output words (per tensor: statistics header + bin counts).
//  2. stats: each workgroup reduces a block of one tensor (min, max, Σx, Σx², zeros, finite
//     count) with a shared-memory tree, then merges into the tensor's header with atomics
//     (min/max through order-preserving u32 keys, sums through a compare-exchange loop).
//  3. bins: each workgroup bins its block into a shared-memory histogram on the range found by
//     pass 2 (padded when min == max, as the CPU histogram), adds it to the tensor's counts, and
//     accumulates Σ(x − mean)² for a std without cancellation.
// Each tensor is read in place through its own binding (K bindings per dispatch; no gather
// copy); a tensor larger than one binding is bound as several windows (segments). The words'
// format is backend/histogram-words.ts; this is the WebGPU backend's `histograms` kernel.
import { float32, int32 } from '../../dtype';
import { checkHistogramBins, HIST_HDR, MAX_HIST_BINS } from '../histogram-words';
import { registerKernel } from '../registry';
import type { Tensor } from '../../tensor';
import { bufferOf, ELEM } from './buffers';
import { gpu, maxBinding } from './context';
import { contiguous, copyInto, empty } from './memory';
import { dispatch, PARAM_WORDS, type Binding } from './queue';
import { HEADER, MATH, WG, groupsFor } from './wgsl';

/** Elements one workgroup reduces (each invocation strides over ITEMS of them). */
const ITEMS = 8;
const BLOCK = WG * ITEMS;
/** Parameter words: 0 segments, 1 bins, 2 blocks, 3 words per tensor; then 4 per segment: offset, length, slot, first block. */
const P_SEG = 4;

interface Segment {
  binding: Binding;
  off: number;
  len: number;
  slot: number;
}

/** Tensors read in one dispatch (one binding each, plus the output). */
function segmentsPerDispatch(): number {
  const lim = gpu().device.limits.maxStorageBuffersPerShaderStage ?? 8;
  return Math.max(1, Math.min(8, lim - 1, Math.floor((PARAM_WORDS - P_SEG) / 4)));
}

const KEY = /* wgsl */ `
fn key(f: f32) -> u32 { let u = bitcast<u32>(f); return select(u | 0x80000000u, ~u, (u & 0x80000000u) != 0u); }
fn unkey(k: u32) -> f32 { return bitcast<f32>(select(~k, k & 0x7fffffffu, (k & 0x80000000u) != 0u)); }
fn addf(p: u32, v: f32) {
  var old = atomicLoad(&O[p]);
  loop {
    let r = atomicCompareExchangeWeak(&O[p], old, bitcast<u32>(bitcast<f32>(old) + v));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}`;

function head(k: number): string {
  const xs = Array.from({ length: k }, (_, s) => `@group(0) @binding(${s + 2}) var<storage, read> X${s}: array<f32>;`).join('\n');
  return `${HEADER}${MATH}
@group(0) @binding(1) var<storage, read_write> O: array<atomic<u32>>;
${xs}
${KEY}`;
}

/** Finds this workgroup's segment, its block's range and the tensor's header word. */
const LOCATE = /* wgsl */ `
  let blk = wid.x + wid.y * nwg.x;
  if (blk >= prm(2u)) { return; }
  var s = 0u;
  for (var k = 1u; k < prm(0u); k++) { if (blk >= prm(${P_SEG}u + 4u * k + 3u)) { s = k; } }
  let off = prm(${P_SEG}u + 4u * s); let len = prm(${P_SEG}u + 4u * s + 1u);
  let base = prm(${P_SEG}u + 4u * s + 2u) * prm(3u);
  let start = (blk - prm(${P_SEG}u + 4u * s + 3u)) * ${BLOCK}u;
  let end = min(start + ${BLOCK}u, len);`;

/** The same loop over this workgroup's block, once per binding (s is uniform per workgroup). */
function perBinding(k: number, body: string): string {
  const cases = Array.from({ length: k }, (_, s) => `case ${s}u: { for (var i = start + lid; i < end; i += ${WG}u) { let v = X${s}[off + i]; ${body} } }`).join('\n    ');
  return `switch s {\n    ${cases}\n    default: {}\n  }`;
}

const INIT = `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<u32>;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= prm(0u)) { return; }
  O[gid.x] = select(0u, 0xffffffffu, gid.x % prm(1u) == 0u);
}`;

function statsShader(k: number): string {
  return `${head(k)}
var<workgroup> smin: array<f32, ${WG}>;
var<workgroup> smax: array<f32, ${WG}>;
var<workgroup> ssum: array<f32, ${WG}>;
var<workgroup> ssq: array<f32, ${WG}>;
var<workgroup> sz: array<u32, ${WG}>;
var<workgroup> sf: array<u32, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  ${LOCATE}
  var mn = bits_(0x7f800000u); var mx = bits_(0xff800000u); var sum = 0.0; var sq = 0.0; var z = 0u; var f = 0u;
  ${perBinding(k, 'if (!isnan_(v) && !isinf_(v)) { mn = min(mn, v); mx = max(mx, v); sum += v; sq += v * v; f++; if (v == 0.0) { z++; } }')}
  smin[lid] = mn; smax[lid] = mx; ssum[lid] = sum; ssq[lid] = sq; sz[lid] = z; sf[lid] = f;
  workgroupBarrier();
  for (var w = ${WG / 2}u; w > 0u; w = w >> 1u) {
    if (lid < w) {
      smin[lid] = min(smin[lid], smin[lid + w]); smax[lid] = max(smax[lid], smax[lid + w]);
      ssum[lid] += ssum[lid + w]; ssq[lid] += ssq[lid + w]; sz[lid] += sz[lid + w]; sf[lid] += sf[lid + w];
    }
    workgroupBarrier();
  }
  if (lid == 0u && sf[0] > 0u) {
    atomicMin(&O[base], key(smin[0])); atomicMax(&O[base + 1u], key(smax[0]));
    addf(base + 2u, ssum[0]); addf(base + 3u, ssq[0]);
    atomicAdd(&O[base + 4u], sz[0]); atomicAdd(&O[base + 5u], sf[0]);
  }
}`;
}

function binsShader(k: number): string {
  return `${head(k)}
var<workgroup> hist: array<atomic<u32>, ${MAX_HIST_BINS}>;
var<workgroup> sm2: array<f32, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  ${LOCATE}
  let bins = prm(1u);
  for (var i = lid; i < bins; i += ${WG}u) { atomicStore(&hist[i], 0u); }
  workgroupBarrier();
  let fin = atomicLoad(&O[base + 5u]);
  var lo = unkey(atomicLoad(&O[base])); var hi = unkey(atomicLoad(&O[base + 1u]));
  if (lo == hi) { let pad = max(abs(lo) * 0.05, 1e-12); lo -= pad; hi += pad; }
  let scale = f32(bins) / (hi - lo);
  let mean = bitcast<f32>(atomicLoad(&O[base + 2u])) / f32(max(fin, 1u));
  var m2 = 0.0;
  ${perBinding(k, `if (!isnan_(v) && !isinf_(v)) {
      let b = u32(clamp(floor((v - lo) * scale), 0.0, f32(bins - 1u)));
      atomicAdd(&hist[b], 1u); let d = v - mean; m2 += d * d; }`)}
  sm2[lid] = m2;
  workgroupBarrier();
  for (var w = ${WG / 2}u; w > 0u; w = w >> 1u) {
    if (lid < w) { sm2[lid] += sm2[lid + w]; }
    workgroupBarrier();
  }
  for (var i = lid; i < bins; i += ${WG}u) { let c = atomicLoad(&hist[i]); if (c > 0u) { atomicAdd(&O[base + ${HIST_HDR}u + i], c); } }
  if (lid == 0u && sm2[0] != 0.0) { addf(base + 6u, sm2[0]); }
}`;
}

/**
 * Small tensors (one segment of at most SMALL values) skip the workgroup passes: one invocation
 * per tensor computes its statistics, then its bins, and writes its whole slot. No barriers, no
 * atomics, one dispatch for up to K tensors: a small model's epoch costs one dispatch.
 */
const SMALL = 8192;
const SMALL_WG = 8;

function smallShader(k: number): string {
  const xs = Array.from({ length: k }, (_, s) => `@group(0) @binding(${s + 2}) var<storage, read> X${s}: array<f32>;`).join('\n');
  const loop = (body: string) => `switch s {\n    ${Array.from({ length: k }, (_, j) => `case ${j}u: { for (var i = 0u; i < len; i++) { let v = X${j}[off + i]; ${body} } }`).join('\n    ')}\n    default: {}\n  }`;
  return `${HEADER}${MATH}
@group(0) @binding(1) var<storage, read_write> O: array<u32>;
${xs}
fn key(f: f32) -> u32 { let u = bitcast<u32>(f); return select(u | 0x80000000u, ~u, (u & 0x80000000u) != 0u); }
@compute @workgroup_size(${SMALL_WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let s = gid.x;
  if (s >= prm(0u)) { return; }
  let off = prm(${P_SEG}u + 4u * s); let len = prm(${P_SEG}u + 4u * s + 1u);
  let base = prm(${P_SEG}u + 4u * s + 2u) * prm(3u);
  let bins = prm(1u);
  // Kahan sums: one invocation adds up to ${SMALL} values in order
  var mn = bits_(0x7f800000u); var mx = bits_(0xff800000u); var sum = 0.0; var cs = 0.0; var sq = 0.0; var cq = 0.0; var z = 0u; var f = 0u;
  ${loop(`if (!isnan_(v) && !isinf_(v)) {
      mn = min(mn, v); mx = max(mx, v); f++; if (v == 0.0) { z++; }
      let y = v - cs; let t = sum + y; cs = (t - sum) - y; sum = t;
      let y2 = v * v - cq; let t2 = sq + y2; cq = (t2 - sq) - y2; sq = t2; }`)}
  for (var b = 0u; b < bins; b++) { O[base + ${HIST_HDR}u + b] = 0u; }
  var lo = mn; var hi = mx;
  if (lo == hi) { let pad = max(abs(lo) * 0.05, 1e-12); lo -= pad; hi += pad; }
  let scale = f32(bins) / (hi - lo);
  let mean = sum / f32(max(f, 1u));
  var m2 = 0.0;
  if (f > 0u) {
    ${loop(`if (!isnan_(v) && !isinf_(v)) {
      let b = u32(clamp(floor((v - lo) * scale), 0.0, f32(bins - 1u)));
      O[base + ${HIST_HDR}u + b] += 1u; let d = v - mean; m2 += d * d; }`)}
  }
  O[base] = select(0xffffffffu, key(mn), f > 0u); O[base + 1u] = select(0u, key(mx), f > 0u);
  O[base + 2u] = bitcast<u32>(sum); O[base + 3u] = bitcast<u32>(sq); O[base + 4u] = z; O[base + 5u] = f;
  O[base + 6u] = bitcast<u32>(m2); O[base + 7u] = 0u;
}`;
}

/** A dense float32 view of `t` on the GPU (copies only when it is not one already). */
function denseF32(t: Tensor): Tensor {
  if (t.dtype.name !== 'float32') return copyInto(empty(t._shape, float32), t, 'cast');
  return t.is_contiguous() ? t : contiguous(t);
}

/** The segments of one tensor: the whole tensor, or windows that each fit one binding. */
function segmentsOf(t: Tensor, slot: number, out: Segment[]): void {
  const n = t.numel();
  if (n === 0) return;
  const buf = bufferOf(t._storage);
  const limit = Math.floor(maxBinding() / ELEM);
  if (buf.size <= limit * ELEM) {
    out.push({ binding: { buffer: buf }, off: t._offset, len: n, slot });
    return;
  }
  const align = gpu().storageAlign / ELEM;
  const chunk = limit - align;
  if (chunk < 1) throw new Error('WebGPU: the storage binding limit is smaller than its offset alignment');
  for (let s = 0; s < n; s += chunk) {
    const start = t._offset + s, len = Math.min(chunk, n - s);
    const baseEl = Math.floor(start / align) * align;
    out.push({ binding: { buffer: buf, offset: baseEl * ELEM, size: (start + len - baseEl) * ELEM }, off: start - baseEl, len, slot });
  }
}

/**
 * Histograms of every tensor in `ts` (WebGPU tensors, any float dtype, any size), left on the
 * device as one int32 tensor of `ts.length × (HIST_HDR + bins)` words (in `into` when given),
 * ready for one readback.
 * Decode it with `decodeHistograms` (backend/histogram-words.ts, the format every backend writes).
 */
export function histogramsRaw(ts: readonly Tensor[], bins: number, into?: Tensor): Tensor {
  checkHistogramBins(bins, MAX_HIST_BINS);
  const stride = HIST_HDR + bins;
  // `into`: a dense int32 WebGPU tensor starting at its storage's first word (the op checks it)
  const out = into ?? empty([ts.length * stride], int32);
  const words = ts.length * stride;
  if (words === 0) return out;
  const outBinding = { buffer: bufferOf(out._storage) };
  const segs: Segment[] = [];
  const small: Segment[] = [];
  const keep: Tensor[] = [];
  ts.forEach((t, slot) => {
    if (t.device.type !== 'webgpu') throw new Error(`histograms: expected WebGPU tensors, got one on ${t.device}`);
    const d = denseF32(t);
    if (d !== t) keep.push(d);
    const mine: Segment[] = [];
    segmentsOf(d, slot, mine);
    if (mine.length === 1 && mine[0].len <= SMALL) small.push(mine[0]);
    else segs.push(...mine);
  });
  const k = segmentsPerDispatch();
  // slots the small kernel does not write (big and empty tensors) start from the init values
  if (small.length < ts.length) dispatch(INIT, [outBinding], [words, stride], groupsFor(words));
  const params = (group: Segment[]) => {
    const p = new Uint32Array(PARAM_WORDS);
    let blocks = 0;
    group.forEach((s, i) => {
      p[P_SEG + 4 * i] = s.off;
      p[P_SEG + 4 * i + 1] = s.len;
      p[P_SEG + 4 * i + 2] = s.slot;
      p[P_SEG + 4 * i + 3] = blocks;
      blocks += Math.ceil(s.len / BLOCK);
    });
    p[0] = group.length;
    p[1] = bins;
    p[2] = blocks;
    p[3] = stride;
    return { p, blocks };
  };
  for (let g = 0; g < small.length; g += k) {
    const group = small.slice(g, g + k);
    dispatch(smallShader(group.length), [outBinding, ...group.map((s) => s.binding)], params(group).p, groupsFor(group.length, SMALL_WG));
  }
  for (const pass of [statsShader, binsShader]) {
    for (let g = 0; g < segs.length; g += k) {
      const group = segs.slice(g, g + k);
      const { p, blocks } = params(group);
      dispatch(pass(group.length), [outBinding, ...group.map((s) => s.binding)], p, blocks);
    }
  }
  for (const d of keep) d.dispose();
  return out;
}

registerKernel('histograms', 'webgpu', histogramsRaw);
