// Prompt freeing: `torch.tidy(fn)` frees every tensor created inside fn except what it returns
// (and gradients, parameters and optimizer state, which are marked kept). Everything else is
// freed by the garbage collector anyway; this only makes it prompt (GPU memory).
import { Storage, withScope, memoryStats } from './storage';
import { Tensor } from './tensor';

function collect(v: unknown, out: Set<Storage>, depth = 0): void {
  if (depth > 4 || v === null || typeof v !== 'object') return;
  if (v instanceof Tensor) {
    out.add(v._storage);
    if (v.grad) out.add(v.grad._storage);
    return;
  }
  if (Array.isArray(v)) v.forEach((x) => collect(x, out, depth + 1));
  else if (v instanceof Map) v.forEach((x) => collect(x, out, depth + 1));
  else if (Object.getPrototypeOf(v) === Object.prototype) Object.values(v).forEach((x) => collect(x, out, depth + 1));
}

/**
 * Runs `fn` and frees the tensors it created that it does not return.
 * @example const loss = torch.tidy(() => { const l = loss_fn(model(x), y); l.backward(); return l; })
 */
export function tidy<T>(fn: () => T): T {
  return withScope(fn, (r) => {
    const s = new Set<Storage>();
    collect(r, s);
    return s;
  });
}

/** Marks a tensor to survive `tidy`. */
export function keep<T extends Tensor>(t: T): T {
  t._storage.keep = true;
  return t;
}

/**
 * Live storages and their bytes (including not yet collected ones). CPU storages under 256 bytes
 * are not tracked one by one (they are plain garbage-collected memory); `untracked` counts how many
 * were ever made.
 */
export function memory_stats(): { storages: number; bytes: number; peakBytes: number; untracked: number } {
  return memoryStats();
}
