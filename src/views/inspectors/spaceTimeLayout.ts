/**
 * Where everything of a space-time diagram goes: d3 scales for time (or event
 * order) along x and one lane per shown agent along y. Plain maths; the React
 * component draws the result.
 */
import { bisectRight, scaleLinear, type ZoomTransform } from 'd3';
import type { DiagramOptions } from '../../store/inspectors/inspectorSlice';
import type { SpaceTimeModel } from '../../worker/protocol';
import { DOT_RECEIVE, DOT_SEND } from '../../worker/protocol';

export const MARGIN = { left: 84, right: 16, top: 22, bottom: 18 };
export const LANE_PX = 34;

export interface Layout {
  width: number;
  height: number;
  /** Dots drawn, in model order. */
  dots: number[];
  x: (d: number) => number;
  /** x of a simulated time (or of the slot just after a trace index, on the order axis). */
  xOfTime: (t: number) => number;
  xOfCursor: (cursorIndex: number, playTime: number) => number;
  /** The trace index (or time) under an x position, for dragging the cursor. */
  atX: (px: number) => { index: number; t: number };
  lane: Map<number, number>;
  y: (agent: number) => number;
}

/** Last position in an ascending array whose value is ≤ x, or −1. */
const lastAtOrBefore = (a: readonly number[], x: number): number => bisectRight(a, x) - 1;

export function layoutSpaceTime(m: SpaceTimeModel, opts: DiagramOptions, width: number, zoom: ZoomTransform): Layout {
  const hidden = new Set(opts.hiddenAgents);
  const agents = m.agentIds.map((_, i) => i).filter((i) => !hidden.has(i));
  const lane = new Map(agents.map((a, k) => [a, k]));
  const dots: number[] = [];
  for (let d = 0; d < m.count; d++) {
    if (!lane.has(m.agent[d])) continue;
    if (opts.collapseLocal && m.type[d] !== DOT_SEND && m.type[d] !== DOT_RECEIVE) continue;
    dots.push(d);
  }
  const rank = new Map(dots.map((d, k) => [d, k]));
  const dotTimes = dots.map((d) => m.t[d]);
  const dotIndex = dots.map((d) => m.index[d]);
  const range: [number, number] = [MARGIN.left, Math.max(MARGIN.left + 50, width - MARGIN.right)];
  const byTime = opts.axis === 'time';
  const t0 = m.count ? m.t[0] : 0;
  const t1 = m.count ? m.t[m.count - 1] : 1;
  const base = byTime
    ? scaleLinear()
        .domain([t0, t1 === t0 ? t0 + 1 : t1])
        .range(range)
    : scaleLinear()
        .domain([0, Math.max(1, dots.length - 1)])
        .range(range);
  const sx = zoom.rescaleX(base);
  const x = (d: number) => sx(byTime ? m.t[d] : (rank.get(d) ?? 0));
  // On the order axis a time sits just after the last dot at or before it.
  const xOfTime = (t: number) => (byTime ? sx(t) : sx(lastAtOrBefore(dotTimes, t) + 0.5));
  return {
    width,
    height: MARGIN.top + MARGIN.bottom + Math.max(1, agents.length) * LANE_PX,
    dots,
    x,
    xOfTime,
    xOfCursor: (cursor, playTime) => (byTime ? sx(playTime) : sx(lastAtOrBefore(dotIndex, cursor))),
    atX: (px) => {
      const v = sx.invert(px);
      if (byTime) return { index: -1, t: v };
      const k = Math.max(0, Math.min(dots.length - 1, Math.round(v)));
      return { index: dots.length ? m.index[dots[k]] : -1, t: dots.length ? m.t[dots[k]] : 0 };
    },
    lane,
    y: (agent) => MARGIN.top + (lane.get(agent) ?? 0) * LANE_PX + LANE_PX / 2,
  };
}
