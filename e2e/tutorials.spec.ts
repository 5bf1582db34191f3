// Every tutorial in notebooks/ is a test: open it from the gallery as a learner would, Run all,
// and check that no cell failed and that every cell's `metadata.torchlit.expect` holds
// (notebooks/README.md documents the schema). The app shows the same verdict per cell.
// tutorials-webgpu.spec.ts runs them again with the notebook device set to WebGPU.
import { test } from './fixtures';
import { checkExpectations, checkTrainingViews, openTutorial, runAll, tutorials } from './pages/tutorials';

for (const nb of tutorials) {
  test(`tutorial "${nb.title}" runs end to end and meets its expectations`, async ({ page }) => {
    test.setTimeout(Math.max(4, nb.minutes * 3) * 60_000);
    await openTutorial(page, nb);
    await runAll(page, Math.max(3, nb.minutes * 3) * 60_000 - 30_000);
    await checkExpectations(page, nb);
    await checkTrainingViews(page);
  });
}
