// application/json outputs as a collapsible tree (JupyterLab's JSON viewer): objects and arrays
// are <details> (the first two levels open), leaves are text nodes coloured by type. Long
// containers show their first JSON_ENTRIES_SHOWN entries and a count of the rest, so a big
// payload from a file costs a bounded number of nodes.
import { memo } from 'react';
import type { RendererProps } from './types';
import './json-tree.css';

export const JSON_ENTRIES_SHOWN = 200;
/** Levels open when first shown (0 is the root). */
const OPEN_DEPTH = 2;

function Leaf({ value }: { value: unknown }) {
  if (value === null) return <span className="tl-json-null">null</span>;
  if (typeof value === 'string') return <span className="tl-json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') return <span className={`tl-json-${typeof value}`}>{String(value)}</span>;
  return <span className="tl-json-null">{String(value)}</span>;
}

const Node = memo(function Node({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const label = name === undefined ? null : <span className="tl-json-key">{name}: </span>;
  if (typeof value !== 'object' || value === null) {
    return (
      <div className="tl-json-leaf">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const shown = entries.slice(0, JSON_ENTRIES_SHOWN);
  const summary = isArray ? `Array(${entries.length})` : `Object {${entries.length} ${entries.length === 1 ? 'key' : 'keys'}}`;
  return (
    <details className="tl-json-node" open={depth < OPEN_DEPTH}>
      <summary>
        {label}
        <span className="tl-json-summary">{summary}</span>
      </summary>
      <div className="tl-json-children">
        {shown.map(([k, v]) => (
          <Node key={k} name={k} value={v} depth={depth + 1} />
        ))}
        {entries.length > shown.length && <div className="tl-json-more">… {entries.length - shown.length} more</div>}
      </div>
    </details>
  );
});

export function JsonTree({ data }: RendererProps) {
  return (
    <div className="tl-json" role="tree" aria-label="JSON output">
      <Node value={data} depth={0} />
    </div>
  );
}
