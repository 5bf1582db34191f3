// "Check Code as You Type": whether TypeScript checks the cells while they are edited (red
// underlines, completions, hover documentation). On by default; remembered in this browser.
// The TypeScript worker it needs costs ~3.5–4 CPU-seconds the first time a cell is edited (its 8 MB
// script compiled and the engine's declarations checked: measured on a 2-core machine, CPU of the
// browser's threads from typing to 4 s after the cell ran), which a slow machine may rather skip.
// Monaco registers TypeScript's features once per page, so a change applies from the next load.

const KEY = 'torchlit.codeChecking';

/** The stored choice (true unless turned off). */
export function codeCheckingOn(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

/** Remembers the choice; it applies when the page next loads. Returns false where storage refused it. */
export function setCodeChecking(on: boolean): boolean {
  try {
    globalThis.localStorage?.setItem(KEY, on ? 'on' : 'off');
    return true;
  } catch {
    return false;
  }
}
