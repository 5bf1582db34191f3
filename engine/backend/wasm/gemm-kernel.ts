// The GEMM macro-kernel as WebAssembly SIMD, emitted at run time (see ./emit).
//
// `macro(mc, nc, kc, aBase, bBase, cBase, ldcBytes, kBytes, first)` computes, for a cache block,
//   C[mc×nc] (+)= Apanel[mc×kc] · Bpanel[kc×nc]
// from packed operands (./gemm packs them): A as MR-tall row strips, B as NR-wide column strips,
// each strip k-major over the whole K (strip s of A starts at aBase + s·MR·kBytes, element (i,p)
// at p·MR + i; likewise B with NR), so a KC slice of a strip is one dense stream. The
// micro-kernel keeps an MR×NR tile of C in MR·NR/4 f32x4 registers: per k it loads NR/4 vectors
// of B, splats each of A's MR values, and multiply-adds. `first` stores the tile, else adds to C.
// mc, nc are multiples of MR, NR (the packing pads with zeros), and kc ≥ 1.
import { Code, i32, moduleBytes, v128, type FuncDef } from './emit';

export interface GemmKernelShape {
  /** Rows per micro-tile. */
  mr: number;
  /** f32x4 vectors per micro-tile row (NR = 4·nv columns). */
  nv: number;
  /** Use f32x4.relaxed_madd (fused where the CPU has FMA). */
  relaxed: boolean;
  /** k-loop unrolling; kc must be a multiple of it (the packing pads K with zeros). */
  ku?: number;
}

export function gemmMacro(s: GemmKernelShape): FuncDef {
  const { mr, nv } = s;
  const ku = s.ku ?? 1;
  const nr = 4 * nv;
  const f = new Code(9);
  const [MC, NC, KC, ABASE, BBASE, CBASE, LDC, KBYTES, FIRST] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const jr = f.local(i32), ir = f.local(i32), a = f.local(i32), b = f.local(i32), c = f.local(i32), p = f.local(i32), bcol = f.local(i32);
  const av = f.local(v128);
  const bv = Array.from({ length: nv }, () => f.local(v128));
  const acc = Array.from({ length: mr }, () => Array.from({ length: nv }, () => f.local(v128)));

  f.i32c(0).set(jr);
  f.loop(); // jr
  f.get(BBASE).get(jr).get(KBYTES).mul().add().set(bcol);
  f.i32c(0).set(ir);
  f.loop(); // ir
  f.get(ABASE).get(ir).get(KBYTES).mul().add().set(a);
  f.get(bcol).set(b);
  f.get(CBASE).get(ir).get(LDC).mul().add().get(jr).i32c(4).mul().add().set(c);
  for (const row of acc) for (const r of row) f.v128zero().set(r);
  f.get(KC).set(p);
  f.loop(); // k
  for (let u = 0; u < ku; u++) {
    bv.forEach((r, v) => f.get(b).v128load(16 * v + 4 * nr * u).set(r));
    for (let i = 0; i < mr; i++) {
      f.get(a).v128load32splat(4 * i + 4 * mr * u).set(av);
      for (let v = 0; v < nv; v++) {
        if (s.relaxed) f.get(av).get(bv[v]).get(acc[i][v]).f32x4relaxedMadd().set(acc[i][v]);
        else f.get(acc[i][v]).get(av).get(bv[v]).f32x4mul().f32x4add().set(acc[i][v]);
      }
    }
  }
  f.get(a).i32c(4 * mr * ku).add().set(a);
  f.get(b).i32c(4 * nr * ku).add().set(b);
  f.get(p).i32c(ku).sub().tee(p).brIf(0);
  f.end(); // k
  // write the tile: row i at c + i·ldc
  f.get(FIRST).if_();
  storeTile(f, acc, c, LDC, false);
  f.else_();
  storeTile(f, acc, c, LDC, true);
  f.end();
  f.get(ir).i32c(mr).add().tee(ir).get(MC).ltS().brIf(0);
  f.end(); // ir
  f.get(jr).i32c(nr).add().tee(jr).get(NC).ltS().brIf(0);
  f.end(); // jr
  return { name: 'macro', params: new Array(9).fill(i32), results: [], code: f };
}

function storeTile(f: Code, acc: number[][], c: number, ldc: number, add: boolean): void {
  const row = f.local(i32);
  f.get(c).set(row);
  acc.forEach((regs, i) => {
    if (i > 0) f.get(row).get(ldc).add().set(row);
    regs.forEach((r, v) => {
      f.get(row);
      if (add) f.get(row).v128load(16 * v).get(r).f32x4add();
      else f.get(r);
      f.v128store(16 * v);
    });
  });
}

/** The kernel module's bytes; it imports `env.memory`. */
export function gemmModuleBytes(s: GemmKernelShape, memory: { initial: number; maximum?: number; shared?: boolean }): Uint8Array<ArrayBuffer> {
  return moduleBytes([gemmMacro(s)], memory);
}
