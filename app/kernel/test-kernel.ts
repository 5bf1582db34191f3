// For tests: a kernel runtime with the real engine, in this process. `run(code)` executes a cell
// and answers its result's text/plain, or `Name: message` when it raised.
import * as engine from '../../engine/index';
import { KernelRuntime } from './runtime';
import type { FromKernel } from '../protocol/messages';

export function textKernel() {
  const msgs: FromKernel[] = [];
  const rt = new KernelRuntime({ engine, post: (m) => msgs.push(m) });
  let n = 0;
  const run = async (code: string) => {
    const from = msgs.length;
    n++;
    await rt.run({ type: 'execute', id: `l${n}`, cellId: `c${n}`, code, executionCount: n });
    const ms = msgs.slice(from);
    const err = ms.find((m) => m.type === 'error') as Extract<FromKernel, { type: 'error' }> | undefined;
    if (err) return `${err.ename}: ${err.evalue}`;
    return (ms.find((m) => m.type === 'execute_result') as Extract<FromKernel, { type: 'execute_result' }> | undefined)?.data['text/plain'];
  };
  return { run, msgs };
}
