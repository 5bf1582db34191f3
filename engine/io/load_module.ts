// Streams a safetensors file straight into a module's parameters and buffers: each tensor's
// bytes land in the storage of the parameter with that name (after an optional key mapping),
// so no second copy of the weights is ever held. Missing/unexpected keys and shape mismatches
// give load_state_dict's PyTorch errors.
import type { Module } from '../nn/module';
import type { Tensor } from '../tensor';
import { engineDtype, sinkInto, streamSafetensors, type ProgressFn, type Sink, type TensorInfo, type WeightsSource } from './safetensors';

/** Maps a file's key to the model's key and the shape to read it as; null drops the key. */
export type KeyMap = (key: string, info: TensorInfo) => string | null;

export interface LoadIntoOptions {
  strict?: boolean;
  keyMap?: KeyMap;
  onProgress?: ProgressFn;
  cache?: boolean;
}

const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * Loads a safetensors file into `model` in place.
 * @example await loadSafetensorsInto(model, file, {onProgress: (n, total) => print(n / total)})
 */
export async function loadSafetensorsInto(model: Module, src: WeightsSource, opts: LoadIntoOptions = {}): Promise<{ missing_keys: string[]; unexpected_keys: string[] }> {
  const strict = opts.strict ?? true;
  const targets = new Map<string, Tensor>(Object.entries(model.state_dict({ keep_vars: true })));
  const optional = new Set<string>();
  for (const [pre, m] of model.named_modules()) for (const k of m._optional_state_keys()) optional.add(pre ? `${pre}.${k}` : k);
  const missing: string[] = [];
  const unexpected: string[] = [];
  const errors: string[] = [];
  await streamSafetensors(src, (h) => {
    const sinks = new Map<string, Sink | null>();
    const seen = new Set<string>();
    for (const [fileKey, info] of h.tensors) {
      const key = opts.keyMap ? opts.keyMap(fileKey, info) : fileKey;
      if (key === null) continue;
      const dst = targets.get(key);
      if (!dst) {
        unexpected.push(key);
        continue;
      }
      seen.add(key);
      const sameShape = info.shape.length === dst.ndim && info.shape.every((d, i) => d === dst._shape[i]);
      // mapped keys may change layout-free shapes (timm's conv-shaped fc weights)
      if (!sameShape && !(opts.keyMap && key !== fileKey && numel(info.shape) === dst.numel())) {
        errors.push(`size mismatch for ${key}: copying a param with shape torch.Size([${info.shape.join(', ')}]) from checkpoint, the shape in current model is ${dst.shape}.`);
        continue;
      }
      if (dst.device.type !== 'cpu' || !dst.is_contiguous() || engineDtype(info.dtype) !== dst.dtype) {
        errors.push(`${key}: streaming into a ${dst.device.type} / ${dst.dtype} tensor is not supported; load on the CPU as float32 first, then model.to(device)`);
        continue;
      }
      const data = dst._storage.data!;
      sinks.set(fileKey, sinkInto(info.dtype, data.subarray(dst._offset, dst._offset + dst.numel())));
      dst._version++;
    }
    for (const k of targets.keys()) if (!seen.has(k) && !optional.has(k)) missing.push(k);
    if (strict && (missing.length || unexpected.length || errors.length)) throw loadError(model, missing, unexpected, errors);
    if (errors.length) throw loadError(model, [], [], errors);
    return sinks;
  }, { onProgress: opts.onProgress, cache: opts.cache });
  return { missing_keys: missing, unexpected_keys: unexpected };
}

function loadError(model: Module, missing: string[], unexpected: string[], errors: string[]): Error {
  const msgs = [...errors];
  if (unexpected.length) msgs.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `);
  if (missing.length) msgs.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
  return new Error(`Error(s) in loading state_dict for ${model._get_name()}:\n\t${msgs.join('\n\t')}`);
}
