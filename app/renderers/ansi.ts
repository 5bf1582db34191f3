// ANSI SGR escapes (colours, bold, italic, underline) parsed into styled text segments, the way
// JupyterLab shows Jupyter-written streams and tracebacks (`\x1b[0;31mZeroDivisionError\x1b[0m`).
// A small own parser rather than a library: it yields plain text plus a closed set of class names
// and validated rgb() colours, so the caller renders text nodes only (React escapes them) and no
// HTML is ever built from notebook text. Other escapes (cursor moves, OSC titles) are dropped.

export interface AnsiStyle {
  /** Class names from a fixed set: tl-ansi-{black,red,…,white}{,-intense}-{fg,bg}, tl-ansi-bold, … */
  classes: string[];
  /** Only for 256-colour and truecolour codes: `rgb(r, g, b)` with integer channels 0–255. */
  color?: string;
  background?: string;
}
export interface AnsiSegment extends AnsiStyle { text: string }

const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;

// CSI (ESC [ params final), OSC (ESC ] … BEL or ESC \), and lone two-byte escapes.
const ESCAPE = /\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;

interface State { fg: string | null; bg: string | null; fgRgb: string | null; bgRgb: string | null; bold: boolean; dim: boolean; italic: boolean; underline: boolean; inverse: boolean }
const fresh = (): State => ({ fg: null, bg: null, fgRgb: null, bgRgb: null, bold: false, dim: false, italic: false, underline: false, inverse: false });

/** xterm's 256-colour palette entry n (16–255) as rgb(); 0–15 are named colours. */
function xterm256(n: number): string {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v}, ${v}, ${v})`;
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`;
}

const byte = (x: number | undefined) => x !== undefined && Number.isInteger(x) && x >= 0 && x <= 255;

/** Applies one SGR parameter list to the state (unknown codes are ignored, as terminals do). */
function applySgr(s: State, params: string): void {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) Object.assign(s, fresh());
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 22) s.bold = s.dim = false;
    else if (c === 23) s.italic = false;
    else if (c === 24) s.underline = false;
    else if (c === 27) s.inverse = false;
    else if (c >= 30 && c <= 37) [s.fg, s.fgRgb] = [NAMES[c - 30], null];
    else if (c === 39) [s.fg, s.fgRgb] = [null, null];
    else if (c >= 40 && c <= 47) [s.bg, s.bgRgb] = [NAMES[c - 40], null];
    else if (c === 49) [s.bg, s.bgRgb] = [null, null];
    else if (c >= 90 && c <= 97) [s.fg, s.fgRgb] = [`${NAMES[c - 90]}-intense`, null];
    else if (c >= 100 && c <= 107) [s.bg, s.bgRgb] = [`${NAMES[c - 100]}-intense`, null];
    else if (c === 38 || c === 48) {
      // 38;5;n (palette) or 38;2;r;g;b (truecolour); a malformed one ends the list.
      let named: string | null = null;
      let rgb: string | null = null;
      if (codes[i + 1] === 5 && byte(codes[i + 2])) {
        const n = codes[i + 2];
        if (n < 8) named = NAMES[n];
        else if (n < 16) named = `${NAMES[n - 8]}-intense`;
        else rgb = xterm256(n);
        i += 2;
      } else if (codes[i + 1] === 2 && byte(codes[i + 2]) && byte(codes[i + 3]) && byte(codes[i + 4])) {
        rgb = `rgb(${codes[i + 2]}, ${codes[i + 3]}, ${codes[i + 4]})`;
        i += 4;
      } else return;
      if (c === 38) [s.fg, s.fgRgb] = [named, rgb];
      else [s.bg, s.bgRgb] = [named, rgb];
    }
  }
}

function styleOf(s: State): AnsiStyle {
  let [fg, bg, fgRgb, bgRgb] = [s.fg, s.bg, s.fgRgb, s.bgRgb];
  // Inverse swaps the colours; with none set, the default ones (classes say which).
  if (s.inverse) [fg, bg, fgRgb, bgRgb] = [bg ?? (bgRgb ? null : 'inverse'), fg ?? (fgRgb ? null : 'inverse'), bgRgb, fgRgb];
  const classes: string[] = [];
  if (fg) classes.push(`tl-ansi-${fg}-fg`);
  if (bg) classes.push(`tl-ansi-${bg}-bg`);
  if (s.bold) classes.push('tl-ansi-bold');
  if (s.dim) classes.push('tl-ansi-dim');
  if (s.italic) classes.push('tl-ansi-italic');
  if (s.underline) classes.push('tl-ansi-underline');
  const out: AnsiStyle = { classes };
  if (fgRgb) out.color = fgRgb;
  if (bgRgb) out.background = bgRgb;
  return out;
}

/** Whether `text` holds an escape character at all (the common case has none: no parsing). */
export const hasAnsi = (text: string): boolean => text.includes('\x1b');

/** Removes every escape sequence (for comparing or copying plain text). */
export const stripAnsi = (text: string): string => text.replace(ESCAPE, '');

/**
 * Splits `text` into segments of equal style, escapes removed.
 * @example parseAnsi('\x1b[31mred\x1b[0m ok') // [{ text: 'red', classes: ['tl-ansi-red-fg'] }, { text: ' ok', classes: [] }]
 */
export function parseAnsi(text: string): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  const state = fresh();
  let style = styleOf(state);
  let at = 0;
  const push = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.classes.join(' ') === style.classes.join(' ') && last.color === style.color && last.background === style.background) last.text += t;
    else out.push({ text: t, ...style, classes: [...style.classes] });
  };
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m; m = ESCAPE.exec(text)) {
    push(text.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[2] === 'm' && !m[1].includes('?')) {
      applySgr(state, m[1]);
      style = styleOf(state);
    }
  }
  push(text.slice(at));
  return out;
}
