// application/vnd.torchlit.module.v1+json: the module's repr as a collapsible tree, each
// module with its parameter count.
import { MIME, type ModuleJson } from '../protocol/outputs';
import { escapeHtml, formatCount } from './escape';
import type { Fallback, RendererProps } from './types';

const typeOf = (m: ModuleJson) => m.class;
const extraOf = (m: ModuleJson) => m.extra_repr;
const countOf = (m: ModuleJson): number => m.total_params;

function Node({ node, depth }: { node: ModuleJson; depth: number }) {
  const label = (
    <>
      {node.name && <span className="tl-mod-name">({node.name}): </span>}
      <span className="tl-mod-type">{typeOf(node)}</span>
      {extraOf(node) && <span className="tl-mod-extra">({extraOf(node)})</span>}
      <span className="tl-mod-count">
        {formatCount(countOf(node))} params
        {node.trainable_params !== countOf(node) && <> ({formatCount(node.trainable_params)} trainable)</>}
      </span>
    </>
  );
  if (!node.children.length) return <li className="tl-mod-leaf">{label}</li>;
  return (
    <li>
      <details open={depth < 2}>
        <summary>{label}</summary>
        <ul>
          {node.children.map((c, i) => (
            <Node key={i} node={c} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function ModuleOutput({ data }: RendererProps<ModuleJson>) {
  return (
    <ul className="tl-module" aria-label={`${typeOf(data)} module tree`}>
      <Node node={data} depth={0} />
    </ul>
  );
}

function fallbackNode(m: ModuleJson): string {
  const name = m.name ? `(${escapeHtml(m.name)}): ` : '';
  const extra = extraOf(m) ? `(${escapeHtml(extraOf(m))})` : '';
  const head = `${name}<b>${escapeHtml(typeOf(m))}</b>${extra} <i>${formatCount(countOf(m))} params</i>`;
  const kids = m.children.length ? `<ul>${m.children.map((c) => `<li>${fallbackNode(c)}</li>`).join('')}</ul>` : '';
  return head + kids;
}

export function moduleFallback(m: ModuleJson): Fallback {
  return { mime: 'text/html', text: `<div class="torchlit-module">${fallbackNode(m)}</div>` };
}

export const moduleRenderer = { mime: MIME.module, component: ModuleOutput, fallback: moduleFallback };
