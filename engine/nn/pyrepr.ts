// Python's repr of the values that appear in module reprs: True/False/None, floats as Python
// prints them (1e-05, 0.1, 1.0), tuples as (3, 3), strings bare (as str.format shows them).

/** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expS] = x.toExponential().split('e');
  const exp = Number(expS);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const s = String(x);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

/** A value as `str.format` shows it in an extra_repr. Numbers print as ints unless `asFloat`. */
export function py(v: unknown, asFloat = false): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return asFloat || !Number.isInteger(v) ? pyFloat(v) : String(v);
  if (Array.isArray(v)) return v.length === 1 ? `(${py(v[0], asFloat)},)` : `(${v.map((x) => py(x, asFloat)).join(', ')})`;
  return String(v);
}
