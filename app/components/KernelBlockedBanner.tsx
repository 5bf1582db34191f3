// The banner of a held-back kernel (issue 22, hole 2): the production build found no isolated
// kernel origin, so nothing runs until the user explicitly chooses to run this notebook on the
// page's own origin (where its cells could read every stored notebook).
import { useStore } from 'zustand';
import type { Runner } from '../services/runner';

export function KernelBlockedBanner({ runner }: { runner: Runner }) {
  const blocked = useStore(runner.view, (v) => v.blocked);
  if (!blocked) return null;
  return (
    <div className="tl-banner tl-banner-error" role="alert" data-kernel-blocked>
      <span>{blocked}</span>
      <button type="button" className="tl-button" onClick={runner.allowUnisolated}>
        Run unisolated for this notebook
      </button>
    </div>
  );
}
