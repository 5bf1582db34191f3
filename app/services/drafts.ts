// Drafts: when the tab is hidden or closed with edits not yet in IndexedDB (an asynchronous save
// may not finish before the page is gone, or storage is failing), the document is also written
// to localStorage, which is synchronous. Reopening the notebook consumes the draft
// (recoverDraft). One draft per notebook id; a successful save removes it.
import { readIpynb } from '../notebook/ipynb';
import type { NotebookDoc } from '../notebook/types';
import { newNotebookId, type NotebookStorage, type StoredNotebook } from './storage';

export interface Draft {
  /** The stored revision the draft's document descends from (null: never stored). */
  base: string | null;
  at: number;
  /** The notebook's name in the tab (a rename made while saves failed lives only here). */
  name: string;
  /** Written without outputs (the full document did not fit). */
  stripped: boolean;
  /** Written while a conflict with another tab's version was pending. */
  conflict?: boolean;
  /** The id this tab's version was (or is being) stored under as a copy during that conflict. */
  copyId?: string;
  ipynb: Record<string, unknown>;
}

const key = (id: string) => `torchlit-draft:${id}`;

/**
 * Writes a draft; when the whole document does not fit, the sources alone (outputs come back
 * from the stored copy). Returns the error when neither fits (localStorage full or missing).
 */
export function putDraft(id: string, draft: Omit<Draft, 'stripped'>): unknown {
  if (typeof localStorage === 'undefined') return new Error('localStorage is not available');
  const put = (ipynb: Record<string, unknown>, stripped: boolean) => localStorage.setItem(key(id), JSON.stringify({ ...draft, stripped, ipynb }));
  try {
    put(draft.ipynb, false);
    return null;
  } catch {
    try {
      const cells = (draft.ipynb.cells as Record<string, unknown>[]).map((c) => (c.cell_type === 'code' ? { ...c, outputs: [] } : c));
      put({ ...draft.ipynb, cells }, true);
      return null;
    } catch (e) {
      return e;
    }
  }
}

export function readDraft(id: string): Draft | null {
  try {
    const text = typeof localStorage === 'undefined' ? null : localStorage.getItem(key(id));
    const d = text ? (JSON.parse(text) as Draft) : null;
    return d && d.ipynb && Array.isArray(d.ipynb.cells) ? d : null;
  } catch {
    return null;
  }
}

export function clearDraft(id: string): void {
  try {
    localStorage.removeItem(key(id));
  } catch {
    // no localStorage
  }
}

/** What opening a notebook makes of its draft. */
export interface Recovery {
  doc: NotebookDoc;
  /** The draft's name, when it replaces the stored one. */
  name?: string;
  /** The draft replaced the stored version: it must be saved. */
  recovered: boolean;
  /** Tells the user what happened to the draft. */
  notice?: string;
  /** The separate notebook the draft was stored as. */
  copy?: { id: string; name: string };
}

const sameCells = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(a.cells) === JSON.stringify(b.cells);

/**
 * The document to open for a stored record (or a tutorial without one), given its draft:
 * - a draft on top of the stored revision opens instead of it, with its name (recovered);
 * - a draft written during a conflict, or on top of another revision (another tab saved since),
 *   must not replace that version: it is stored as a separate notebook "<name> (my copy)", as
 *   the conflict dialog's "Save mine as a copy" does (the tab may have stored that copy itself
 *   while closing: then it is only announced). If storing fails, the draft stays for next time.
 */
export async function recoverDraft(storage: NotebookStorage, id: string, stored: StoredNotebook | undefined, doc: NotebookDoc): Promise<Recovery> {
  const d = readDraft(id);
  if (!d) return { doc, recovered: false };
  const lineage = (d.base ?? undefined) === stored?.rev;
  if ((stored && sameCells(d.ipynb, stored.ipynb) && d.name === stored.name) || (!stored && d.base !== null && !d.conflict)) {
    clearDraft(id);
    return { doc, recovered: false };
  }
  const r = readIpynb(JSON.stringify(d.ipynb));
  if (!r.ok) return { doc, recovered: false };
  if (lineage && !d.conflict) {
    if (d.stripped) {
      const outputs = new Map(doc.cells.map((c) => [c.id, c]));
      for (const c of r.doc.cells) {
        const old = outputs.get(c.id);
        if (c.cell_type === 'code' && old) Object.assign(c, { outputs: old.outputs, execution_count: old.execution_count });
      }
    }
    const renamed = stored && d.name !== stored.name ? ` and its name "${d.name}"` : '';
    return { doc: r.doc, name: d.name, recovered: true, notice: `Recovered edits${renamed} made just before this tab was last closed: they had not been saved yet, and are saved now.` };
  }
  const copy = { id: d.copyId ?? newNotebookId(), name: d.name.endsWith(' (my copy)') ? d.name : `${d.name} (my copy)` };
  try {
    const existing = await storage.get(copy.id);
    if (!existing || !sameCells(existing.ipynb, d.ipynb)) {
      await storage.put({ id: copy.id, name: existing?.name ?? copy.name, created: existing?.created ?? d.at, updated: Date.now(), ipynb: d.ipynb }, existing ? {} : { create: true });
    }
    clearDraft(id);
  } catch (e) {
    return { doc, recovered: false, notice: `Edits from a tab closed before they were saved could not be stored as a copy (${(e as Error).name}: ${(e as Error).message}). They stay in this browser and are stored the next time this notebook opens; Download .ipynb keeps this version.` };
  }
  const why = d.conflict ? 'was closed while another tab’s newer version waited for your choice' : 'was closed with unsaved edits after another tab saved a newer version';
  return { doc, recovered: false, copy, notice: `A tab with this notebook ${why}. Nothing was overwritten: that tab’s version is kept as a separate notebook, “${copy.name}”.` };
}
