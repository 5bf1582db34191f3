// `node scripts/cli.mjs test` for real: the app is built (when its sources changed) and served,
// each notebook runs in headless Chromium; one passes, one fails (e2e/data/cli/README.md), one
// hangs and is stopped at the timeout. Slow (a build when stale, then about a minute).
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkReport, cli, runCli } from './cli-helpers';
// @ts-expect-error plain ESM without types (the CLI runs without a build step)
import { CHROMIUM_ARGS, freePortPair } from './run.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('torchlit test (the real app in headless Chromium)', () => {
  it('reports a passing and a failing notebook, compares stored outputs, updates only the passing one, writes JUnit, exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-cli-'));
    cpSync(join(repo, 'e2e/data/cli'), join(dir, 'nbs'), { recursive: true });
    const before = readFileSync(join(dir, 'nbs/failing.ipynb'), 'utf8');
    const { code, out } = await runCli(['test', 'nbs', '--workers', '2', '--compare-outputs', '--update', '--junit', 'report.xml'], dir);
    expect(code, out).toBe(1);
    checkReport(out, 'nbs/');
    // --compare-outputs: the stored "4" against the printed 3 (12 vs 12.000000001 is within rtol)
    expect(out).toContain('        - 4\n        + 3');
    expect(out).toContain('passing.ipynb  3/3 cells as expected');
    expect(out).toContain('(outputs updated)');
    const passing = JSON.parse(readFileSync(join(dir, 'nbs/passing.ipynb'), 'utf8'));
    expect(passing.cells[1].outputs.map((o: { text: string | string[] }) => [o.text].flat().join(''))).toEqual(['6\n']);
    expect(passing.cells[2].outputs.map((o: { text: string | string[] }) => [o.text].flat().join(''))).toEqual(['12\n']);
    expect(passing.cells[1].execution_count).toBeGreaterThan(0);
    expect(passing.cells[1].metadata.torchlit.expect.output_contains).toEqual(['6']);
    expect(readFileSync(join(dir, 'nbs/failing.ipynb'), 'utf8')).toBe(before); // an unmet expectation: not updated
    const xml = readFileSync(join(dir, 'report.xml'), 'utf8');
    expect(xml).toContain('<testsuites name="torchlit test" tests="6" failures="2" errors="0"');
    expect(xml).toMatch(/<testsuite name="nbs\/failing.ipynb" tests="3" failures="2"/);
  }, 600_000);

  it('stops a notebook that never finishes at --timeout and reports it', async () => {
    // The timeout runs from opening the page (a few seconds to an idle kernel, under load too) and
    // then the endless cell spins a core until it: 20 s is ample for the first and wastes less of
    // the unit step than 45 s did; reaching cell 2 shows the stop came from the loop, not the load.
    const { code, out } = await runCli(['test', 'e2e/data/cli-hang', '--timeout', '20s'], repo);
    expect(code, out).toBe(1);
    expect(out).toContain('✗ e2e/data/cli-hang/hanging.ipynb');
    expect(out).toContain('✗ stopped at the timeout (20.0 s) while cell 2 was running');
    expect(out).toContain('1 notebook: 0 passed, 1 failed');
  }, 600_000);

  it('usage errors exit 2 with the usage; --help exits 0', async () => {
    const bad = await runCli(['test', '--device', 'tpu'], repo);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--device must be cpu or webgpu, got "tpu"');
    expect(bad.out).toContain('usage: torchlit test');
    const missing = await runCli(['test', 'no/such/folder'], repo);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('no such file or folder: no/such/folder');
    const help = await runCli(['--help'], repo);
    expect(help.code).toBe(0);
    expect(help.out).toContain('torchlit test [files|folders…]');
    const unknown = await runCli(['frobnicate'], repo);
    expect(unknown.code).toBe(2);
  }, 60_000);

  it('torchlit start <folder>: the folder\'s notebooks are the start page\'s gallery and open from it', async () => {
    const port = await freePortPair();
    const server = spawn(process.execPath, [cli, 'start', 'e2e/data/cli', '--port', String(port)], { cwd: repo, env: process.env });
    let out = '';
    const ready = new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (d) => ((out += d), out.includes('Torchlit is running at') && resolve()));
      server.stderr.on('data', (d) => (out += d));
      server.on('exit', (code) => reject(new Error(`torchlit start exited (${code}): ${out}`)));
    });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      await ready;
      expect(out).toContain('2 notebooks from the folder on the start page');
      const page = await browser.newPage();
      await page.goto(`http://localhost:${port}/`);
      const gallery = page.getByRole('list', { name: 'Tutorials' }).getByRole('link');
      await expect.poll(() => gallery.allInnerTexts(), { timeout: 60_000 }).toEqual([expect.stringMatching(/^Failing/), expect.stringMatching(/^Passing/)]);
      await gallery.filter({ hasText: /^Passing/ }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-cell-id]').length === 4, undefined, { timeout: 60_000 });
      expect(page.url()).toContain('#/tutorials/passing');
    } finally {
      await browser.close();
      server.kill();
    }
  }, 300_000);
});
