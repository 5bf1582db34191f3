import { useState } from 'react';
import type { RendererProps } from './types';

/** Output longer than this shows its start and a "Show all" control. */
export const TEXT_PREVIEW_CHARS = 20_000;
export const TEXT_PREVIEW_LINES = 400;

function preview(text: string): string | null {
  let cut = text.length > TEXT_PREVIEW_CHARS ? TEXT_PREVIEW_CHARS : -1;
  let line = 0;
  for (let i = 0; i < Math.min(text.length, TEXT_PREVIEW_CHARS); i++) {
    if (text.charCodeAt(i) === 10 && ++line === TEXT_PREVIEW_LINES) {
      cut = i;
      break;
    }
  }
  return cut < 0 ? null : text.slice(0, cut);
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export function PlainText({ data, className }: RendererProps<string> & { className?: string }) {
  const [all, setAll] = useState(false);
  const text = String(data ?? '').replace(ANSI, '');
  const head = all ? null : preview(text);
  return (
    <>
      <pre className={`tl-text ${className ?? ''}`}>{head ?? text}</pre>
      {head !== null && (
        <button type="button" className="tl-link-button" onClick={() => setAll(true)}>
          Show all ({(text.length / 1000).toFixed(0)} k characters, {text.split('\n').length.toLocaleString('en')} lines)
        </button>
      )}
    </>
  );
}
