// The editor's engine declarations: public names only, PyTorch's names kept. (The real engine's
// declarations are emitted by every build; this checks the rule on a small engine of the same shape.)
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitEngineDeclarations, isInternalName } from './engine-dts-plugin';

describe('engine declarations for the editor', () => {
  it('tells internal names from public ones', () => {
    expect(['_storage', '_base', '_cpuContiguous', '_fromData'].every(isInternalName)).toBe(true);
    expect(['__len__', '__version__', '_version', 'grad', 'named_parameters'].some(isInternalName)).toBe(false);
  });

  it('leaves internals out of classes, interfaces and exports, and keeps the public API', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-dts-'));
    writeFileSync(
      join(dir, 'tensor.ts'),
      `export interface Storage { _buf: number[]; length: number }
export class Tensor {
  _storage: Storage = { _buf: [], length: 0 };
  _base: Tensor | null = null;
  _version = 0;
  #secret = 1;
  requires_grad = false;
  /** Number of elements. @example t.numel() */
  numel(): number { return this._storage.length + this.#secret; }
  _cpuContiguous(): Tensor { return this; }
  static _fromData(): Tensor { return new Tensor(); }
  __len__(): number { return 0; }
}
export function _set_interrupt_check(_f: () => void): void {}
export function tensor(): Tensor { return new Tensor(); }
`,
    );
    writeFileSync(join(dir, 'index.ts'), `export * from './tensor';\n`);
    const t = emitEngineDeclarations(dir)['tensor.d.ts'];
    for (const name of ['_storage', '_base', '_cpuContiguous', '_fromData', '_buf', '_set_interrupt_check', '#secret']) expect(t).not.toContain(name);
    for (const name of ['requires_grad', 'numel(): number', '@example t.numel()', '_version', '__len__', 'function tensor']) expect(t).toContain(name);
  });

  it('emits the real engine\'s declarations, index.d.ts and torch.d.ts among them, without errors', () => {
    // a class with a protected member behind a callable wrapper once dropped index.d.ts silently
    const files = emitEngineDeclarations(join(__dirname, '../../engine'));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['index.d.ts', 'torch.d.ts', 'generator.d.ts']));
    expect(files['index.d.ts']).toContain('torch');
  }, 120_000);

  it('fails loudly on a declaration error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-dts-'));
    writeFileSync(join(dir, 'index.ts'), `class A { protected x = 1; }\nconst wrap = <C>(c: C) => c;\nexport const B = wrap(class extends A {});\n`);
    expect(() => emitEngineDeclarations(dir)).toThrow('engine declarations for the editor failed');
  });
});
