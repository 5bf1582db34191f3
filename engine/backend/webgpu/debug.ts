// Debug mode (`torch.webgpu.set_debug(true)`, and `torch.set_debug_nonfinite(true)` /
// `torch.autograd.set_detect_anomaly(true)` through engine/debug.ts, which wraps every kernel):
// after each float kernel a small shader scans its output for NaN/Inf and records the first
// offending op (atomicMin over op sequence numbers). The record is read with every readback,
// which then throws naming the op. GPU results only exist asynchronously, so the error surfaces
// at the next `await t.data()/item()/tolist()`.
import type { Tensor } from '../../tensor';
import { bufferOf, ELEM } from './buffers';
import { gpu, maxBinding, onDeviceLoss, settings } from './context';
import { NonFiniteError, registerNonfiniteScanner } from '../../debug';
import { dispatch, readBytes, upload } from './queue';
import { FLAT, GID, HEADER, MATH, WG, groupsFor } from './wgsl';

let flagBuf: GPUBuffer | null = null;
let seq = 0;
const opNames = new Map<number, string>();

onDeviceLoss(() => {
  flagBuf = null;
  opNames.clear();
});

const CHECK = `${HEADER}${MATH}
@group(0) @binding(1) var<storage, read_write> F: array<atomic<u32>>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
@compute @workgroup_size(${WG})
fn main(${GID}) {
  ${FLAT}
  if (gi >= prm(0u)) { return; }
  let v = X[prm(1u) + gi];
  if (isnan_(v) || isinf_(v)) { atomicMin(&F[0], prm(2u)); }
}`;

function flags(): GPUBuffer {
  if (!flagBuf) {
    flagBuf = gpu().device.createBuffer({ size: 256, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    upload(flagBuf, 0, new Uint32Array([0xffffffff]));
  }
  return flagBuf;
}

/** The last output scanned (a kernel that scans its own output is not scanned twice). */
let last: { out: Tensor; id: number } | null = null;

/** In debug mode, queues a NaN/Inf scan of a float kernel's (dense) output. */
export function checkOutput(op: string, out: Tensor): void {
  if (!settings.debug || out.dtype.name !== 'float32' || !out.is_contiguous()) return;
  const n = out.numel();
  if (n === 0) return;
  const id = ++seq;
  last = { out, id };
  opNames.set(id, `'${op}' kernel`);
  if (opNames.size > 100000) opNames.delete(id - 100000);
  const buf = bufferOf(out._storage);
  const limit = Math.floor(maxBinding() / ELEM);
  if (buf.size <= limit * ELEM) {
    dispatch(CHECK, [{ buffer: flags() }, { buffer: buf }], [n, out._offset, id], groupsFor(n));
    return;
  }
  // An output larger than one binding is scanned in windows (starts aligned down as bindings need).
  const align = gpu().storageAlign / ELEM;
  const step = limit - align;
  for (let s = 0; s < n; s += step) {
    const len = Math.min(step, n - s), start = out._offset + s, base = Math.floor(start / align) * align;
    dispatch(CHECK, [{ buffer: flags() }, { buffer: buf, offset: base * ELEM, size: (start - base + len) * ELEM }], [len, start - base, id], groupsFor(len));
  }
}

/** In debug mode: reads the record and throws if an op produced NaN/Inf (then resets it). */
export async function throwIfFlagged(): Promise<void> {
  if (!settings.debug || !flagBuf) return;
  const v = new Uint32Array(await readBytes(flagBuf, 0, ELEM))[0];
  if (v === 0xffffffff) return;
  upload(flagBuf, 0, new Uint32Array([0xffffffff]));
  const name = opNames.get(v) ?? 'an earlier op';
  throw new NonFiniteError(`torch.webgpu debug: the ${name} (op #${v}) produced NaN or Inf`);
}

// The engine-wide debug modes reach every WebGPU kernel through the registry's wrapper.
registerNonfiniteScanner('webgpu', {
  scan(op, out, node) {
    if (last?.out === out) {
      if (node) opNames.set(last.id, `'${op}' kernel in '${node}'`);
      return;
    }
    checkOutput(op, out);
    if (node && last?.out === out) opNames.set(last.id, `'${op}' kernel in '${node}'`);
  },
  enable(on) {
    settings.debug = on;
  },
});
