// Routes (hash): #/ start page · #/notebooks/<id> · #/tutorials/<name> · #/share/<lz> ·
// ?url=<notebook url>.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { ServicesContext, useServices, type Services } from '../services/context';
import { StartPage } from './StartPage';
import { NotebookPage } from './NotebookPage';

export type Route =
  | { page: 'start' }
  | { page: 'notebook'; id: string }
  | { page: 'tutorial'; name: string }
  | { page: 'share'; packed: string }
  | { page: 'url'; url: string };

export function parseRoute(hash: string, search: string): Route {
  const url = new URLSearchParams(search).get('url');
  const h = hash.replace(/^#\/?/, '');
  const [head, ...rest] = h.split('/');
  const tail = rest.join('/');
  if (head === 'notebooks' && tail) return { page: 'notebook', id: decodeURIComponent(tail) };
  if (head === 'tutorials' && tail) return { page: 'tutorial', name: decodeURIComponent(tail) };
  if (head === 'share' && tail) return { page: 'share', packed: tail };
  if (url && !h) return { page: 'url', url };
  return { page: 'start' };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash, location.search));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash, location.search));
    window.addEventListener('hashchange', on);
    window.addEventListener('popstate', on);
    return () => {
      window.removeEventListener('hashchange', on);
      window.removeEventListener('popstate', on);
    };
  }, []);
  return route;
}

function NotebookRoute({ route }: { route: Exclude<Route, { page: 'start' }> }) {
  const { session } = useServices();
  const s = useStore(session.state);
  const key = JSON.stringify(route);
  useEffect(() => {
    if (route.page === 'notebook') void session.openLocal(route.id);
    else if (route.page === 'tutorial') void session.openTutorial(route.name);
    else if (route.page === 'share') void session.openShare(route.packed);
    else void session.openUrl(route.url);
  }, [key]);
  if (s.phase === 'error') {
    return (
      <div className="tl-error-page" role="alert">
        <h1>This notebook could not be opened</h1>
        <p>{s.error}</p>
        <p>
          <a href="#/">Back to the start page</a>
        </p>
      </div>
    );
  }
  if (s.phase !== 'ready') return <div className="tl-loading" role="status">Opening notebook…</div>;
  return <NotebookPage key={s.loadCount} />;
}

export function App({ services }: { services: Services }) {
  const route = useRoute();
  return (
    <ServicesContext.Provider value={services}>
      {route.page === 'start' ? <StartPage /> : <NotebookRoute route={route} />}
    </ServicesContext.Provider>
  );
}
