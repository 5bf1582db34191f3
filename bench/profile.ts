// `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts [workload] [reps]`:
// runs one of our workloads under the V8 profiler; `tsx bench/hotspots.ts /tmp/prof/*.cpuprofile`
// then lists the functions with the most self time.
import { makeInputs } from './inputs';
import { oursPeer } from './peers/ours';
import type { WorkloadId } from './workloads';
import '../engine/backend/wasm/index';

const id = (process.argv[2] ?? 'seed_raw') as WorkloadId;
const reps = Number(process.argv[3] ?? 2);
const step = await oursPeer().prepare(id, makeInputs());
step();
const t0 = performance.now(), c0 = process.cpuUsage();
for (let i = 0; i < reps; i++) step();
const cpu = process.cpuUsage(c0);
console.log(`${id}: ${((performance.now() - t0) / reps).toFixed(1)} ms per call (CPU time ${((cpu.user + cpu.system) / 1000 / reps).toFixed(1)} ms)`);
