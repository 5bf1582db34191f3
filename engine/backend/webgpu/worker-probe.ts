// Runs in a dedicated worker for webgpu-worker.browser.test.ts: the kernel worker's situation
// (init at startup, ops, readback) without a page.
import { torch } from '../../index';

self.onmessage = async () => {
  try {
    const ok = await torch.webgpu.init();
    if (!ok) {
      postMessage({ ok: false, reason: torch.webgpu.unavailable_reason() });
      return;
    }
    const a = torch.tensor([[1, 2], [3, 4]]).to('webgpu');
    const r = await a.matmul(a).add(1).tolist();
    postMessage({ ok: true, result: r, device: String(a.device) });
  } catch (e) {
    postMessage({ ok: false, reason: String((e as Error).stack ?? e) });
  }
};
