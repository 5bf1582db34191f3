// WGSL building blocks shared by the kernels: element types per dtype, conversions, the
// parameter block, helper functions (erf, NaN tests, a PyTorch-exact pow), and the index math.
import type { DType } from '../../dtype';

/** How a dtype is stored on the GPU: f32, i32 (int64 and int32), u32 (bool as 0/1). */
export type WType = 'f32' | 'i32' | 'u32';

export function wtype(d: DType): WType {
  if (d.name === 'float32') return 'f32';
  if (d.name === 'bool') return 'u32';
  if (d.name === 'int64' || d.name === 'int32') return 'i32';
  throw new TypeError('WebGPU does not support float64');
}

/** The arithmetic type for a storage type (bool computes as i32). */
export function computeOf(t: WType): 'f32' | 'i32' {
  return t === 'f32' ? 'f32' : 'i32';
}

/** `expr` of type `from` as type `to` (bool targets become 0u/1u). */
export function convert(expr: string, from: WType | 'bool', to: WType): string {
  if (from === 'bool') return `select(${to}(0), ${to}(1), ${expr})`;
  if (from === to) return expr;
  if (to === 'u32') return `select(0u, 1u, (${expr}) != ${from}(0))`;
  return `${to}(${expr})`;
}

/** Bits of a JS number as the given WGSL type, for the parameter block. */
export function scalarBits(v: number, t: WType): number {
  if (t === 'f32') {
    F32[0] = v;
    return U32[0];
  }
  if (t === 'u32') return v ? 1 : 0;
  I32[0] = Number.isFinite(v) ? Math.trunc(v) : 0;
  return U32[0];
}
const buf = new ArrayBuffer(4);
const F32 = new Float32Array(buf), I32 = new Int32Array(buf), U32 = new Uint32Array(buf);

export const WG = 256;

/** The parameter block (binding 0) and the flat invocation index `gi`, with 2-D dispatch for big grids. */
export const HEADER = /* wgsl */ `
@group(0) @binding(0) var<uniform> P: array<vec4<u32>, 16>;
fn prm(i: u32) -> u32 { return P[i >> 2u][i & 3u]; }
fn prmf(i: u32) -> f32 { return bitcast<f32>(prm(i)); }
fn prmi(i: u32) -> i32 { return bitcast<i32>(prm(i)); }
`;

export const GID = `@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>`;
export const FLAT = `let gi = gid.x + gid.y * nwg.x * ${WG}u;`;

export const MATH = /* wgsl */ `
fn bits_(u: u32) -> f32 { var v = u; return bitcast<f32>(v); }
fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn isinf_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn exp_(x: f32) -> f32 { return select(exp(x), x, isnan_(x)); }
fn log_(x: f32) -> f32 {
  if (x == 0.0) { return bits_(0xff800000u); }
  if (x < 0.0) { return bits_(0x7fc00000u); }
  if (isinf_(x)) { return x; }
  return log(x);
}
fn log2_(x: f32) -> f32 { return log_(x) * 1.4426950408889634; }
// sin/cos by reduction to [-pi/2, pi/2] and a degree-11 Taylor polynomial (|error| < 1e-7):
// some GPUs' builtins are far less accurate (SwiftShader: ~2e-4).
fn sin_(x: f32) -> f32 {
  if (isinf_(x)) { return bits_(0x7fc00000u); }
  var y = x - 6.283185307179586 * round(x * 0.15915494309189535);
  if (y > 1.5707963267948966) { y = 3.141592653589793 - y; }
  if (y < -1.5707963267948966) { y = -3.141592653589793 - y; }
  let z = y * y;
  return y * (1.0 + z * (-0.16666666666666666 + z * (0.008333333333333333 + z * (-0.0001984126984126984 + z * (2.7557319223985893e-6 + z * -2.505210838544172e-8)))));
}
fn cos_(x: f32) -> f32 { return sin_(x + 1.5707963267948966); }
// tan: reduced by π in two parts (Cody–Waite, exact for moderate x); near a pole as 1/tan(π/2 − y)
// with π/2 − y formed exactly, so the large values keep their relative accuracy.
fn tan_(x: f32) -> f32 {
  if (isinf_(x)) { return bits_(0x7fc00000u); }
  let k = round(x * 0.3183098861837907);
  let y = (x - k * 3.140625) - k * 9.676535897932795e-4;
  if (abs(y) <= 0.7853981633974483) { return sin_(y) / cos_(y); }
  let s = sign(y);
  let z = (s * 1.5707963705062866 - y) + s * -4.371139000186243e-8;
  return cos_(z) / sin_(z);
}
fn erf(x: f32) -> f32 {
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.5 * z);
  let r = t * exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return select(r - 1.0, 1.0 - r, x >= 0.0);
}
fn pow_(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (isnan_(a) || isnan_(b)) { return a + b; }
  if (b == 1.0) { return a; }
  if (b == 2.0) { return a * a; }
  if (a == 0.0) { return select(0.0, bits_(0x7f800000u), b < 0.0); }
  let r = exp2(b * log2(abs(a)));
  if (a < 0.0) {
    if (fract(b) != 0.0) { return bits_(0x7fc00000u); }
    if (fract(b * 0.5) != 0.0) { return -r; }
  }
  return r;
}
fn irem(a: i32, b: i32) -> i32 {
  if (b == 0) { return 0; }
  let r = a % b;
  return select(r, r + b, r != 0 && ((r < 0) != (b < 0)));
}
`;

export function groupsFor(n: number, perGroup = WG): number {
  return Math.ceil(n / perGroup);
}
