// The notebook view: header (name, save state), toolbar, notices, cells, side panel.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useNotebook } from '../notebook/store';
import { selectCellIds } from '../notebook/selectors';
import { notebookDevice } from '../notebook/ipynb';
import type { ShareLink } from '../services/share';
import { useServices } from '../services/context';
import { Cell, CELL_DRAG_TYPE } from './Cell';
import { Toolbar } from './Toolbar';
import { useCommands } from './useCommands';
import { useShortcuts } from './useShortcuts';
import { ReferenceHelp, ShortcutsHelp } from './ShortcutsHelp';
import { commandList } from './commandList';
import { CommandPalette } from './CommandPalette';
import { RestartDialog, setSkipRestartDialog, useRestartAsking } from './RestartDialog';
import { useReferenceKey } from './useReferenceKey';
import { ShareDialog } from './ShareDialog';
import { VariableInspector } from './VariableInspector';
import { SaveIndicator } from './SaveIndicator';
import { useCellModels } from '../editor/useCellModels';
import { toggleCodeChecking } from '../editor/code-checking';
import { codeCheckingActive } from '../editor/monaco';
import { Icon } from './Icon';
import { ConflictDialog } from './ConflictDialog';
import { CheckpointsDialog, ResetDialog } from './CheckpointsDialog';
import { KernelBlockedBanner } from './KernelBlockedBanner';
import { ForeignNotebookBanner } from './ForeignNotebookBanner';
import { VirtualCells } from './VirtualCells';
import { FindReplace } from './FindReplace';

/**
 * Above this many cells, only the cells near the view are mounted (VirtualCells); below, every
 * cell is (in slices, useMountedCount).
 */
const MANY_CELLS = 200;

/** Cells mounted at once when a notebook opens; the rest follow in slices, a task each. */
const FIRST_SLICE = 60;

/**
 * How many of `total` cells to mount: FIRST_SLICE at first, then a slice per task, sized so each
 * task stays short (a 20,000-cell link froze the tab for 23 s when all mounted in one task).
 * Every cell still gets its element, a few seconds later for the largest notebooks.
 */
function useMountedCount(total: number, reset: unknown): number {
  const [state, setState] = useState({ n: FIRST_SLICE, slice: 100, reset });
  const n = state.reset === reset ? state.n : FIRST_SLICE;
  const started = useRef(0);
  useEffect(() => {
    if (state.reset !== reset) {
      setState({ n: FIRST_SLICE, slice: 100, reset });
      return;
    }
    if (state.n >= total) return;
    // The time since the last slice was asked for (render and commit): aim at about 40 ms.
    const took = started.current ? performance.now() - started.current : 40;
    const slice = Math.max(20, Math.min(1000, Math.round(state.slice * (took > 60 ? 0.5 : took < 20 ? 2 : 1))));
    const timer = setTimeout(() => {
      started.current = performance.now();
      setState((s) => ({ ...s, n: s.n + slice, slice }));
    }, 0);
    return () => clearTimeout(timer);
  }, [state, total, reset]);
  return Math.min(n, total);
}

export function NotebookPage() {
  const services = useServices();
  const session = services.session;
  const s = useStore(session.state);
  const commands = useCommands();
  const ids = useNotebook(selectCellIds);
  const device = useNotebook((st) => notebookDevice(st.doc));
  const runner = session.runner();
  const notice = useStore(runner.view, (v) => v.notice);
  const [help, setHelp] = useState(false);
  const [reference, setReference] = useState<string | null>(null);
  const [share, setShare] = useState<ShareLink | null>(null);
  const [inspector, setInspector] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [warningsClosed, setWarningsClosed] = useState(0);
  const [conflictHidden, setConflictHidden] = useState(false);
  const [checkpoints, setCheckpoints] = useState(false);
  const [reset, setReset] = useState(false);
  const [palette, setPalette] = useState(false);
  const asking = useRestartAsking();
  const openHelp = useCallback(() => setHelp(true), []);
  const showConflict = s.conflict !== null && !conflictHidden;
  // The one command registry: keys, palette, help and the Kernel menu all read it.
  const registry = useMemo(
    () =>
      commandList(commands, {
        openHelp,
        openPalette: () => setPalette(true),
        share: () => setShare(session.share()),
        checkpoints: () => setCheckpoints(true),
        toggleInspector: () => setInspector((x) => !x),
        askBeforeRestart: () => setSkipRestartDialog(false),
        toggleCodeChecking: () => session.state.setState({ notice: toggleCodeChecking(codeCheckingActive()), noticeLink: undefined }),
        notebookName: () => session.state.getState().name,
      }),
    [commands, openHelp, session],
  );
  useShortcuts(registry, !help && reference === null && !share && !showConflict && !checkpoints && !reset && !palette && !asking);
  useReferenceKey(setReference, reference === null && !help);
  useCellModels();
  const cellIds = useMemo(() => (ids ? ids.split(' ') : []), [ids]);
  const virtual = cellIds.length > MANY_CELLS;
  const mounted = useMountedCount(virtual ? 0 : cellIds.length, s.loadCount);
  const refreshVars = useCallback(() => void runner.refreshVariables(), [runner]);

  useEffect(() => {
    document.title = `${s.name} · Torchlit`;
  }, [s.name]);

  useEffect(() => {
    // Leaving, hiding or freezing the tab saves at once (a killed tab then loses nothing).
    const flush = () => void session.autosaver.flush();
    const leave = () => void session.flushOnLeave();
    const onHidden = () => {
      if (document.visibilityState !== 'hidden') return;
      session.saveDraft();
      flush();
    };
    // Saves failing and no room for a draft either: closing would lose the edits, so ask first.
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (session.leaveWouldLose()) e.preventDefault();
    };
    window.addEventListener('pagehide', leave);
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('visibilitychange', onHidden);
    document.addEventListener('freeze', flush);
    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('visibilitychange', onHidden);
      document.removeEventListener('freeze', flush);
    };
  }, [session]);

  useEffect(() => {
    if (s.conflict === null) setConflictHidden(false);
  }, [s.conflict]);

  // (Run all makes a checkpoint first: ./useCommands.ts.)
  const runAll = commands.runAll;
  const listCheckpoints = useCallback(() => session.listCheckpoints(), [session]);

  return (
    <div
      className="tl-notebook-page"
      data-notebook-root
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={(e) => {
        const file = e.dataTransfer.files?.[0];
        setDragging(false);
        if (!file || e.dataTransfer.types.includes(CELL_DRAG_TYPE)) return;
        e.preventDefault();
        void commands.openFile(file);
      }}
    >
      <header className="tl-header">
        <a href="#/" className="tl-logo" aria-label="Torchlit home">
          <span className="tl-flame" aria-hidden="true" />
          Torchlit
        </a>
        <input
          key={s.loadCount}
          className="tl-name"
          aria-label="Notebook name"
          defaultValue={s.name}
          title={s.name}
          size={Math.max(10, Math.min(48, s.name.length + 1))}
          onBlur={(e) => e.target.value !== s.name && session.rename(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        {s.origin?.kind === 'tutorial' && (
          <>
            <span className="tl-tag">tutorial</span>
            {s.localId && (
              <button type="button" className="tl-link-button" onClick={() => setReset(true)}>
                Reset to original
              </button>
            )}
          </>
        )}
        {s.origin?.kind === 'share' && !s.localId && <span className="tl-tag">shared link · not saved until you edit</span>}
        <SaveIndicator session={session} onResolve={() => setConflictHidden(false)} />
      </header>
      <Toolbar
        commands={commands}
        registry={registry}
        kernel={runner.view}
        device={device}
        onDevice={(d) => session.setDevice(d)}
        onShare={() => setShare(session.share())}
        onHelp={openHelp}
        onRunAll={runAll}
        onCheckpoints={() => setCheckpoints(true)}
        inspectorOpen={inspector}
        onToggleInspector={() => setInspector((x) => !x)}
        name={s.name}
      />
      <KernelBlockedBanner runner={runner} />
      <ForeignNotebookBanner />
      {notice && (
        <div className={`tl-banner tl-banner-${notice.kind}`} role="alert">
          <span>{notice.text}</span>
          <button type="button" className="tl-icon-button" aria-label="Dismiss" onClick={runner.dismissNotice}>
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      {s.fileError && (
        <div className="tl-banner tl-banner-error" role="alert">
          <span>{s.fileError}</span>
          <button type="button" className="tl-icon-button" aria-label="Dismiss" onClick={session.dismissFileError}>
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      {s.notice && (
        <div className="tl-banner tl-banner-info" role="status" data-storage-notice>
          <span>
            {s.notice}
            {s.noticeLink && (
              <>
                {' '}
                <a href={s.noticeLink.href}>{s.noticeLink.text}</a>
              </>
            )}
          </span>
          <button type="button" className="tl-icon-button" aria-label="Dismiss" onClick={session.dismissNotice}>
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      {s.warnings.length > warningsClosed && (
        <div className="tl-banner tl-banner-info" role="status">
          <span>This notebook was repaired while opening: {s.warnings.join('; ')}.</span>
          <button type="button" className="tl-icon-button" aria-label="Dismiss" onClick={() => setWarningsClosed(s.warnings.length)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      <FindReplace />
      <div className="tl-body">
        <main className={`tl-cells ${virtual ? 'tl-cells-virtual' : ''}`} aria-label="Cells">
          {virtual ? (
            <VirtualCells key={s.loadCount} ids={cellIds} commands={commands} />
          ) : (
            (mounted < cellIds.length ? cellIds.slice(0, mounted) : cellIds).map((id, i) => <Cell key={id} id={id} index={i} count={cellIds.length} commands={commands} />)
          )}
          {!virtual && mounted < cellIds.length && (
            <p className="tl-muted tl-cells-loading" role="status">
              Showing {mounted.toLocaleString('en-US')} of {cellIds.length.toLocaleString('en-US')} cells…
            </p>
          )}
          <div className="tl-add-row">
            <button type="button" className="tl-ghost" onClick={() => (useNotebook.getState().actions.setActive(cellIds[cellIds.length - 1] ?? null), commands.addCell('code'))}>
              + Code
            </button>
            <button type="button" className="tl-ghost" onClick={() => (useNotebook.getState().actions.setActive(cellIds[cellIds.length - 1] ?? null), commands.addCell('markdown'))}>
              + Markdown
            </button>
          </div>
        </main>
        {inspector && <VariableInspector kernel={runner.view} refresh={refreshVars} onClose={() => setInspector(false)} />}
      </div>
      {dragging && (
        <div className="tl-drop-overlay" aria-hidden="true">
          Drop a .ipynb file to open it
        </div>
      )}
      {help && <ShortcutsHelp commands={registry} onClose={() => setHelp(false)} />}
      {palette && <CommandPalette commands={registry} onClose={() => setPalette(false)} />}
      <RestartDialog />
      {reference !== null && <ReferenceHelp query={reference} onClose={() => setReference(null)} />}
      {share && <ShareDialog link={share} onDownload={commands.download} onClose={() => setShare(null)} />}
      {showConflict && s.conflict && <ConflictDialog conflict={s.conflict} onChoose={(c) => session.resolveConflict(c)} onClose={() => setConflictHidden(true)} />}
      {checkpoints && (
        <CheckpointsDialog
          list={listCheckpoints}
          create={() => session.checkpoint('manual')}
          revert={(key) => session.revertToCheckpoint(key)}
          remove={(key) => session.deleteCheckpoint(key)}
          resetToOriginal={s.origin?.kind === 'tutorial' ? () => session.resetTutorial() : undefined}
          onClose={() => setCheckpoints(false)}
        />
      )}
      {reset && <ResetDialog onReset={() => session.resetTutorial()} onClose={() => setReset(false)} />}
    </div>
  );
}
