// Where find-and-replace touches the page: matches in what the outputs show (their DOM text, as
// JupyterLab searches rendered outputs), highlights (Monaco decorations in code cells, the CSS
// Custom Highlight API for outputs and rendered Markdown, which changes no DOM), and replacing
// through a code cell's Monaco model so that Ctrl+Z in the cell undoes it.
import { useNotebook } from '../notebook/store';
import { setModelText, sourceModel, type MonacoApi } from '../editor/monaco';
import { matchesIn, offsetToPosition, type SourceMatch } from './find';

export interface OutputMatch {
  cellId: string;
  range: Range;
}

export type Match = ({ kind: 'source' } & SourceMatch) | ({ kind: 'output' } & OutputMatch);

const cellElement = (id: string) => document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(id)}"]`);

/** DOM ranges of the matches of `re` in the text under `root` (a match may span text nodes). */
export function domMatches(root: Element, re: RegExp, limit = 1000): Range[] {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(text.length);
    text += (n as Text).data;
  }
  const at = (offset: number, end: boolean): [Text, number] => {
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] < offset || (!end && starts[mid] === offset)) lo = mid;
      else hi = mid - 1;
    }
    return [nodes[lo], offset - starts[lo]];
  };
  return matchesIn(text, re, limit).map((m) => {
    const r = document.createRange();
    r.setStart(...at(m.start, false));
    r.setEnd(...at(m.end, true));
    return r;
  });
}

/** Matches in each listed cell's rendered outputs. */
export function outputMatches(cellIds: readonly string[], re: RegExp, limit = 5000): Map<string, OutputMatch[]> {
  const out = new Map<string, OutputMatch[]>();
  let n = 0;
  for (const id of cellIds) {
    const box = cellElement(id)?.querySelector('.tl-outputs');
    if (!box || n >= limit) continue;
    const ranges = domMatches(box, re, limit - n);
    n += ranges.length;
    if (ranges.length) out.set(id, ranges.map((range) => ({ cellId: id, range })));
  }
  return out;
}

type HighlightRegistry = Map<string, unknown> & { set(name: string, h: unknown): void; delete(name: string): boolean };
const registry = (): HighlightRegistry | null => ((globalThis.CSS as unknown as { highlights?: HighlightRegistry })?.highlights ?? null);
const HighlightCtor = () => (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;

/** Highlights DOM ranges (outputs, rendered Markdown); the current one in its own colour. */
export function highlightRanges(all: Range[], current: Range | null) {
  const reg = registry();
  const H = HighlightCtor();
  if (!reg || !H) return;
  reg.set('tl-find', new H(...all.filter((r) => r !== current)));
  if (current) reg.set('tl-find-current', new H(current));
  else reg.delete('tl-find-current');
}

const modelDecorations = new Map<string, string[]>();

/** Monaco decorations for the source matches of every cell with a model (code cells, Markdown cells once edited), so any editor shows them. */
export function decorateSources(monaco: MonacoApi | null, matches: readonly SourceMatch[], current: SourceMatch | null) {
  if (!monaco) return;
  const byCell = new Map<string, SourceMatch[]>();
  for (const m of matches) byCell.set(m.cellId, [...(byCell.get(m.cellId) ?? []), m]);
  const cells = useNotebook.getState().doc.cells;
  const sources = new Map(cells.map((c) => [c.id, c.source]));
  for (const id of new Set([...modelDecorations.keys(), ...byCell.keys()])) {
    const model = sourceModel(monaco, id);
    if (!model) {
      modelDecorations.delete(id);
      continue;
    }
    const source = sources.get(id) ?? model.getValue();
    const next = (byCell.get(id) ?? []).map((m) => {
      const s = offsetToPosition(source, m.start);
      const e = offsetToPosition(source, m.end);
      return {
        range: { startLineNumber: s.lineNumber, startColumn: s.column, endLineNumber: e.lineNumber, endColumn: e.column },
        options: { inlineClassName: m === current ? 'tl-find-match tl-find-current' : 'tl-find-match', stickiness: 1 },
      };
    });
    const ids = model.deltaDecorations(modelDecorations.get(id) ?? [], next);
    if (ids.length) modelDecorations.set(id, ids);
    else modelDecorations.delete(id);
  }
}

/** Brings the current match into view, with its line when the cell's editor is mounted. */
export function reveal(monaco: MonacoApi | null, m: Match) {
  const el = cellElement(m.cellId);
  if (m.kind === 'output') {
    const box = m.range.startContainer.parentElement;
    box?.scrollIntoView({ block: 'nearest' });
    return;
  }
  const model = monaco ? sourceModel(monaco, m.cellId) : null;
  const editor = model ? monaco!.editor.getEditors().find((e) => e.getModel() === model) : undefined;
  const host = editor?.getContainerDomNode();
  if (editor && host && model) {
    const line = offsetToPosition(model.getValue(), m.start).lineNumber;
    const top = host.getBoundingClientRect().top + editor.getTopForLineNumber(line);
    if (top < 80 || top > window.innerHeight - 40) window.scrollBy({ top: top - window.innerHeight / 2 });
  } else el?.scrollIntoView({ block: 'nearest' });
}

/**
 * Replaces a cell's source. A cell with a Monaco model (code, or Markdown once edited) is edited through the model, as one
 * undo step, so Ctrl+Z in that cell brings the text back (JupyterLab's replace is undone the
 * same way); other cells are set directly.
 */
export function applySource(monaco: MonacoApi | null, cellId: string, next: string) {
  const a = useNotebook.getState().actions;
  const model = monaco ? sourceModel(monaco, cellId) : null;
  const cell = useNotebook.getState().doc.cells.find((c) => c.id === cellId);
  if (model && cell && model.getValue() === cell.source) {
    setModelText(model, next);
    a.setSource(cellId, model.getValue());
  } else a.setSource(cellId, next);
}
