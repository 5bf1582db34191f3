// `--compare-outputs`: a cell's new text output against the one stored in the file, nbval-style.
// Text only (stream text, text/plain of results and displays, errors as "Name: message"): rich
// outputs (plots, tables, training views) are drawn from data that is compared through their
// text/plain, and images are never compared. Numbers match within rtol/atol, as torch.allclose.

const joinText = (t) => (Array.isArray(t) ? t.join('') : typeof t === 'string' ? t : '');

/** A cell's text output as stored in .ipynb (multiline strings may be arrays of lines). */
export function storedText(outputs = []) {
  return outputs
    .map((o) => {
      if (o.output_type === 'stream') return joinText(o.text);
      if (o.output_type === 'error') return `${o.ename}: ${o.evalue}`;
      return joinText(o.data?.['text/plain']);
    })
    .filter((t) => t !== '')
    .join('\n');
}

/** Replaces what every pattern matches (timings, addresses…) so it never differs. */
export function sanitize(text, patterns = []) {
  let out = text;
  for (const re of patterns) out = out.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'), '<sanitized>');
  return out;
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|Infinity|nan|NaN)\b/g;
const toNumber = (s) => (/nan/i.test(s) ? NaN : /inf/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s));

/** |new − stored| ≤ atol + rtol·|stored| (torch.allclose(new, stored)); NaN equals NaN, ±inf itself. */
export function close(fresh, stored, { rtol, atol }) {
  if (Number.isNaN(fresh) || Number.isNaN(stored)) return Number.isNaN(fresh) && Number.isNaN(stored);
  if (!Number.isFinite(fresh) || !Number.isFinite(stored)) return fresh === stored;
  return Math.abs(fresh - stored) <= atol + rtol * Math.abs(stored);
}

/** Two lines are the same text around their numbers, and the numbers are close. */
export function linesMatch(fresh, stored, tol) {
  if (fresh === stored) return true;
  const a = fresh.match(NUMBER) ?? [];
  const b = stored.match(NUMBER) ?? [];
  if (a.length !== b.length || !a.length) return false;
  if (fresh.replace(NUMBER, '#').trim() !== stored.replace(NUMBER, '#').trim()) return false;
  return a.every((s, i) => close(toNumber(s), toNumber(b[i]), tol));
}

/**
 * The differing lines between a stored and a new text output ("- stored" / "+ new" pairs);
 * empty when they match. `tol`: { rtol, atol, sanitize: RegExp[] }.
 * @example compareText('loss 0.50000', 'loss 0.500001', { rtol: 1e-5, atol: 1e-8 }) // []
 */
export function compareText(stored, fresh, tol) {
  const s = sanitize(stored, tol.sanitize).replace(/\s+$/, '').split('\n');
  const f = sanitize(fresh, tol.sanitize).replace(/\s+$/, '').split('\n');
  const diffs = [];
  for (let i = 0; i < Math.max(s.length, f.length); i++) {
    if (i < s.length && i < f.length && linesMatch(f[i], s[i], tol)) continue;
    if (i < s.length) diffs.push(`- ${s[i]}`);
    if (i < f.length) diffs.push(`+ ${f[i]}`);
  }
  return diffs;
}

/** Whether a stored cell has anything to compare with: it was run and saved (nbval compares saved runs). */
export function hasStoredRun(cell) {
  return (cell.outputs?.length ?? 0) > 0 || (cell.execution_count ?? null) !== null;
}

/** The cell's opt-out: metadata.torchlit.compare === false. */
export const comparesOutput = (cell) => cell.metadata?.torchlit?.compare !== false;
