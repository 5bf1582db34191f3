// The open notebook's state as the views see it, shared by the session (document lifecycle) and
// its persistence (saves, drafts, conflicts, checkpoints).
import type { StoredNotebook } from './storage';

export type Origin = NonNullable<StoredNotebook['origin']>;

/** Another tab stored a newer version while this one had unsaved edits. */
export interface Conflict { name: string; updated: number; deleted?: boolean }

export type ConflictChoice = 'mine' | 'theirs' | 'copy';

export interface SessionState {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  /** A file that could not be opened (the current notebook stays open). */
  fileError?: string;
  warnings: string[];
  /** The local notebook id once it is stored (null: in memory only, e.g. an unedited share link). */
  localId: string | null;
  name: string;
  origin?: Origin;
  /** Bumps on every load, so views remount. */
  loadCount: number;
  /** Set while a conflict with another tab waits for the user; saving is paused meanwhile. */
  conflict: Conflict | null;
  /** A short note about where the document came from (another tab's save, a revert, a recovered draft). */
  notice?: string;
  /** A link the notice offers (the copy a draft was stored as). */
  noticeLink?: { href: string; text: string };
}
