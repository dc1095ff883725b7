import { select } from 'd3-selection';
import { type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/index';
import { loadDiagram } from '../../store/inspectors/actions';
import { dropWords } from '../../store/inspectors/logRows';
import { seekTime } from '../../store/playback';
import { pictureOfSvg } from '../../store/sharing/elementPicture';
import { downloadBlob, fileSlug, rasterise } from '../../store/sharing/exportFiles';
import type { SpaceTimeModel } from '../../worker/protocol';
import { DOT_RECEIVE, DOT_SEND } from '../../worker/protocol';
import { clockOf, formatVector, type Relation, relationTo } from './causality';
import { ClockComparison, EventDetails } from './EventDetails';
import { LogImport } from './LogImport';
import { SpaceTimeControls } from './SpaceTimeControls';
import { type Layout, layoutSpaceTime, MARGIN } from './spaceTimeLayout';
import { zoomControl } from './zoomControl';
import './inspectors.css';

/** Labels drawn always only up to this many dots (beyond, hover shows them). */
const MAX_ALWAYS_LABELS = 5_000;

function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.max(320, Math.floor(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

/** The run (or an imported log) as lifelines, events and messages, following the player's cursor. */
export function SpaceTimeDiagram() {
  const s = useStore(
    useShallow((st) => ({
      trace: st.trace,
      cursor: st.cursor,
      playTime: st.playTime,
      diagram: st.diagram,
      imported: st.importedLog,
      source: st.diagramSource,
      error: st.diagramError,
      options: st.diagramOptions,
      inspected: st.inspectedEvent,
      compared: st.comparedEvent,
    })),
  );
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const model = s.source === 'log' ? s.imported : s.diagram;

  // The window of the run follows the cursor: rebuild when the cursor leaves it (or the run changes).
  useEffect(() => {
    if (s.source !== 'run' || !s.trace) return;
    const d = useStore.getState().diagram;
    const windowEnd = d ? d.firstIndex + (s.trace.length - d.omitted) : 0;
    const inside = d && s.cursor >= d.firstIndex && s.cursor < windowEnd;
    if (inside && diagramTrace === s.trace) return;
    diagramTrace = s.trace;
    const id = setTimeout(() => void loadDiagram(), 30);
    return () => clearTimeout(id);
  }, [s.source, s.trace, s.cursor]);

  return (
    <div className="space-time" ref={box}>
      <SpaceTimeControls model={model} />
      {s.error && (
        <p className="field-error" role="alert">
          {s.error}
        </p>
      )}
      {s.source === 'log' && <LogImport />}
      {!model ? (
        <p className="hint">
          {s.source === 'run' ? 'Run a scenario to draw its space-time diagram.' : 'Import a log to draw it.'}
        </p>
      ) : (
        <Diagram model={model} width={width} />
      )}
    </div>
  );
}

let diagramTrace: unknown = null;

/** The dots whose label fits: on each lane, a label starts only after the previous one ends. */
function spacedLabels(m: SpaceTimeModel, layout: Layout, chars: (d: number) => number): number[] {
  const freeFrom = new Map<number, number>();
  const out: number[] = [];
  for (const d of layout.dots) {
    const x = layout.x(d);
    if (x < (freeFrom.get(m.agent[d]) ?? Number.NEGATIVE_INFINITY)) continue;
    out.push(d);
    freeFrom.set(m.agent[d], x + chars(d) * 5.2 + 8);
  }
  return out;
}

function dotOfEvent(m: SpaceTimeModel, index: number): number {
  if (index < 0) return -1;
  return m.index.indexOf(index);
}

function Diagram({ model: m, width }: { model: SpaceTimeModel; width: number }) {
  const options = useStore((st) => st.diagramOptions);
  const cursor = useStore((st) => st.cursor);
  const playTime = useStore((st) => st.playTime);
  const inspected = useStore((st) => st.inspectedEvent);
  const compared = useStore((st) => st.comparedEvent);
  const svgRef = useRef<SVGSVGElement>(null);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [hover, setHover] = useState(-1);
  const layout = useMemo(() => layoutSpaceTime(m, options, width, transform), [m, options, width, transform]);

  // d3-zoom owns the wheel/drag gestures on the SVG; only x is rescaled (zoom along time).
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 200])
      .filter((e: Event) => e.type === 'wheel' || (e.type === 'mousedown' && (e as MouseEvent).altKey))
      .on('zoom', (e: { transform: ZoomTransform }) => setTransform(e.transform));
    const sel = select(svg);
    sel.call(behaviour);
    zoomControl.reset = () => sel.call(behaviour.transform, zoomIdentity);
    return () => {
      sel.on('.zoom', null);
    };
  }, []);

  // Clicks, hovers and cursor drags are read from the SVG (data attributes say what was hit).
  const live = useRef({ m, layout });
  live.current = { m, layout };
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    let dragging = -1;
    const dotOf = (e: Event) => Number((e.target as Element).getAttribute?.('data-dot') ?? -1);
    const onClick = (e: MouseEvent) => {
      const d = dotOf(e);
      if (d < 0) return;
      const st = useStore.getState();
      const index = live.current.m.index[d];
      if (e.shiftKey && st.inspectedEvent >= 0) st.inspect(index, true);
      else st.inspect(index);
    };
    const onOver = (e: PointerEvent) => setHover(dotOf(e));
    const onDown = (e: PointerEvent) => {
      // Shift-click compares events; it must not start a text selection.
      if (e.shiftKey) e.preventDefault();
      if (!(e.target as Element).hasAttribute?.('data-cursor-handle')) return;
      dragging = e.pointerId;
      svg.setPointerCapture(e.pointerId);
      e.stopPropagation();
    };
    const onMove = (e: PointerEvent) => {
      if (e.pointerId !== dragging) return;
      const at = live.current.layout.atX(e.clientX - svg.getBoundingClientRect().left);
      if (at.index >= 0) useStore.getState().setCursor(at.index);
      else seekTime(at.t);
    };
    const onUp = (e: PointerEvent) => {
      if (e.pointerId === dragging) dragging = -1;
    };
    svg.addEventListener('click', onClick);
    svg.addEventListener('pointerover', onOver);
    svg.addEventListener('pointerdown', onDown);
    svg.addEventListener('pointermove', onMove);
    svg.addEventListener('pointerup', onUp);
    return () => {
      svg.removeEventListener('click', onClick);
      svg.removeEventListener('pointerover', onOver);
      svg.removeEventListener('pointerdown', onDown);
      svg.removeEventListener('pointermove', onMove);
      svg.removeEventListener('pointerup', onUp);
    };
  }, []);

  const problemLines = useMemo(() => new Set(m.problems.map((p) => p.line)), [m]);
  const sel = dotOfEvent(m, inspected);
  const other = dotOfEvent(m, compared);
  const relation = (d: number): Relation | null => (sel >= 0 ? relationTo(m, sel, d) : null);
  const clockText = (d: number) => {
    const v = formatVector(m.agentIds, clockOf(m, d));
    if (options.clock === 'lamport') return `L${m.lamport[d]}`;
    if (options.clock === 'both') return `${v} L${m.lamport[d]}`;
    return v;
  };
  const alwaysLabels = options.labels === 'always' && layout.dots.length <= MAX_ALWAYS_LABELS;

  return (
    <>
      <DiagramExport svg={svgRef} />
      <svg
        ref={svgRef}
        className="space-time-svg"
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={`Space-time diagram: ${m.agentIds.length} agents, ${m.count} events, ${m.arrows.length} messages`}
      >
        <defs>
          <marker id="st-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="#5b6b7c" />
          </marker>
          <clipPath id="st-clip">
            <rect x={MARGIN.left - 6} y={0} width={Math.max(0, layout.width - MARGIN.left)} height={layout.height} />
          </clipPath>
        </defs>
        <Lifelines m={m} layout={layout} />
        <g clipPath="url(#st-clip)">
          <Intervals m={m} layout={layout} />
          <Arrows m={m} layout={layout} faded={sel >= 0} />
          {layout.dots.map((d) => {
            const r = relation(d);
            const cls = [
              'dot',
              r === 'past' ? 'past' : r === 'future' ? 'future' : r === 'concurrent' ? 'concurrent' : '',
              d === sel || d === other ? 'selected-dot' : '',
              m.source === 'log' && problemLines.has(m.index[d]) ? 'problem-dot' : '',
            ].join(' ');
            return (
              <circle
                key={d}
                className={cls}
                data-event={m.index[d]}
                data-relation={r ?? undefined}
                cx={layout.x(d)}
                cy={layout.y(m.agent[d])}
                r={d === sel || d === other ? 6 : 4}
                fill={m.type[d] === DOT_SEND ? '#1b1f24' : m.type[d] === DOT_RECEIVE ? '#59636e' : '#ffffff'}
                stroke="#1b1f24"
                data-dot={d}
              >
                <title>{`${m.agentIds[m.agent[d]]} ${m.label[d]} (#${m.index[d]}) ${clockText(d)}`}</title>
              </circle>
            );
          })}
          {(alwaysLabels ? spacedLabels(m, layout, (d) => clockText(d).length) : hover >= 0 ? [hover] : []).map((d) => (
            <text key={`l${d}`} className="clock-label" x={layout.x(d) + 5} y={layout.y(m.agent[d]) - 7}>
              {clockText(d)}
            </text>
          ))}
          {m.source === 'trace' && <CursorLine layout={layout} cursor={cursor} playTime={playTime} />}
        </g>
      </svg>
      <p className="hint">
        Click an event for its causal past (blue), future (green) and concurrent events (orange); shift-click a second
        event to compare clocks. Wheel zooms along time; Alt-drag pans.
        {m.omitted > 0
          ? ` Showing trace events ${m.firstIndex}–${m.firstIndex + m.count - 1} around the cursor; clocks count from event ${m.firstIndex}.`
          : ''}
      </p>
      {sel >= 0 && <EventDetails m={m} dot={sel} />}
      {sel >= 0 && other >= 0 && <ClockComparison m={m} a={sel} b={other} />}
    </>
  );
}

function Lifelines({ m, layout }: { m: SpaceTimeModel; layout: Layout }) {
  return (
    <g>
      {[...layout.lane.keys()].map((a) => (
        <g key={a}>
          <text x={6} y={layout.y(a) + 4} fontSize={11}>
            {m.agentIds[a]}
          </text>
          <line
            className="lifeline"
            x1={MARGIN.left - 6}
            x2={layout.width - MARGIN.right}
            y1={layout.y(a)}
            y2={layout.y(a)}
          />
        </g>
      ))}
    </g>
  );
}

function Intervals({ m, layout }: { m: SpaceTimeModel; layout: Layout }) {
  return (
    <g>
      {m.intervals.map((iv) => {
        const x1 = layout.xOfTime(iv.startT);
        const x2 = Math.max(x1 + 3, layout.xOfTime(iv.endT));
        if (iv.agent >= 0 && !layout.lane.has(iv.agent)) return null;
        const y = iv.agent >= 0 ? layout.y(iv.agent) - 12 : MARGIN.top - 4;
        const h = iv.agent >= 0 ? 24 : layout.height - MARGIN.top - MARGIN.bottom + 8;
        return (
          <rect
            key={`${iv.kind}-${iv.agent}-${iv.startT}`}
            data-interval={iv.kind}
            x={x1}
            y={y}
            width={x2 - x1}
            height={h}
            fill={iv.kind === 'crash' ? 'rgba(179, 38, 30, 0.18)' : 'rgba(124, 58, 237, 0.08)'}
            stroke={iv.kind === 'crash' ? 'rgba(179, 38, 30, 0.5)' : 'rgba(124, 58, 237, 0.4)'}
            strokeDasharray="4 3"
          >
            <title>{iv.label}</title>
          </rect>
        );
      })}
    </g>
  );
}

function Arrows({ m, layout, faded }: { m: SpaceTimeModel; layout: Layout; faded: boolean }) {
  const shown = new Set(layout.dots);
  return (
    <g className={faded ? 'faded-arrows' : undefined}>
      {m.arrows.map((a) => {
        if (!shown.has(a.from) || !layout.lane.has(a.toAgent)) return null;
        const x1 = layout.x(a.from);
        const y1 = layout.y(m.agent[a.from]);
        const y2 = layout.y(a.toAgent);
        if (a.dropped) {
          const x2 = Math.max(x1 + 10, layout.xOfTime(a.endT));
          const xm = (x1 + x2) / 2;
          const ym = (y1 + y2) / 2;
          return (
            <g key={`x${a.from}-${a.toAgent}-${a.endT}`} data-arrow="dropped">
              <line className="arrow dropped" x1={x1} y1={y1} x2={xm} y2={ym} />
              <path
                className="arrow dropped"
                d={`M${xm - 4},${ym - 4} L${xm + 4},${ym + 4} M${xm - 4},${ym + 4} L${xm + 4},${ym - 4}`}
              />
              <title>{`${a.tag}: ${dropWords(a.reason, m.agentIds[m.agent[a.from]], m.agentIds[a.toAgent])}`}</title>
            </g>
          );
        }
        if (!shown.has(a.to)) return null;
        return (
          <line
            key={`m${a.from}-${a.to}`}
            data-arrow={a.duplicate ? 'duplicate' : 'message'}
            className={`arrow${a.duplicate ? ' duplicate' : ''}`}
            x1={x1}
            y1={y1}
            x2={layout.x(a.to)}
            y2={y2}
            markerEnd="url(#st-arrow)"
          />
        );
      })}
    </g>
  );
}

/** The player's cursor; dragging its handle scrubs the run (the SVG's pointer listeners do the dragging). */
function CursorLine({ layout, cursor, playTime }: { layout: Layout; cursor: number; playTime: number }) {
  const x = layout.xOfCursor(cursor, playTime);
  return (
    <g data-testid="diagram-cursor" data-x={Math.round(x)}>
      <line className="cursor-line" x1={x} x2={x} y1={4} y2={layout.height - 4} />
      <rect
        className="cursor-handle"
        data-cursor-handle=""
        x={x - 6}
        y={0}
        width={12}
        height={layout.height}
        fillOpacity={0.15}
      />
    </g>
  );
}

/** Saves the diagram as drawn (zoom, filters, labels) as an SVG or PNG file. */
function DiagramExport({ svg }: { svg: { current: SVGSVGElement | null } }) {
  const [message, setMessage] = useState('');
  const save = async (format: 'svg' | 'png') => {
    const element = svg.current;
    const picture = element ? pictureOfSvg(element, 'Space-time diagram') : undefined;
    if (!picture) {
      setMessage('The diagram is too large to save as a picture; filter agents or zoom in first.');
      return;
    }
    const name = `${fileSlug(useStore.getState().scenario.name)}.space-time.${format}`;
    try {
      const blob = format === 'svg' ? new Blob([picture.svg], { type: 'image/svg+xml' }) : await rasterise(picture);
      downloadBlob(blob, name);
      setMessage(`Saved ${name}.`);
    } catch (error) {
      setMessage(`The picture could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="button-row diagram-export">
      <button type="button" onClick={() => void save('svg')}>
        Save diagram as SVG
      </button>
      <button type="button" onClick={() => void save('png')}>
        Save diagram as PNG
      </button>
      <span role="status" className="hint">
        {message}
      </span>
    </div>
  );
}
