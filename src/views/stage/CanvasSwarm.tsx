import { memo, useEffect, useMemo, useRef } from 'react';
import { useStore } from '../../store/index';
import {
  decisionColour,
  glyphFill,
  glyphSize,
  PROJECTOR_GLYPH_SCALE,
  phaseArcPath,
} from '../../store/stage/glyphShapes';
import { groupOutlines, partitionGroupOf } from '../../store/stage/partitionGroups';
import { cutLinks, glyphChangesBetween } from '../../store/traceIndex';
import type { DrawnTopology } from '../../worker/protocol';
import { paintFlights } from './drawFlights';
import { currentFrame, type Frame, onFrameChange } from './frame';
import { drawLessonFocus } from './lessonFocusRing';
import { BEHAVIOUR_BADGE, COLOURS, GROUP_TINTS, PHASE_COLOURS } from './palette';

type View = { k: number; x: number; y: number };

interface Props {
  topology: DrawnTopology;
  positions: Float64Array;
  transform: View;
  width: number;
  height: number;
  selected: ReadonlySet<number>;
  labelled: (i: number) => boolean;
  connectLine: { from: number; to: { x: number; y: number } } | null;
}

/**
 * Canvas renderer for large swarms (hundreds to thousands of agents): the same glyph model and
 * interactions as the SVG renderer (hit testing is geometric and shared), drawn imperatively,
 * one path per colour, so 5,000 agents are a handful of fills.
 */
export const CanvasSwarm = memo(function CanvasSwarm({
  topology,
  positions: p,
  transform: t,
  width,
  height,
  selected,
  labelled,
  connectLine,
}: Props) {
  const baseRef = useRef<HTMLCanvasElement>(null);
  const agentsRef = useRef<HTMLCanvasElement>(null);
  const dotsRef = useRef<HTMLCanvasElement>(null);
  const n = topology.agents.length;
  // Projector mode draws larger glyphs: a toggle redraws the stage.
  const projector = useStore((s) => s.prefs.projector);
  // Lesson focus: the open step's agents, ringed and labelled (one separate addition, see lessonFocusRing.ts).
  const lessonFocus = useStore((s) => s.lessonFocus);
  const focused = useMemo(() => {
    const ids = new Set(lessonFocus);
    return topology.agents.flatMap((a, i) => (ids.has(a.id) ? [i] : []));
  }, [topology.agents, lessonFocus]);
  const labels = useMemo(
    () => topology.agents.map((_, i) => labelled(i) || focused.includes(i)),
    [topology.agents, labelled, focused],
  );

  // Three canvases, each redrawn only as far as what it shows changes: the links (with the
  // partition's groups and cut links) when the view or the partition changes; the agents when a
  // glyph changes, and then only the agents that changed, drawn over their old glyphs; the messages
  // in flight every frame. Measured on a 5,000-agent replay, drawing every agent each frame cost
  // more than the rest of the frame together (a canvas's drawing is rasterised when it is shown).
  useEffect(() => {
    const layers = [baseRef.current, agentsRef.current, dotsRef.current];
    const [base, agents, dots] = layers.map((c) => c?.getContext('2d') ?? null);
    if (!base || !agents || !dots) return;
    const dpr = window.devicePixelRatio || 1;
    for (const c of layers) {
      if (!c) continue;
      c.width = Math.round(width * dpr);
      c.height = Math.round(height * dpr);
    }
    const size = glyphSize(n, projector ? PROJECTOR_GLYPH_SCALE : 1);
    const view: DrawView = { p, t, n, size, malicious: topology.agents.map((a) => a.behaviour !== 'honest') };
    let partition: Frame['partition'] | undefined;
    let groupOf: Int32Array | null = null;
    // What the agents layer shows: the run and event its glyphs are of (null: drawn without a run).
    let drawn: { source: unknown; cursor: number } | null | undefined;
    let lastSource: unknown;
    const overlays = () => {
      drawBadges(agents, view, topology, selected);
      drawLessonFocus(agents, focused, (i) => [sx(view, i), sy(view, i)], size.ringR);
      drawLabels(agents, view, topology, labels, selected);
    };
    const drawAgents = (frame: Frame) => {
      const g = frame.glyphs;
      const source = g?.source;
      if (g && source && drawn && drawn.source === source && g.cursor >= drawn.cursor) {
        const { agents: changed, drawnOver } = glyphChangesBetween(source, drawn.cursor, g.cursor);
        drawn = { source, cursor: g.cursor };
        if (changed.length === 0) return;
        if (drawnOver && changed.length <= n / 4) {
          drawBodies(agents, view, frame, changed);
          drawRings(agents, view, frame, changed);
          overlays();
          return;
        }
      } else if (!g && drawn === null) return;
      clear(agents, dpr);
      if (groupOf) drawHalos(agents, view, groupOf);
      drawBodies(agents, view, frame);
      drawRings(agents, view, frame);
      overlays();
      // When a run's first frame reached the screen (npm run bench:e2e times click → first frame by it).
      if (source && source !== lastSource && agents.canvas.dataset)
        agents.canvas.dataset.runDrawnAt = String(performance.now());
      lastSource = source;
      drawn = g && source ? { source, cursor: g.cursor } : null;
    };
    let dotsShown = true;
    const draw = () => {
      const frame = currentFrame(n);
      if (frame.partition !== partition) {
        partition = frame.partition;
        groupOf = partitionGroupOf(partition, n);
        drawBase(base, view, topology, partition, groupOf, connectLine, dpr);
        drawn = undefined;
      }
      drawAgents(frame);
      if (frame.flights.count > 0 || dotsShown) {
        clear(dots, dpr);
        paintFlights(dots, frame.flights, p, t, Math.max(2, size.r * 0.6));
        dotsShown = frame.flights.count > 0;
      }
    };
    draw();
    return onFrameChange(draw);
  }, [topology, p, t, width, height, selected, connectLine, n, labels, focused, projector]);

  const style = { width, height };
  return (
    <>
      <canvas
        ref={baseRef}
        className="stage-canvas"
        style={style}
        role="img"
        aria-label={`Swarm of ${n} agents and ${topology.links.length} links (drawn on canvas)`}
        data-testid="topology-canvas"
      />
      <canvas ref={agentsRef} className="stage-canvas" style={style} data-testid="stage-agents-layer" />
      <canvas ref={dotsRef} className="stage-canvas" style={style} />
    </>
  );
});

/** Clears a layer and leaves it set to CSS pixels. */
function clear(ctx: CanvasRenderingContext2D, dpr: number): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}

/** The base layer: the partition's group outlines, the links, the cut links dashed, the link being drawn. */
function drawBase(
  ctx: CanvasRenderingContext2D,
  v: DrawView,
  topology: DrawnTopology,
  partition: Frame['partition'],
  groupOf: Int32Array | null,
  connectLine: Props['connectLine'],
  dpr: number,
): void {
  const { p, t } = v;
  clear(ctx, dpr);
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  if (groupOf)
    drawOutlines(
      ctx,
      groupOutlines(groupOf, p).map(({ group, d }) => ({ group, path: new Path2D(d) })),
      t.k,
    );
  ctx.save();
  ctx.lineWidth = 1 / t.k;
  ctx.strokeStyle = COLOURS.link;
  ctx.globalAlpha = 0.5;
  ctx.beginPath();
  for (const [a, b] of topology.links) {
    ctx.moveTo(p[2 * a], p[2 * a + 1]);
    ctx.lineTo(p[2 * b], p[2 * b + 1]);
  }
  ctx.stroke();
  ctx.restore();
  if (partition) drawCutLinks(ctx, topology.links, cutLinks(topology.links, partition, v.n), p, t.k);
  if (connectLine) {
    ctx.strokeStyle = COLOURS.selected;
    ctx.lineWidth = 2 / t.k;
    ctx.beginPath();
    ctx.moveTo(p[2 * connectLine.from], p[2 * connectLine.from + 1]);
    ctx.lineTo(connectLine.to.x, connectLine.to.y);
    ctx.stroke();
  }
}

interface DrawView {
  p: Float64Array;
  t: View;
  n: number;
  size: ReturnType<typeof glyphSize>;
  malicious: boolean[];
}

/** 0 … n − 1, made once per size (the full set of agents to draw). */
let everyone = new Int32Array(0);
function allAgents(n: number): Int32Array {
  if (everyone.length !== n) everyone = Int32Array.from({ length: n }, (_, i) => i);
  return everyone;
}

const sx = (v: DrawView, i: number) => v.p[2 * i] * v.t.k + v.t.x;
const sy = (v: DrawView, i: number) => v.p[2 * i + 1] * v.t.k + v.t.y;

/** The partition's groups as light tinted outlines, padded around their members. */
function drawOutlines(ctx: CanvasRenderingContext2D, outlines: { group: number; path: Path2D }[], k: number): void {
  if (outlines.length === 0) return;
  ctx.save();
  ctx.globalAlpha = 0.14;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.lineWidth = 28 / k;
  for (const { group, path } of outlines) {
    const tint = GROUP_TINTS[group % GROUP_TINTS.length];
    ctx.fillStyle = tint;
    ctx.strokeStyle = tint;
    ctx.fill(path);
    ctx.stroke(path);
  }
  ctx.restore();
}

/** Each agent's group colour as a halo under it, so membership never depends on the outline alone. */
function drawHalos(ctx: CanvasRenderingContext2D, v: DrawView, groupOf: Int32Array): void {
  const groups = Math.max(...groupOf) + 1;
  ctx.save();
  ctx.globalAlpha = 0.45;
  for (let g = 0; g < groups; g++) {
    ctx.fillStyle = GROUP_TINTS[g % GROUP_TINTS.length];
    ctx.beginPath();
    for (let i = 0; i < v.n; i++) {
      if (groupOf[i] !== g) continue;
      const r = v.size.r + 3;
      ctx.moveTo(sx(v, i) + r, sy(v, i));
      ctx.arc(sx(v, i), sy(v, i), r, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  ctx.restore();
}

/** Bodies in one path per fill colour: circles for honest agents, diamonds for malicious ones; crashed ones crossed. */
function drawBodies(ctx: CanvasRenderingContext2D, v: DrawView, frame: Frame, only?: readonly number[]): void {
  const g = frame.glyphs;
  const fills = new Map<string, number[]>();
  const agents = only ?? allAgents(v.n);
  for (const i of agents) {
    const fill = g ? glyphFill(g, i) : COLOURS.idle;
    let list = fills.get(fill);
    if (!list) fills.set(fill, (list = []));
    list.push(i);
  }
  const r = v.size.r;
  for (const [fill, agents] of fills) {
    ctx.fillStyle = fill;
    ctx.beginPath();
    for (const i of agents) {
      const x = sx(v, i);
      const y = sy(v, i);
      if (v.malicious[i]) {
        ctx.moveTo(x, y - r * 1.4);
        ctx.lineTo(x + r * 1.4, y);
        ctx.lineTo(x, y + r * 1.4);
        ctx.lineTo(x - r * 1.4, y);
        ctx.closePath();
      } else {
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
    }
    ctx.fill();
  }
  ctx.strokeStyle = COLOURS.maliciousEdge;
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  for (const i of agents) {
    if (!v.malicious[i]) continue;
    const x = sx(v, i);
    const y = sy(v, i);
    ctx.moveTo(x, y - r * 1.4);
    ctx.lineTo(x + r * 1.4, y);
    ctx.lineTo(x, y + r * 1.4);
    ctx.lineTo(x - r * 1.4, y);
    ctx.closePath();
  }
  ctx.stroke();
  if (!g) return;
  ctx.strokeStyle = '#555';
  ctx.beginPath();
  for (const i of agents) {
    if (!g.crashed[i]) continue;
    const x = sx(v, i);
    const y = sy(v, i);
    const c = r + 1.5;
    ctx.moveTo(x - c, y - c);
    ctx.lineTo(x + c, y + c);
    ctx.moveTo(x + c, y - c);
    ctx.lineTo(x - c, y + c);
  }
  ctx.stroke();
}

/** Decision rings, and the phase ring of multi-phase protocols. */
function drawRings(ctx: CanvasRenderingContext2D, v: DrawView, frame: Frame, only?: readonly number[]): void {
  const g = frame.glyphs;
  if (!g) return;
  const agents = only ?? allAgents(v.n);
  ctx.lineWidth = 2;
  for (const i of agents) {
    const ring = decisionColour(g, i);
    if (!ring) continue;
    ctx.strokeStyle = ring;
    ctx.beginPath();
    ctx.arc(sx(v, i), sy(v, i), v.size.r + 2.5, 0, 2 * Math.PI);
    ctx.stroke();
  }
  const phases = g.phases;
  if (!phases) return;
  ctx.lineWidth = v.size.ringWidth;
  for (const i of agents) {
    ctx.save();
    ctx.translate(sx(v, i), sy(v, i));
    for (let k = 0; k < 3; k++) {
      const d = phaseArcPath(v.size.ringR, k, phases[3 * i + k]);
      if (!d) continue;
      ctx.strokeStyle = PHASE_COLOURS[k];
      ctx.stroke(new Path2D(d));
    }
    ctx.restore();
  }
}

/** Behaviour badges (≥ 10 px tall) on malicious agents, and the selection ring. */
function drawBadges(
  ctx: CanvasRenderingContext2D,
  v: DrawView,
  topology: DrawnTopology,
  selected: ReadonlySet<number>,
) {
  const h = v.size.badgeH;
  ctx.font = `700 ${v.size.badgeFont}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < v.n; i++) {
    if (!v.malicious[i]) continue;
    const text = BEHAVIOUR_BADGE[topology.agents[i].behaviour] ?? '!';
    const w = Math.max(h, v.size.badgeFont * 0.65 * text.length + 5);
    const x = sx(v, i) + v.size.r * 0.6;
    const y = sy(v, i) - v.size.r * 1.4 - h * 0.45;
    ctx.fillStyle = COLOURS.badge;
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, 3);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.fillText(text, x + w / 2, y + h / 2 + 0.5);
  }
  ctx.strokeStyle = COLOURS.selected;
  ctx.lineWidth = 2.5;
  for (const i of selected) {
    if (i < 0 || i >= v.n) continue;
    ctx.beginPath();
    ctx.arc(sx(v, i), sy(v, i), v.size.r + 3, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/** Labels of the agents that carry one (hovered, selected), with a white halo to read over links. */
function drawLabels(
  ctx: CanvasRenderingContext2D,
  v: DrawView,
  topology: DrawnTopology,
  labels: boolean[],
  selected: ReadonlySet<number>,
): void {
  ctx.font = `${v.size.labelFont + 1}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#fff';
  ctx.fillStyle = COLOURS.label;
  for (let i = 0; i < v.n; i++) {
    if (!labels[i] && !selected.has(i)) continue;
    const y = sy(v, i) + v.size.r * 1.4 + 3;
    ctx.strokeText(topology.agents[i].label, sx(v, i), y);
    ctx.fillText(topology.agents[i].label, sx(v, i), y);
  }
}

/** Links across a partition, dashed over the link layer. */
function drawCutLinks(
  ctx: CanvasRenderingContext2D,
  links: readonly [number, number][],
  cut: Uint8Array,
  p: Float64Array,
  k: number,
): void {
  ctx.save();
  ctx.strokeStyle = COLOURS.dropped;
  ctx.lineWidth = 1.5 / k;
  ctx.setLineDash([5 / k, 4 / k]);
  ctx.beginPath();
  links.forEach(([a, b], i) => {
    if (cut[i] === 0) return;
    ctx.moveTo(p[2 * a], p[2 * a + 1]);
    ctx.lineTo(p[2 * b], p[2 * b + 1]);
  });
  ctx.stroke();
  ctx.restore();
}
