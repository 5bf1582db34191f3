// The engine's public entry: `torch` (with torch.nn, torch.optim, torch.nn.functional), and
// `nn`, `optim`, `F`, `models`, `datasets`, `utils` as named exports.
import './backend/cpu/index';
// WASM SIMD kernels (GEMM, conv) over the JS ones when the runtime has WASM SIMD
import './backend/wasm/index';
import './ops/index';
import * as torchCore from './torch';
import * as nn from './nn/index';
import * as optim from './optim/index';
import * as models from './models/index';
import * as datasets from './data/datasets';
import * as data from './data/index';
import { save, load } from './io/index';

import { tagNames } from './pyname';
import { installSignatures } from './signatures';
import { Tensor } from './tensor';

export const version = '0.1.0';
// explicit PyTorch class names (a minifier may rename classes in the built app)
for (const ns of [nn, optim, optim.lr_scheduler, models, data, datasets, torchCore] as unknown as Record<string, unknown>[]) if (ns) tagNames(ns);
const F = nn.functional;
const utils = { data };

/** The torch namespace, as `import torch`. */
// every declared op checks its keyword options (engine/signatures.ts)
export const torch = Object.freeze({ ...installSignatures(Tensor.prototype, { ...torchCore }), nn, optim, utils, save, load, __version__: version });
export { nn, optim, F, models, datasets, utils };
export { Tensor } from './tensor';
export type { DType } from './dtype';
export type { Device } from './device';
export default torch;
