// The runner with a fake kernel client: what reaches the kernel, and when.
import { describe, expect, it } from 'vitest';
import { createNotebookStore } from '../notebook/store';
import type { FromKernel, KernelStatus } from '../protocol/messages';
import type { AppKernel } from './kernel';
import { createRunner } from './runner';

function fakeKernel() {
  const sent: { cellId: string; code: string; executionCount: number }[] = [];
  let listener: (m: FromKernel) => void = () => {};
  let finishRestart: () => void = () => {};
  const kernel = {
    status: { type: 'status', status: 'idle' } as unknown as KernelStatus,
    blocked: null,
    onMessage(fn: (m: FromKernel) => void) {
      listener = fn;
      return () => {};
    },
    execute(cellId: string, code: string, executionCount: number) {
      sent.push({ cellId, code, executionCount });
      return `r${sent.length}`;
    },
    interrupt() {},
    restart: () => new Promise<void>((resolve) => (finishRestart = resolve)),
    setDevice() {},
    inspect: async () => [],
    ready: async () => {},
    frameUrl: null,
    dispose() {},
    allowUnisolated() {},
    revokeUnisolated() {},
  } as unknown as AppKernel;
  return { kernel, sent, emit: (m: FromKernel) => listener(m), finishRestart: () => finishRestart() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('runner', () => {
  it('a cell run while a restart is under way waits for the fresh kernel and runs there as [1]', async () => {
    const k = fakeKernel();
    const notebook = createNotebookStore();
    const runner = createRunner(notebook, 'cpu', async () => k.kernel);
    await tick();
    const cell = notebook.getState().doc.cells[0].id;
    notebook.getState().actions.setSource(cell, 'x = 1');
    runner.run([cell]);
    expect(k.sent).toHaveLength(1);
    k.emit({ type: 'execute_reply', id: 'r1', cellId: cell, status: 'ok', durationMs: 1 } as unknown as FromKernel);
    expect(runner.view.getState().executionCount).toBe(1);

    const restart = runner.restart({ quiet: true });
    await tick();
    runner.run([cell]); // Shift+Enter before the fresh kernel is idle
    await tick();
    expect(k.sent).toHaveLength(1); // nothing went to the kernel mid-restart
    expect(notebook.getState().run[cell]?.status).toBe('queued');
    k.finishRestart();
    await restart;
    expect(k.sent).toHaveLength(2);
    expect(k.sent[1]).toMatchObject({ cellId: cell, executionCount: 1 });
    expect(notebook.getState().run[cell]?.status).toBe('running');
    expect(runner.view.getState().notice).toBeNull(); // quiet: no "restarted" notice
  });
});
