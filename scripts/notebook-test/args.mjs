// `torchlit test`'s command line: flags → options, with a clear error for anything else.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export const TEST_USAGE = `usage: torchlit test [files or folders…] [options]

Runs each notebook (.ipynb; folders are searched recursively) in headless Chromium through the
real app, and checks every code cell's metadata.torchlit.expect as the app does.

options:
  --device cpu|webgpu     the notebook's device (default cpu)
  --compare-outputs       also compare each cell's new text output with the stored one (nbval-style)
  --rtol X, --atol Y      numbers in compared outputs match when |new − stored| ≤ atol + rtol·|stored|
                          (defaults 1e-5 and 1e-8, as torch.allclose)
  --sanitize REGEX        text matching REGEX is ignored when comparing (repeatable), e.g. '\\d+(\\.\\d+)? m?s'
  --update                write the new outputs into the files (only for notebooks whose every expectation is met)
  --workers N             notebooks run in parallel, each in its own browser context (default: one per core)
  --timeout T             per notebook: 600, 90s, 10m or 1500ms (default 10m); a notebook still running is stopped
  --junit FILE            also write a JUnit XML report
  -h, --help              this help

A cell opts out of --compare-outputs with metadata.torchlit.compare = false.
Exit code: 0 when every notebook passed, 1 when one failed, 2 for a usage error.`;

/** "600" (seconds), "90s", "10m", "1500ms" → milliseconds; NaN when unreadable. */
export function parseDuration(s) {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|min|h)?$/.exec(String(s).trim());
  if (!m) return NaN;
  const unit = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[m[2] ?? 's'];
  return Number(m[1]) * unit;
}

const positiveNumber = (flag, s) => {
  const v = Number(s);
  if (s === undefined || s === '' || !Number.isFinite(v) || v < 0) throw new UsageError(`${flag} needs a number ≥ 0, got "${s}"`);
  return v;
};

export class UsageError extends Error {}

/**
 * `torchlit test`'s arguments (after "test") → options. Throws UsageError for bad input.
 * @example parseTestArgs(['nb/', '--workers', '2']) // { paths: ['nb/'], workers: 2, … }
 */
export function parseTestArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        device: { type: 'string', default: 'cpu' },
        'compare-outputs': { type: 'boolean', default: false },
        rtol: { type: 'string' },
        atol: { type: 'string' },
        sanitize: { type: 'string', multiple: true, default: [] },
        update: { type: 'boolean', default: false },
        workers: { type: 'string' },
        timeout: { type: 'string', default: '10m' },
        junit: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    // node's messages name the flag ("Unknown option '--foo'"); keep them, drop its suggestion text
    throw new UsageError(String(e.message).split('. To specify')[0]);
  }
  const v = parsed.values;
  if (!['cpu', 'webgpu'].includes(v.device)) throw new UsageError(`--device must be cpu or webgpu, got "${v.device}"`);
  const sanitize = v.sanitize.map((re) => {
    try {
      return new RegExp(re, 'g');
    } catch (e) {
      throw new UsageError(`--sanitize: invalid regular expression /${re}/: ${e.message}`);
    }
  });
  let workers = availableParallelism();
  if (v.workers !== undefined) {
    workers = Number(v.workers);
    if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers needs a whole number ≥ 1, got "${v.workers}"`);
  }
  const timeoutMs = parseDuration(v.timeout);
  if (!(timeoutMs > 0)) throw new UsageError(`--timeout needs a duration such as 600, 90s or 10m, got "${v.timeout}"`);
  return {
    help: v.help,
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    device: v.device,
    compare: v['compare-outputs'],
    rtol: v.rtol === undefined ? 1e-5 : positiveNumber('--rtol', v.rtol),
    atol: v.atol === undefined ? 1e-8 : positiveNumber('--atol', v.atol),
    sanitize,
    update: v.update,
    workers,
    timeoutMs,
    junit: v.junit ?? null,
  };
}
