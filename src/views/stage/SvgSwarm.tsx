import { useEffect, useRef } from 'react';
import { type AgentMark, cutLinks } from '../../store/traceIndex';
import type { DrawnTopology } from '../../worker/protocol';
import { currentFrame, onFrameChange } from './frame';
import { agentRadius } from './geometry';
import { COLOURS, MARK_GLYPH, markColour } from './palette';

interface Props {
  topology: DrawnTopology;
  positions: Float64Array;
  transform: { k: number; x: number; y: number };
  selected: ReadonlySet<number>;
  connectLine: { from: number; to: { x: number; y: number } } | null;
}

const diamond = (r: number) => `M0,${-r * 1.25}L${r * 1.25},0L0,${r * 1.25}L${-r * 1.25},0Z`;

/**
 * SVG renderer for swarms up to a few hundred agents. React renders the
 * structure; the per-frame state (agent marks, messages in flight) is applied
 * imperatively so playback never re-renders React.
 */
export function SvgSwarm({ topology, positions: p, transform, selected, connectLine }: Props) {
  const agentsRef = useRef<SVGGElement>(null);
  const linksRef = useRef<SVGGElement>(null);
  const dotsRef = useRef<HTMLCanvasElement>(null);
  const n = topology.agents.length;
  // Agents keep their size on screen whatever the zoom: the radius is in pixels, divided by the scale.
  const r = agentRadius(n) / transform.k;

  useEffect(() => {
    // Links cut by the partition in force are dashed; recomputed only when the partition changes.
    let partition: ReturnType<typeof currentFrame>['partition'] | undefined;
    const drawCuts = (next: typeof partition) => {
      if (next === partition) return;
      partition = next;
      const lines = linksRef.current?.children;
      if (!lines) return;
      const cut = next ? cutLinks(topology.links, next, n) : null;
      for (let i = 0; i < lines.length; i++) lines[i].classList.toggle('cut', cut?.[i] === 1);
    };
    const draw = () => {
      const frame = currentFrame(n);
      drawCuts(frame.partition);
      const groups = agentsRef.current?.children;
      if (groups) {
        for (let i = 0; i < groups.length; i++) {
          const g = groups[i] as SVGGElement;
          const crashed = frame.crashed?.[i] ?? false;
          const mark = crashed ? 'crashed' : (frame.marks?.[i] ?? 'idle');
          // Touch the DOM only where an agent's state changed: most frames change few agents.
          if (g.dataset.mark === mark) continue;
          g.dataset.mark = mark;
          (g.firstElementChild as SVGElement).setAttribute(
            'fill',
            crashed ? COLOURS.crashed : markColour(mark as AgentMark),
          );
          const glyph = g.querySelector('text.glyph');
          if (glyph) glyph.textContent = crashed ? '×' : MARK_GLYPH[mark as AgentMark];
        }
      }
      drawDots(dotsRef.current, frame.flights, p, transform, Math.max(2, agentRadius(n) / 3));
    };
    draw();
    return onFrameChange(draw);
  }, [n, p, transform, topology.links]);

  return (
    <>
      <svg
        className="stage-svg"
        role="img"
        aria-label={`Swarm of ${n} agents and ${topology.links.length} links${topology.connected ? '' : ' (not connected)'}`}
        data-testid="topology-svg"
      >
        <g transform={`translate(${transform.x},${transform.y}) scale(${transform.k})`}>
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
          <g ref={agentsRef} className="agents">
            {topology.agents.map((agent, i) => {
              const malicious = agent.behaviour !== 'honest';
              return (
                <g
                  key={agent.id}
                  transform={`translate(${p[2 * i]},${p[2 * i + 1]})`}
                  className={`agent${malicious ? ' malicious' : ''}${selected.has(i) ? ' selected' : ''}`}
                  data-agent={agent.id}
                >
                  {malicious ? <path d={diamond(r)} fill={COLOURS.idle} /> : <circle r={r} fill={COLOURS.idle} />}
                  {malicious && agentRadius(n) >= 7 && (
                    <text className="badge" x={r * 0.9} y={-r * 0.9} fontSize={r * 0.9}>
                      ⚠
                    </text>
                  )}
                  {agentRadius(n) >= 7 && <text className="glyph" fontSize={r * 1.1} />}
                  <title>{`${agent.label}${malicious ? ` — malicious (${agent.behaviour})` : ''}`}</title>
                </g>
              );
            })}
          </g>
        </g>
      </svg>
      {/* Messages in flight are many small moving dots: a canvas over the SVG draws them far faster. */}
      <canvas ref={dotsRef} className="stage-dots" />
    </>
  );
}

/** Draws the messages in flight as dots on the overlay canvas, in screen coordinates. */
function drawDots(
  canvas: HTMLCanvasElement | null,
  flights: ReturnType<typeof currentFrame>['flights'],
  p: Float64Array,
  t: { k: number; x: number; y: number },
  radiusPx: number,
) {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  const dpr = window.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * dpr);
  const height = Math.round(canvas.clientHeight * dpr);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  for (const delivered of [true, false]) {
    ctx.fillStyle = delivered ? COLOURS.message : COLOURS.dropped;
    ctx.beginPath();
    for (const f of flights) {
      if (f.delivered !== delivered) continue;
      const x = (p[2 * f.from] + (p[2 * f.to] - p[2 * f.from]) * f.progress) * t.k + t.x;
      const y = (p[2 * f.from + 1] + (p[2 * f.to + 1] - p[2 * f.from + 1]) * f.progress) * t.k + t.y;
      ctx.moveTo(x + radiusPx, y);
      ctx.arc(x, y, radiusPx, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
}
