const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => map[c]);

export function formatNumber(x: unknown, digits = 4): string {
  if (typeof x !== 'number') return x === null || x === undefined ? '–' : String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(digits - 1) : String(Number(x.toPrecision(digits)));
}

export const formatCount = (n: unknown): string => (typeof n === 'number' ? n.toLocaleString('en-US') : '–');
export const formatShape = (s: unknown): string => (Array.isArray(s) ? `[${s.join(', ')}]` : '–');
