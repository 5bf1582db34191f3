// The renderer registry: one renderer per MIME type, richest first (the training, progress and
// plot views live in ./views).
import type { MimeBundle } from '../protocol/messages';
import { outputGuards } from '../protocol/outputs';
import { Html, imageRenderer, MarkdownOutput, Svg } from './html';
import { JsonTree } from './JsonTree';
import { LatexOutput } from './latex';
import { moduleRenderer } from './module';
import { paramsRenderer } from './params';
import { tensorRenderer } from './tensor';
import { PlainText } from './text';
import type { Renderer } from './types';
import { plotRenderer, progressRenderer, trainingRenderer } from './views';

const renderers: Renderer[] = [
  trainingRenderer,
  progressRenderer,
  plotRenderer,
  paramsRenderer,
  moduleRenderer,
  tensorRenderer,
  { mime: 'text/html', component: Html },
  // Above images, as in JupyterLab (SymPy sends text/latex beside an image/png of the formula).
  { mime: 'text/latex', component: LatexOutput },
  { mime: 'image/svg+xml', component: Svg },
  { mime: 'image/png', component: imageRenderer('image/png') },
  { mime: 'image/jpeg', component: imageRenderer('image/jpeg') },
  { mime: 'image/gif', component: imageRenderer('image/gif') },
  { mime: 'text/markdown', component: MarkdownOutput },
  { mime: 'application/json', component: JsonTree },
  { mime: 'text/plain', component: PlainText },
];

/** Adds a renderer ahead of the built-in ones (rich vendor views come first). */
export function registerRenderer(r: Renderer): void {
  const i = renderers.findIndex((x) => x.mime === r.mime);
  if (i >= 0) renderers.splice(i, 1);
  renderers.unshift(r);
}

export function rendererFor(mime: string): Renderer | undefined {
  return renderers.find((r) => r.mime === mime);
}

/** Whether a bundle's value has the shape its renderer expects (view JSON may come from a file). */
export function renderable(mime: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const guard = (outputGuards as Record<string, ((d: unknown) => boolean) | undefined>)[mime];
  if (guard) return guard(value);
  // Text types are strings; anything else under them is not ours to interpret.
  return mime.startsWith('text/') || mime === 'image/svg+xml' || mime.startsWith('image/') ? typeof value === 'string' : true;
}

/** The richest MIME type in the bundle we can render, or undefined. */
export function pickMime(bundle: MimeBundle): string | undefined {
  return renderers.find((r) => Object.prototype.hasOwnProperty.call(bundle, r.mime) && renderable(r.mime, bundle[r.mime]))?.mime;
}

export const allRenderers = (): readonly Renderer[] => renderers;
