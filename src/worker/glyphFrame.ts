/**
 * The glyph model: what each agent's mark on the stage says at the player's cursor, as plain
 * arrays computed from the trace index — its fill (the state), its vote, its decision, the round
 * it was informed, whether it is down, and how far along each phase of a multi-phase protocol it
 * is. The SVG and canvas renderers, the legend and the exported picture all read this one model;
 * a new kind of state joins it through a series of the index (src/worker/traceIndex.ts).
 */

import { forEachSeriesAt, seriesMax, seriesMaxCount } from './agentSeries';
import { FLIGHT_KINDS, type FlightKind } from './flightKinds';
import { AGENT_MARKS, type AgentMark, DECISION_CODES, type TraceIndex, VOTE_CODES } from './traceIndex';

export const PHASES = ['send', 'echo', 'ready'] as const;
export type Phase = (typeof PHASES)[number];

export interface GlyphFrame {
  agentCount: number;
  /** The agent's state (fill colour), a code into AGENT_MARKS. */
  mark: Uint8Array;
  /** Its vote, a code into VOTE_CODES, or −1. */
  vote: Int8Array;
  /** Its decision, a code into DECISION_CODES, or −1. */
  decision: Int8Array;
  /** The round it was informed in, or −1. */
  round: Int32Array;
  /** 1 while it is crashed. */
  crashed: Uint8Array;
  /** Per agent, the share of each phase done (send, echo, ready), in [0, 1]; null for single-phase runs. */
  phases: Float32Array | null;
}

/** What a run ever draws, for the legend: only the marks, votes and kinds that occur. */
export interface RunVocabulary {
  marks: AgentMark[];
  votes: (typeof VOTE_CODES)[number][];
  decisions: (typeof DECISION_CODES)[number][];
  /** The last round any agent was informed in, or −1 when the run numbers no rounds. */
  maxRound: number;
  phases: boolean;
  crashes: boolean;
  partitions: boolean;
  flightKinds: FlightKind[];
  /** Some message copies are lost in flight (drawn in the lost colour). */
  lostInFlight: boolean;
}

/** The number of steps that fill a phase: each agent sends its vote once and echoes/readies once per sender. */
function phaseFull(index: TraceIndex): number {
  const { send, echo, ready } = index.series;
  return Math.max(1, send.agents.length, seriesMaxCount(echo), seriesMaxCount(ready));
}

/** A frame of `agentCount` agents with nothing yet to show. */
export function emptyGlyphFrame(agentCount: number, phases: boolean): GlyphFrame {
  return {
    agentCount,
    mark: new Uint8Array(agentCount),
    vote: new Int8Array(agentCount).fill(-1),
    decision: new Int8Array(agentCount).fill(-1),
    round: new Int32Array(agentCount).fill(-1),
    crashed: new Uint8Array(agentCount),
    phases: phases ? new Float32Array(agentCount * 3) : null,
  };
}

const hasPhases = (index: TraceIndex) => index.series.echo.agents.length + index.series.ready.agents.length > 0;

/**
 * Every agent's glyph after event `cursor`. Pass the previous frame as `into` to reuse its arrays
 * (a frame per animation frame allocates nothing then).
 * @example glyphsAt(index, cursor).vote[3] // 0: agent 3 has voted 'for'
 */
export function glyphsAt(index: TraceIndex, cursor: number, into?: GlyphFrame): GlyphFrame {
  const n = index.agentCount;
  const phased = hasPhases(index);
  const f =
    into && into.agentCount === n && (into.phases !== null) === phased ? resetFrame(into) : emptyGlyphFrame(n, phased);
  for (const [agent, events] of index.markIndex) {
    const k = lastAtOrBefore(events, cursor);
    if (k >= 0) f.mark[agent] = (index.markValue.get(agent) as Uint8Array)[k];
  }
  for (const [agent, events] of index.crashIndex) f.crashed[agent] = lastAtOrBefore(events, cursor) % 2 === 0 ? 1 : 0;
  const { series } = index;
  forEachSeriesAt(series.vote, cursor, (a, _n, v) => {
    f.vote[a] = v;
  });
  forEachSeriesAt(series.decision, cursor, (a, _n, v) => {
    f.decision[a] = v;
  });
  forEachSeriesAt(series.informedRound, cursor, (a, _n, v) => {
    f.round[a] = v;
  });
  if (f.phases) {
    const full = phaseFull(index);
    const phases = f.phases;
    PHASES.forEach((phase, p) => {
      const whole = phase === 'send' ? 1 : full;
      forEachSeriesAt(series[phase], cursor, (a, count) => {
        phases[3 * a + p] = Math.min(1, count / whole);
      });
    });
  }
  return f;
}

function resetFrame(f: GlyphFrame): GlyphFrame {
  f.mark.fill(0);
  f.vote.fill(-1);
  f.decision.fill(-1);
  f.round.fill(-1);
  f.crashed.fill(0);
  f.phases?.fill(0);
  return f;
}

/** Last position in an ascending array whose value is ≤ x, or −1. */
function lastAtOrBefore(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** What the run draws at one moment or another: the legend's contents. */
export function runVocabulary(index: TraceIndex): RunVocabulary {
  const markSeen = new Set<number>();
  for (const values of index.markValue.values()) for (const v of values) markSeen.add(v);
  const { series } = index;
  const codesSeen = (values: Int32Array) => new Set(values);
  const votes = codesSeen(series.vote.values);
  const decisions = codesSeen(series.decision.values);
  let lost = false;
  for (let i = 0; i < index.msgCount && !lost; i++) lost = index.msgDelivered[i] === 0;
  return {
    marks: AGENT_MARKS.filter((_, code) => markSeen.has(code)),
    votes: VOTE_CODES.filter((_, code) => votes.has(code)),
    decisions: DECISION_CODES.filter((_, code) => decisions.has(code)),
    maxRound: seriesMax(series.informedRound),
    phases: hasPhases(index),
    crashes: index.crashIndex.size > 0,
    partitions: index.partitions.some((p) => p.groups.length > 0 || p.oneWay.length > 0),
    flightKinds: FLIGHT_KINDS.filter((_, code) => index.flightKindCounts[code] > 0),
    lostInFlight: lost,
  };
}
