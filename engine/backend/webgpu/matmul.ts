// WebGPU matmul: batched C = A·B with A, B read in place through their strides (transposed
// weights and broadcast batches cost no copy). Two shaders:
// - tiled: 64×64 output tiles per workgroup, 16×16 invocations each holding a 4×4 register
//   block, K in steps of 16 through shared memory; global loads are laid out so consecutive
//   invocations read consecutive addresses for the operand's unit-stride dim, and use vec4
//   loads when an operand's rows are dense and 16-byte aligned.
// - skinny (M or N ≤ 4 with a long K, e.g. batch-1 inference): one workgroup per output, a
//   strided partial dot product then a shared-memory tree.
// Operands larger than one binding are processed in blocks of rows, columns and K (K blocks
// accumulate into C), each binding its window.
import type { Tensor } from '../../tensor';
import { registerKernel } from '../registry';
import { bufferOf, ELEM } from './buffers';
import { gpu, maxBinding } from './context';
import { checkOutput } from './debug';
import { empty } from './memory';
import { dispatch, PARAM_WORDS, type Binding } from './queue';
import { coalesce } from './strided';
import { convert, HEADER, wtype, type WType } from './wgsl';

const MAXB = 4;
// parameter words
const P_M = 0, P_N = 1, P_K = 2, P_AO = 3, P_BO = 4, P_CO = 5, P_ARS = 6, P_ACS = 7, P_BRS = 8, P_BCS = 9, P_LDC = 10, P_NB = 11;
const P_BS = 12, P_ABS = P_BS + MAXB, P_BBS = P_ABS + MAXB, P_CBS = P_BBS + MAXB;
/** 1: add to C (a block of K after the first, when K is split over bindings). */
const P_ACC = P_CBS + MAXB;

const BATCH = `
fn batch_offsets(z: u32) -> vec3<u32> {
  var r = z; var o = vec3<u32>(prm(${P_AO}u), prm(${P_BO}u), prm(${P_CO}u));
  for (var d = i32(prm(${P_NB}u)) - 1; d >= 0; d--) {
    let s = prm(${P_BS}u + u32(d)); let q = r % s; r = r / s;
    o += q * vec3<u32>(prm(${P_ABS}u + u32(d)), prm(${P_BBS}u + u32(d)), prm(${P_CBS}u + u32(d)));
  }
  return o;
}`;

function decls(t: WType): string {
  return `@group(0) @binding(1) var<storage, read_write> C: array<${t}>;
@group(0) @binding(2) var<storage, read> A: array<${t}>;
@group(0) @binding(3) var<storage, read> B: array<${t}>;`;
}

/** Tiled shader. `aKFast`: A's unit-stride dim is k (row-major A); `bNFast`: B's is n. */
/** `aVec`/`bVec`: 'k' or 'm'/'n' — which dim the vec4 load runs along (the operand's unit-stride dim), or false. */
function tiledShader(t: WType, aKFast: boolean, bNFast: boolean, aVec: 'k' | 'm' | false, bVec: 'n' | 'k' | false): string {
  const ld = (x: string) => convert(x, t, 'f32');
  // A tile: 64 (m) × 16 (k) → As[k][m]; B tile: 16 (k) × 64 (n) → Bs[k][n]. 1024 loads each, 4 per invocation.
  const aMap = aKFast ? 'let m = idx / 16u; let k = idx % 16u;' : 'let m = idx % 64u; let k = idx / 64u;';
  const bMap = bNFast ? 'let k = idx / 64u; let n = idx % 64u;' : 'let k = idx % 16u; let n = idx / 16u;';
  const d = decls(t)
    .replace('var<storage, read> A: array<f32>;', aVec ? 'var<storage, read> A4: array<vec4<f32>>;' : 'var<storage, read> A: array<f32>;')
    .replace('var<storage, read> B: array<f32>;', bVec ? 'var<storage, read> B4: array<vec4<f32>>;' : 'var<storage, read> B: array<f32>;');
  return `${HEADER}${d}
${BATCH}
var<workgroup> As: array<array<f32, 64>, 16>;
var<workgroup> Bs: array<array<f32, 64>, 16>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let M = prm(${P_M}u); let N = prm(${P_N}u); let K = prm(${P_K}u);
  let offs = batch_offsets(wid.z);
  let row0 = wid.y * 64u; let col0 = wid.x * 64u;
  let ars = prm(${P_ARS}u); let acs = prm(${P_ACS}u); let brs = prm(${P_BRS}u); let bcs = prm(${P_BCS}u);
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < K; k0 += 16u) {
    ${aVec === 'k' ? `{ let m = tid / 4u; let k = (tid % 4u) * 4u;
      var v = vec4<f32>(0.0);
      if (row0 + m < M && k0 + k < K) { v = A4[(offs.x + (row0 + m) * ars + k0 + k) / 4u]; }
      As[k][m] = v.x; As[k + 1u][m] = v.y; As[k + 2u][m] = v.z; As[k + 3u][m] = v.w; }` : ''}
    ${aVec === 'm' ? `{ let k = tid / 16u; let m = (tid % 16u) * 4u;
      var v = vec4<f32>(0.0);
      if (row0 + m < M && k0 + k < K) { v = A4[(offs.x + (k0 + k) * acs + row0 + m) / 4u]; }
      As[k][m] = v.x; As[k][m + 1u] = v.y; As[k][m + 2u] = v.z; As[k][m + 3u] = v.w; }` : ''}
    ${bVec === 'n' ? `{ let k = tid / 16u; let n = (tid % 16u) * 4u;
      var v = vec4<f32>(0.0);
      if (k0 + k < K && col0 + n < N) { v = B4[(offs.y + (k0 + k) * brs + col0 + n) / 4u]; }
      Bs[k][n] = v.x; Bs[k][n + 1u] = v.y; Bs[k][n + 2u] = v.z; Bs[k][n + 3u] = v.w; }` : ''}
    ${bVec === 'k' ? `{ let n = tid / 4u; let k = (tid % 4u) * 4u;
      var v = vec4<f32>(0.0);
      if (k0 + k < K && col0 + n < N) { v = B4[(offs.y + (col0 + n) * bcs + k0 + k) / 4u]; }
      Bs[k][n] = v.x; Bs[k + 1u][n] = v.y; Bs[k + 2u][n] = v.z; Bs[k + 3u][n] = v.w; }` : ''}
    for (var l = 0u; l < 4u; l++) {
      let idx = tid + l * 256u;
      ${aVec ? '' : `{ ${aMap}
        var v = 0.0;
        if (row0 + m < M && k0 + k < K) { v = ${ld('A[offs.x + (row0 + m) * ars + (k0 + k) * acs]')}; }
        As[k][m] = v; }`}
      ${bVec ? '' : `{ ${bMap}
        var v = 0.0;
        if (k0 + k < K && col0 + n < N) { v = ${ld('B[offs.y + (k0 + k) * brs + (col0 + n) * bcs]')}; }
        Bs[k][n] = v; }`}
    }
    workgroupBarrier();
    for (var k = 0u; k < 16u; k++) {
      let a = vec4<f32>(As[k][lid.y * 4u], As[k][lid.y * 4u + 1u], As[k][lid.y * 4u + 2u], As[k][lid.y * 4u + 3u]);
      let b = vec4<f32>(Bs[k][lid.x * 4u], Bs[k][lid.x * 4u + 1u], Bs[k][lid.x * 4u + 2u], Bs[k][lid.x * 4u + 3u]);
      acc[0] += a.x * b; acc[1] += a.y * b; acc[2] += a.z * b; acc[3] += a.w * b;
    }
    workgroupBarrier();
  }
  let ldc = prm(${P_LDC}u);
  for (var i = 0u; i < 4u; i++) {
    let r = row0 + lid.y * 4u + i;
    if (r >= M) { break; }
    for (var j = 0u; j < 4u; j++) {
      let c = col0 + lid.x * 4u + j;
      if (c < N) { let ci = offs.z + r * ldc + c; C[ci] = ${convert(`acc[i][j] + select(0.0, ${convert('C[ci]', t, 'f32')}, prm(${P_ACC}u) != 0u)`, 'f32', t)}; }
    }
  }
}`;
}

function skinnyShader(t: WType): string {
  const ld = (x: string) => convert(x, t, 'f32');
  return `${HEADER}${decls(t)}
${BATCH}
var<workgroup> part: array<f32, 256>;
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let M = prm(${P_M}u); let N = prm(${P_N}u); let K = prm(${P_K}u);
  let e = wid.x + wid.y * 65535u;
  if (e >= M * N) { return; }
  let i = e / N; let j = e % N;
  let offs = batch_offsets(wid.z);
  let a0 = offs.x + i * prm(${P_ARS}u); let acs = prm(${P_ACS}u);
  let b0 = offs.y + j * prm(${P_BCS}u); let brs = prm(${P_BRS}u);
  var s = 0.0;
  for (var k = tid; k < K; k += 256u) { s += ${ld('A[a0 + k * acs]')} * ${ld('B[b0 + k * brs]')}; }
  part[tid] = s;
  workgroupBarrier();
  for (var w = 128u; w > 0u; w = w >> 1u) {
    if (tid < w) { part[tid] += part[tid + w]; }
    workgroupBarrier();
  }
  if (tid == 0u) { let ci = offs.z + i * prm(${P_LDC}u) + j; C[ci] = ${convert(`part[0] + select(0.0, ${convert('C[ci]', t, 'f32')}, prm(${P_ACC}u) != 0u)`, 'f32', t)}; }
}`;
}

interface Win {
  lo: number;
  hi: number;
}
/** Element range touched by a strided box: offset + Σ (count−1)·stride. */
function windowOf(off: number, dims: [number, number][]): Win {
  let hi = off;
  for (const [n, s] of dims) if (n > 0) hi += (n - 1) * s;
  return { lo: off, hi: hi + 1 };
}

/** C[...batch, M, N] = A·B, written into `out` (dense) — blocks of rows/columns when operands exceed a binding. */
export function matmulInto(a: Tensor, b: Tensor, out: Tensor): void {
  const nd = a.ndim;
  const M = a._shape[nd - 2], K = a._shape[nd - 1], N = b._shape[nd - 1];
  const batchShape = a._shape.slice(0, nd - 2);
  const nb = batchShape.reduce((x, y) => x * y, 1);
  if (M === 0 || N === 0 || nb === 0) return;
  const t = wtype(a.dtype);
  const cStrides = out._strides;
  const co = coalesce(batchShape, [a._strides.slice(0, nd - 2), b._strides.slice(0, nd - 2), cStrides.slice(0, nd - 2)]);
  if (co.shape.length > MAXB) throw new Error(`WebGPU matmul: more than ${MAXB} non-mergeable batch dims`);
  const [ars, acs] = [a._strides[nd - 2], a._strides[nd - 1]];
  const [brs, bcs] = [b._strides[nd - 2], b._strides[nd - 1]];
  const ldc = cStrides[nd - 2];
  const skinny = (M <= 4 || N <= 4) && K >= 128;
  // vec4 loads: rows dense along the loaded dim, with 16-byte aligned starts (batch strides too)
  const aligned4 = (off: number, ...strides: number[]) => off % 4 === 0 && strides.every((x) => x % 4 === 0);
  const fitsWhole = [a, b, out].every((x) => bufferOf(x._storage).size <= maxBinding());
  const aB = a._strides.slice(0, nd - 2), bB = b._strides.slice(0, nd - 2);
  const f32 = t === 'f32' && fitsWhole;
  const aVec = !f32 ? false : acs === 1 && K % 4 === 0 && aligned4(a._offset, ars, ...aB) ? 'k' : ars === 1 && M % 4 === 0 && aligned4(a._offset, acs, ...aB) ? 'm' : false;
  const bVec = !f32 ? false : bcs === 1 && N % 4 === 0 && aligned4(b._offset, brs, ...bB) ? 'n' : brs === 1 && K % 4 === 0 && aligned4(b._offset, bcs, ...bB) ? 'k' : false;
  const code = skinny ? skinnyShader(t) : tiledShader(t, acs === 1 || ars !== 1, bcs === 1 || brs !== 1, aVec, bVec);
  const bufA = bufferOf(a._storage), bufB = bufferOf(b._storage), bufC = bufferOf(out._storage);
  const limit = Math.floor(maxBinding() / ELEM);
  const align = gpu().storageAlign / ELEM;
  const batchDims = (k: number): [number, number][] => co.shape.map((s, i) => [s, co.strides[k][i]]);
  const winA = (m0: number, m1: number, k0: number, k1: number) => windowOf(a._offset + m0 * ars + k0 * acs, [[m1 - m0, ars], [k1 - k0, acs], ...batchDims(0)]);
  const winB = (n0: number, n1: number, k0: number, k1: number) => windowOf(b._offset + n0 * bcs + k0 * brs, [[k1 - k0, brs], [n1 - n0, bcs], ...batchDims(1)]);
  const winC = (m0: number, m1: number, n0: number, n1: number) => windowOf(out._offset + m0 * ldc + n0, [[m1 - m0, ldc], [n1 - n0, 1], ...batchDims(2)]);
  // blocks after the first may start up to align − 1 elements past an aligned base
  const fits = (w: Win) => w.hi - w.lo <= limit - align;
  const whole = [bufA, bufB, bufC].every((bf) => bf.size <= limit * ELEM);
  // block sizes: halve the dim of largest extent in the window that overflows most, until every
  // window fits one binding (K too: its blocks then accumulate into C)
  let mb = M, nbk = N, kb = K;
  if (!whole) {
    for (;;) {
      const over: [number, [number, 'm' | 'n' | 'k'][]][] = [
        [winA(0, mb, 0, kb), [[(mb - 1) * ars, 'm'], [(kb - 1) * acs, 'k']]],
        [winB(0, nbk, 0, kb), [[(kb - 1) * brs, 'k'], [(nbk - 1) * bcs, 'n']]],
        [winC(0, mb, 0, nbk), [[(mb - 1) * ldc, 'm'], [nbk - 1, 'n']]],
      ].filter(([w]) => !fits(w as Win)).map(([w, e]) => [(w as Win).hi - (w as Win).lo, e as [number, 'm' | 'n' | 'k'][]]);
      if (!over.length) break;
      over.sort((x, y) => y[0] - x[0]);
      const size = { m: mb, n: nbk, k: kb };
      const cand = over[0][1].filter(([, d]) => size[d] > 1).sort((x, y) => y[0] - x[0]);
      if (!cand.length) throw new Error('WebGPU matmul: a batch of this product is larger than one storage binding');
      const d = cand[0][1];
      if (d === 'm') mb = Math.ceil(mb / 2);
      else if (d === 'n') nbk = Math.ceil(nbk / 2);
      else kb = Math.ceil(kb / 2);
    }
  }
  const bind = (buf: GPUBuffer, w: Win): [Binding, number] => {
    if (whole) return [{ buffer: buf }, 0];
    const base = Math.floor(w.lo / align) * align;
    return [{ buffer: buf, offset: base * ELEM, size: (w.hi - base) * ELEM }, base];
  };
  for (let m0 = 0; m0 < M; m0 += mb) {
    const m1 = Math.min(M, m0 + mb);
    for (let n0 = 0; n0 < N; n0 += nbk) {
      const n1 = Math.min(N, n0 + nbk);
      const [bC, baseC] = bind(bufC, winC(m0, m1, n0, n1));
      for (let k0 = 0; k0 < Math.max(K, 1); k0 += Math.max(kb, 1)) {
        const k1 = Math.min(K, k0 + kb);
        const [bA, baseA] = bind(bufA, winA(m0, m1, k0, k1));
        const [bB, baseB] = bind(bufB, winB(n0, n1, k0, k1));
        const p = new Uint32Array(PARAM_WORDS);
        const mm = m1 - m0, nn = n1 - n0;
        p[P_M] = mm; p[P_N] = nn; p[P_K] = k1 - k0;
        p[P_AO] = a._offset + m0 * ars + k0 * acs - baseA;
        p[P_BO] = b._offset + n0 * bcs + k0 * brs - baseB;
        p[P_CO] = out._offset + m0 * ldc + n0 - baseC;
        p[P_ARS] = ars; p[P_ACS] = acs; p[P_BRS] = brs; p[P_BCS] = bcs; p[P_LDC] = ldc;
        p[P_NB] = co.shape.length;
        p[P_ACC] = k0 > 0 ? 1 : 0;
        co.shape.forEach((s, i) => {
          p[P_BS + i] = s;
          p[P_ABS + i] = co.strides[0][i];
          p[P_BBS + i] = co.strides[1][i];
          p[P_CBS + i] = co.strides[2][i];
        });
        const groups: [number, number, number] = skinny
          ? [Math.min(mm * nn, 65535), Math.ceil((mm * nn) / 65535), nb]
          : [Math.ceil(nn / 64), Math.ceil(mm / 64), nb];
        dispatch(code, [bC, bA, bB], p, groups);
      }
    }
  }
  checkOutput('matmul', out);
}

/** a: [...batch, M, K], b: [...batch, K, N] (same batch shape, any strides) → contiguous [...batch, M, N]. */
registerKernel('matmul', 'webgpu', (a: Tensor, b: Tensor): Tensor => {
  const nd = a.ndim;
  const out = empty([...a._shape.slice(0, nd - 2), a._shape[nd - 2], b._shape[nd - 1]], a.dtype);
  matmulInto(a, b, out);
  return out;
});
