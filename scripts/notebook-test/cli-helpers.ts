// Helpers for the CLI's tests (cli.test.ts, pack.test.ts): run it, check its report.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const cli = join(fileURLToPath(new URL('../..', import.meta.url)), 'scripts/cli.mjs');

/** Runs the CLI; resolves with its exit code and output (stdout and stderr). */
export function runCli(args: string[], cwd: string, cmd = process.execPath, pre: string[] = [cli]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, [...pre, ...args], { cwd, env: process.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** What the report of the two test notebooks must say (cwd-relative names as shown). */
export function checkReport(out: string, dir: string) {
  expect(out).toContain(`✓ ${dir}passing.ipynb  3/3 cells as expected`);
  expect(out).toContain(`✗ ${dir}failing.ipynb  1/3 cells as expected`);
  // the app's own words for the unmet expectation, and the error the cell threw
  expect(out).toMatch(/✗ cell 3 · print\(torch\.tensor\(\[1, 2\]\)\.sum\(\)\.item\(\)\);  done/);
  expect(out).toContain('        no "4" in the output');
  expect(out).toMatch(/✗ cell 4 · throw new Error\('deliberately broken'\);  error/);
  expect(out).toContain('        Error: deliberately broken');
  expect(out).toContain('2 notebooks: 1 passed, 1 failed · 6 cells: 4 passed, 2 failed');
}

