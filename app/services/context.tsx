// Services reach components through this context: components never create workers or touch
// storage themselves.
import { createContext, useContext } from 'react';
import type { NotebookStorage } from './storage';
import type { Session } from './session';
import type { pickFile, readFileText } from './files';
import type { FolderService } from './folder-session';

export interface Services {
  storage: NotebookStorage;
  session: Session;
  navigate: (hash: string, replace?: boolean) => void;
  files: { pickFile: typeof pickFile; readFileText: typeof readFileText };
  /** The folder of notebooks opened from the start page. */
  folders: FolderService;
  listTutorials: () => Promise<import('./tutorials').TutorialSummary[]>;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices() outside <ServicesContext.Provider>');
  return s;
}
