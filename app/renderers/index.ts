export { pickMime, registerRenderer, rendererFor } from './registry';
export { withFallbacks } from './fallbacks';
export { renderMarkdown, highlight } from './markdown';
export { PlainText } from './text';
export type { Renderer, RendererProps, Fallback } from './types';
