// "Open folder" through the File System Access API, with fake directory and file handles: the
// notebooks of the folder open as local notebooks and every save goes back into their files.
import { describe, expect, it } from 'vitest';
import { createFolderLinks, entriesFromFiles, hasDirectoryPicker, importFolder, listDirectory, pickDirectory, withWriteBack, type DirectoryHandleLike, type FileHandleLike } from './folder';
import { memoryStorage } from './storage.memory';
import { readIpynb } from '../notebook/ipynb';

const nb = (source: string) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: 'c1', cell_type: 'code', metadata: { torchlit: { expect: { output_contains: ['2'] } } }, source, outputs: [], execution_count: null }] });

function fakeFile(name: string, text: string, permission: PermissionState = 'granted') {
  const file = { name, text, writes: 0, asked: 0 };
  const handle: FileHandleLike = {
    kind: 'file',
    name,
    getFile: async () => new Blob([file.text]),
    createWritable: async () => {
      let next = '';
      return { write: async (d: string) => void (next += d), close: async () => void ((file.text = next), file.writes++) };
    },
    queryPermission: async () => permission,
    requestPermission: async () => (file.asked++, permission),
  };
  return { file, handle };
}

function fakeDir(name: string, children: (FileHandleLike | DirectoryHandleLike)[]): DirectoryHandleLike {
  return {
    kind: 'directory',
    name,
    async *values() {
      yield* children;
    },
  };
}

describe('opening a folder with the File System Access API', () => {
  const a = fakeFile('b-lesson.ipynb', nb('1 + 1'));
  const b = fakeFile('a-lesson.ipynb', nb('2 + 2'));
  const sub = fakeFile('part.ipynb', nb('3'));
  const dir = fakeDir('lessons', [
    a.handle,
    fakeFile('notes.txt', 'x').handle,
    fakeDir('.ipynb_checkpoints', [fakeFile('b-lesson-checkpoint.ipynb', nb('old')).handle]),
    fakeDir('more', [sub.handle]),
    b.handle,
  ]);

  it('lists the notebooks of the folder and its subfolders, sorted, skipping hidden folders', async () => {
    expect((await listDirectory(dir)).map((e) => e.path)).toEqual(['a-lesson.ipynb', 'b-lesson.ipynb', 'more/part.ipynb']);
  });

  it('opens each as a local notebook and writes every save back to its file', async () => {
    const local = memoryStorage();
    const links = createFolderLinks();
    const storage = withWriteBack(local, links);
    const opened = await importFolder(local, await listDirectory(dir), links, dir.name);
    expect(opened.map((o) => [o.path, o.inPlace])).toEqual([['a-lesson.ipynb', true], ['b-lesson.ipynb', true], ['more/part.ipynb', true]]);
    expect(a.file.writes).toBe(0); // opening writes nothing

    const rec = (await local.get(opened[1].id!))!;
    expect(rec.name).toBe('b-lesson');
    const doc = readIpynb(JSON.stringify(rec.ipynb));
    expect(doc.ok && doc.doc.cells[0].source).toBe('1 + 1');
    (rec.ipynb.cells as { source: string }[])[0].source = '1 + 2';
    await storage.put(rec);
    await new Promise((r) => setTimeout(r, 0));
    expect(a.file.writes).toBe(1);
    const written = JSON.parse(a.file.text);
    expect(written.cells[0].source).toBe('1 + 2');
    expect(written.cells[0].metadata.torchlit.expect).toEqual({ output_contains: ['2'] });
    expect(a.file.text.endsWith('\n')).toBe(true);

    // Opening the folder again finds the same local notebooks instead of making copies.
    const again = await importFolder(local, await listDirectory(dir), links, dir.name);
    expect(again.map((o) => o.id)).toEqual(opened.map((o) => o.id));
    expect((await local.list()).length).toBe(3);
  });

  it('keeps the notebook and says so when the file may not be written', async () => {
    const local = memoryStorage();
    const links = createFolderLinks();
    const seen: (string | null)[] = [];
    links.onError = (_, m) => seen.push(m);
    const ro = fakeFile('ro.ipynb', nb('1'), 'denied');
    const [o] = await importFolder(local, await listDirectory(fakeDir('f', [ro.handle])), links, 'f');
    const rec = (await local.get(o.id!))!;
    await withWriteBack(local, links).put(rec);
    await new Promise((r) => setTimeout(r, 0));
    expect(ro.file.writes).toBe(0);
    expect(ro.file.asked).toBe(1);
    expect(links.errors.get(o.id!)).toBe('ro.ipynb was not updated: permission to write it was not given. The notebook is saved in this browser.');
    expect(seen).toHaveLength(1);
    // still saved in the browser, as the message says, with the file's cell
    const kept = await local.get(o.id!);
    expect(kept?.id).toBe(o.id);
    expect(kept?.ipynb).toEqual(rec.ipynb);
    expect(JSON.stringify((kept?.ipynb.cells as { source: unknown }[])[0].source)).toContain('1');
  });

  it('reports a file that is not a notebook and opens the others', async () => {
    const local = memoryStorage();
    const bad = fakeFile('bad.ipynb', '{ not json');
    const good = fakeFile('good.ipynb', nb('1'));
    const r = await importFolder(local, await listDirectory(fakeDir('f', [bad.handle, good.handle])), createFolderLinks(), 'f');
    expect(r[0].path).toBe('bad.ipynb');
    expect(r[0].id).toBeUndefined();
    expect(r[0].error).toMatch(/JSON/);
    expect(r[1].path).toBe('good.ipynb');
    expect(r[1].error).toBeUndefined();
    const opened = await local.get(r[1].id!);
    expect(opened?.id).toBe(r[1].id);
    expect(JSON.stringify((opened?.ipynb.cells as { source: unknown }[])[0].source)).toContain('1');
  });

  it('uses showDirectoryPicker where there is one; a cancelled pick is no error', async () => {
    expect(hasDirectoryPicker({})).toBe(false);
    const w = { showDirectoryPicker: async () => dir };
    expect(hasDirectoryPicker(w)).toBe(true);
    expect(await pickDirectory(w)).toBe(dir);
    const cancel = { showDirectoryPicker: async () => Promise.reject(Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' })) };
    expect(await pickDirectory(cancel)).toBeNull();
  });
});

describe('the multi-file fallback', () => {
  it('takes the notebooks among the chosen files, by their path in the folder where the browser gives one', () => {
    const f = (name: string, rel = '') => Object.assign(new File(['{}'], name), rel ? { webkitRelativePath: rel } : {});
    expect(entriesFromFiles([f('b.ipynb'), f('x.txt'), f('a.ipynb', 'course/a.ipynb')]).map((e) => [e.path, !!e.handle])).toEqual([['b.ipynb', false], ['course/a.ipynb', false]]);
  });
});
