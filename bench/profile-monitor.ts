// `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-monitor.ts [epochs]`: the
// training monitor's `mon.epoch({loss})` alone under the V8 profiler (then `bench/hotspots.ts`).
import { monitorCostPerEpoch } from './monitor-overhead';

const epochs = Number(process.argv[2] ?? 5000);
const us = monitorCostPerEpoch(epochs, 5, 'cpu');
console.log(`monitor.epoch(): ${us.toFixed(2)} µs per epoch (CPU time)`);
