import { memo, useEffect, useMemo, useRef } from 'react';
import { useStore } from '../../store/index';
import {
  decisionColour,
  diamondPath,
  glyphFill,
  glyphSize,
  glyphState,
  glyphText,
  PROJECTOR_GLYPH_SCALE,
  phaseArcPath,
} from '../../store/stage/glyphShapes';
import { groupOutlines, partitionGroupOf } from '../../store/stage/partitionGroups';
import { cutLinks, glyphChangesBetween } from '../../store/traceIndex';
import type { DrawnTopology } from '../../worker/protocol';
import { drawFlights } from './drawFlights';
import { currentFrame, type Frame, onFrameChange } from './frame';
import { LESSON_FOCUS_COLOUR, lessonRingRadius } from './lessonFocusRing';
import { BEHAVIOUR_BADGE, COLOURS, GROUP_TINTS, PHASE_COLOURS } from './palette';

interface Props {
  topology: DrawnTopology;
  positions: Float64Array;
  transform: { k: number; x: number; y: number };
  /** The stage's size in CSS pixels (the overlay canvas for messages is sized by it). */
  width: number;
  height: number;
  selected: ReadonlySet<number>;
  /** Agents whose label shows whatever the swarm's size (hovered, selected, a lesson's focus). */
  labelled: (i: number) => boolean;
  connectLine: { from: number; to: { x: number; y: number } } | null;
  /** Which optional parts of a glyph the current run can show (no elements are built for the others). */
  parts: GlyphParts;
}

export interface GlyphParts {
  phases: boolean;
  decisions: boolean;
  groups: boolean;
}

/**
 * SVG renderer for swarms up to a few hundred agents. React renders the structure (links in
 * world coordinates, each agent's glyph in screen pixels so it keeps a legible size at any
 * zoom); the per-frame state (glyphs, partition groups, messages in flight) is applied
 * imperatively, touching only what changed, so playback never re-renders React.
 */
export const SvgSwarm = memo(function SvgSwarm({
  topology,
  positions: p,
  transform: t,
  width,
  height,
  selected,
  labelled,
  connectLine,
  parts,
}: Props) {
  const agentsRef = useRef<SVGGElement>(null);
  const linksRef = useRef<SVGGElement>(null);
  const groupsRef = useRef<SVGGElement>(null);
  const dotsRef = useRef<HTMLCanvasElement>(null);
  const n = topology.agents.length;
  // Projector mode draws larger glyphs: a toggle redraws the stage.
  const projector = useStore((s) => s.prefs.projector);
  const size = glyphSize(n, projector ? PROJECTOR_GLYPH_SCALE : 1);
  // Lesson focus: the open step's agents get a ring and a label (one separate addition, see lessonFocusRing.ts).
  const lessonFocus = useStore((s) => s.lessonFocus);
  const focused = useMemo(() => new Set(lessonFocus), [lessonFocus]);

  useEffect(() => {
    const { r, ringR } = glyphSize(n, projector ? PROJECTOR_GLYPH_SCALE : 1);
    let partition: Frame['partition'] | undefined;
    // What each agent's glyph shows now, to touch the DOM only where it changed.
    const shown: string[] = new Array(n).fill('');
    const drawPartition = (next: Frame['partition']) => {
      if (next === partition) return;
      partition = next;
      const cut = next ? cutLinks(topology.links, next, n) : null;
      const lines = linksRef.current?.children ?? [];
      for (let i = 0; i < lines.length; i++) lines[i].classList.toggle('cut', cut?.[i] === 1);
      const groupOf = partitionGroupOf(next, n);
      const hulls = groupsRef.current;
      if (hulls) hulls.innerHTML = '';
      if (hulls && groupOf)
        for (const { group, d } of groupOutlines(groupOf, p)) {
          const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
          path.setAttribute('d', d);
          path.setAttribute('fill', GROUP_TINTS[group % GROUP_TINTS.length]);
          path.setAttribute('stroke', GROUP_TINTS[group % GROUP_TINTS.length]);
          hulls.append(path);
        }
      // A new run can bring new parts (rings, halos): this effect runs again and paints them all.
      const agents = parts.groups ? (agentsRef.current?.children ?? []) : [];
      for (let i = 0; i < agents.length; i++) {
        const halo = agents[i].querySelector('.halo');
        const g = groupOf?.[i];
        halo?.setAttribute('fill', g === undefined ? 'none' : GROUP_TINTS[g % GROUP_TINTS.length]);
      }
    };
    let drawnAt: { source: unknown; cursor: number } | null = null;
    const draw = () => {
      const frame = currentFrame(n);
      drawPartition(frame.partition);
      const agents = agentsRef.current?.children;
      const g = frame.glyphs;
      // Playing forward, only the agents whose glyph changed since the last frame are looked at.
      const source = g?.source;
      const changed =
        g && source && drawnAt && drawnAt.source === source && g.cursor >= drawnAt.cursor
          ? glyphChangesBetween(source, drawnAt.cursor, g.cursor).agents
          : null;
      drawnAt = g && source ? { source, cursor: g.cursor } : null;
      const count = changed ? changed.length : (agents?.length ?? 0);
      if (agents)
        for (let k = 0; k < count; k++) {
          const i = changed ? changed[k] : k;
          if (i >= agents.length) continue;
          const fill = g ? glyphFill(g, i) : COLOURS.idle;
          const text = g ? glyphText(g, i) : '';
          const ring = g ? decisionColour(g, i) : null;
          const ph = g?.phases;
          const key = `${fill}|${text}|${ring}|${ph ? `${ph[3 * i]},${ph[3 * i + 1]},${ph[3 * i + 2]}` : ''}`;
          if (shown[i] === key) continue;
          shown[i] = key;
          // The state in words on the element too (for tests, tools and the curious; colour is not the only cue).
          (agents[i] as SVGGElement).dataset.mark = glyphState(g ?? null, i);
          paintAgent(
            agents[i] as SVGGElement,
            fill,
            text,
            ring,
            ph ? [ph[3 * i], ph[3 * i + 1], ph[3 * i + 2]] : null,
            ringR,
          );
        }
      drawFlights(dotsRef.current, frame.flights, p, t, Math.max(2.5, r / 3), { width, height });
    };
    draw();
    return onFrameChange(draw);
  }, [n, p, t, topology.links, parts, width, height, projector]);

  const sx = (i: number) => p[2 * i] * t.k + t.x;
  const sy = (i: number) => p[2 * i + 1] * t.k + t.y;
  return (
    <>
      <svg
        className="stage-svg"
        role="img"
        aria-label={`Swarm of ${n} agents and ${topology.links.length} links${topology.connected ? '' : ' (not connected)'}`}
        data-testid="topology-svg"
      >
        <g transform={`translate(${t.x},${t.y}) scale(${t.k})`}>
          <g ref={groupsRef} className="partition-groups" data-testid="partition-groups" />
          <g ref={linksRef} className="links">
            {topology.links.map(([a, b]) => (
              <line key={`${a}-${b}`} x1={p[2 * a]} y1={p[2 * a + 1]} x2={p[2 * b]} y2={p[2 * b + 1]} />
            ))}
          </g>
          {connectLine && (
            <line
              className="connect-line"
              x1={p[2 * connectLine.from]}
              y1={p[2 * connectLine.from + 1]}
              x2={connectLine.to.x}
              y2={connectLine.to.y}
            />
          )}
        </g>
        <g ref={agentsRef} className="agents">
          {topology.agents.map((agent, i) => {
            const malicious = agent.behaviour !== 'honest';
            return (
              <g
                key={agent.id}
                transform={`translate(${sx(i).toFixed(1)},${sy(i).toFixed(1)})`}
                className={`agent${malicious ? ' malicious' : ''}${selected.has(i) ? ' selected' : ''}${focused.has(agent.id) ? ' lesson-focus' : ''}`}
                data-agent={agent.id}
                data-behaviour={agent.behaviour}
                data-lesson-focus={focused.has(agent.id) || undefined}
              >
                {focused.has(agent.id) && (
                  // Inline style: the page's `.agent circle` stroke rule would override presentation attributes.
                  <circle
                    className="lesson-focus-ring"
                    r={lessonRingRadius(size.ringR)}
                    style={{ fill: 'none', stroke: LESSON_FOCUS_COLOUR, strokeWidth: 3, strokeDasharray: '5 3' }}
                  />
                )}
                {parts.groups && <circle className="halo" r={size.ringR + 4} fill="none" />}
                {parts.phases && <circle className="ring-track" r={size.ringR} strokeWidth={size.ringWidth} />}
                {parts.phases &&
                  PHASE_COLOURS.map((colour, k) => (
                    <path
                      key={colour + String(k)}
                      className="phase"
                      data-phase={k}
                      style={{ stroke: colour, strokeWidth: size.ringWidth }}
                    />
                  ))}
                {parts.decisions && <circle className="decision" r={size.r + 3} fill="none" />}
                {malicious ? (
                  <path className="body" d={diamondPath(size.r)} fill={COLOURS.idle} />
                ) : (
                  <circle className="body" r={size.r} fill={COLOURS.idle} />
                )}
                {size.centreText && <text className="glyph" fontSize={size.centreFont} />}
                {malicious && (
                  <Badge
                    text={BEHAVIOUR_BADGE[agent.behaviour] ?? '!'}
                    r={size.r}
                    h={size.badgeH}
                    font={size.badgeFont}
                  />
                )}
                {(labelled(i) || focused.has(agent.id)) && (
                  <text className="label" y={size.r * 1.3 + size.labelFont + 2} fontSize={size.labelFont}>
                    {agent.label}
                  </text>
                )}
                <title>{`${agent.label}${malicious ? ` — malicious (${agent.behaviour})` : ''}`}</title>
              </g>
            );
          })}
        </g>
      </svg>
      {/* Messages in flight are many small moving dots: a canvas over the SVG draws them far faster. */}
      <canvas ref={dotsRef} className="stage-dots" />
    </>
  );
});

/** The behaviour badge at the body's top right: a rounded tag at least 10 px tall, with its short name. */
function Badge({ text, r, h, font }: { text: string; r: number; h: number; font: number }) {
  const w = Math.max(h, font * 0.65 * text.length + 5);
  const x = r * 0.55;
  const y = -r * 1.25 - h * 0.35;
  return (
    <g className="badge" transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`}>
      <rect width={w} height={h} rx={3} />
      <text x={w / 2} y={h / 2} fontSize={font}>
        {text}
      </text>
    </g>
  );
}

/** Applies one agent's state to its glyph's elements. */
function paintAgent(
  g: SVGGElement,
  fill: string,
  text: string,
  ring: string | null,
  phases: [number, number, number] | null,
  ringR: number,
): void {
  g.querySelector('.body')?.setAttribute('fill', fill);
  const glyph = g.querySelector('text.glyph');
  if (glyph) glyph.textContent = text;
  const decision = g.querySelector('.decision');
  // A style, not an attribute: the page's stylesheet gives every circle of an agent a white edge.
  if (ring) (decision as SVGElement | null)?.style.setProperty('stroke', ring);
  decision?.classList.toggle('on', ring !== null);
  g.querySelector('.ring-track')?.classList.toggle('on', phases !== null);
  g.querySelectorAll('.phase').forEach((path, k) => {
    path.setAttribute('d', phases ? phaseArcPath(ringR, k, phases[k]) : '');
  });
}
