// The engine's public entry: `torch` (with torch.nn, torch.optim, torch.nn.functional), and
// `nn`, `optim`, `F`, `models`, `datasets`, `utils` as named exports.
import './backend/cpu/index';
// WASM SIMD kernels (GEMM, conv) over the JS ones when the runtime has WASM SIMD
import './backend/wasm/index';
import './ops/index';
import './index-guard';
import * as torchCore from './torch';
import * as nn from './nn/index';
import * as optim from './optim/index';
import * as models from './models/index';
import * as datasets from './data/datasets';
import * as data from './data/index';
import { save, load } from './io/index';

import { tagNames } from './pyname';
import { guardNamespace, guardTensorMethods } from './coverage/guard';
import { installSignatures } from './signatures';
import { Tensor as TensorClass } from './tensor';

export const version = '0.1.0';
// explicit PyTorch class names (a minifier may rename classes in the built app)
for (const ns of [nn, optim, optim.lr_scheduler, models, data, datasets, torchCore] as unknown as Record<string, unknown>[]) if (ns) tagNames(ns);
const utils = { data };

// PyTorch names Torchlit lacks raise NotImplementedError when read (engine/coverage/guard.ts);
// the guarded objects have the same types, so the editor's completions list implemented names only.
guardTensorMethods(TensorClass.prototype);
// (`nn`, `optim` and `F` are also exported unguarded: as namespaces they carry the types, `fc: nn.Linear`;
// notebook cells get the guarded torch.nn, torch.optim and torch.nn.functional.)
const F = nn.functional;
const Fg = guardNamespace(nn.functional, 'torch.nn.functional', 'F');
const nnG = guardNamespace(nn, 'torch.nn', 'nn', '', { functional: Fg });
const optimG = guardNamespace(optim, 'torch.optim', 'optim');
const linalg = guardNamespace(torchCore.linalg, 'torch.linalg', 'torch', 'linalg');
// torch.autograd.functional.vjp and the other names Torchlit lacks raise NotImplementedError naming them
const autograd = guardNamespace(torchCore.autograd, 'torch.autograd', 'torch', 'autograd');

/** The torch namespace, as `import torch`. */
// every declared op checks its keyword options (engine/signatures.ts), then missing PyTorch names are guarded
export const torch = guardNamespace(Object.freeze({ ...installSignatures(TensorClass.prototype, { ...torchCore }), linalg, autograd, nn: nnG, optim: optimG, utils, save, load, __version__: version }), 'torch', 'torch');
export { nn, optim, F, models, datasets, utils };
export { Tensor } from './tensor';
// for the kernel only (app/kernel/worker.ts): the page's base URL, which relative URLs in cells mean
export { _set_app_base_url } from './io/base-url';
export type { DType } from './dtype';
export type { Device } from './device';
export default torch;
