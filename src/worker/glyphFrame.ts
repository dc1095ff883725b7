/**
 * The glyph model: what each agent's mark on the stage says at the player's cursor, as plain
 * arrays computed from the trace index — its fill (the state), its vote, its decision, the round
 * it was informed, whether it is down, and how far along each phase of a multi-phase protocol it
 * is. The SVG and canvas renderers, the legend and the exported picture all read this one model;
 * a new kind of state joins it through a series of the index (src/worker/traceIndex.ts).
 */

import { bisectRight } from '../engine/core/bisect';
import { seriesMax, seriesMaxCount } from './agentSeries';
import { FLIGHT_KINDS, type FlightKind } from './flightKinds';
import { AGENT_MARKS, type AgentMark, DECISION_CODES, GLYPH_FIELDS, type TraceIndex, VOTE_CODES } from './traceIndex';

export const PHASES = ['send', 'echo', 'ready'] as const;
export type Phase = (typeof PHASES)[number];

export interface GlyphFrame {
  agentCount: number;
  /** The event it shows the state after (−1: before the first). */
  cursor: number;
  /** The index it was computed from (a frame moves forward only within one run). */
  source?: TraceIndex;
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

/** A frame of `agentCount` agents with nothing yet to show (before the first event). */
export function emptyGlyphFrame(agentCount: number, phases: boolean): GlyphFrame {
  return {
    agentCount,
    cursor: -1,
    mark: new Uint8Array(agentCount),
    vote: new Int8Array(agentCount).fill(-1),
    decision: new Int8Array(agentCount).fill(-1),
    round: new Int32Array(agentCount).fill(-1),
    crashed: new Uint8Array(agentCount),
    phases: phases ? new Float32Array(agentCount * 3) : null,
  };
}

const hasPhases = (index: TraceIndex) => index.series.echo.agents.length + index.series.ready.agents.length > 0;

const F = Object.fromEntries(GLYPH_FIELDS.map((f, i) => [f, i])) as Record<(typeof GLYPH_FIELDS)[number], number>;

/**
 * Every agent's glyph after event `cursor`. Pass a frame from earlier in the same run as `into`
 * to reuse its arrays and move it forward by applying only the changes since its cursor (playing
 * forward costs what changed, not the swarm's size); otherwise the frame is rebuilt from the start.
 * @example glyphsAt(index, cursor).vote[3] // 0: agent 3 has voted 'for'
 */
export function glyphsAt(index: TraceIndex, cursor: number, into?: GlyphFrame): GlyphFrame {
  const n = index.agentCount;
  const phased = hasPhases(index);
  const fits = into && into.agentCount === n && (into.phases !== null) === phased;
  const f =
    fits && into.source === index && into.cursor <= cursor
      ? into
      : fits
        ? resetFrame(into)
        : emptyGlyphFrame(n, phased);
  const c = index.glyphChanges;
  const from = bisectRight(c.event, f.cursor);
  const to = bisectRight(c.event, cursor);
  const full = phaseFull(index);
  for (let k = from; k < to; k++) {
    const a = c.agent[k];
    const v = c.value[k];
    switch (c.field[k]) {
      case F.mark:
        f.mark[a] = v;
        break;
      case F.crashed:
        f.crashed[a] = v;
        break;
      case F.vote:
        f.vote[a] = v;
        break;
      case F.decision:
        f.decision[a] = v;
        break;
      case F.informedRound:
        f.round[a] = v;
        break;
      default:
        if (f.phases) {
          const p = c.field[k] - F.send;
          f.phases[3 * a + p] = Math.min(1, v / (p === 0 ? 1 : full));
        }
    }
  }
  f.cursor = cursor;
  f.source = index;
  return f;
}

/** Whether any agent's glyph changes between events `a` and `b` (either order): a frame's drawing can be kept if not. */
export function glyphsChangeBetween(index: TraceIndex, a: number, b: number): boolean {
  const events = index.glyphChanges.event;
  return bisectRight(events, Math.min(a, b)) !== bisectRight(events, Math.max(a, b));
}

/**
 * The agents whose glyph changes after event `from` up to event `to` (from ≤ to), each once, and
 * whether every change only adds to what was drawn (a new state, vote, decision, round or phase
 * step, a crash) so the glyphs can be drawn again over the old ones; a recovery takes a mark away.
 */
export function glyphChangesBetween(
  index: TraceIndex,
  from: number,
  to: number,
): { agents: number[]; drawnOver: boolean } {
  const c = index.glyphChanges;
  const seen = new Set<number>();
  let drawnOver = true;
  for (let k = bisectRight(c.event, from); k < c.event.length && c.event[k] <= to; k++) {
    seen.add(c.agent[k]);
    if (c.field[k] === F.crashed && c.value[k] === 0) drawnOver = false;
  }
  return { agents: [...seen], drawnOver };
}

function resetFrame(f: GlyphFrame): GlyphFrame {
  f.cursor = -1;
  f.mark.fill(0);
  f.vote.fill(-1);
  f.decision.fill(-1);
  f.round.fill(-1);
  f.crashed.fill(0);
  f.phases?.fill(0);
  return f;
}

/** What the run draws at one moment or another: the legend's contents. */
export function runVocabulary(index: TraceIndex): RunVocabulary {
  const markSeen = new Set<number>();
  let crashes = false;
  const c = index.glyphChanges;
  for (let k = 0; k < c.field.length; k++) {
    if (c.field[k] === F.mark) markSeen.add(c.value[k]);
    else if (c.field[k] === F.crashed) crashes = true;
  }
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
    crashes,
    partitions: index.partitions.some((p) => p.groups.length > 0 || p.oneWay.length > 0),
    flightKinds: FLIGHT_KINDS.filter((_, code) => index.flightKindCounts[code] > 0),
    lostInFlight: lost,
  };
}
