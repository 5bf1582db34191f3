import { memo, useMemo, useState } from 'react';
import { AnsiText } from './AnsiText';
import type { RendererProps } from './types';

/** Text longer than this shows its start and a "Show more" control (like JupyterLab's output limit). */
export const TEXT_PREVIEW_CHARS = 20_000;
export const TEXT_PREVIEW_LINES = 400;
/** Each "Show more" reveals this much more. */
export const TEXT_PAGE_CHARS = 100_000;
export const TEXT_PAGE_LINES = 2_000;

/** Where to cut `text` to show at most `maxChars` characters and `maxLines` lines (text.length: all of it). */
export function cutIndex(text: string, maxChars: number, maxLines: number): number {
  const limit = Math.min(text.length, maxChars);
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < limit; i = text.indexOf('\n', i + 1)) {
    if (++line === maxLines) return i + 1 < text.length ? i + 1 : text.length;
  }
  return limit;
}

function countLines(text: string, from: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const fmt = (n: number) => n.toLocaleString('en-US');
/** The cell's mousedown would switch it out of edit mode and move this control from under the pointer. */
const keepLayout = (e: { stopPropagation(): void }) => e.stopPropagation();

export const PlainText = memo(function PlainText({ data, className }: RendererProps<string> & { className?: string }) {
  const [pages, setPages] = useState(0);
  const text = typeof data === 'string' ? data : String(data ?? '');
  const view = useMemo(() => {
    const cut = cutIndex(text, TEXT_PREVIEW_CHARS + pages * TEXT_PAGE_CHARS, TEXT_PREVIEW_LINES + pages * TEXT_PAGE_LINES);
    const hiddenChars = text.length - cut;
    // The last line stays in view under the control: a truncation summary or a final result.
    const lastStart = hiddenChars > 0 ? text.lastIndexOf('\n', text.length - 2) + 1 : text.length;
    const tail = lastStart > cut ? text.slice(lastStart, Math.min(text.length, lastStart + 2000)).replace(/\n$/, '') : '';
    return { head: text.slice(0, cut), tail, hiddenChars, hiddenLines: hiddenChars > 0 ? countLines(text, cut) + (text.endsWith('\n') ? 0 : 1) : 0 };
  }, [text, pages]);
  return (
    <>
      <pre className={`tl-text ${className ?? ''}`}><AnsiText text={view.head} /></pre>
      {view.hiddenChars > 0 && (
        <button type="button" className="tl-link-button tl-show-more" data-hidden-chars={view.hiddenChars} onMouseDown={keepLayout} onClick={() => setPages((p) => p + 1)}>
          Show more ({fmt(view.hiddenLines)} more line{view.hiddenLines === 1 ? '' : 's'}, {fmt(view.hiddenChars)} characters hidden)
        </button>
      )}
      {view.tail && <pre className={`tl-text tl-text-tail ${className ?? ''}`}><AnsiText text={view.tail} /></pre>}
    </>
  );
});
