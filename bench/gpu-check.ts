// `npm run gpu-check [-- --full] [-- --no-suite]`: the WebGPU backend on a real GPU, in Node, with
// no browser and no internet: Dawn (the `webgpu` npm package's prebuilt dawn.node) on Vulkan.
// 1. what the machine has (Node, dawn.node, the Vulkan loader, an ICD, nvidia-smi, PyTorch CUDA);
// 2. the golden op/nn suite on WebGPU against PyTorch's values (engine/test/gpu_check.ts);
// 3. timings: matmul 1024²/4096², the MLP and CNN training steps, VGG16 forward, next to PyTorch
//    CUDA (bench/peers/torch_cuda.py) when `torch.cuda.is_available()`.
// Without a GPU it runs on Chromium's SwiftShader ICD (a CPU Vulkan) with the big workloads left
// out (4096² and VGG16 take minutes there) unless --full. bench/README.md says what to bring.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argv = process.argv.slice(2);
const full = argv.includes('--full');
const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

function sh(cmd: string, args: string[]): string | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** What the machine has, one line each; the ICD choice is made here (before Dawn loads Vulkan). */
function environment(): { swiftshader: boolean } {
  console.log(`node ${process.version} (${process.platform}-${process.arch})`);
  let dawn = 'missing: npm install webgpu (or copy node_modules/webgpu)';
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('webgpu'));
    const bin = join(pkg, 'dist', `${process.platform}-${process.arch}`, 'dawn.node');
    dawn = existsSync(bin) ? bin : `no ${bin}`;
  } catch {
    /* reported */
  }
  console.log(`dawn.node: ${dawn}`);
  const loader = sh('sh', ['-c', 'ldconfig -p | grep -m1 "libvulkan.so.1 "']) ?? (process.env.LD_LIBRARY_PATH ? `not in ldconfig; LD_LIBRARY_PATH=${process.env.LD_LIBRARY_PATH}` : 'missing: libvulkan.so.1 (Debian libvulkan1)');
  console.log(`Vulkan loader: ${loader.replace(/\s+/g, ' ')}`);
  const gpu = sh('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader']);
  console.log(`nvidia-smi: ${gpu ?? 'none'}`);
  const nvidiaIcd = ['/usr/share/vulkan/icd.d/nvidia_icd.json', '/etc/vulkan/icd.d/nvidia_icd.json'].find(existsSync);
  let swiftshader = false;
  if (process.env.VK_ICD_FILENAMES) console.log(`ICD: VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES}`);
  else if (nvidiaIcd || gpu) console.log(`ICD: ${nvidiaIcd ?? 'the loader finds it (nvidia-smi works)'}`);
  else if (existsSync(SWIFTSHADER)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER; // read by the Vulkan loader when Dawn creates its instance
    swiftshader = true;
    console.log(`ICD: no GPU found, using SwiftShader (${SWIFTSHADER}); big workloads ${full ? 'included (--full)' : 'left out (--full to run them)'}`);
  } else console.log('ICD: none found (no nvidia_icd.json, no SwiftShader): Dawn will report no adapter');
  return { swiftshader };
}

/** PyTorch CUDA on the same workloads, or why not. */
function torchCuda(ids: string[]): Record<string, number | string> {
  if (!existsSync(PYTHON)) return Object.fromEntries(ids.map((i) => [i, `n/a (no ${PYTHON})`]));
  const r = spawnSync(PYTHON, [join(here, 'peers/torch_cuda.py'), ids.join(',')], { encoding: 'utf8', maxBuffer: 1 << 22 });
  if (r.status !== 0) return Object.fromEntries(ids.map((i) => [i, `n/a (${r.stderr.trim().split('\n').pop()?.slice(0, 60)})`]));
  const out = JSON.parse(r.stdout) as { device: string | null; results: Record<string, number> };
  console.log(`PyTorch: ${out.device ?? 'no CUDA device (torch.cuda.is_available() is False)'}`);
  return Object.fromEntries(ids.map((i) => [i, out.device ? out.results[i] : 'n/a (no CUDA)']));
}

async function main(): Promise<void> {
  console.log('== machine');
  const { swiftshader } = environment();
  let failed = false;
  if (!argv.includes('--no-suite')) {
    console.log('\n== golden op/nn suite on WebGPU (Dawn) against PyTorch 1.13 values');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'engine/test/gpu_check.ts')], { stdio: 'inherit', env: { ...process.env, TORCHLIT_DAWN: '1' }, cwd: root });
    failed = r.status !== 0;
  }
  console.log('\n== timings (ms per call: warm-up calls, then N calls to one readback; WebGPU queues work, the readback is the honest end)');
  const { timeWorkloads, WORKLOAD_IDS } = await import('./webgpu/dawn-workloads');
  const ids = WORKLOAD_IDS.filter((id) => full || !swiftshader || !['mm4096', 'vgg16'].includes(id));
  const ours = await timeWorkloads(ids, swiftshader && !full);
  const torch = torchCuda(ids);
  console.log('\n| workload | ours, WebGPU via Dawn (ms) | PyTorch CUDA (ms) | ours / PyTorch |\n|---|---|---|---|');
  for (const id of ids) {
    const a = ours[id], b = torch[id];
    const ratio = typeof a === 'number' && typeof b === 'number' ? `${(a / b).toFixed(2)}×` : '—';
    console.log(`| ${id} | ${typeof a === 'number' ? a.toFixed(2) : a} | ${typeof b === 'number' ? b.toFixed(2) : b} | ${ratio} |`);
  }
  if (failed) {
    console.log('\nthe op suite FAILED (above)');
    process.exitCode = 1;
  }
}

await main();
