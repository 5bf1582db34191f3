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

/**
 * The palette's command: flips the stored choice and returns what to tell the learner (it applies
 * from the next page load; `activeOnPage`: whether this page checks code).
 */
export function toggleCodeChecking(activeOnPage: boolean): string {
  const on = !codeCheckingOn();
  if (!setCodeChecking(on)) return 'This browser refused to store the setting: "Check Code as You Type" stays as it is.';
  const already = activeOnPage === on ? ' (as on this page already)' : '';
  return on
    ? `Checking code as you type (TypeScript: errors, completions, hover documentation) is on from the next page load${already}.`
    : `Checking code as you type is off from the next page load${already}: no TypeScript errors, completions or hover documentation in the cells, and ~3–4 CPU-seconds less the first time a cell is edited.`;
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
