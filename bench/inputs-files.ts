// Writes the shared inputs as files for peers in other processes (PyTorch). Node only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Inputs } from './inputs';

/** Each input as raw little-endian float32 plus a manifest of shapes. */
export function writeInputs(inputs: Inputs, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest: Record<string, number[]> = {};
  for (const [name, { shape, data }] of Object.entries(inputs)) {
    manifest[name] = shape;
    writeFileSync(join(dir, `${name}.f32`), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}
