// Issue 22 (data): what a closed tab leaves behind comes back, named and announced; a full
// storage says so and loses nothing. Each test performs the failure in a real browser and checks
// what the user sees and what IndexedDB and localStorage hold.
import { test, expect } from './fixtures';
import { CheckpointsDialog } from './pages/CheckpointsDialog';
import { ConflictDialog } from './pages/ConflictDialog';
import { allStored, draftOf, failingSaves, fullLocalStorage, savesFailing, sourceOf, stored } from './support/storage';
import { newSavedNotebook, secondTab } from './support/tabs';

test.describe('a tab closed during a conflict', () => {
  // Three tabs, each loading the app and Monaco: minutes on the loaded test machine.
  test.slow();
  for (const storage of ['failing', 'working'] as const) {
    test(`its version is stored as a copy and the next opening says where (its storage ${storage} at close)`, async ({ page, context, start }) => {
      await failingSaves(page);
      const { nb: a, id, url } = await newSavedNotebook(page, start, 'const base = 0;');
      const { nb: b } = await secondTab(context, url);
      // A's edit cannot be stored (disk full) when B saves: a conflict, shown in A.
      await savesFailing(page, true);
      await a.typeInCell(0, 'const mine = 1;');
      await expect(a.saveError).toBeVisible();
      await b.typeInCell(0, 'const theirs = 2;');
      await b.saved();
      await new ConflictDialog(page).expectShown();
      if (storage === 'working') await savesFailing(page, false);
      // The user closes A without choosing.
      await page.close({ runBeforeUnload: false });

      const { page: again, nb: reopened } = await secondTab(context, url);
      await expect(reopened.cell(0)).toContainText('const theirs = 2;');
      await expect(reopened.storageNotice).toContainText('Nothing was overwritten: that tab’s version is kept as a separate notebook, “Untitled (my copy)”');
      const copies = (await allStored(again)).filter((n) => n.id !== id);
      expect(copies.map((n) => n.name)).toEqual(['Untitled (my copy)']);
      expect(sourceOf(copies[0])).toBe('const mine = 1;');
      expect(sourceOf(await stored(again, id))).toBe('const theirs = 2;');
      expect(await draftOf(again, id)).toBe(null);
      // Not hidden among the checkpoints either.
      const checkpoints = new CheckpointsDialog(again);
      await checkpoints.open();
      await expect(checkpoints.withReason('unsaved draft')).toHaveCount(0);
      await checkpoints.close();
      // The notice's link opens the copy.
      await reopened.storageNotice.getByRole('link', { name: 'Open “Untitled (my copy)”' }).click();
      await expect(reopened.name).toHaveValue('Untitled (my copy)');
      await expect(reopened.cell(0)).toContainText('const mine = 1;');
      // Said once: opening the original again announces nothing and makes no second copy.
      await again.goto(url);
      await expect(reopened.cell(0)).toContainText('const theirs = 2;');
      await expect(reopened.storageNotice).toHaveCount(0);
      expect(await allStored(again)).toHaveLength(2);
    });
  }
});

test.describe('storage full', () => {
  test('IndexedDB and localStorage full: the alert says storage is full and what to do; nothing is lost; closing asks first', async ({ page, start }) => {
    await failingSaves(page, 'abort', { checkpoints: true });
    await fullLocalStorage(page);
    const { nb, id } = await newSavedNotebook(page, start, 'const good = 1;');
    await savesFailing(page, true);
    await nb.typeInCell(0, 'const unsaved = 2;');
    await expect(nb.saveError).toContainText('storage for Torchlit is full');
    await expect(nb.saveError).toContainText('Download .ipynb to keep this version');
    await expect(nb.saveError).toContainText('delete notebooks you no longer need from the start page, or old checkpoints');
    // The stored copy is the last good one; the edit is in the tab and in the download.
    expect(sourceOf(await stored(page, id))).toBe('const good = 1;');
    await expect(nb.cell(0)).toContainText('const unsaved = 2;');
    expect((await nb.download()).cells[0].source.join('')).toBe('const unsaved = 2;');
    // No draft fits either: closing the tab asks before the edit is lost.
    let asked = '';
    page.once('dialog', (d) => ((asked = d.type()), void d.dismiss()));
    await nb.commandMode();
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    // Space freed: the next retry saves.
    await savesFailing(page, false);
    await nb.saveError.getByRole('button', { name: 'Retry now' }).click();
    await nb.saved();
    expect(sourceOf(await stored(page, id))).toBe('const unsaved = 2;');
  });

  test('a checkpoint can be deleted to free space', async ({ page, start }) => {
    const { nb } = await newSavedNotebook(page, start, 'const v = 1;');
    await page.keyboard.press('ControlOrMeta+S');
    await nb.typeInCell(0, 'const v = 2;');
    await expect(nb.cell(0).locator('.view-lines')).toContainText('v = 2;');
    await page.keyboard.press('ControlOrMeta+S');
    const checkpoints = new CheckpointsDialog(page);
    await checkpoints.open();
    await expect(checkpoints.rows).toHaveCount(2);
    await checkpoints.delete(checkpoints.rows.nth(1));
    await expect(checkpoints.rows).toHaveCount(1);
    await checkpoints.close();
    await checkpoints.open();
    await expect(checkpoints.rows).toHaveCount(1);
  });
});
