// A code cell's outputs, each rendered by the richest renderer the registry has for it.
// Floods stay cheap: the first OUTPUTS_SHOWN outputs are rendered and a "Show more" control
// reveals the rest a page at a time (long text pages itself, see renderers/text.tsx); each output
// re-renders only when it changes. An output whose renderer throws (a malformed payload from
// someone else's file) shows its text instead of taking the page down.
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

function ErrorOutput({ o }: { o: Extract<Output, { output_type: 'error' }> }) {
  const where = o.line ? ` (line ${o.line}${o.column ? `, column ${o.column}` : ''})` : '';
  const head = `${o.ename}: ${o.evalue}`.trim();
  const trace = o.traceback.filter((l) => stripAnsi(String(l)).trim() !== head);
  return (
    <div className="tl-output tl-output-error" data-mime="application/vnd.jupyter.error">
      <pre className="tl-text">
        <strong className="tl-ename">{String(o.ename)}</strong>: {String(o.evalue)}
        {where && <span className="tl-error-where">{where}</span>}
        {trace.length > 0 && <AnsiText text={'\n' + trace.join('\n')} />}
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
  if (o.output_type === 'stream') {
    return (
      <div className={`tl-output tl-stream tl-${o.name}`} data-mime="text/plain" data-stream={o.name}>
        <PlainText data={o.text} bundle={{}} metadata={{}} />
      </div>
    );
  }
  if (o.output_type === 'error') return <ErrorOutput o={o} />;
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
  return (
    <div className={`tl-output ${o.output_type === 'execute_result' ? 'tl-result' : 'tl-display'}`} data-mime={mime}>
      <div className="tl-output-body">
        <R data={o.data[mime]} bundle={o.data} metadata={o.metadata ?? {}} />
      </div>
    </div>
  );
});

export const Outputs = memo(function Outputs({ outputs }: { outputs: Output[] }) {
  const [shown, setShown] = useState(OUTPUTS_SHOWN);
  const visible = outputs.length > shown ? outputs.slice(0, shown) : outputs;
  const hidden = outputs.length - visible.length;
  return (
    <div className="tl-outputs" aria-live="polite">
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
  );
});
