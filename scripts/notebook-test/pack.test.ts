// The package as a user gets it: `npm pack` (prepack builds dist/ and the export bundle), install
// the tarball in an empty project, then `npx torchlit test` on a passing and a failing notebook.
// Needs the npm registry (the install fetches playwright-core, or takes it from npm's cache):
// skipped, saying so, when the registry does not answer.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReport, runCli } from './cli-helpers';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const registry = (() => {
  try {
    return execFileSync(npm, ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  } catch {
    return 'https://registry.npmjs.org/';
  }
})();
const reachable = await fetch(new URL('playwright-core', registry), { method: 'HEAD', signal: AbortSignal.timeout(10_000) }).then(
  (r) => r.ok,
  () => false,
);

describe('the packed package', () => {
  it.skipIf(!reachable)(
    reachable ? 'npm pack, npm install <tarball> in an empty project, npx torchlit test' : `SKIPPED: the npm registry (${registry}) does not answer, so the tarball's dependency cannot be installed`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tl-pack-'));
      const t0 = Date.now();
      execFileSync(npm, ['pack', '--pack-destination', dir, '--silent'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
      const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
      const project = join(dir, 'project');
      cpSync(join(repo, 'e2e/data/cli'), join(project, 'nbs'), { recursive: true });
      writeFileSync(join(project, 'package.json'), '{ "name": "my-lessons", "private": true }\n');
      execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball)], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
      const packed = Date.now();
      // no sources, no Vite, no tsx there: the prebuilt app and the plain-ESM command only
      const help = await runCli(['--help'], project, 'npx', ['torchlit']);
      expect(help.code, help.out).toBe(0);
      const { code, out } = await runCli(['test', 'nbs', '--workers', '2'], project, 'npx', ['torchlit']);
      expect(code, out).toBe(1);
      checkReport(out, 'nbs/');
      const exported = await runCli(['export', 'nbs/passing.ipynb', '-o', 'passing.py', '--format', 'py'], project, 'npx', ['torchlit']);
      expect(exported.code, exported.out).toBe(0);
      expect(exported.out).toContain('nbs/passing.ipynb → passing.py');
      console.log(`pack + install ${((packed - t0) / 1000).toFixed(1)} s, torchlit test ${((Date.now() - packed) / 1000).toFixed(1)} s`);
    },
    900_000,
  );
});
