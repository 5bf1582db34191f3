// Small ops stay on the cheapest kernel: the seed lesson's epoch (1→13 Tanh→1 on 11 points,
// F.mse_loss, optim.SGD) sends no product to the WASM GEMM and wakes no GEMM worker, so the
// default (WASM) path runs the same JS kernels as `useWasmKernels(false)`, and gives the same
// numbers bit for bit.
import { describe, expect, it } from 'vitest';
import { nn, optim, torch } from '../../index';
import { useWasmKernels, wasmAvailable } from './index';
import { wasmGemmCalls } from './matmul';
import { chunksRunByWorkers, threadsReady, threadsSupported } from './threads';

const T = torch as any;
const N = nn as any;

function lessonEpochs(epochs: number): number[] {
  T.manual_seed(0);
  const x = T.linspace(3.57, 8.19, 11).unsqueeze(1);
  const y = x.mul(3).sub(20);
  const model = N.Sequential({ hidden_linear: N.Linear(1, 13), hidden_activation: N.Tanh(), output_linear: N.Linear(13, 1) });
  const opt = (optim as any).SGD(model.parameters(), { lr: 1e-3 });
  for (let e = 0; e < epochs; e++) {
    const loss = N.functional.mse_loss(model(x), y);
    opt.zero_grad();
    loss.backward();
    opt.step();
  }
  return model.parameters().flatMap((p: any) => Array.from(p.cpu_data() as Float32Array));
}

describe.runIf(wasmAvailable())('tiny ops on the default (WASM) path', () => {
  it('send no product to the WASM GEMM and wake no worker; same values as the JS kernels', async () => {
    if (threadsSupported()) await threadsReady();
    const calls = wasmGemmCalls(), chunks = chunksRunByWorkers();
    const wasm = lessonEpochs(50);
    expect(wasmGemmCalls()).toBe(calls);
    expect(chunksRunByWorkers()).toBe(chunks);
    useWasmKernels(false);
    try {
      expect(lessonEpochs(50)).toEqual(wasm);
    } finally {
      useWasmKernels(true);
    }
    // and a product that pays off does take the WASM path
    T.matmul(T.ones(64, 64), T.ones(64, 64));
    expect(wasmGemmCalls()).toBe(calls + 1);
  });
});
