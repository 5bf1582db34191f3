// `npx tsx bench/webgpu/dawn.ts`: the WebGPU backend in Node through Dawn (the `webgpu` npm
// package), for machines with a real GPU and no browser. Checks a few ops against the CPU
// backend, then times matmul and training steps. Without a GPU, Dawn needs Chromium's
// SwiftShader ICD: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json.
import { create, globals } from 'webgpu';
import { torch } from '../../engine/index';
import type { Tensor } from '../../engine/tensor';

Object.assign(globalThis, globals);
const F = torch.nn.functional;

function maxErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])));
  return a.length === b.length ? e : Infinity;
}

async function check(name: string, f: (dev: string) => Tensor): Promise<boolean> {
  torch.manual_seed(0);
  const c = f('cpu');
  torch.manual_seed(0);
  const g = f('webgpu');
  const e = maxErr(c.cpu_data(), await g.data());
  const ok = e < 1e-3;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: max rel err ${e.toExponential(2)}`);
  return ok;
}

async function timeIt(steps: number, step: () => Tensor): Promise<{ ms: number; submits: number; allocs: number; dispatches: number }> {
  let last = step();
  await last.reshape([-1]).narrow(0, 0, 1).data();
  torch.webgpu.reset_stats();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const r = step();
    last.dispose();
    last = r;
  }
  await last.reshape([-1]).narrow(0, 0, 1).data();
  const s = torch.webgpu.stats();
  return { ms: (performance.now() - t0) / steps, submits: s.submits / steps, allocs: s.bufferAllocations / steps, dispatches: s.dispatches / steps };
}

async function main(): Promise<void> {
  const ok = await torch.webgpu.init({ gpu: create([]) });
  if (!ok) throw new Error(`no WebGPU: ${torch.webgpu.unavailable_reason()}`);
  console.log(`adapter: ${torch.webgpu.get_device_name()}`);
  const r = (shape: number[], dev: string) => torch.randn(shape).to(dev);
  let all = true;
  all = (await check('matmul 300x513x257', (d) => r([300, 513], d).matmul(r([513, 257], d)))) && all;
  all = (await check('linear x@W.T', (d) => r([64, 784], d).matmul(r([128, 784], d).t()))) && all;
  all = (await check('conv2d 3x3 pad 1', (d) => F.conv2d(r([4, 3, 17, 19], d), r([8, 3, 3, 3], d), r([8], d), { padding: 1 }))) && all;
  all = (await check('softmax rows of 1000', (d) => r([32, 1000], d).mul(5).softmax(1))) && all;
  all = (await check('sum over dim 0', (d) => r([1000, 33], d).sum(0))) && all;
  all = (await check('max_pool2d', (d) => F.max_pool2d(r([2, 3, 16, 16], d), 2))) && all;
  if (!all) process.exitCode = 1;

  console.log('\n| workload | ms/step | GFLOP/s | submits/step | buffer allocs/step | dispatches/step |\n|---|---|---|---|---|---|');
  const line = (name: string, t: Awaited<ReturnType<typeof timeIt>>, flop = 0) =>
    console.log(`| ${name} | ${t.ms.toFixed(2)} | ${flop ? (flop / t.ms / 1e6).toFixed(1) : ''} | ${t.submits.toFixed(2)} | ${t.allocs.toFixed(2)} | ${t.dispatches.toFixed(1)} |`);
  for (const n of [256, 1024, 2048, 4096]) {
    const a = r([n, n], 'webgpu'), b = r([n, n], 'webgpu');
    line(`matmul ${n}²`, await timeIt(n >= 2048 ? 5 : 20, () => a.matmul(b)), 2 * n ** 3);
  }
  const p = [r([128, 784], 'webgpu').mul(0.05), r([128], 'webgpu').mul(0), r([10, 128], 'webgpu').mul(0.1), r([10], 'webgpu').mul(0)].map((t) => t.requires_grad_());
  const x = r([64, 784], 'webgpu'), y = typeof F.one_hot === 'function' ? torch.eye(10).repeat([7, 1]).narrow(0, 0, 64).to('webgpu') : r([64, 10], 'webgpu');
  const step = () =>
    torch.tidy(() => {
      const l = x.matmul(p[0].t()).add(p[1]).relu().matmul(p[2].t()).add(p[3]).log_softmax(1).mul(y).sum(1).mean().neg();
      for (const q of p) q.grad = null;
      l.backward();
      torch.no_grad(() => p.forEach((q) => q.sub_(q.grad!.mul(0.01))));
      return l.detach();
    });
  line('MLP 784-128-10 step (b64)', await timeIt(20, step));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
