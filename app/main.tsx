// The app's entry: wire the services (storage, session, kernel) and render.
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { useNotebook } from './notebook/store';
import { indexedDbStorage } from './services/storage';
import { createSession } from './services/session';
import { pickFile, readFileText } from './services/files';
import { listTutorials } from './services/tutorials';
import { createFolderLinks, withWriteBack } from './services/folder';
import { createFolderService } from './services/folder-session';
import type { Services } from './services/context';
import './styles/app.css';
import './styles/dark.css';
import { initTheme } from './styles/theme';
import { releaseEditor } from './editor/monaco';

function navigate(hash: string, replace = false) {
  const url = location.pathname + location.search.replace(/([?&])url=[^&]*&?/, '$1').replace(/[?&]$/, '') + hash;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

initTheme();

// Notebooks opened from a folder (File System Access API) are also written back to their files.
const links = createFolderLinks();
const local = indexedDbStorage();
const storage = withWriteBack(local, links);
const services: Services = {
  storage,
  folders: createFolderService(local, links),
  session: createSession(useNotebook, storage, navigate),
  navigate,
  files: { pickFile, readFileText },
  listTutorials,
};

createRoot(document.getElementById('root')!).render(<App services={services} />);

// Start the kernel now, on the start page too: its frame (on the kernel origin, in a process of
// its own) boots while the page and the editor load, so the notebook the user opens finds it idle
// or nearly so. The session keeps one kernel for every notebook opened, as before; where no
// isolated kernel origin is configured this only creates the held-back kernel (no frame).
const kernelView = services.session.runner().view;

// Monaco loads once the kernel is up or held back (app/editor/monaco.ts: the two competed for the
// CPU), or at once when a learner goes into a cell.
const kernelUp = (v: ReturnType<typeof kernelView.getState>) => v.blocked !== null || (v.status !== null && v.status.status !== 'starting');
if (kernelUp(kernelView.getState())) releaseEditor();
else {
  const off = kernelView.subscribe((v) => {
    if (!kernelUp(v)) return;
    off();
    releaseEditor();
  });
}

// The editor (Monaco) is not loaded here: a notebook's cells ask for it once they are on screen,
// and take typing in their quick editors until it is ready (app/editor/QuickEditor.tsx); the start
// page asks for it when it is idle (StartPage.tsx).
