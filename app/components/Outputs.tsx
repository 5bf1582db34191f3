// A code cell's outputs, each rendered by the richest renderer the registry has for it.
// Floods stay cheap: the first OUTPUTS_SHOWN outputs are rendered and a "Show more" control
// reveals the rest a page at a time (long text pages itself, see renderers/text.tsx); each output
// re-renders only when it changes. An output whose renderer throws (a malformed payload from
// someone else's file) shows its text instead of taking the page down. An output over
// RENDER_LIMIT_CHARS waits behind a "render it anyway?" note (issue 22: a 16 KB link carried a
// 30 MB text/html output that froze the tab for 21 s while it was sanitized and laid out).
import { Component, memo, useState, type ReactNode } from 'react';
import type { Output } from '../notebook/types';
import { pickMime, rendererFor, PlainText } from '../renderers';
import { AnsiText } from '../renderers/AnsiText';
import { stripAnsi } from '../renderers/ansi';

/** Outputs rendered before the "Show more outputs" control (JupyterLab's default is 50 too). */
export const OUTPUTS_SHOWN = 50;
/** The cell's mousedown would switch it out of edit mode and move this control from under the pointer. */
const keepLayout = (e: { stopPropagation(): void }) => e.stopPropagation();

/** Outputs revealed per click. */
export const OUTPUTS_PAGE = 50;

/** Larger outputs (in characters of their payload) are rendered only when the reader asks. */
export const RENDER_LIMIT_CHARS = 1_000_000;
/** Markdown costs more per character (markdown-it, KaTeX, then the sanitizer). */
export const MARKDOWN_LIMIT_CHARS = 100_000;
const limitFor = (mime: string) => (mime === 'text/markdown' || mime === 'text/latex' ? MARKDOWN_LIMIT_CHARS : RENDER_LIMIT_CHARS);

/** The payload's size in characters, counted only until it passes `limit` (cheap on huge objects). */
export function payloadSize(value: unknown, limit = RENDER_LIMIT_CHARS): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length;
    else if (Array.isArray(v)) {
      size += v.length + 2;
      for (const x of v) stack.push(x);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        size += k.length + 4;
        stack.push(x);
      }
    } else size += 8;
  }
  return size;
}

const fmtSize = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} MB` : `${Math.round(n / 1e3)} KB`);

/** A large output's stand-in: its size, a button to render it, and its text/plain if it has one. */
function LargeOutput({ mime, size, exact, plain, onRender }: { mime: string; size: number; exact: boolean; plain: unknown; onRender(): void }) {
  return (
    <div className="tl-output tl-output-large" data-mime={mime} data-deferred="true">
      <p className="tl-large-note">
        This output is {exact ? '' : 'over '}
        {fmtSize(exact ? size : limitFor(mime))} ({mime}); render it anyway?{' '}
        <button type="button" className="tl-link-button" onMouseDown={keepLayout} onClick={onRender}>
          Render it anyway
        </button>
      </p>
      {typeof plain === 'string' && <PlainText data={plain} bundle={{}} metadata={{}} />}
    </div>
  );
}

/** One traceback entry; the kernel folds engine frames into one (`  … 4 frames in torchlit` and the frames below it), which expands. */
function TraceLine({ line }: { line: string }) {
  const nl = line.indexOf('\n');
  if (!line.startsWith('  … ') || nl < 0) return <AnsiText text={'\n' + line} />;
  return (
    <details className="tl-trace-fold">
      <summary>{line.slice(0, nl)}</summary>
      <AnsiText text={line.slice(nl + 1)} />
    </details>
  );
}

function ErrorOutput({ o }: { o: Extract<Output, { output_type: 'error' }> }) {
  const where = o.line ? ` (line ${o.line}${o.column ? `, column ${o.column}` : ''})` : '';
  const head = `${o.ename}: ${o.evalue}`.trim();
  const trace = o.traceback.filter((l) => stripAnsi(String(l)).trim() !== head);
  return (
    <div className="tl-output tl-output-error" data-mime="application/vnd.jupyter.error">
      <pre className="tl-text">
        <strong className="tl-ename">{String(o.ename)}</strong>: {String(o.evalue)}
        {where && <span className="tl-error-where">{where}</span>}
        {trace.map((l, i) => <TraceLine key={i} line={String(l)} />)}
      </pre>
    </div>
  );
}

/** Catches a renderer that throws; shows the output's text/plain (or a note) instead. */
class OutputBoundary extends Component<{ o: Output; children: ReactNode }, { failed: Output | null; message: string }> {
  state = { failed: null as Output | null, message: '' };
  static getDerivedStateFromError(e: unknown) {
    return { message: e instanceof Error ? e.message : String(e) };
  }
  componentDidCatch() {
    this.setState({ failed: this.props.o });
  }
  render() {
    const { o } = this.props;
    if (this.state.message && (this.state.failed === null || this.state.failed === o)) {
      const plain = o.output_type === 'display_data' || o.output_type === 'execute_result' ? o.data['text/plain'] : undefined;
      return (
        <div className="tl-output tl-output-failed" data-mime="text/plain">
          <pre className="tl-text tl-muted">[this output could not be shown: {this.state.message}]</pre>
          {typeof plain === 'string' && <PlainText data={plain} bundle={{}} metadata={{}} />}
        </div>
      );
    }
    return this.props.children;
  }
  componentDidUpdate(prev: { o: Output }) {
    // A new output in this slot gets a fresh chance.
    if (prev.o !== this.props.o && this.state.message) this.setState({ failed: null, message: '' });
  }
}

const OneOutput = memo(function OneOutput({ o }: { o: Output }) {
  const [anyway, setAnyway] = useState(false);
  if (o.output_type === 'stream') {
    return (
      <div className={`tl-output tl-stream tl-${o.name}`} data-mime="text/plain" data-stream={o.name}>
        <PlainText data={o.text} bundle={{}} metadata={{}} />
      </div>
    );
  }
  if (o.output_type === 'error') {
    const size = payloadSize(o.traceback) + payloadSize(o.evalue);
    if (size > RENDER_LIMIT_CHARS && !anyway) return <LargeOutput mime="application/vnd.jupyter.error" size={size} exact={false} plain={`${String(o.ename)}: ${String(o.evalue).slice(0, 2000)}`} onRender={() => setAnyway(true)} />;
    return <ErrorOutput o={o} />;
  }
  const mime = pickMime(o.data);
  const renderer = mime ? rendererFor(mime) : undefined;
  if (!mime || !renderer) {
    return (
      <div className="tl-output" data-mime="text/plain">
        <pre className="tl-text tl-muted">[output of type {Object.keys(o.data).join(', ') || 'none'} cannot be shown]</pre>
      </div>
    );
  }
  const R = renderer.component;
  // text/plain pages itself (renderers/text.tsx); everything else is sanitized or parsed whole.
  if (mime !== 'text/plain' && !anyway) {
    const size = payloadSize(o.data[mime], limitFor(mime));
    if (size > limitFor(mime)) return <LargeOutput mime={mime} size={size} exact={typeof o.data[mime] === 'string'} plain={o.data['text/plain']} onRender={() => setAnyway(true)} />;
  }
  return (
    <div className={`tl-output ${o.output_type === 'execute_result' ? 'tl-result' : 'tl-display'}`} data-mime={mime}>
      <div className="tl-output-body">
        <R data={o.data[mime]} bundle={o.data} metadata={o.metadata ?? {}} />
      </div>
    </div>
  );
});

/**
 * scrolled (Shift+O, `metadata.scrolled`): the outputs sit in a box of JupyterLab's height that
 * scrolls (focusable, so the keyboard scrolls it too); the strip on its left toggles it, as the
 * prompt overlay does in JupyterLab.
 */
export const Outputs = memo(function Outputs({ outputs, scrolled = false, onToggleScrolled }: { outputs: Output[]; scrolled?: boolean; onToggleScrolled?: () => void }) {
  const [shown, setShown] = useState(OUTPUTS_SHOWN);
  const visible = outputs.length > shown ? outputs.slice(0, shown) : outputs;
  const hidden = outputs.length - visible.length;
  return (
    <div className={`tl-outputs-wrap ${scrolled ? 'tl-outputs-scrolled' : ''}`}>
      {onToggleScrolled && (
        <button type="button" className="tl-outputs-overlay" aria-label={scrolled ? 'Disable scrolling for outputs' : 'Enable scrolling for outputs'} title={scrolled ? 'Expand output (Shift+O)' : 'Scroll output (Shift+O)'} onMouseDown={keepLayout} onClick={onToggleScrolled} tabIndex={-1} />
      )}
      <div className="tl-outputs" aria-live="polite" tabIndex={scrolled ? 0 : undefined} role={scrolled ? 'region' : undefined} aria-label={scrolled ? 'Outputs (scrolled)' : undefined}>
        {visible.map((o, i) => (
          <OutputBoundary key={i} o={o}>
            <OneOutput o={o} />
          </OutputBoundary>
        ))}
        {hidden > 0 && (
          <button type="button" className="tl-link-button tl-show-more tl-show-more-outputs" data-hidden-outputs={hidden} onMouseDown={keepLayout} onClick={() => setShown((n) => n + OUTPUTS_PAGE)}>
            Show {Math.min(OUTPUTS_PAGE, hidden).toLocaleString('en-US')} more outputs ({hidden.toLocaleString('en-US')} hidden)
          </button>
        )}
      </div>
    </div>
  );
});
