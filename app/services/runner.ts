// Runs cells: a queue in front of the kernel client, routing its replies into the notebook
// store. Run all stops at the first error; interrupt and restarts clear the queue. What each
// message and step does to the state is the pure ./runner-transition.ts; this file owns the
// kernel client and the stores, and applies it.
import { createStore } from 'zustand/vanilla';
import type { Backend, FromKernel } from '../protocol/messages';
import type { NotebookStore } from '../notebook/store';
import type { StoreApi } from 'zustand';
import type { KernelClient } from './kernel-types';
import { startKernel } from './kernel';
import { clearQueue, enqueue, onKernelMessage, restarted, startNext, started, type KernelView, type RunState } from './runner-transition';

export type { KernelView } from './runner-transition';

export interface Runner {
  view: StoreApi<KernelView>;
  run(cellIds: string[]): void;
  interrupt(): void;
  restart(): Promise<void>;
  setDevice(device: Backend): void;
  refreshVariables(): Promise<void>;
  dismissNotice(): void;
  dispose(): void;
}

export function createRunner(notebook: StoreApi<NotebookStore>, device: Backend, start: (d: Backend) => Promise<KernelClient> = startKernel): Runner {
  const view = createStore<KernelView>(() => ({ status: null, notice: null, variables: [], executionCount: 0 }));
  let queue: RunState['queue'] = [];
  let current: RunState['current'] = null;
  let client: KernelClient | null = null;
  let inspecting = false;
  let lastFinished: RunState['lastFinished'] = null;
  const ready = start(device).then((c) => {
    client = c;
    view.setState({ status: c.status });
    c.onMessage(onMessage);
    pump();
    return c;
  });

  const snapshot = (): RunState => ({ notebook: notebook.getState(), view: view.getState(), queue, current, lastFinished });
  /** Applies a transition's result to the stores; true when a cell finished. */
  function apply(next: RunState): boolean {
    if (next.notebook !== notebook.getState()) notebook.setState(next.notebook);
    if (next.view !== view.getState()) view.setState(next.view);
    const finished = next.lastFinished !== lastFinished;
    ({ queue, current, lastFinished } = next);
    return finished;
  }

  function pump() {
    if (!client || current) return;
    const { state, start: cell } = startNext(snapshot(), Date.now());
    apply(state);
    if (cell) apply(started(snapshot(), cell.cellId, client.execute(cell.cellId, cell.source, cell.executionCount)));
  }

  function onMessage(m: FromKernel) {
    const finished = apply(onKernelMessage(snapshot(), m, Date.now()));
    if (finished) void refreshVariables();
    if (finished || m.type === 'restarted') pump();
  }

  let again = false;
  async function refreshVariables(): Promise<void> {
    if (!client) return;
    if (inspecting) {
      again = true;
      return;
    }
    inspecting = true;
    try {
      view.setState({ variables: await client.inspect() });
    } catch {
      /* the kernel may be restarting; the next run refreshes */
    } finally {
      inspecting = false;
    }
    if (again) {
      again = false;
      await refreshVariables();
    }
  }

  return {
    view,
    run(ids) {
      apply(enqueue(snapshot(), ids, Date.now()));
      pump();
    },
    interrupt() {
      apply(clearQueue(snapshot(), Date.now()));
      client?.interrupt();
    },
    async restart() {
      apply(clearQueue(snapshot(), Date.now()));
      const c = await ready;
      const stopped = current?.cellId ?? null;
      current = null;
      await c.restart();
      apply(restarted(snapshot(), stopped, { kind: 'info', text: 'The kernel was restarted: all variables were cleared.' }, Date.now()));
      pump();
    },
    setDevice(d) {
      void ready.then((c) => c.setDevice(d));
    },
    refreshVariables,
    dismissNotice: () => view.setState({ notice: null }),
    dispose() {
      void ready.then((c) => c.dispose());
    },
  };
}
