import { useEffect, useMemo, useRef } from 'react';
import { cutLinks } from '../../store/traceIndex';
import type { DrawnTopology } from '../../worker/protocol';
import { currentFrame, onFrameChange } from './frame';
import { agentRadius } from './geometry';
import { COLOURS, markColour } from './palette';

interface Props {
  topology: DrawnTopology;
  positions: Float64Array;
  transform: { k: number; x: number; y: number };
  width: number;
  height: number;
  selected: ReadonlySet<number>;
  connectLine: { from: number; to: { x: number; y: number } } | null;
}

/**
 * Canvas renderer for large swarms (hundreds to thousands of agents): the same
 * picture and interactions as the SVG renderer (hit testing is geometric and
 * shared), drawn imperatively in one pass per frame.
 */
export function CanvasSwarm({ topology, positions: p, transform: t, width, height, selected, connectLine }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const n = topology.agents.length;

  // The links change only with the topology or the view: draw them once into a layer and copy it
  // each frame, whatever else changes (a dense 5,000-agent swarm has a quarter of a million links).
  const links = useMemo(() => {
    const dpr = window.devicePixelRatio || 1;
    return linkLayer(topology.links, p, t, Math.round(width * dpr), Math.round(height * dpr), dpr);
  }, [topology.links, p, t, width, height]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const r = agentRadius(n) / t.k;
    // Links cut by the partition in force, recomputed only when the partition changes.
    let partition: ReturnType<typeof currentFrame>['partition'] = null;
    let cut: Uint8Array | null = null;
    const draw = () => {
      const frame = currentFrame(n);
      if (frame.partition !== partition) {
        partition = frame.partition;
        cut = partition ? cutLinks(topology.links, partition, n) : null;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      if (links) ctx.drawImage(links, 0, 0);
      ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
      if (cut) drawCutLinks(ctx, topology.links, cut, p, t.k);
      if (connectLine) {
        ctx.strokeStyle = COLOURS.selected;
        ctx.beginPath();
        ctx.moveTo(p[2 * connectLine.from], p[2 * connectLine.from + 1]);
        ctx.lineTo(connectLine.to.x, connectLine.to.y);
        ctx.stroke();
      }
      for (let i = 0; i < n; i++) {
        const x = p[2 * i];
        const y = p[2 * i + 1];
        const malicious = topology.agents[i].behaviour !== 'honest';
        ctx.fillStyle = frame.crashed?.[i] ? COLOURS.crashed : markColour(frame.marks?.[i] ?? 'idle');
        ctx.beginPath();
        if (malicious) {
          ctx.moveTo(x, y - r * 1.3);
          ctx.lineTo(x + r * 1.3, y);
          ctx.lineTo(x, y + r * 1.3);
          ctx.lineTo(x - r * 1.3, y);
          ctx.closePath();
        } else ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fill();
        if (malicious || selected.has(i)) {
          ctx.lineWidth = (selected.has(i) ? 3 : 1.5) / t.k;
          ctx.strokeStyle = selected.has(i) ? COLOURS.selected : COLOURS.malicious;
          ctx.stroke();
        }
      }
      for (const f of frame.flights) {
        ctx.fillStyle = f.delivered ? COLOURS.message : COLOURS.dropped;
        const x = p[2 * f.from] + (p[2 * f.to] - p[2 * f.from]) * f.progress;
        const y = p[2 * f.from + 1] + (p[2 * f.to + 1] - p[2 * f.from + 1]) * f.progress;
        ctx.fillRect(x - r / 2, y - r / 2, r, r);
      }
    };
    draw();
    return onFrameChange(draw);
  }, [topology, p, t, width, height, selected, connectLine, n, links]);

  return (
    <canvas
      ref={ref}
      className="stage-canvas"
      style={{ width, height }}
      role="img"
      aria-label={`Swarm of ${n} agents and ${topology.links.length} links (drawn on canvas)`}
      data-testid="topology-canvas"
    />
  );
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

/** The links drawn once onto an offscreen canvas of the stage's size, under the current view. */
function linkLayer(
  links: readonly [number, number][],
  p: Float64Array,
  t: { k: number; x: number; y: number },
  width: number,
  height: number,
  dpr: number,
): HTMLCanvasElement | null {
  const layer = document.createElement('canvas');
  layer.width = width;
  layer.height = height;
  const ctx = layer.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  ctx.lineWidth = 1 / t.k;
  ctx.strokeStyle = COLOURS.link;
  ctx.globalAlpha = 0.5;
  ctx.beginPath();
  for (const [a, b] of links) {
    ctx.moveTo(p[2 * a], p[2 * a + 1]);
    ctx.lineTo(p[2 * b], p[2 * b + 1]);
  }
  ctx.stroke();
  return layer;
}
