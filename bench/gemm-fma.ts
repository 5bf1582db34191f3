// `npx tsx bench/gemm-fma.ts [rounds] [--browser]`: the WASM GEMM's two micro-kernels side by
// side (f32x4.mul + f32x4.add against f32x4.relaxed_madd, FMA), 4×8 tiles, one thread, one
// process, alternating rounds (./gemm-fma-core). Node: timed in process CPU time, with V8's flag
// for relaxed SIMD set before the engine loads (Node 20 has it off by default). --browser: the
// same in a headless Chromium page (relaxed SIMD on by default there), timed in the page's
// main-thread CPU time (CDP's ThreadTime). Prints GFLOP/s per size and the FMA kernel's ratio.
import { setFlagsFromString } from 'node:v8';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatAB, summary, type KernelAB } from './gemm-fma-core';

setFlagsFromString('--experimental-wasm-relaxed-simd');
const rounds = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 9);
const sizes = [64, 256, 1024];
const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;

async function inNode(): Promise<{ where: string; rows: KernelAB[] | null }> {
  const { createWasmGemm, simdSupport } = await import('../engine/backend/wasm/gemm');
  const { abKernels } = await import('./gemm-fma-core');
  if (!simdSupport().relaxed) return { where: `Node ${process.version}`, rows: null };
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  return { where: `Node ${process.version}, process CPU time`, rows: abKernels(createWasmGemm, cpuMs, rounds, sizes) };
}

async function inChromium(): Promise<{ where: string; rows: KernelAB[] | null }> {
  const { build } = await import('esbuild');
  const { chromium } = await import('playwright-core');
  const entry = fileURLToPath(new URL('./gemm-fma-page.ts', import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, format: 'esm', write: false, target: 'es2022' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: out.outputFiles[0].text, type: 'module' });
    await page.waitForFunction(() => '__gemm' in window);
    type Gemm = { relaxed: boolean; setup(n: number): void; run(k: string, reps: number): void };
    if (!(await page.evaluate(() => (window as unknown as { __gemm: Gemm }).__gemm.relaxed))) return { where: `Chromium ${browser.version()}`, rows: null };
    // the page's main-thread CPU time (CDP Performance.getMetrics ThreadTime, seconds)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadMs = async () => 1000 * ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN);
    const rows: KernelAB[] = [];
    for (const n of sizes) {
      await page.evaluate((n) => (window as unknown as { __gemm: Gemm }).__gemm.setup(n), n);
      const reps = Math.max(1, Math.round(5e8 / (2 * n ** 3)));
      const got: Record<'plain' | 'fma', number[]> = { plain: [], fma: [] };
      for (let r = 0; r <= rounds; r++)
        for (const k of ['plain', 'fma'] as const) {
          const t0 = await threadMs();
          await page.evaluate(([k, reps]) => (window as unknown as { __gemm: Gemm }).__gemm.run(k as string, reps as number), [k, reps]);
          const ms = (await threadMs()) - t0;
          if (r > 0) got[k].push((2 * n ** 3 * reps) / ms / 1e6);
        }
      rows.push({ n, plain: summary(got.plain), fma: summary(got.fma) });
    }
    return { where: `headless Chromium ${browser.version()}, page main thread, CPU time (CDP ThreadTime)`, rows };
  } finally {
    await browser.close();
  }
}

console.log(load());
const { where, rows } = process.argv.includes('--browser') ? await inChromium() : await inNode();
console.log(where);
if (!rows) console.log('no relaxed SIMD here: nothing to compare');
else for (const line of formatAB(rows, rounds)) console.log(line);
console.log(load());
