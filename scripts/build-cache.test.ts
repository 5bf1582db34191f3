// `npm start` reuses dist/ exactly when the build's inputs have the same contents.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script (Node built-ins only), no declarations
import { buildIsFresh, markBuilt, sourceHash } from './build-cache.mjs';

function tree() {
  const root = mkdtempSync(join(tmpdir(), 'tl-build-'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'main.tsx'), 'export {}\n');
  writeFileSync(join(root, 'index.html'), '<html></html>\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), 'built\n');
  return root;
}

describe('build cache', () => {
  it('is fresh after a build of the same contents, also when only mtimes change', () => {
    const root = tree();
    const dist = join(root, 'dist');
    expect(buildIsFresh(root, dist)).toBe(false);
    markBuilt(dist, sourceHash(root));
    expect(buildIsFresh(root, dist)).toBe(true);
    utimesSync(join(root, 'app', 'main.tsx'), new Date(), new Date(Date.now() + 60_000));
    expect(buildIsFresh(root, dist)).toBe(true);
  });

  it('is stale after an edit, a new file or a lockfile change', () => {
    const root = tree();
    const dist = join(root, 'dist');
    markBuilt(dist, sourceHash(root));
    writeFileSync(join(root, 'app', 'main.tsx'), 'export const x = 1;\n');
    expect(buildIsFresh(root, dist)).toBe(false);
    markBuilt(dist, sourceHash(root));
    writeFileSync(join(root, 'app', 'new.ts'), '\n');
    expect(buildIsFresh(root, dist)).toBe(false);
    markBuilt(dist, sourceHash(root));
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
    expect(buildIsFresh(root, dist)).toBe(false);
  });
});
