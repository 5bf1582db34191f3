// The GPU check's timed workloads on our WebGPU backend in Node (Dawn): the same shapes as
// bench/peers/torch_cuda.py. Each: warm-up calls, then N calls and one 1-element readback
// (WebGPU queues work; the readback is the honest "done"); ms per call.
import { create, globals } from 'webgpu';
import { models, nn, optim, torch } from '../../engine/index';
import type { Tensor } from '../../engine/tensor';

export const WORKLOAD_IDS = ['mm1024', 'mm4096', 'mlp', 'cnn', 'vgg16'] as const;
type Id = (typeof WORKLOAD_IDS)[number];
type Dyn = any;

async function timeCalls(warmup: number, calls: number, step: () => Tensor): Promise<number> {
  let last: Tensor = step();
  for (let i = 1; i < warmup; i++) last = step();
  await last.reshape([-1]).narrow(0, 0, 1).data();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) last = step();
  await last.reshape([-1]).narrow(0, 0, 1).data();
  return (performance.now() - t0) / calls;
}

/** One SGD step of a classifier with cross-entropy (as bench/peers/ours.ts), on WebGPU. */
function trainStep(model: Dyn, x: Tensor, y: Tensor): () => Tensor {
  const opt = optim.SGD(model.parameters(), { lr: 0.01 });
  const loss_fn = (nn as Dyn).CrossEntropyLoss();
  return () => {
    const loss = loss_fn(model(x), y);
    opt.zero_grad();
    loss.backward();
    opt.step();
    return loss.detach();
  };
}

const N: Dyn = nn;
const makers: Record<Id, () => Promise<[number, number, () => Tensor]>> = {
  mm1024: async () => {
    const a = torch.randn(1024, 1024).to('webgpu'), b = torch.randn(1024, 1024).to('webgpu');
    return [2, 10, () => a.matmul(b)];
  },
  mm4096: async () => {
    const a = torch.randn(4096, 4096).to('webgpu'), b = torch.randn(4096, 4096).to('webgpu');
    return [1, 5, () => a.matmul(b)];
  },
  mlp: async () => {
    const model = N.Sequential(N.Linear(784, 128), N.ReLU(), N.Linear(128, 10)).to('webgpu');
    const x = torch.randn(64, 784).to('webgpu'), y = torch.randint(0, 10, [64]).to('webgpu');
    return [3, 20, trainStep(model, x, y)];
  },
  cnn: async () => {
    const model = N.Sequential(N.Conv2d(1, 8, 3, { padding: 1 }), N.ReLU(), N.MaxPool2d(2), N.Conv2d(8, 16, 3, { padding: 1 }), N.ReLU(), N.MaxPool2d(2), N.Flatten(), N.Linear(784, 10)).to('webgpu');
    const x = torch.randn(64, 1, 28, 28).to('webgpu'), y = torch.randint(0, 10, [64]).to('webgpu');
    return [2, 10, trainStep(model, x, y)];
  },
  vgg16: async () => {
    const model = (await (models as Dyn).vgg16()).to('webgpu');
    model.eval();
    const x = torch.randn(1, 3, 224, 224).to('webgpu');
    return [1, 3, () => torch.no_grad(() => model(x))];
  },
};

/** Initialises WebGPU through Dawn and times each workload (a string where one fails). */
export async function timeWorkloads(ids: readonly string[], light = false): Promise<Record<string, number | string>> {
  Object.assign(globalThis, globals);
  const ok = await torch.webgpu.init({ gpu: create([]) });
  if (!ok) return Object.fromEntries(ids.map((i) => [i, `n/a (${torch.webgpu.unavailable_reason()})`]));
  console.log(`adapter: ${torch.webgpu.get_device_name()}`);
  const out: Record<string, number | string> = {};
  for (const id of ids) {
    try {
      torch.manual_seed(0);
      const [warmup, calls, step] = await makers[id as Id]();
      // light (SwiftShader: a CPU at a few GFLOP/s): one warm-up, two timed calls
      out[id] = light ? await timeCalls(1, 2, step) : await timeCalls(warmup, calls, step);
      console.log(`  ${id}: ${(out[id] as number).toFixed(2)} ms`);
    } catch (e) {
      out[id] = `error: ${(e as Error).message.split('\n')[0].slice(0, 70)}`;
      console.log(`  ${id}: ${out[id]}`);
    }
  }
  return out;
}
