// Runs cells: a queue in front of the kernel client, routing its replies into the notebook
// store. Run all stops at the first error; interrupt and restarts clear the queue.
import { createStore } from 'zustand/vanilla';
import type { Backend, FromKernel, KernelStatus, VariableInfo } from '../protocol/messages';
import type { NotebookStore } from '../notebook/store';
import type { StoreApi } from 'zustand';
import { startKernel, type AppKernel } from './kernel';
import { foreignKernel, foreignMessage } from '../notebook/foreign';

export interface KernelView {
  status: KernelStatus | null;
  /** A notice the user must see (restart after a hang: variables lost). */
  notice: { kind: 'info' | 'warning' | 'error'; text: string } | null;
  variables: VariableInfo[];
  executionCount: number;
  /** Why the kernel is held back (no isolated origin in a production build: ./kernel.ts); null when it may run. */
  blocked: string | null;
}

export interface Runner {
  view: StoreApi<KernelView>;
  run(cellIds: string[]): void;
  interrupt(): void;
  restart(): Promise<void>;
  setDevice(device: Backend): void;
  refreshVariables(): Promise<void>;
  dismissNotice(): void;
  /** The user chose to run this notebook on the page's own origin (only offered while `blocked`). */
  allowUnisolated(): void;
  dispose(): void;
}

export function createRunner(notebook: StoreApi<NotebookStore>, device: Backend, start: (d: Backend) => Promise<AppKernel> = startKernel): Runner {
  const view = createStore<KernelView>(() => ({ status: null, notice: null, variables: [], executionCount: 0, blocked: null }));
  const queue: string[] = [];
  let current: { cellId: string; requestId: string } | null = null;
  let client: AppKernel | null = null;
  let inspecting = false;
  /** The user opted into an unisolated kernel for the notebook open now. */
  let optedIn = false;
  /** The cell that finished last, to attribute a restart that follows its error. */
  let lastFinished: { cellId: string; status: string; at: number } | null = null;
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
      clearQueue();
      c.revokeUnisolated();
    });
    pump();
    return c;
  });
  const actions = () => notebook.getState().actions;
  const cell = (id: string) => notebook.getState().doc.cells.find((c) => c.id === id);

  function clearQueue() {
    for (const id of queue.splice(0)) actions().setStatus(id, 'idle');
  }

  function pump() {
    if (!client || current) return;
    while (queue.length) {
      const id = queue.shift()!;
      const c = cell(id);
      if (!c || c.cell_type !== 'code') {
        actions().setStatus(id, 'idle');
        continue;
      }
      const n = view.getState().executionCount + 1;
      view.setState({ executionCount: n });
      actions().clearOutputs(id);
      actions().setExecutionCount(id, n);
      actions().setStatus(id, 'running');
      current = { cellId: id, requestId: client.execute(id, c.source, n) };
      return;
    }
  }

  function finish(status: 'done' | 'error' | 'interrupted') {
    if (!current) return;
    actions().setStatus(current.cellId, status);
    lastFinished = { cellId: current.cellId, status, at: Date.now() };
    current = null;
    if (status !== 'done') clearQueue();
    void refreshVariables();
    pump();
  }

  function onMessage(m: FromKernel) {
    const a = actions();
    const mine = 'id' in m && current && m.id === current.requestId;
    switch (m.type) {
      case 'status':
        view.setState({ status: m, blocked: client?.blocked ?? null });
        return;
      case 'stream':
        if (cell(m.cellId)) a.appendOutput(m.cellId, { output_type: 'stream', name: m.name, text: m.text });
        return;
      case 'display':
        if (cell(m.cellId)) a.appendOutput(m.cellId, { output_type: 'display_data', data: m.data, metadata: m.metadata, display_id: m.display_id });
        return;
      case 'update_display':
        a.updateDisplay(m.display_id, m.data, m.metadata);
        return;
      case 'execute_result':
        if (cell(m.cellId)) a.appendOutput(m.cellId, { output_type: 'execute_result', execution_count: m.executionCount, data: m.data, metadata: m.metadata });
        return;
      case 'error':
        if (cell(m.cellId)) a.appendOutput(m.cellId, { output_type: 'error', ename: m.ename, evalue: m.evalue, traceback: m.traceback, line: m.line, column: m.column });
        return;
      case 'execute_reply':
        if (mine) finish(m.status === 'ok' ? 'done' : m.status);
        else if (m.status === 'interrupted' && cell(m.cellId) && notebook.getState().run[m.cellId]?.status !== 'interrupted') a.setStatus(m.cellId, 'interrupted');
        return;
      case 'restarted': {
        const lost = m.reason !== 'user';
        // The stopped cell: still running, or the one whose error reply came just before.
        const recent = lastFinished && lastFinished.status !== 'done' && Date.now() - lastFinished.at < 5000 ? lastFinished.cellId : null;
        const stopped = current?.cellId ?? (lost ? recent : null);
        if (stopped && lost) a.appendOutput(stopped, { output_type: 'stream', name: 'stderr', text: `${m.message || 'The kernel was restarted.'}\n` });
        current = null;
        clearQueue();
        // Nothing has run in the new kernel; the cell that was stopped says so.
        a.resetRunState();
        if (stopped) {
          a.setStatus(stopped, 'running');
          a.setStatus(stopped, 'interrupted');
        }
        view.setState({
          executionCount: 0,
          variables: [],
          notice: { kind: lost ? 'warning' : 'info', text: m.message || 'The kernel was restarted: all variables were lost.' },
        });
        pump();
        return;
      }
      case 'variables':
        return;
    }
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
      if (foreign && ids.some((id) => cell(id)?.cell_type === 'code')) {
        view.setState({ notice: { kind: 'error', text: `${foreignMessage(foreign)} Convert it to Torchlit to run them.` } });
        return;
      }
      for (const id of ids) {
        const c = cell(id);
        if (!c || c.cell_type !== 'code' || queue.includes(id) || current?.cellId === id) continue;
        queue.push(id);
        actions().setStatus(id, 'queued');
      }
      pump();
    },
    interrupt() {
      clearQueue();
      client?.interrupt();
    },
    async restart() {
      clearQueue();
      const c = await ready;
      const stopped = current?.cellId ?? null;
      current = null;
      await c.restart();
      actions().resetRunState();
      if (stopped) {
        actions().setStatus(stopped, 'running');
        actions().setStatus(stopped, 'interrupted');
      }
      view.setState({ executionCount: 0, variables: [], notice: { kind: 'info', text: 'The kernel was restarted: all variables were cleared.' } });
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
