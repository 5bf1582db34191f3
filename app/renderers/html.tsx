import { useMemo } from 'react';
import type { RendererProps } from './types';
import { sanitizeHtml, sanitizeSvg } from './sanitize';
import { renderMarkdown } from './markdown';

export function Html({ data }: RendererProps<string>) {
  const html = useMemo(() => sanitizeHtml(String(data)), [data]);
  return <div className="tl-html" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Svg({ data }: RendererProps<string>) {
  const html = useMemo(() => sanitizeSvg(String(data)), [data]);
  return <div className="tl-svg" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function MarkdownOutput({ data }: RendererProps<string>) {
  const html = useMemo(() => renderMarkdown(String(data)), [data]);
  return <div className="tl-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Json({ data }: RendererProps) {
  return <pre className="tl-text">{JSON.stringify(data, null, 2)}</pre>;
}

export const imageRenderer = (mime: string) =>
  function Image({ data, metadata }: RendererProps<string>) {
    const src = `data:${mime};base64,${String(data).replace(/\s+/g, '')}`;
    const meta = (metadata[mime] ?? {}) as { width?: number; height?: number };
    return <img className="tl-image" src={src} alt="output image" width={meta.width} height={meta.height} />;
  };
