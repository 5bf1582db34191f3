// For tests: a kernel runtime with the real engine, in this process.
//   const k = cellKernel();  await k.exec(code)  → the messages that cell sent
//   const t = textKernel();  await t.run(code)   → its result's text/plain, or `Name: message`
import * as engine from '../../engine/index';
import { KernelRuntime } from './runtime';
import type { FromKernel } from '../protocol/messages';

export function cellKernel() {
  const msgs: FromKernel[] = [];
  const rt = new KernelRuntime({ engine, post: (m) => msgs.push(m) });
  let n = 0;
  const exec = async (code: string): Promise<FromKernel[]> => {
    const from = msgs.length;
    n++;
    await rt.run({ type: 'execute', id: `l${n}`, cellId: `c${n}`, code, executionCount: n });
    return msgs.slice(from);
  };
  return { rt, msgs, exec };
}

export function textKernel() {
  const k = cellKernel();
  const run = async (code: string) => {
    const ms = await k.exec(code);
    const err = ms.find((m) => m.type === 'error') as Extract<FromKernel, { type: 'error' }> | undefined;
    if (err) return `${err.ename}: ${err.evalue}`;
    return (ms.find((m) => m.type === 'execute_result') as Extract<FromKernel, { type: 'execute_result' }> | undefined)?.data['text/plain'];
  };
  return { run, msgs: k.msgs };
}
