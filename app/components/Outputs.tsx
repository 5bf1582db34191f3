// A code cell's outputs, each rendered by the richest renderer the registry has for it.
import { memo } from 'react';
import type { Output } from '../notebook/types';
import { pickMime, rendererFor, PlainText } from '../renderers';

function ErrorOutput({ o }: { o: Extract<Output, { output_type: 'error' }> }) {
  const where = o.line ? ` (line ${o.line}${o.column ? `, column ${o.column}` : ''})` : '';
  const head = `${o.ename}: ${o.evalue}`.trim();
  const trace = o.traceback.filter((l) => l.trim() !== head);
  return (
    <div className="tl-output tl-output-error" data-mime="application/vnd.jupyter.error">
      <pre className="tl-text">
        <strong className="tl-ename">{o.ename}</strong>: {o.evalue}
        {where && <span className="tl-error-where">{where}</span>}
        {trace.length > 0 && '\n' + trace.join('\n')}
      </pre>
    </div>
  );
}

function OneOutput({ o }: { o: Output }) {
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
      <R data={o.data[mime]} bundle={o.data} metadata={o.metadata} />
    </div>
  );
}

export const Outputs = memo(function Outputs({ outputs }: { outputs: Output[] }) {
  return (
    <div className="tl-outputs" aria-live="polite">
      {outputs.map((o, i) => (
        <OneOutput key={i} o={o} />
      ))}
    </div>
  );
});
