// `npm run bench -- --relaxed-simd`: Node 20's V8 has relaxed SIMD only behind a flag (Node ≥ 22
// and Chromium have it on). Set before the engine loads (run.ts imports this first), so the WASM
// GEMM picks its FMA kernel (f32x4.relaxed_madd) and the table gets a "no FMA" column beside it.
import { setFlagsFromString } from 'node:v8';

if (process.argv.includes('--relaxed-simd')) setFlagsFromString('--experimental-wasm-relaxed-simd');
