// The seed lesson as a learner first meets it: once, in a process that has just started (V8 has
// optimised nothing yet). `npx tsx bench/seed-fresh.ts [rounds] [root ...]` runs the lesson's 5000
// epochs once per fresh `node --import tsx` process, `rounds` times per engine checkout (`root`:
// a worktree's path; default this one), the checkouts alternating within each round, and prints
// CPU-time medians (the machine is shared: wall time is printed too, but compare CPU).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeedLesson } from './seed-lesson-checkout';

const here = fileURLToPath(import.meta.url);

async function child(root: string): Promise<void> {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const run = await loadSeedLesson(root);
  const c1 = process.cpuUsage(), t1 = performance.now();
  const loss = run();
  const c = process.cpuUsage(c1);
  const load = process.cpuUsage(c0);
  console.log(JSON.stringify({ cpu: (c.user + c.system) / 1000, wall: performance.now() - t1, importCpu: (load.user + load.system) / 1000 - (c.user + c.system) / 1000, importWall: t1 - t0, loss }));
}

function parent(rounds: number, roots: string[]): void {
  const res = new Map<string, { cpu: number; wall: number; loss: number }[]>(roots.map((r) => [r, []]));
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? [...roots].reverse() : roots;
    for (const root of order) {
      const p = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', root], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(p.stderr);
      res.get(root)!.push(JSON.parse(p.stdout.trim().split('\n').pop()!));
    }
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  for (const [root, rs] of res) {
    const cpu = rs.map((r) => r.cpu), wall = rs.map((r) => r.wall);
    console.log(`${root}: first run CPU median ${med(cpu).toFixed(0)} ms (min ${Math.min(...cpu).toFixed(0)}), wall median ${med(wall).toFixed(0)} ms; runs ${cpu.map((v) => v.toFixed(0)).join(' ')}; final loss ${rs[0].loss}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1]);
else parent(Number(args[0] ?? 5), args.length > 1 ? args.slice(1) : [resolve(here, '../..')]);
