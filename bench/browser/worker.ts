// The browser bench's worker: our engine (WASM and JS kernels) and TF.js wasm (threads, SIMD)
// on the same inputs, timed as in Node; posts progress lines and then the results.
import { makeInputs } from '../inputs';
import { oursPeers } from '../peers/ours-variants';
import { tfjsPeer } from '../peers/tfjs';
import { runPeer } from '../runner';
import type { Results } from '../table';
import { WORKLOADS, type WorkloadId } from '../workloads';

export interface BenchRequest {
  quick: boolean;
  only: string[] | null;
  tfjsCpu: boolean;
}
export type BenchMessage = { log: string } | { done: { results: Results; peers: string[]; ids: WorkloadId[]; info: string } } | { error: string };

const post = (m: BenchMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<BenchRequest>) => {
  try {
    const { quick, only, tfjsCpu } = e.data;
    const workloads = WORKLOADS.filter((w) => (only ? only.includes(w.id) : !quick || w.quick));
    const inputs = makeInputs();
    const results: Results = {};
    const other: Results = {};
    const log = (s: string) => post({ log: s });
    const peers = [
      ...(await oursPeers()),
      tfjsPeer('wasm', { wasmPaths: '/tfjs-wasm/', threads: navigator.hardwareConcurrency, label: ' (threads, SIMD)' }),
      ...(tfjsCpu ? [tfjsPeer('cpu')] : []),
    ];
    for (const p of peers) await runPeer(p, workloads, inputs, results, 'wall', other, log);
    const info = `crossOriginIsolated=${self.crossOriginIsolated}, hardwareConcurrency=${navigator.hardwareConcurrency}, ${navigator.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? ''}`;
    post({ done: { results, peers: peers.map((p) => p.name), ids: workloads.map((w) => w.id), info } });
  } catch (err) {
    post({ error: String((err as Error).stack ?? err) });
  }
};
