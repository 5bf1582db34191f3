// Python's `warnings.warn` under its default filter shows a warning once per place it is raised
// from, however often that line runs: a shape-mismatch warning inside a 5000-epoch loop prints
// once, not 5000 times. The engine has no call sites to key on, so a warning is shown once per
// distinct text (which, for the engine's warnings, includes the shapes or options involved).

const shown = new Set<string>();

/**
 * Shows `message` on the console (a cell's stderr) the first time it is raised; later identical
 * warnings are dropped, as Python's default warning filter does.
 * @example warn(`Using a target size (${t.shape}) that is different to the input size (${x.shape}).`)
 */
export function warn(message: string): void {
  if (shown.has(message)) return;
  shown.add(message);
  console.warn(message);
}

/** Forgets which warnings were shown (a kernel restart; tests). */
export function resetWarnings(): void {
  shown.clear();
}
