// The live namespaces the coverage table looks names up in.
import { F, nn, optim, torch } from '../index';
import type { Roots } from './table';

export function coverageRoots(): Roots {
  return { torch, nn, F, optim, tensor: torch.zeros(1) };
}

/** The README's coverage line (rewritten by `npm run coverage`). */
export const README_LINE = /PyTorch coverage: [^\n]*pytorch-coverage\.md\)\./;
