// torch.save / torch.load, as safetensors (so a trained model can be downloaded and reloaded).
import { NotImplementedError, RuntimeError } from '../errors';
import { hasPath, loadFromPath, saveToPath } from './files';
import type { Module } from '../nn/module';
import { Tensor } from '../tensor';
import { loadSafetensorsInto, type LoadIntoOptions } from './load_module';
import { loadSafetensors, loadSafetensorsSync, saveSafetensors, type ProgressFn, type WeightsSource } from './safetensors';

export { loadSafetensorsInto, loadSafetensors, loadSafetensorsSync, saveSafetensors };
export type { WeightsSource, ProgressFn, LoadIntoOptions };

/**
 * `torch.save(obj, 'model.pth')` keeps a copy of `obj` (a state dict, or any dict/array of tensors and
 * numbers) under that name for `torch.load('model.pth')` in this kernel (the notebook has no file
 * system). Without a path it serialises a state dict as safetensors bytes (a Promise) to download;
 * PyTorch's pickle format is not written.
 * @example torch.save(model.state_dict(), 'model_weights.pth'); model.load_state_dict(torch.load('model_weights.pth'))
 */
export function save(obj: unknown, f: string): void;
export function save(obj: Record<string, Tensor> | Map<string, Tensor> | Module, metadata?: Record<string, string>): Promise<Uint8Array>;
export function save(obj: unknown, f?: string | Record<string, string>): Promise<Uint8Array> | void {
  if (typeof f === 'string') return saveToPath(obj, f);
  if (typeof obj === 'function')
    throw new NotImplementedError("torch.save(model) pickles the whole module in PyTorch, which Torchlit cannot do; save model.state_dict() instead");
  return saveSafetensors(obj as Record<string, Tensor> | Map<string, Tensor>, f);
}

/** A file name PyTorch's pickle format is saved under: one never saved here is FileNotFoundError, not a fetch. */
const PICKLE_NAME = /\.(pt|pth|pkl|ckpt|tar|bin)$/i;

/**
 * `torch.load('model.pth')` gives back a copy of what `torch.save(obj, 'model.pth')` saved in this
 * kernel (`map_location` moves its tensors). Safetensors bytes give a state dict at once; a
 * URL/File/Blob gives a Promise of one.
 * @example model.load_state_dict(torch.load('model_weights.pth'))
 */
export function load(src: `${string}.${'pt' | 'pth' | 'pkl' | 'ckpt' | 'tar' | 'bin'}`, opts?: { map_location?: unknown; weights_only?: boolean }): Record<string, Tensor>;
export function load(src: ArrayBuffer | ArrayBufferView): Record<string, Tensor>;
export function load(src: WeightsSource, opts?: { onProgress?: ProgressFn; map_location?: unknown; weights_only?: boolean }): Promise<Record<string, Tensor>>;
export function load(src: WeightsSource, opts: { onProgress?: ProgressFn; map_location?: unknown; weights_only?: boolean } = {}): Record<string, Tensor> | Promise<Record<string, Tensor>> {
  if (typeof src === 'string' && (hasPath(src) || PICKLE_NAME.test(src))) return loadFromPath(src, opts.map_location) as Record<string, Tensor>;
  if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) {
    const u8 = src instanceof ArrayBuffer ? new Uint8Array(src) : new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    if (u8[0] === 0x50 && u8[1] === 0x4b) throw new RuntimeError("torch.load: this is PyTorch's zip (.pth) format, which Torchlit does not read; convert it to safetensors with scripts/convert_weights.py (or safetensors.torch.save_file)");
    return loadSafetensorsSync(u8);
  }
  return loadSafetensors(src, { onProgress: opts.onProgress });
}
