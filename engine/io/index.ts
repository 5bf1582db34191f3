// torch.save / torch.load, as safetensors (so a trained model can be downloaded and reloaded).
import { RuntimeError } from '../errors';
import type { Module } from '../nn/module';
import { Tensor } from '../tensor';
import { loadSafetensorsInto, type LoadIntoOptions } from './load_module';
import { loadSafetensors, loadSafetensorsSync, saveSafetensors, type ProgressFn, type WeightsSource } from './safetensors';

export { loadSafetensorsInto, loadSafetensors, loadSafetensorsSync, saveSafetensors };
export type { WeightsSource, ProgressFn, LoadIntoOptions };

/**
 * Serialises a state dict (an object or Map of tensors) as safetensors bytes. PyTorch's pickle
 * format is not written; torch.load here reads these bytes back.
 * @example const bytes = await torch.save(model.state_dict()); download(new Blob([bytes]))
 */
export async function save(obj: Record<string, Tensor> | Map<string, Tensor> | Module, metadata?: Record<string, string>): Promise<Uint8Array> {
  if (typeof obj === 'function') throw new TypeError('torch.save: save model.state_dict(), not the model (Torchlit cannot pickle modules)');
  return saveSafetensors(obj as Record<string, Tensor> | Map<string, Tensor>, metadata);
}

/**
 * Reads a state dict from safetensors: bytes give it at once, a URL/File/Blob gives a Promise.
 * @example model.load_state_dict(await torch.load(file))
 */
export function load(src: ArrayBuffer | ArrayBufferView): Record<string, Tensor>;
export function load(src: WeightsSource, opts?: { onProgress?: ProgressFn }): Promise<Record<string, Tensor>>;
export function load(src: WeightsSource, opts: { onProgress?: ProgressFn } = {}): Record<string, Tensor> | Promise<Record<string, Tensor>> {
  if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) {
    const u8 = src instanceof ArrayBuffer ? new Uint8Array(src) : new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    if (u8[0] === 0x50 && u8[1] === 0x4b) throw new RuntimeError("torch.load: this is PyTorch's zip (.pth) format, which Torchlit does not read; convert it to safetensors with scripts/convert_weights.py (or safetensors.torch.save_file)");
    return loadSafetensorsSync(u8);
  }
  return loadSafetensors(src, opts);
}
