// A Chromium of the test's own on a profile folder, so a test can SIGKILL it (no pagehide, no
// flush, no clean shutdown) and start it again on the same storage.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_PATH, DISABLE_FEATURES } from '../../scripts/notebook-test/chromium.mjs';

export async function launchKillable(profile: string): Promise<{ proc: ChildProcess; browser: Browser; context: BrowserContext }> {
  const portFile = join(profile, 'DevToolsActivePort');
  if (existsSync(portFile)) unlinkSync(portFile);
  const args = ['--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--no-sandbox', '--enable-unsafe-webgpu', '--disable-quic', '--no-first-run', '--no-default-browser-check', '--disable-background-networking', DISABLE_FEATURES, 'about:blank'];
  // Its own process group: the test kills the browser, its renderers and its storage service at once.
  const proc = spawn(CHROMIUM_PATH, args, { stdio: 'ignore', detached: true });
  // Chromium creates the file before it writes the port into it: wait for the port itself.
  let port = '';
  for (let i = 0; i < 300 && !port; i++) {
    if (existsSync(portFile)) port = readFileSync(portFile, 'utf8').split('\n')[0].trim();
    if (!port) await new Promise((r) => setTimeout(r, 100));
  }
  if (!port) throw new Error(`Chromium wrote no DevTools port to ${portFile} within 30 s`);
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  return { proc, browser, context: browser.contexts()[0] };
}

export function killGroup(proc: ChildProcess): void {
  try {
    process.kill(-proc.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}
