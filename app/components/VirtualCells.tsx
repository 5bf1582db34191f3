// The cell list of a long notebook, virtualised (issue 22, hole 6): only the cells near the
// viewport are mounted (their editor, outputs and Markdown); the rest are two or three spacer
// boxes whose heights are the cells' measured heights (an estimate from the source until a cell
// has been on screen once). Opening a 20,000-cell link mounted every cell in slices and froze
// the tab for 23 s; now opening, scrolling and typing cost the same for 20,000 cells as for 50.
//
// What keeps working: the active cell is always mounted (keyboard focus, editing, J/K, a
// command that selects a far-away cell, which scrolls there), `[data-cell-id]` is on every
// mounted cell, Run all and the outputs live in the store, not in the DOM. What does not: the
// browser's own find-in-page sees only the mounted cells.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNotebook } from '../notebook/store';
import { selectActiveId } from '../notebook/selectors';
import type { Cell as CellModel } from '../notebook/types';
import type { Commands } from './useCommands';
import { Cell } from './Cell';

/** Screens of cells mounted above and below the viewport (scrolling mounts before it shows). */
const OVERSCAN_SCREENS = 1;
/** Cells mounted before the first measurement (the top of a freshly opened notebook). */
const FIRST_CELLS = 30;

/** A cell's height before it has been measured: its source lines, plus outputs, in CSS pixels. */
function estimate(cell: CellModel | undefined): number {
  if (!cell) return 40;
  const src = cell.source;
  let lines = 1;
  for (let i = 0; i < src.length && lines < 400; i++) if (src.charCodeAt(i) === 10) lines++;
  if (cell.cell_type === 'markdown') return 16 + 22 * lines;
  return 26 + 19 * lines + 40 * cell.outputs.length;
}

/** The first index i with offsets[i + 1] > y (the cell at height y). */
function indexAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Props {
  ids: string[];
  commands: Commands;
}

export function VirtualCells({ ids, commands }: Props) {
  const top = useRef<HTMLDivElement>(null);
  /** Measured heights (border box + margin) by cell id; they survive unmounting. */
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [range, setRange] = useState({ start: 0, end: Math.min(ids.length, FIRST_CELLS) });
  const activeId = useNotebook(selectActiveId);

  const offsets = useMemo(() => {
    void measured; // recomputed when a measurement changes
    const cells = useNotebook.getState().doc.cells;
    const byId = cells.length === ids.length ? null : new Map(cells.map((c) => [c.id, c]));
    const o = new Float64Array(ids.length + 1);
    for (let i = 0; i < ids.length; i++) {
      const cell = byId ? byId.get(ids[i]) : cells[i];
      o[i + 1] = o[i] + (heights.current.get(ids[i]) ?? estimate(cell));
    }
    return o;
  }, [ids, measured]);

  // Which cells the viewport (plus a screen either side) shows, from the list's place on the page.
  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;
  const update = useCallback(() => {
    const el = top.current;
    if (!el) return;
    const o = offsetsRef.current;
    const n = o.length - 1;
    const y = -el.getBoundingClientRect().top;
    const over = window.innerHeight * OVERSCAN_SCREENS;
    const start = Math.max(0, indexAt(o, y - over));
    const end = Math.min(n, indexAt(o, y + window.innerHeight + over) + 1);
    setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
  }, []);
  useLayoutEffect(update, [update, offsets]);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), update()));
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [update]);

  // Measure the mounted cells (and again whenever one changes size: outputs, editing).
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    let frame = 0;
    let changed = false;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) {
        const el = e.target as HTMLElement;
        const id = el.dataset.cellId;
        if (!id) continue;
        // A cell scrolled out of range is removed, and ResizeObserver reports a removed element as
        // 0×0: taken as its height, every unmounted cell shrank the list, which moved the range,
        // which unmounted more cells, until only the active and the last cell were left.
        if (!el.isConnected) {
          ro.unobserve(el);
          continue;
        }
        const margin = parseFloat(getComputedStyle(el).marginBottom) || 0;
        const h = (e.borderBoxSize?.[0]?.blockSize ?? el.getBoundingClientRect().height) + margin;
        if (Math.abs((heights.current.get(id) ?? -1) - h) > 0.5) {
          heights.current.set(id, h);
          changed = true;
        }
      }
      if (changed && !frame) frame = requestAnimationFrame(() => ((frame = 0), (changed = false), setMeasured((m) => m + 1)));
    });
    observer.current = ro;
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      observer.current = null;
    };
  }, []);
  useLayoutEffect(() => {
    const ro = observer.current;
    const parent = top.current?.parentElement;
    if (!ro || !parent) return;
    for (const el of parent.querySelectorAll<HTMLElement>(':scope > [data-cell-id]')) ro.observe(el);
  });

  // A far-away cell made active (a command, a jump) is scrolled to; it then mounts in view.
  const activeIndex = useMemo(() => (activeId === null ? -1 : ids.indexOf(activeId)), [ids, activeId]);
  const lastActive = useRef<string | null>(null);
  useEffect(() => {
    if (activeId === lastActive.current) return;
    lastActive.current = activeId;
    const el = top.current;
    if (!el || activeIndex < 0 || (activeIndex >= range.start && activeIndex < range.end)) return;
    const listTop = el.getBoundingClientRect().top + window.scrollY;
    window.scrollTo({ top: Math.max(0, listTop + offsets[activeIndex] - window.innerHeight / 3) });
  }, [activeId, activeIndex, range, offsets]);

  // The cells to mount: the visible range, plus the active cell wherever it is.
  const shown: number[] = [];
  if (activeIndex >= 0 && activeIndex < range.start) shown.push(activeIndex);
  for (let i = range.start; i < Math.min(range.end, ids.length); i++) shown.push(i);
  if (activeIndex >= range.end && activeIndex < ids.length) shown.push(activeIndex);

  const out: React.ReactNode[] = [];
  let at = 0;
  const spacer = (from: number, to: number) => {
    if (to > from) out.push(<div key={`gap-${from}`} className="tl-cells-gap" aria-hidden="true" style={{ height: offsets[to] - offsets[from], overflowAnchor: 'none' }} />);
  };
  for (const i of shown) {
    spacer(at, i);
    out.push(<Cell key={ids[i]} id={ids[i]} index={i} count={ids.length} commands={commands} />);
    at = i + 1;
  }
  spacer(at, ids.length);
  return (
    <>
      <div ref={top} className="tl-cells-top" aria-hidden="true" />
      {out}
    </>
  );
}
