/**
 * The data a space-time diagram draws, as flat arrays (one row per dot): built
 * from a run's trace (clocks computed from happened-before: a send ticks its
 * agent, a delivery merges the sender's clock then ticks) or from an imported
 * log (clocks as written). Serialisable, so it crosses the worker boundary.
 */

export const DOT_SEND = 0;
export const DOT_RECEIVE = 1;
export const DOT_LOCAL = 2;
export const DOT_TIMER = 3;

export interface SpaceTimeArrow {
  /** Dot index of the send. */
  from: number;
  /** Dot index of the receive, or −1 when the copy was dropped. */
  to: number;
  toAgent: number;
  /** When the copy arrived or was lost. */
  endT: number;
  dropped: boolean;
  /** A second (or later) delivery of the same message. */
  duplicate: boolean;
  tag: string;
  /** Why it was lost, for dropped copies. */
  reason?: string;
}

export interface SpaceTimeInterval {
  /** The lifeline it covers, or −1 for every lifeline (a partition). */
  agent: number;
  startT: number;
  endT: number;
  kind: 'crash' | 'partition';
  label: string;
}

/** Where an imported log is inconsistent (the diagram still draws the rest). */
export interface LogProblem {
  line: number;
  agent: string;
  message: string;
}

export interface SpaceTimeModel {
  source: 'trace' | 'log';
  agentIds: string[];
  count: number;
  /** Per dot: its trace index (or log line), agent, time, type, label. */
  index: number[];
  agent: number[];
  t: number[];
  type: number[];
  label: string[];
  /** Per dot: its vector clock, `agentIds.length` entries each, row after row. */
  clocks: number[];
  lamport: number[];
  /** Per dot: the clock the engine itself recorded on the event, when it did. */
  engineClock: (Record<string, number> | null)[];
  arrows: SpaceTimeArrow[];
  intervals: SpaceTimeInterval[];
  problems: LogProblem[];
  /** Trace index of the first event the clocks count from (0 = the whole run). */
  firstIndex: number;
  /** Events left out of the window on either side. */
  omitted: number;
  /** A ShiViz log's executions (labels, in log order) and the one drawn. */
  executions?: string[];
  execution?: number;
}

export function emptyModel(source: SpaceTimeModel['source'], agentIds: string[]): SpaceTimeModel {
  return {
    source,
    agentIds,
    count: 0,
    index: [],
    agent: [],
    t: [],
    type: [],
    label: [],
    clocks: [],
    lamport: [],
    engineClock: [],
    arrows: [],
    intervals: [],
    problems: [],
    firstIndex: 0,
    omitted: 0,
  };
}
