// What the browser has stored, read straight from IndexedDB and localStorage (never through the
// app), and a switch that makes the page's IndexedDB writes fail as a full disk does.
import type { Page } from '@playwright/test';

export interface Stored { id: string; name: string; rev?: string; ipynb: { cells: { source: string[] | string }[] } }

/** The stored record of notebook `id`. */
export async function stored(page: Page, id: string): Promise<Stored | undefined> {
  return (await allStored(page)).find((n) => n.id === id);
}

/** Every stored notebook record. */
export async function allStored(page: Page): Promise<Stored[]> {
  return page.evaluate(
    () =>
      new Promise<Stored[]>((resolve, reject) => {
        const open = indexedDB.open('torchlit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const r = open.result.transaction('notebooks').objectStore('notebooks').getAll();
          r.onsuccess = () => (resolve(r.result as Stored[]), open.result.close());
          r.onerror = () => reject(r.error);
        };
      }),
  );
}

/** The source of a stored notebook's cell, as one string. */
export const sourceOf = (nb: Stored | undefined, cell = 0): string => {
  const s = nb?.ipynb.cells[cell]?.source;
  return Array.isArray(s) ? s.join('') : (s ?? '');
};

export const idFromUrl = (url: string): string => decodeURIComponent(url.replace(/^.*#\/notebooks\//, ''));

/** The unsaved-edits draft the app keeps in localStorage for notebook `id` (null: none). */
export async function draftOf(page: Page, id: string): Promise<string | null> {
  return page.evaluate((id) => localStorage.getItem(`torchlit-draft:${id}`), id);
}

/**
 * Makes this page's IndexedDB writes of notebooks (and of checkpoints with `checkpoints`) fail
 * with a QuotaExceededError while savesFailing(page, true), as a full disk does: 'throw' at the
 * request, or 'abort' the transaction at commit (what Chromium does when the disk fills).
 * window.__attempts records when each notebook write was tried. Call before the page loads.
 */
export async function failingSaves(page: Page, how: 'throw' | 'abort' = 'throw', opts: { checkpoints?: boolean } = {}): Promise<void> {
  await page.addInitScript(
    ({ how, checkpoints }) => {
      const w = window as unknown as { __failSaves?: boolean; __attempts?: number[] };
      const fail = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      w.__attempts = [];
      const hit = (store: IDBObjectStore) => store.name === 'notebooks' || (checkpoints && store.name === 'checkpoints');
      for (const method of ['put', 'add'] as const) {
        const original = IDBObjectStore.prototype[method] as (...a: unknown[]) => IDBRequest;
        IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
          if (this.name === 'notebooks') w.__attempts!.push(performance.now());
          if (!w.__failSaves || !hit(this)) return original.apply(this, args);
          if (how === 'throw') throw fail();
          const r = original.apply(this, args);
          const t = this.transaction;
          r.addEventListener('success', () => {
            Object.defineProperty(t, 'error', { get: fail });
            t.abort();
          });
          return r;
        } as never;
      }
    },
    { how, checkpoints: opts.checkpoints ?? false },
  );
}

export async function savesFailing(page: Page, on: boolean): Promise<void> {
  await page.evaluate((on) => ((window as { __failSaves?: boolean }).__failSaves = on), on);
}

/** Makes this page's localStorage full (every setItem throws a QuotaExceededError). Call before the page loads. */
export async function fullLocalStorage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
}
