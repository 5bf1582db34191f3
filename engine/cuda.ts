// `torch.cuda` and `torch.backends` as a CPU-only PyTorch build has them: every tutorial starts
// with `device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')`, seeds with
// `torch.cuda.manual_seed_all(s)` and sets `torch.backends.cudnn.deterministic = True`. Here they
// answer as PyTorch without CUDA does (False, 0, seeding and settings accepted and ignored); what
// needs a CUDA device is PyTorch's AssertionError, pointing at WebGPU.
import { AssertionError } from './errors';

const noCuda = (): never => {
  throw new AssertionError("Torch not compiled with CUDA enabled (Torchlit runs in the browser, without CUDA: use 'webgpu' where torch.webgpu.is_available(), or 'cpu'; see docs/differences-from-pytorch.md)");
};

/**
 * `torch.cuda` of a build without CUDA: `is_available()` is false (the browser's GPU is
 * `torch.webgpu`); seeding and `empty_cache` do nothing; asking for a device is AssertionError.
 * @example const device = torch.device(torch.cuda.is_available() ? 'cuda' : 'cpu')  // device(type='cpu')
 */
export const cuda = Object.freeze({
  /** False: Torchlit has no CUDA (see torch.webgpu.is_available()). */
  is_available: (): boolean => false,
  device_count: (): number => 0,
  is_initialized: (): boolean => false,
  /** Accepted and ignored, as PyTorch does without CUDA. */
  manual_seed: (_seed: number): void => {},
  manual_seed_all: (_seed: number): void => {},
  seed: (): void => {},
  seed_all: (): void => {},
  empty_cache: (): void => {},
  memory_allocated: (): number => 0,
  max_memory_allocated: (): number => 0,
  memory_reserved: (): number => 0,
  current_device: noCuda,
  get_device_name: noCuda,
  get_device_properties: noCuda,
  get_device_capability: noCuda,
  set_device: noCuda,
  synchronize: noCuda,
  init: noCuda,
});

/**
 * `torch.backends`: `mps.is_available()` and `cudnn.is_available()` are false; `cudnn.benchmark`,
 * `cudnn.deterministic` and `cudnn.enabled` can be set (they change nothing here).
 * @example torch.backends.cudnn.deterministic = true
 */
export const backends = Object.freeze({
  mps: Object.freeze({ is_available: (): boolean => false, is_built: (): boolean => false }),
  cuda: Object.freeze({ is_built: (): boolean => false }),
  cudnn: { enabled: true, benchmark: false, deterministic: false, allow_tf32: true, is_available: (): boolean => false, version: (): null => null },
});
