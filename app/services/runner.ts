// Runs cells: a queue in front of the kernel client, routing its replies into the notebook
// store. Run all stops at the first error; interrupt and restarts clear the queue. What each
// message and step does to the state is the pure ./runner-transition.ts; this file owns the
// kernel client and the stores, and applies it.
import { createStore } from 'zustand/vanilla';
import type { Backend, FromKernel } from '../protocol/messages';
import type { NotebookStore } from '../notebook/store';
import type { StoreApi } from 'zustand';
import { startKernel, type AppKernel } from './kernel';
import { clearQueue, enqueue, onKernelMessage, restarted, startNext, started, type KernelView, type RunState } from './runner-transition';
import { foreignKernel, foreignMessage } from '../notebook/foreign';

export type { KernelView } from './runner-transition';

export interface Runner {
  view: StoreApi<KernelView>;
  run(cellIds: string[]): void;
  interrupt(): void;
  /** `quiet`: no notice (a fresh kernel for another notebook, not a restart the user asked about). */
  restart(opts?: { quiet?: boolean }): Promise<void>;
  setDevice(device: Backend): void;
  refreshVariables(): Promise<void>;
  dismissNotice(): void;
  /** The user chose to run this notebook on the page's own origin (only offered while `blocked`). */
  allowUnisolated(): void;
  dispose(): void;
}

export function createRunner(notebook: StoreApi<NotebookStore>, device: Backend, start: (d: Backend) => Promise<AppKernel> = startKernel): Runner {
  const view = createStore<KernelView>(() => ({ status: null, notice: null, variables: [], executionCount: 0, blocked: null }));
  let queue: RunState['queue'] = [];
  let current: RunState['current'] = null;
  let client: AppKernel | null = null;
  let inspecting = false;
  /** The user opted into an unisolated kernel for the notebook open now. */
  let optedIn = false;
  let lastFinished: RunState['lastFinished'] = null;
  /** A restart asked for here is under way: cells run meanwhile wait for the fresh kernel. */
  let restarting = false;
  const ready = start(device).then((c) => {
    client = c;
    view.setState({ status: c.status, blocked: c.blocked });
    c.onMessage(onMessage);
    // An opt-in to run unisolated holds for the notebook it was given for: another one loaded
    // (the store's version restarts at 0 with a new document) holds the kernel back again.
    notebook.subscribe((s, prev) => {
      if (!optedIn || s.doc === prev.doc || s.version !== 0) return;
      optedIn = false;
      current = null;
      apply(clearQueue(snapshot(), Date.now()));
      c.revokeUnisolated();
    });
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
    if (!client || current || restarting) return;
    const { state, start: cell } = startNext(snapshot(), Date.now());
    apply(state);
    if (cell) apply(started(snapshot(), cell.cellId, client.execute(cell.cellId, cell.source, cell.executionCount)));
  }

  function onMessage(m: FromKernel) {
    const finished = apply(onKernelMessage(snapshot(), m, Date.now()));
    // Whether the kernel is held back is the client's to say (not a message's).
    if (m.type === 'status') view.setState({ blocked: client?.blocked ?? null });
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
      // Another kernel's notebook (Python) does not run here until the user converts it.
      const foreign = foreignKernel(notebook.getState().doc.metadata);
      if (foreign && ids.some((id) => notebook.getState().doc.cells.find((c) => c.id === id)?.cell_type === 'code')) {
        view.setState({ notice: { kind: 'error', text: `${foreignMessage(foreign)} Convert it to Torchlit to run them.` } });
        return;
      }
      apply(enqueue(snapshot(), ids, Date.now()));
      pump();
    },
    interrupt() {
      apply(clearQueue(snapshot(), Date.now()));
      client?.interrupt();
    },
    async restart({ quiet = false } = {}) {
      apply(clearQueue(snapshot(), Date.now()));
      restarting = true;
      try {
        const c = await ready;
        const stopped = current?.cellId ?? null;
        current = null;
        await c.restart();
        // Cells run while it restarted (a new notebook's first Shift+Enter) run on the fresh
        // kernel, from [1]: before, they went to the kernel mid-restart and the restart's reset
        // then wiped their status and outputs.
        const waiting = queue.slice();
        apply(restarted(snapshot(), stopped, quiet ? null : { kind: 'info', text: 'The kernel was restarted: all variables were cleared.' }, Date.now()));
        if (waiting.length) apply(enqueue(snapshot(), waiting, Date.now()));
      } finally {
        restarting = false;
      }
      pump();
    },
    setDevice(d) {
      void ready.then((c) => c.setDevice(d));
    },
    refreshVariables,
    dismissNotice: () => view.setState({ notice: null }),
    allowUnisolated() {
      void ready.then((c) => {
        if (c.blocked === null) return;
        optedIn = true;
        c.allowUnisolated();
      });
    },
    dispose() {
      void ready.then((c) => c.dispose());
    },
  };
}
