// The renderer registry: one renderer per MIME type, richest first (the training, progress and
// plot views live in ./views).
import type { MimeBundle } from '../protocol/messages';
import { Html, imageRenderer, Json, MarkdownOutput, Svg } from './html';
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
  { mime: 'image/svg+xml', component: Svg },
  { mime: 'image/png', component: imageRenderer('image/png') },
  { mime: 'image/jpeg', component: imageRenderer('image/jpeg') },
  { mime: 'image/gif', component: imageRenderer('image/gif') },
  { mime: 'text/markdown', component: MarkdownOutput },
  { mime: 'application/json', component: Json },
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

/** The richest MIME type in the bundle we can render, or undefined. */
export function pickMime(bundle: MimeBundle): string | undefined {
  return renderers.find((r) => r.mime in bundle && bundle[r.mime] !== undefined)?.mime;
}

export const allRenderers = (): readonly Renderer[] => renderers;
