// Which CSS a notebook may bring in its `style` attributes and SVG presentation attributes.
// Nothing may fetch (only `url(#fragment)` references inside the same output), run, or move
// content out of its output's box: positioning, transforms, z-index, floats and negative margins
// are refused (the output box also clips and isolates what is drawn, app/styles/app.css; this is
// the second wall). KaTeX's own output positions its glyphs with `position`, `top` and negative
// margins, so math gets a narrower allowance: those, with plain lengths of bounded size.

/** SVG/CSS attributes whose value is CSS (a `url()` there fetches, like in a style sheet). */
export const CSS_VALUED_ATTRS = new Set(['style', 'fill', 'stroke', 'mask', 'clip-path', 'marker', 'marker-start', 'marker-mid', 'marker-end', 'filter', 'cursor', 'clip', 'color', 'flood-color', 'lighting-color', 'stop-color', 'font-family']);

/** Functions and at-rules that fetch, run or draw another element, in any CSS value. */
const FETCHING = /image-set|image\s*\(|cross-fade|element\s*\(|paint\s*\(|src\s*\(|@import|expression|behaviou?r|binding|javascript:/i;
/** `url(` with anything but a same-document `#fragment` inside. */
const URL_FN = /url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi;

/** True when every url() in `value` is a `#fragment` and no other function could fetch or run. */
export function cssValueSafe(value: string): boolean {
  if (value.includes('\\') || value.includes('/*')) return false; // CSS escapes and comments hide words from the checks
  if (FETCHING.test(value)) return false;
  const urls = value.match(/url\s*\(/gi)?.length ?? 0;
  let fragments = 0;
  for (const m of value.matchAll(URL_FN)) if (/^#[\w.:-]*$/.test(m[2].trim())) fragments++;
  return urls === fragments;
}

/** Any attribute value carrying `url(` (even a title) may only point at a #fragment. */
export function urlsAreFragments(value: string): boolean {
  return !/url\s*\(/i.test(value) || cssValueSafe(value);
}

/** Properties that move a box away from where the flow puts it (vendor prefixes stripped first). */
const MOVES = /^(position|inset(-.*)?|top|left|right|bottom|z-index|transform(-.*)?|translate|rotate|scale|float|offset(-.*)?|anchor(-.*)?|position-.*|zoom|perspective(-.*)?)$/;
const MARGIN = /^(margin|margin-.*)$/;
/** What KaTeX writes itself: plain lengths, keywords and colours. */
const MATH_PROPS = /^(height|width|min-width|max-width|vertical-align|top|bottom|left|right|position|padding(-.*)?|margin(-.*)?|border(-.*)?|color|background-color|display)$/;
const MATH_VALUE = /^(-?(\d+(\.\d*)?|\.\d+)(em|ex|px|pt|%)?|[a-z-]+|#[0-9a-f]{3,8}|rgba?\([\d\s.,%]+\)|calc\([\d\s.+%a-z-]+\))(\s+(-?(\d+(\.\d*)?|\.\d+)(em|ex|px|pt|%)?|[a-z-]+|#[0-9a-f]{3,8}))*$/i;
/** Largest offset (in any unit) math may use: \kern-1000em or \raisebox{5000em} is not typesetting. */
const MATH_MAX = 100;

function declarations(style: string): [string, string][] | null {
  const out: [string, string][] = [];
  for (const part of style.split(';')) {
    if (!part.trim()) continue;
    const colon = part.indexOf(':');
    if (colon < 0) return null;
    out.push([part.slice(0, colon).trim().toLowerCase().replace(/^-(webkit|moz|ms|o)-/, ''), part.slice(colon + 1).trim()]);
  }
  return out;
}

/** Whether a notebook's `style` attribute may stay (all or nothing: a bad declaration drops the attribute). */
export function styleAllowed(style: string, policy: 'content' | 'math'): boolean {
  if (!cssValueSafe(style)) return false;
  const decls = declarations(style);
  if (!decls) return false;
  for (const [prop, value] of decls) {
    if (policy === 'math') {
      if (!MATH_PROPS.test(prop) || !MATH_VALUE.test(value)) return false;
      if (prop === 'position' && !/^(relative|absolute)$/i.test(value)) return false;
      if ((value.match(/-?\d*\.?\d+/g) ?? []).some((n) => Math.abs(Number(n)) > MATH_MAX)) return false;
      continue;
    }
    if (MOVES.test(prop)) return false;
    // Margins may push the following content (never negative: that pulls the box over its neighbours).
    if (MARGIN.test(prop) && /[-(]/.test(value)) return false;
  }
  return true;
}
