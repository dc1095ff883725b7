/**
 * The Spread tab's data for a flood (a broadcast): how many agents hold the message after each hop
 * from the origin, read from the trace's `informed` events (who first heard it, and from whom), and
 * where the player's cursor is in it. A flood has no rounds: its hops stand in for them.
 */
import { KIND } from '../../engine/trace/events';
import type { RunSummary, TraceColumns } from '../../worker/protocol';
import type { SpreadPoint } from './spreadSeries';

export interface FloodSeries {
  title: string;
  /** The origin's id. */
  origin: string;
  /** The swarm's size and the agents alive at the end (the most the flood could inform). */
  total: number;
  live: number;
  /** Agents informed in the end (the engine's count). */
  informed: number;
  /** Cumulative informed agents after each hop, hop 0 the origin alone; the share is of `live`. */
  observed: SpreadPoint[];
  /** Trace index of each agent's first `informed` event, in trace order, and the hop it came over. */
  informedAt: Int32Array;
  hopOf: Int32Array;
}

/** The flood's series, or null for other runs (or a run with no trace to read). */
export function floodSeries(summary: RunSummary | null, trace: TraceColumns | null): FloodSeries | null {
  if (summary?.runKind !== 'flood' || !trace) return null;
  const result = summary.result;
  const tag = trace.strings.indexOf('informed');
  const hop = new Map<number, number>();
  const at: number[] = [];
  const hops: number[] = [];
  for (let i = 0; tag >= 0 && i < trace.length; i++) {
    if (trace.kind[i] !== KIND.engine || trace.d[i] !== tag || hop.has(trace.a[i])) continue;
    // The sender was informed before it forwarded, so its hop is known; the origin names no sender.
    const h = trace.b[i] < 0 ? 0 : (hop.get(trace.b[i]) ?? 0) + 1;
    hop.set(trace.a[i], h);
    at.push(i);
    hops.push(h);
  }
  const perHop = new Array<number>(Math.max(0, ...hops) + 1).fill(0);
  for (const h of hops) perHop[h]++;
  const share = (n: number) => (result.live > 0 ? Math.min(1, n / result.live) : 0);
  let sum = 0;
  const observed = perHop.map((n, round) => {
    sum += n;
    return { round, count: sum, value: share(sum) };
  });
  return {
    title: `Informed share per hop from ${result.origin} (flood)`,
    origin: result.origin,
    total: result.agents,
    live: result.live,
    informed: result.informed,
    observed,
    informedAt: Int32Array.from(at),
    hopOf: Int32Array.from(hops),
  };
}

/** Agents informed at or before trace index `cursor`: a binary search over `informedAt`. */
export function informedBy(series: FloodSeries, cursor: number): number {
  let lo = 0;
  let hi = series.informedAt.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (series.informedAt[mid] <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The deepest hop reached by the first `informed` agents (0 before anyone but the origin). */
export function hopReached(series: FloodSeries, informed: number): number {
  let deepest = 0;
  for (let k = 0; k < informed; k++) deepest = Math.max(deepest, series.hopOf[k]);
  return deepest;
}
