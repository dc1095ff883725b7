import { select } from 'd3-selection';
import { type ZoomBehavior, zoom, zoomIdentity } from 'd3-zoom';
import { type PointerEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { addAgentAt, moveAgentTo, toggleLinkBetween } from '../../store/editing';
import { useStore } from '../../store/index';
import { agentRadius, MAX_ALWAYS_LABELLED } from '../../store/stage/glyphShapes';
import { StaleRunBanner } from '../run/StaleRunBanner';
import { AggregateStage } from './AggregateStage';
import { CanvasSwarm } from './CanvasSwarm';
import { agentIndex, fitTransform, hitAgent, type Point, toWorld } from './geometry';
import { StageLegend } from './StageLegend';
import { SvgSwarm } from './SvgSwarm';
import { useLegendSections, useRunVocabulary } from './useLegend';
import './stage.css';

/** True once the worker has been building the swarm for a noticeable moment (no flicker on quick edits). */
function useSlowPending(): boolean {
  const pending = useStore((s) => s.topologyPending);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), 300);
    return () => clearTimeout(timer);
  }, [pending]);
  return slow;
}

/** The room the open legend takes at the stage's right (its CSS max-width plus its margin). */
const LEGEND_WIDTH_PX = 260;

/** Above this many agents the canvas renderer takes over from SVG. */
export const SVG_MAX_AGENTS = 500;

type Press =
  | { agent: number; start: Point; shift: boolean; moved: boolean }
  | { agent: -1; start: Point; moved: boolean };

/**
 * The editable swarm: zoom and pan (d3-zoom), select (click, shift-click), move
 * (drag), connect or disconnect (shift-drag from one agent to another), add
 * (double-click on empty space). Hit testing is geometric, so both renderers
 * behave the same.
 */
export function TopologyStage() {
  const topology = useStore((s) => s.topology);
  const selectedIds = useStore((s) => s.selected);
  const fitRequest = useStore((s) => s.fitRequest);
  // An aggregate (well-mixed) run has no swarm: the stage shows its own population, never the scenario's swarm.
  const aggregate = useStore((s) => aggregateAgentsOf(s.scenario.run));
  const [hovered, setHovered] = useState(-1);
  const pending = useSlowPending();
  const container = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const press = useRef<Press | null>(null);
  const userMoved = useRef(false);
  const [size, setSize] = useState({ width: 800, height: 600 });
  const [transform, setTransform] = useState({ k: 1, x: 400, y: 300 });
  const [drag, setDrag] = useState<{ agent: number; to: Point; connect: boolean } | null>(null);

  const n = topology?.agents.length ?? 0;
  const r = agentRadius(n) / transform.k;
  const tree = useMemo(() => (topology ? agentIndex(topology.positions) : null), [topology]);
  const selected = useMemo(() => {
    const ids = new Map(topology?.agents.map((a, i) => [a.id, i]));
    return new Set(selectedIds.map((id) => ids.get(id) ?? -1));
  }, [topology, selectedIds]);
  // Every label while they fit; beyond, the hovered and selected agents' only.
  const labelled = useCallback(
    (i: number) => n <= MAX_ALWAYS_LABELLED || i === hovered || selected.has(i),
    [n, hovered, selected],
  );
  const vocabulary = useRunVocabulary();
  const legend = useLegendSections(aggregate > 0, vocabulary);
  // The glyph parts the run can show: the SVG stage builds only those elements.
  const parts = useMemo(
    () => ({
      phases: vocabulary?.phases ?? false,
      decisions: (vocabulary?.decisions.length ?? 0) > 0,
      groups: vocabulary?.partitions ?? false,
    }),
    [vocabulary],
  );
  // The legend starts open where it leaves the swarm room, folded on a small stage; the user's choice then holds.
  const [legendChoice, setLegendChoice] = useState<boolean | null>(null);
  const legendOpen = legendChoice ?? (size.width >= 900 && size.height >= 480);
  const legendReserve = legendOpen && size.width >= 520 ? LEGEND_WIDTH_PX : 0;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) =>
      setSize({ width: entry.contentRect.width, height: entry.contentRect.height }),
    );
    observer.observe(el);
    const behaviour = zoom<HTMLDivElement, unknown>()
      .scaleExtent([0.05, 20])
      .filter((event: Event) => event.type === 'wheel' || press.current?.agent === -1)
      .on('zoom', (event) => {
        if (event.sourceEvent) userMoved.current = true;
        setTransform({ k: event.transform.k, x: event.transform.x, y: event.transform.y });
      });
    zoomRef.current = behaviour;
    select(el).call(behaviour).on('dblclick.zoom', null);
    return () => {
      observer.disconnect();
      select(el).on('.zoom', null);
    };
  }, []);

  const fitToScreen = useCallback(() => {
    const el = container.current;
    if (!el || !topology || !zoomRef.current) return;
    // The swarm fits beside the open legend, not under it.
    const f = fitTransform(topology.positions, size.width - legendReserve, size.height);
    select(el).call(zoomRef.current.transform, zoomIdentity.translate(f.x, f.y).scale(f.k));
  }, [topology, size, legendReserve]);

  useEffect(() => {
    if (!userMoved.current) fitToScreen();
  }, [fitToScreen]);
  const lastFitRequest = useRef(0);
  useEffect(() => {
    if (fitRequest > lastFitRequest.current) {
      lastFitRequest.current = fitRequest;
      userMoved.current = false;
      fitToScreen();
    }
  }, [fitRequest, fitToScreen]);

  const worldOf = (e: PointerEvent | React.MouseEvent): Point => {
    const box = container.current?.getBoundingClientRect();
    return toWorld(transform, { x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) });
  };
  const hit = (p: Point) => (tree ? hitAgent(tree, p, r * 1.6) : -1);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const p = worldOf(e);
    const agent = hit(p);
    press.current =
      agent >= 0 ? { agent, start: p, shift: e.shiftKey, moved: false } : { agent: -1, start: p, moved: false };
    if (agent >= 0) e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const current = press.current;
    const p = worldOf(e);
    if (!current) {
      if (n > MAX_ALWAYS_LABELLED) {
        const over = hit(p);
        if (over !== hovered) setHovered(over);
      }
      return;
    }
    if (Math.hypot(p.x - current.start.x, p.y - current.start.y) * transform.k > 3) current.moved = true;
    if (current.agent >= 0 && current.moved)
      setDrag({ agent: current.agent, to: p, connect: 'shift' in current && current.shift });
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const current = press.current;
    press.current = null;
    if (!current || !topology) return;
    const p = worldOf(e);
    const { select: setSelected, toggleSelected } = useStore.getState();
    if (current.agent < 0) {
      if (!current.moved) setSelected([]);
      return;
    }
    const id = topology.agents[current.agent].id;
    if (!current.moved) {
      if (e.shiftKey) toggleSelected(id);
      else setSelected([id]);
    } else if (drag?.connect) {
      const target = hit(p);
      if (target >= 0 && target !== current.agent) toggleLinkBetween(id, topology.agents[target].id);
      setDrag(null);
    } else moveAgentTo(id, p);
  };
  const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const p = worldOf(e);
    if (hit(p) < 0) addAgentAt(p);
  };

  // While dragging, draw the agent where the pointer is until the edited topology comes back.
  const positions = useMemo(() => {
    if (!topology || !drag || drag.connect) return topology?.positions ?? new Float64Array();
    const copy = topology.positions.slice();
    copy[2 * drag.agent] = drag.to.x;
    copy[2 * drag.agent + 1] = drag.to.y;
    return copy;
  }, [topology, drag]);
  // A new topology (the edit came back from the worker) ends any drag preview.
  const shownTopology = useRef(topology);
  if (shownTopology.current !== topology) {
    shownTopology.current = topology;
    if (drag) setDrag(null);
  }

  const connectLine = drag?.connect ? { from: drag.agent, to: drag.to } : null;
  return (
    <>
      <StaleRunBanner />
      <div
        ref={container}
        className="stage-surface"
        role="application"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the swarm editor is a keyboard-operable widget (its keys are in its name and the help).
        tabIndex={0}
        aria-label="Swarm editor: click to select, drag to move, shift-drag to link, double-click to add; keys N, P, M, K, C, Delete"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onDoubleClick={onDoubleClick}
        data-testid="stage"
      >
        {pending && (
          <p className="stage-note stage-pending" role="status">
            Building and laying out the swarm…
          </p>
        )}
        {aggregate > 0 && <AggregateStage agents={aggregate} />}
        {topology &&
          aggregate === 0 &&
          (n <= SVG_MAX_AGENTS ? (
            <SvgSwarm
              topology={topology}
              positions={positions}
              transform={transform}
              width={size.width}
              height={size.height}
              selected={selected}
              labelled={labelled}
              connectLine={connectLine}
              parts={parts}
            />
          ) : (
            <CanvasSwarm
              topology={topology}
              positions={positions}
              transform={transform}
              width={size.width}
              height={size.height}
              selected={selected}
              labelled={labelled}
              connectLine={connectLine}
            />
          ))}
        {(topology || aggregate > 0) && <StageLegend sections={legend} open={legendOpen} onToggle={setLegendChoice} />}
      </div>
    </>
  );
}

/** The population of an aggregate rumor run (`run.agentCount`), or 0 for a run on the swarm. */
function aggregateAgentsOf(run: { kind: string; agentCount?: unknown }): number {
  return run.kind === 'rumor' && typeof run.agentCount === 'number' && run.agentCount > 0 ? run.agentCount : 0;
}
