// A tiny WebAssembly binary writer: enough to emit our SIMD kernels from TypeScript at run time,
// so the repo needs no compiler toolchain. Spec: https://webassembly.github.io/spec/core/binary/
// Functions are written as stack-machine code through `Code`'s methods, one per instruction.

export const i32 = 0x7f;
export const f32 = 0x7d;
export const v128 = 0x7b;
export type ValType = typeof i32 | typeof f32 | typeof v128;

function uleb(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
}

function sleb(n: number, out: number[]): void {
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return void out.push(b);
    out.push(b | 0x80);
  }
}

const name = (s: string, out: number[]) => {
  const bytes = new TextEncoder().encode(s);
  uleb(bytes.length, out);
  out.push(...bytes);
};

/** A function body under construction; locals are numbered after the parameters. */
export class Code {
  readonly bytes: number[] = [];
  private readonly locals: ValType[] = [];
  constructor(private readonly nParams: number) {}

  local(type: ValType): number {
    this.locals.push(type);
    return this.nParams + this.locals.length - 1;
  }
  private op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  private simd(opcode: number, ...rest: number[]): this {
    this.bytes.push(0xfd);
    uleb(opcode, this.bytes);
    this.bytes.push(...rest);
    return this;
  }
  private mem(align: number, offset: number): number[] {
    const m: number[] = [align];
    uleb(offset, m);
    return m;
  }

  get(i: number) { return this.op(0x20, ...ulebBytes(i)); }
  set(i: number) { return this.op(0x21, ...ulebBytes(i)); }
  tee(i: number) { return this.op(0x22, ...ulebBytes(i)); }
  i32c(v: number) { const b: number[] = []; sleb(v | 0, b); return this.op(0x41, ...b); }
  add() { return this.op(0x6a); }
  sub() { return this.op(0x6b); }
  mul() { return this.op(0x6c); }
  ltS() { return this.op(0x48); }
  ltU() { return this.op(0x49); }
  eqz() { return this.op(0x45); }
  ne() { return this.op(0x47); }
  block() { return this.op(0x02, 0x40); }
  loop() { return this.op(0x03, 0x40); }
  if_() { return this.op(0x04, 0x40); }
  else_() { return this.op(0x05); }
  end() { return this.op(0x0b); }
  br(depth: number) { return this.op(0x0c, ...ulebBytes(depth)); }
  brIf(depth: number) { return this.op(0x0d, ...ulebBytes(depth)); }
  f32load(offset = 0) { return this.op(0x2a, ...this.mem(2, offset)); }
  f32store(offset = 0) { return this.op(0x38, ...this.mem(2, offset)); }
  v128load(offset = 0) { return this.simd(0x00, ...this.mem(0, offset)); }
  v128load32splat(offset = 0) { return this.simd(0x09, ...this.mem(2, offset)); }
  v128store(offset = 0) { return this.simd(0x0b, ...this.mem(0, offset)); }
  v128zero() { return this.simd(0x0c, ...new Array(16).fill(0)); }
  f32x4splat() { return this.simd(0x13); }
  f32x4add() { return this.simd(0xe4); }
  f32x4mul() { return this.simd(0xe6); }
  /** a·b + c, fused or not (relaxed SIMD). */
  f32x4relaxedMadd() { return this.simd(0x105); }

  /** The encoded body: locals, code, end. */
  encode(): number[] {
    const out: number[] = [];
    const groups: [number, ValType][] = [];
    for (const t of this.locals) {
      if (groups.length && groups[groups.length - 1][1] === t) groups[groups.length - 1][0]++;
      else groups.push([1, t]);
    }
    uleb(groups.length, out);
    for (const [n, t] of groups) {
      uleb(n, out);
      out.push(t);
    }
    out.push(...this.bytes, 0x0b);
    const sized: number[] = [];
    uleb(out.length, sized);
    return [...sized, ...out];
  }
}

function ulebBytes(n: number): number[] {
  const b: number[] = [];
  uleb(n, b);
  return b;
}

export interface FuncDef {
  name: string;
  params: ValType[];
  results: ValType[];
  code: Code;
}

function section(id: number, body: number[], out: number[]): void {
  out.push(id);
  uleb(body.length, out);
  out.push(...body);
}

/** A module importing `env.memory` (shared when asked) and exporting the given functions. */
export function moduleBytes(funcs: FuncDef[], memory: { initial: number; maximum?: number; shared?: boolean }): Uint8Array<ArrayBuffer> {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(funcs.length, types);
  for (const f of funcs) {
    types.push(0x60);
    uleb(f.params.length, types);
    types.push(...f.params);
    uleb(f.results.length, types);
    types.push(...f.results);
  }
  section(1, types, out);
  const imports: number[] = [1];
  name('env', imports);
  name('memory', imports);
  imports.push(0x02, memory.shared ? 0x03 : memory.maximum !== undefined ? 0x01 : 0x00);
  uleb(memory.initial, imports);
  if (memory.maximum !== undefined || memory.shared) uleb(memory.maximum ?? 65536, imports);
  section(2, imports, out);
  const fsec: number[] = [];
  uleb(funcs.length, fsec);
  funcs.forEach((_, i) => uleb(i, fsec));
  section(3, fsec, out);
  const exps: number[] = [];
  uleb(funcs.length, exps);
  funcs.forEach((f, i) => {
    name(f.name, exps);
    exps.push(0x00);
    uleb(i, exps);
  });
  section(7, exps, out);
  const code: number[] = [];
  uleb(funcs.length, code);
  for (const f of funcs) code.push(...f.code.encode());
  section(10, code, out);
  return new Uint8Array(out);
}
