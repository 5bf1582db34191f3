// The monitor on a WebGPU model: every epoch is recorded with histograms binned on the device, and
// the cost is logged next to the same loop without a monitor (SwiftShader here: the ratio, not the
// absolute time, is what to read).
import { describe, expect, it } from 'vitest';
import { nn, optim, torch } from '../../../engine/index';
import { createViews, TRAINING_MIME, type TrainingJson } from './index';
import type { MimeBundle } from '../../protocol/messages';

describe('monitor on WebGPU', () => {
  it('records device histograms for every epoch of a short run', async () => {
    if (!(await torch.webgpu.init())) {
      expect(torch.webgpu.unavailable_reason()).toBeTruthy();
      return;
    }
    let last: MimeBundle | null = null;
    const host = { display: (b: MimeBundle) => ((last = b), { update: (nb: MimeBundle) => void (last = nb) }), now: () => performance.now(), setTimeout: (f: () => void, ms: number) => setTimeout(f, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };
    const x = torch.linspace(-1, 1, 64).unsqueeze(1).to('webgpu'), y = x.mul(3);
    const run = async (withMonitor: boolean) => {
      torch.manual_seed(0);
      const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1)).to('webgpu');
      const opt = optim.SGD(model.parameters(), { lr: 0.05 });
      const mon = withMonitor ? createViews(host).monitor(model) : null;
      const t0 = performance.now();
      for (let e = 0; e < 50; e++) {
        const loss = nn.MSELoss()(model(x), y);
        opt.zero_grad();
        loss.backward();
        opt.step();
        mon?.epoch({ loss });
      }
      await mon?.flush();
      await model.parameters()[0].data();
      return performance.now() - t0;
    };
    await run(false);
    const plain = await run(false), monitored = await run(true);
    console.log(`monitor on WebGPU (SwiftShader), 50 epochs: ${plain.toFixed(0)} ms plain, ${monitored.toFixed(0)} ms monitored (${((monitored / plain - 1) * 100).toFixed(0)}% overhead)`);
    const j = last![TRAINING_MIME] as TrainingJson;
    expect(j.total_epochs).toBe(50);
    expect(j.hist_epochs).toHaveLength(50);
    for (const p of j.params) expect(p.grads.every((h) => h !== null && h.counts.reduce((a, b) => a + b) === p.numel)).toBe(true);
    expect(j.metrics.loss[49]!).toBeLessThan(j.metrics.loss[0]!);
  });
});
