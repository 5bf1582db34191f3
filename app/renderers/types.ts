import type { ComponentType } from 'react';
import type { MimeBundle } from '../protocol/messages';

export interface RendererProps<T = unknown> {
  data: T;
  bundle: MimeBundle;
  metadata: Record<string, unknown>;
}

/** A static form of a rich output, stored in saved notebooks for other viewers. */
export interface Fallback { mime: 'text/html' | 'image/svg+xml'; text: string }

export interface Renderer {
  mime: string;
  component: ComponentType<RendererProps<any>>;
  /** Makes the static fallback saved with the notebook (vendor types only). */
  fallback?: (data: any) => Fallback | null;
}
