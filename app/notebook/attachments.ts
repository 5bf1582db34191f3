// Markdown cell attachments (nbformat `cell.attachments`: file name → MIME bundle, the data
// base64), as JupyterLab keeps them: `![x](attachment:image.png)` in the source shows the image;
// a pasted or dropped image is stored under a unique name; names the source no longer mentions
// are dropped when the notebook is written (./ipynb.ts). Pure functions, no DOM.

export type Attachments = Record<string, unknown>;

/** The URL scheme a Markdown source uses for its cell's attachments. */
export const ATTACHMENT_PREFIX = 'attachment:';

/** What a notebook may be to open (ipynb.ts's MAX_NOTEBOOK_CHARS; not imported: ipynb.ts imports this file). */
const NOTEBOOK_LIMIT = 64 * 1024 * 1024;

/**
 * The largest image (bytes) a paste or drop stores: a quarter of what a notebook may be to open,
 * so that one image, grown by 4/3 in base64, cannot make a notebook that no longer opens.
 */
export const MAX_ATTACHMENT_BYTES = NOTEBOOK_LIMIT / 4;

/**
 * Raster images shown from a data: URL (the sanitizer's allowance, app/renderers/sanitize.ts);
 * SVG is shown only as an <img> (which runs no script and loads nothing), never inline.
 */
const RASTER = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const SVG = 'image/svg+xml';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The mentioned attachment name in `url`, or null when it is not an `attachment:` URL. */
export function attachmentName(url: string): string | null {
  if (!url.toLowerCase().startsWith(ATTACHMENT_PREFIX)) return null;
  const name = url.slice(ATTACHMENT_PREFIX.length);
  return name || null;
}

/** Looks `name` up as written, then percent-decoded (JupyterLab stores `encodeURI(file name)`). */
function lookup(attachments: Attachments, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(attachments, name)) return attachments[name];
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    return undefined;
  }
  if (Object.prototype.hasOwnProperty.call(attachments, decoded)) return attachments[decoded];
  const encoded = encodeURI(decoded);
  return Object.prototype.hasOwnProperty.call(attachments, encoded) ? attachments[encoded] : undefined;
}

const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join('') : null);

/**
 * The data: URL an `attachment:name` URL stands for, or null (no such attachment, not an image
 * type shown, or data that is not base64). Raster types first, as JupyterLab's resolver prefers
 * the bundle's image types; an SVG is a data URL for an <img> (its text or its base64).
 */
export function resolveAttachment(attachments: Attachments | undefined, url: string): string | null {
  const name = attachmentName(url);
  if (!attachments || name === null) return null;
  const bundle = lookup(attachments, name);
  if (!bundle || typeof bundle !== 'object' || Array.isArray(bundle)) return null;
  const b = bundle as Record<string, unknown>;
  for (const mime of RASTER) {
    const data = text(b[mime])?.replace(/\s+/g, '');
    if (data && BASE64.test(data)) return `data:${mime};base64,${data}`;
  }
  const svg = text(b[SVG]);
  if (svg) {
    const compact = svg.replace(/\s+/g, '');
    if (!svg.includes('<') && BASE64.test(compact)) return `data:${SVG};base64,${compact}`;
    return `data:${SVG};charset=utf-8,${encodeURIComponent(svg)}`;
  }
  return null;
}

/** The attachment names a Markdown source refers to (`attachment:NAME` in a link, an image or raw HTML). */
export function referencedAttachments(source: string): Set<string> {
  const out = new Set<string>();
  for (const m of source.matchAll(/attachment:([^\s)"'<>]+)/gi)) {
    const name = m[1];
    out.add(name);
    try {
      out.add(decodeURIComponent(name));
    } catch {
      /* a stray % : the name as written only */
    }
  }
  return out;
}

/**
 * The attachments `source` still uses (JupyterLab drops the others when it saves), or undefined
 * when none is left. The same object when nothing is dropped.
 */
export function pruneAttachments(source: string, attachments: Attachments | undefined): Attachments | undefined {
  if (!attachments) return undefined;
  const names = Object.keys(attachments);
  if (names.length === 0) return undefined;
  const used = referencedAttachments(source);
  const kept = names.filter((n) => used.has(n) || used.has(encodeURI(n)));
  if (kept.length === names.length) return attachments;
  if (kept.length === 0) return undefined;
  return Object.fromEntries(kept.map((n) => [n, attachments[n]]));
}

/**
 * A name for a new attachment: the file's name (a pasted screenshot has none: `image.png`), with
 * `-1`, `-2`, … before the extension when the cell already has one by that name.
 */
export function uniqueAttachmentName(fileName: string, existing: Attachments | undefined): string {
  const base = fileName.replace(/[\\/]/g, '_').trim() || 'image.png';
  const taken = (n: string) => !!existing && Object.prototype.hasOwnProperty.call(existing, n);
  if (!taken(base)) return base;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  for (let i = 1; ; i++) if (!taken(`${stem}-${i}${ext}`)) return `${stem}-${i}${ext}`;
}

/** The Markdown that shows attachment `name` (its URL percent-encoded, so spaces and brackets stay one link). */
export function attachmentMarkdown(name: string): string {
  const alt = name.replace(/[[\]\\]/g, '\\$&');
  const url = encodeURI(name).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return `![${alt}](${ATTACHMENT_PREFIX}${url})`;
}

/** Whether a file of this type may become an attachment (images only; SVG shown as an <img>). */
export const isAttachableImage = (type: string) => RASTER.includes(type) || type === SVG;

/**
 * Checks an image before it is read: null when it may be stored, otherwise the message to show.
 * `size` in bytes.
 */
export function attachmentProblem(name: string, type: string, size: number): string | null {
  if (!isAttachableImage(type)) return `${name} is not an image Torchlit shows (PNG, JPEG, GIF, WebP or SVG); it was not attached.`;
  if (size > MAX_ATTACHMENT_BYTES) {
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(n >= 10 * 2 ** 20 ? 0 : 1)} MB`;
    return `${name} is ${mb(size)}; an attached image may be at most ${mb(MAX_ATTACHMENT_BYTES)} (notebooks up to ${mb(NOTEBOOK_LIMIT)} can be opened). It was not attached.`;
  }
  return null;
}

/** The base64 data of a data: URL (what FileReader.readAsDataURL gives), or null. */
export function base64OfDataUrl(url: string): string | null {
  const m = /^data:[^,]*;base64,(.*)$/s.exec(url);
  return m ? m[1] : null;
}
