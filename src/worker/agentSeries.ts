/**
 * Per-agent step series over a trace (a vote, a decision, the round an agent was informed, how
 * many echoes it sent): for each agent with any, the event indices where the series changes and
 * the value from there on. Stored sparse and compact — only agents that have events, three typed
 * arrays per series whatever the swarm's size — so a million-agent run costs nothing and the
 * whole index crosses the worker boundary as a handful of buffers.
 */

import { bisectRight, partitionPoint } from '../engine/core/bisect';

export interface AgentSeries {
  /** Agents that have events, ascending. */
  agents: Int32Array;
  /** Agent `agents[k]`'s rows are offsets[k] .. offsets[k + 1] − 1. */
  offsets: Int32Array;
  /** Event index of each row, ascending within an agent. */
  events: Int32Array;
  /** The series' value from that event on. */
  values: Int32Array;
}

/** Collects rows in event order, then lays them out per agent (a stable counting sort). */
export class AgentSeriesBuilder {
  private readonly rows: number[] = [];
  /** Adds a step: from event `event` on, `agent`'s series has `value`. Events must come in ascending order. */
  push(agent: number, event: number, value = 0): void {
    this.rows.push(agent, event, value);
  }
  get size(): number {
    return this.rows.length / 3;
  }
  build(): AgentSeries {
    const rows = this.rows;
    const perAgent = new Map<number, number>();
    for (let i = 0; i < rows.length; i += 3) perAgent.set(rows[i], (perAgent.get(rows[i]) ?? 0) + 1);
    const agents = Int32Array.from([...perAgent.keys()].sort((a, b) => a - b));
    const offsets = new Int32Array(agents.length + 1);
    const slot = new Map<number, number>();
    agents.forEach((a, k) => {
      offsets[k + 1] = offsets[k] + (perAgent.get(a) as number);
      slot.set(a, offsets[k]);
    });
    const count = rows.length / 3;
    const events = new Int32Array(count);
    const values = new Int32Array(count);
    for (let i = 0; i < rows.length; i += 3) {
      const at = slot.get(rows[i]) as number;
      slot.set(rows[i], at + 1);
      events[at] = rows[i + 1];
      values[at] = rows[i + 2];
    }
    return { agents, offsets, events, values };
  }
}

/** How many of row range [lo, hi) have an event index ≤ cursor. */
const rowsUpTo = (s: AgentSeries, lo: number, hi: number, cursor: number): number =>
  partitionPoint(lo, hi, (i) => s.events[i] <= cursor) - lo;

/** The position of `agent` in `s.agents`, or −1. */
function slotOf(s: AgentSeries, agent: number): number {
  const k = bisectRight(s.agents, agent) - 1;
  return k >= 0 && s.agents[k] === agent ? k : -1;
}

/** `agent`'s value after event `cursor`, or `none` before its first step. */
export function seriesValueAt(s: AgentSeries, agent: number, cursor: number, none = -1): number {
  const k = slotOf(s, agent);
  if (k < 0) return none;
  const n = rowsUpTo(s, s.offsets[k], s.offsets[k + 1], cursor);
  return n > 0 ? s.values[s.offsets[k] + n - 1] : none;
}

/** How many steps `agent`'s series has taken up to event `cursor` (a count of events). */
export function seriesCountAt(s: AgentSeries, agent: number, cursor: number): number {
  const k = slotOf(s, agent);
  return k < 0 ? 0 : rowsUpTo(s, s.offsets[k], s.offsets[k + 1], cursor);
}

/**
 * Calls `visit(agent, count, value)` for every agent whose series has a step at or before
 * `cursor`: `count` steps so far, `value` the last one. Agents without steps are not visited.
 */
export function forEachSeriesAt(
  s: AgentSeries,
  cursor: number,
  visit: (agent: number, count: number, value: number) => void,
): void {
  for (let k = 0; k < s.agents.length; k++) {
    const lo = s.offsets[k];
    const n = rowsUpTo(s, lo, s.offsets[k + 1], cursor);
    if (n > 0) visit(s.agents[k], n, s.values[lo + n - 1]);
  }
}

/** The largest value the series ever takes, or −1 when it is empty. */
export function seriesMax(s: AgentSeries): number {
  let max = -1;
  for (let i = 0; i < s.values.length; i++) if (s.values[i] > max) max = s.values[i];
  return max;
}

/** The most steps any one agent takes. */
export function seriesMaxCount(s: AgentSeries): number {
  let max = 0;
  for (let k = 0; k < s.agents.length; k++) max = Math.max(max, s.offsets[k + 1] - s.offsets[k]);
  return max;
}

export function seriesArrays(s: AgentSeries): ArrayBufferView[] {
  return [s.agents, s.offsets, s.events, s.values];
}
