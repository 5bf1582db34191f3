// `torch.save(obj, 'model.pth')` / `torch.load('model.pth')` as the "Save and Load the Model"
// lesson writes them: the notebook has no file system, so a path names an in-memory copy kept for
// the kernel's life (a restart forgets it). What is saved is a deep copy (tensors cloned, detached),
// and each load gives a fresh copy, as reading a file back does.
import { NotImplementedError } from '../errors';
import { Tensor } from '../tensor';

const FILES = new Map<string, unknown>();

/** Python's FileNotFoundError (a cell prints `FileNotFoundError: [Errno 2] No such file or directory: 'x.pth'`). */
export class FileNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileNotFoundError';
  }
}

const isModule = (v: unknown): boolean => typeof v === 'function' && typeof (v as { state_dict?: unknown }).state_dict === 'function';

/** A copy of `v` whose tensors are detached clones, on `device` when given. */
function copyOf(v: unknown, device?: string): unknown {
  if (v instanceof Tensor) {
    const c = v.detach().clone();
    return device ? c.to(device) : c;
  }
  if (isModule(v))
    throw new NotImplementedError("torch.save(model, f) pickles the whole module in PyTorch, which Torchlit cannot do; save its weights: torch.save(model.state_dict(), f), then model.load_state_dict(torch.load(f))");
  if (Array.isArray(v)) return v.map((x) => copyOf(x, device));
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, copyOf(x, device)]));
  if (v !== null && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`torch.save: cannot save an object of type ${(v as object).constructor?.name ?? 'object'} (Torchlit saves tensors, numbers, strings, arrays and dicts of them)`);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyOf(x, device)]));
  }
  if (typeof v === 'function') throw new TypeError('torch.save: cannot save a function');
  return v;
}

/** Saves a copy of `obj` under `path` (for `torch.load(path)` in this kernel). */
export function saveToPath(obj: unknown, path: string): void {
  FILES.set(path, copyOf(obj));
}

/** Whether `path` was saved in this kernel. */
export function hasPath(path: string): boolean {
  return FILES.has(path);
}

/** A fresh copy of what was saved under `path` (tensors moved to `map_location` when given). */
export function loadFromPath(path: string, mapLocation?: unknown): unknown {
  if (!FILES.has(path)) throw new FileNotFoundError(`[Errno 2] No such file or directory: '${path}'`);
  const device = typeof mapLocation === 'string' ? mapLocation : mapLocation && typeof mapLocation === 'object' && 'type' in mapLocation ? String((mapLocation as { type: string }).type) : undefined;
  return copyOf(FILES.get(path), device);
}
