// Notebooks written for another kernel (a Python notebook from JupyterLab) are labelled, not
// relabelled: they open with their outputs, keep their kernelspec and language_info on save,
// and their code cells do not run here until the user converts the notebook explicitly.
import { KERNELSPEC } from './ipynb';
import type { NotebookDoc } from './types';

export interface ForeignKernel {
  /** The kernelspec's name ("python3"). */
  name: string;
  /** What the user reads: the kernelspec's display_name ("Python 3 (ipykernel)" → "Python 3"). */
  label: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The kernel a notebook was written for when it is not Torchlit's; null for ours (or none named). */
export function foreignKernel(metadata: Record<string, unknown>): ForeignKernel | null {
  const ks = metadata.kernelspec;
  if (!isObj(ks) || typeof ks.name !== 'string' || ks.name === KERNELSPEC.name) return null;
  const display = typeof ks.display_name === 'string' && ks.display_name.trim() ? ks.display_name.trim() : ks.name;
  // JupyterLab's "Python 3 (ipykernel)" names the kernel package too; the language is what matters.
  const label = display.replace(/\s*\((ipykernel|xeus[^)]*)\)$/i, '') || ks.name;
  return { name: ks.name, label };
}

export const isForeign = (doc: NotebookDoc): boolean => foreignKernel(doc.metadata) !== null;

/** The sentence the banner and a refused run show. */
export function foreignMessage(k: ForeignKernel): string {
  return `This notebook was written for ${k.label}: its code cells will not run here.`;
}
