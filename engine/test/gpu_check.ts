// The golden op and nn cases on the WebGPU backend through Dawn, without vitest or a browser:
// `TORCHLIT_DAWN=1 npx tsx engine/test/gpu_check.ts` on a machine with a GPU (or with
// VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json). Prints failures and a summary;
// exits non-zero when a case fails. The vitest suites remain the reference; this is for GPU boxes.
import opsGolden from './golden/ops.json';
import nnGolden from './golden/nn.json';
import { backends, dtypesOf, knownGap, T } from './harness';
import { runOpCase, type OpCase } from './op_case';
import { runNNCase, type NNCase } from './nn_case';

const devices = await backends();
if (!devices.includes('webgpu')) {
  console.log(`WebGPU unavailable: ${T.webgpu?.unavailable_reason?.() ?? 'unknown'}`);
  process.exit(2);
}
const info = T.webgpu.adapter_info?.() ?? T.webgpu.info?.() ?? null;
if (info) console.log('adapter:', JSON.stringify(info));

let pass = 0;
let skip = 0;
const failures: string[] = [];
async function run(id: string, dtypes: string[], c: unknown, f: () => Promise<void>): Promise<void> {
  if (knownGap('webgpu', dtypes, c as { op?: string; args?: unknown })) {
    skip++;
    return;
  }
  try {
    await f();
    pass++;
  } catch (e) {
    failures.push(`${id}: ${(e as Error).message.split('\n')[0].slice(0, 300)}`);
  }
}
const t0 = performance.now();
for (const c of opsGolden.cases as unknown as OpCase[]) await run(`ops ${c.id}`, dtypesOf([...c.inputs, ...c.outputs]), c, () => runOpCase(c, 'webgpu'));
for (const c of nnGolden.cases as unknown as NNCase[]) await run(`nn ${c.id}`, dtypesOf([...c.inputs, ...c.outputs]), c, () => runNNCase(c, 'webgpu'));
for (const f of failures) console.log('FAIL', f);
console.log(`webgpu (Dawn): ${pass} passed, ${failures.length} failed, ${skip} known gaps, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exit(failures.length ? 1 : 0);
