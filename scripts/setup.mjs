// Makes a fresh clone ready: npm dependencies, and (with --browser) a Chromium for the tests.
// Only Node built-ins here: this runs before node_modules exists.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sh = (cmd) => execSync(cmd, { stdio: 'inherit', cwd: root });

export function ensureDependencies() {
  const stamp = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const fresh = existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  console.log('[setup] installing npm dependencies (npm ci)…');
  sh('npm ci --no-audit --no-fund');
}

/** Finds a Chromium for Playwright: $CHROMIUM_PATH, /usr/bin/chromium, apt, else Playwright's own. */
export function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const debian = existsSync('/etc/debian_version');
  if (isRoot && debian) {
    console.log('[setup] no Chromium found: apt-get install -y chromium…');
    try {
      sh('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium');
      if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
    } catch (e) {
      console.warn('[setup] apt-get failed:', e.message);
    }
  }
  console.log("[setup] falling back to Playwright's own Chromium download…");
  // playwright-core's own installer: a dependency, so it is there in an installed package too
  // (`npx playwright` would fetch another package there)
  const cli = join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  sh(`"${process.execPath}" "${cli}" install chromium`);
  return '';
}

export function packageVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureDependencies();
  if (process.argv.includes('--browser')) console.log('[setup] chromium:', ensureChromium() || 'playwright');
}
