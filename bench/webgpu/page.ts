// The WebGPU benchmark page: our WebGPU backend against TensorFlow.js's WebGPU backend on the
// same adapter, same inputs: matmul 256²/1024²/2048², an MLP training step and a CNN training
// step. Results go to `window.__bench` (read by run.ts) and the page.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-webgpu';
import { torch } from '../../engine/index';
import type { Tensor } from '../../engine/tensor';
import { workloads, type Row } from './workloads';

declare global {
  interface Window {
    __bench?: { rows: Row[]; adapter: string; error?: string; done: boolean };
  }
}

async function main(): Promise<void> {
  const quick = new URLSearchParams(location.search).has('quick');
  const state: NonNullable<Window['__bench']> = (window.__bench = { rows: [], adapter: '', done: false });
  if (!(await torch.webgpu.init())) throw new Error(`our WebGPU backend: ${torch.webgpu.unavailable_reason()}`);
  await tf.setBackend('webgpu');
  await tf.ready();
  state.adapter = torch.webgpu.get_device_name();
  for (const w of workloads(quick)) {
    console.log(`[bench] ${w.id} …`);
    const row = await w.run({ torch, tf, Tensor: null as unknown as Tensor });
    state.rows.push(row);
    console.log(`[bench] ${JSON.stringify(row)}`);
    (document.getElementById('out') as HTMLElement).textContent = JSON.stringify(state.rows, null, 1);
  }
  state.done = true;
}

main().catch((e: Error) => {
  window.__bench = { ...(window.__bench ?? { rows: [], adapter: '' }), error: e.stack ?? String(e), done: true };
});
