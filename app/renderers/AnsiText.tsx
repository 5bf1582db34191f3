// Text with ANSI colours as spans: text nodes only (React escapes them), a fixed set of class
// names and validated rgb() colours (see ansi.ts), so a stream cannot inject markup.
import { memo, useMemo } from 'react';
import { hasAnsi, parseAnsi } from './ansi';
import './ansi.css';

export const AnsiText = memo(function AnsiText({ text }: { text: string }) {
  const segments = useMemo(() => (hasAnsi(text) ? parseAnsi(text) : null), [text]);
  if (!segments) return <>{text}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.classes.length === 0 && !s.color && !s.background ? (
          s.text
        ) : (
          <span key={i} className={s.classes.join(' ') || undefined} style={s.color || s.background ? { color: s.color, backgroundColor: s.background } : undefined}>
            {s.text}
          </span>
        ),
      )}
    </>
  );
});
