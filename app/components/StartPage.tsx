// The start page: New notebook, open a file or a folder, the local notebooks, the tutorial gallery.
import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../services/context';
import type { NotebookSummary } from '../services/storage';
import type { TutorialSummary } from '../services/tutorials';
import { loadMonaco, whenIdle } from '../editor/monaco';

const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function LocalRow({ nb, reload }: { nb: NotebookSummary; reload(): void }) {
  const { storage, navigate } = useServices();
  const [renaming, setRenaming] = useState(false);
  const href = nb.origin?.kind === 'tutorial' && nb.id === `tutorial-${nb.origin.ref}` ? `#/tutorials/${nb.origin.ref}` : `#/notebooks/${nb.id}`;
  async function rename(name: string) {
    setRenaming(false);
    const full = await storage.get(nb.id);
    if (full && name.trim() && name !== full.name) await storage.put({ ...full, name: name.trim(), updated: Date.now() });
    reload();
  }
  async function duplicate() {
    const full = await storage.get(nb.id);
    if (!full) return;
    const id = `nb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    await storage.put({ ...full, id, name: `${full.name} (copy)`, created: Date.now(), updated: Date.now(), origin: undefined });
    reload();
  }
  async function remove() {
    if (!confirm(`Delete "${nb.name}" from this browser? This cannot be undone.`)) return;
    await storage.delete(nb.id);
    reload();
  }
  return (
    <li className="tl-nb-row">
      {renaming ? (
        <input className="tl-rename" aria-label={`New name for ${nb.name}`} defaultValue={nb.name} autoFocus onBlur={(e) => void rename(e.target.value)} onKeyDown={(e) => (e.key === 'Enter' ? (e.target as HTMLInputElement).blur() : e.key === 'Escape' && setRenaming(false))} />
      ) : (
        <a href={href} className="tl-nb-link" onClick={(e) => (e.preventDefault(), navigate(href))}>
          {nb.name}
        </a>
      )}
      <span className="tl-muted tl-nb-meta">
        {nb.cells} cell{nb.cells === 1 ? '' : 's'} · {when(nb.updated)}
      </span>
      <span className="tl-nb-actions">
        <button type="button" className="tl-link-button" onClick={() => setRenaming(true)} aria-label={`Rename ${nb.name}`}>
          Rename
        </button>
        <button type="button" className="tl-link-button" onClick={() => void duplicate()} aria-label={`Duplicate ${nb.name}`}>
          Duplicate
        </button>
        <button type="button" className="tl-link-button tl-danger" onClick={() => void remove()} aria-label={`Delete ${nb.name}`}>
          Delete
        </button>
      </span>
    </li>
  );
}

/** The notebooks of the folder opened in this tab: each opens as a local notebook, saved back to its file where the browser allows. */
function FolderSection() {
  const { folders, navigate } = useServices();
  const f = useStore(folders.state);
  if (!f.name && !f.error && !f.busy) return null;
  return (
    <section aria-labelledby="folder-h" className="tl-start-section tl-folder">
      <h2 id="folder-h">Folder{f.name ? `: ${f.name}` : ''}</h2>
      {f.busy && <p role="status">Opening the notebooks…</p>}
      {f.error && <p role="alert" className="tl-expect-error">{f.error}</p>}
      {f.name && !f.busy && (
        <>
          <p className="tl-muted">
            {f.items.some((i) => i.inPlace)
              ? 'Edits are saved in this browser and written back to the files.'
              : 'Opened as notebooks in this browser: edits are saved here; Download .ipynb writes a file.'}
          </p>
          <ul className="tl-nb-list" aria-label="Notebooks in the folder">
            {f.items.map((it) => (
              <li key={it.path} className="tl-nb-row">
                {it.id ? (
                  <a href={`#/notebooks/${it.id}`} className="tl-nb-link" onClick={(e) => (e.preventDefault(), navigate(`#/notebooks/${it.id}`))}>
                    {it.path}
                  </a>
                ) : (
                  <span>{it.path}</span>
                )}
                <span className={it.error || (it.id && f.writeErrors[it.id]) ? 'tl-danger tl-nb-meta' : 'tl-muted tl-nb-meta'}>
                  {it.error ? `not opened: ${it.error}` : (it.id && f.writeErrors[it.id]) || (it.inPlace ? 'saves to the file' : 'saved in this browser')}
                </span>
              </li>
            ))}
          </ul>
          {f.items.length === 0 && <p className="tl-muted">There are no notebooks (.ipynb) in this folder.</p>}
        </>
      )}
    </section>
  );
}


/** The gallery's run-time line: the measured Run all time when the notebook carries one, else the author's estimate. */
function runTime(t: TutorialSummary): string {
  if (t.measured) {
    const s = Math.max(1, Math.round(t.measured.seconds));
    return ` · Run all: ${s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`} (measured)`;
  }
  if (t.minutes === undefined) return '';
  return t.minutes <= 1 ? ' · runs in under a minute' : ` · about ${t.minutes} min to run`;
}
export function StartPage() {
  const services = useServices();
  const [local, setLocal] = useState<NotebookSummary[] | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [tutorials, setTutorials] = useState<TutorialSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const fileError = useStore(services.session.state, (s) => s.fileError);
  const reload = useCallback(() => {
    services.storage.list().then(setLocal, (e: Error) => setLocalError(e.message));
  }, [services]);
  // Another tab saved, renamed or deleted a notebook: the list follows.
  useEffect(() => services.storage.onChange(reload), [reload, services]);
  // A folder opened here adds local notebooks (this tab's own writes are not announced to it).
  useEffect(() => services.folders.state.subscribe((s, prev) => s.items !== prev.items && reload()), [reload, services]);
  useEffect(() => {
    reload();
    void services.listTutorials().then(setTutorials, () => setTutorials([]));
    document.title = 'Torchlit';
  }, [reload, services]);
  // A notebook is one click away: ask for its editor once this page is idle (Monaco itself still
  // waits for the kernel, app/editor/monaco.ts), so that notebook opens with Monaco ready; its
  // quick editors take typing meanwhile when it is not.
  useEffect(() => whenIdle(() => void loadMonaco()), []);

  async function openNew() {
    setBusy(true);
    const id = await services.session.openNew();
    services.navigate(`#/notebooks/${id}`);
  }
  async function openFile() {
    const file = await services.files.pickFile();
    if (!file) return;
    const id = await services.session.openFileText(await services.files.readFileText(file), file.name);
    if (id) services.navigate(`#/notebooks/${id}`);
  }

  return (
    <div className="tl-start">
      <header className="tl-start-head">
        <h1>
          <span className="tl-flame" aria-hidden="true" /> Torchlit
        </h1>
        <p className="tl-lede">A notebook in your browser: TypeScript cells, a PyTorch-shaped tensor and autograd engine on the CPU or WebGPU. No install, no server.</p>
        <div className="tl-start-actions">
          <button type="button" className="tl-primary" onClick={() => void openNew()} disabled={busy}>
            New notebook
          </button>
          <button type="button" onClick={() => void openFile()}>
            Open .ipynb…
          </button>
          <button type="button" onClick={() => void services.folders.open()} title={services.folders.inPlace ? 'Open a folder of notebooks and save them back in place' : 'Choose the notebooks of a folder (this browser cannot write back to the folder: they are saved here)'}>
            Open folder…
          </button>
        </div>
        {fileError && (
          <p className="tl-banner tl-banner-error" role="alert">
            <span>{fileError}</span>
            <button type="button" className="tl-link-button" onClick={services.session.dismissFileError}>
              Dismiss
            </button>
          </p>
        )}
      </header>
      <FolderSection />
      <div className="tl-start-cols">
        <section aria-labelledby="local-h" className="tl-start-section">
          <h2 id="local-h">Your notebooks</h2>
          {localError && <p role="alert">Your notebooks could not be listed: {localError}</p>}
          {local === null && !localError && <p className="tl-muted">Loading…</p>}
          {local?.length === 0 && <p className="tl-muted">No notebooks in this browser yet. Start a new one or open a tutorial.</p>}
          {local && local.length > 0 && (
            <ul className="tl-nb-list" aria-label="Local notebooks">
              {local.map((nb) => (
                <LocalRow key={nb.id} nb={nb} reload={reload} />
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="tut-h" className="tl-start-section">
          <h2 id="tut-h">Tutorials</h2>
          {tutorials === null && <p className="tl-muted">Loading…</p>}
          {tutorials?.length === 0 && <p className="tl-muted">No tutorials in this build yet.</p>}
          {tutorials && tutorials.length > 0 && (
            <ul className="tl-gallery" aria-label="Tutorials">
              {tutorials.map((t) => (
                <li key={t.name} className="tl-card">
                  <a href={`#/tutorials/${t.name}`} onClick={(e) => (e.preventDefault(), services.navigate(`#/tutorials/${t.name}`))}>
                    <h3>{t.title}</h3>
                    <p>{t.description}</p>
                    <span className="tl-muted" title={t.measured ? `Run all measured on ${t.measured.on}, ${t.measured.date}` : undefined}>
                      {t.cells} cells{runTime(t)}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
