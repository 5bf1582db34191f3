// The app's entry: wire the services (storage, session, kernel) and render.
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { useNotebook } from './notebook/store';
import { indexedDbStorage } from './services/storage';
import { createSession } from './services/session';
import { pickFile, readFileText } from './services/files';
import { listTutorials } from './services/tutorials';
import type { Services } from './services/context';
import './styles/app.css';
import './styles/dark.css';
import { initTheme } from './styles/theme';

function navigate(hash: string, replace = false) {
  const url = location.pathname + location.search.replace(/([?&])url=[^&]*&?/, '$1').replace(/[?&]$/, '') + hash;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

initTheme();

const storage = indexedDbStorage();
const services: Services = {
  storage,
  session: createSession(useNotebook, storage, navigate),
  navigate,
  files: { pickFile, readFileText },
  listTutorials,
};

createRoot(document.getElementById('root')!).render(<App services={services} />);

// Load the editor alongside the first render: a notebook route needs it at once, and the start
// page is one click away from a notebook.
void import('./editor/monaco').then((m) => m.loadMonaco());
