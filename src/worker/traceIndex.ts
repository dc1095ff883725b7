/**
 * An index over a run's columnar trace, built once per trace, that the player
 * queries every frame: which messages are in flight at a simulated time, and
 * what each agent's state is at an event. No per-event objects are built.
 */

import { bisectRight } from '../engine/core/bisect';
import { DROP_REASONS, DROPPED_IN_FLIGHT, KIND, type PartitionDescription } from '../engine/trace/events';
import { type AgentSeries, AgentSeriesBuilder, seriesArrays } from './agentSeries';
import { FLIGHT_KINDS, flightKindCodes } from './flightKinds';
import type { TraceColumns } from './protocol';

/** What an agent shows at a moment of the run. */
export type AgentMark = 'idle' | 'informed' | 'for' | 'against' | 'abstain' | 'approved' | 'rejected' | 'timeout';

/** Every mark, in code order (a mark's code is its position). */
export const AGENT_MARKS: readonly AgentMark[] = [
  'idle',
  'informed',
  'for',
  'against',
  'abstain',
  'approved',
  'rejected',
  'timeout',
];
const MARKS = AGENT_MARKS;

export interface TraceIndex {
  length: number;
  /** One row per message copy that left its sender: from, to, send time, end time, delivered? */
  msgFrom: Int32Array;
  msgTo: Int32Array;
  msgStart: Float64Array;
  msgEnd: Float64Array;
  msgDelivered: Uint8Array;
  /** What each flight carries, as a code into FLIGHT_KINDS (from the message's tag). */
  msgKind: Uint8Array;
  msgCount: number;
  /** How many flights of each kind the run has (by FLIGHT_KINDS code): the legend lists only these. */
  flightKindCounts: number[];
  /** The longest flight, to bound the search for messages in flight. */
  maxFlightMs: number;
  agentCount: number;
  /** Event indices that end a round (engine event `roundEnd`), for "step one round". */
  roundEnds: number[];
  /** Index of the first decision event, or −1. */
  decisionIndex: number;
  /** Event indices where the network's partitions change, and the reachability each one leaves. */
  partitionIndex: Int32Array;
  partitions: PartitionDescription[];
  /** Per-agent step series the glyphs are drawn from (src/worker/glyphFrame.ts). */
  series: Record<SeriesName, AgentSeries>;
  /** Every change of an agent's glyph in event order, so a frame moves forward by applying only what changed. */
  glyphChanges: GlyphChanges;
}

/** Glyph changes as parallel arrays: at event `event[k]`, agent `agent[k]`'s field `field[k]` (GLYPH_FIELDS) becomes `value[k]`. */
export interface GlyphChanges {
  event: Int32Array;
  agent: Int32Array;
  field: Uint8Array;
  value: Int32Array;
}

/**
 * The per-agent series a run's trace feeds. `vote` and `decision` hold codes into VOTE_CODES and
 * DECISION_CODES, `informedRound` the round, `send`/`echo`/`ready` one step per message of that
 * phase an agent sent (a reliable broadcast's phase ring). Another kind's state (a Raft role or
 * term) is one more name here and one more case in `seriesStep`.
 */
export const SERIES_NAMES = ['vote', 'decision', 'informedRound', 'send', 'echo', 'ready'] as const;
export type SeriesName = (typeof SERIES_NAMES)[number];
export const VOTE_CODES = ['for', 'against', 'abstain'] as const;
/** What a glyph change sets: the agent's mark, whether it is down, or one of its series. */
export const GLYPH_FIELDS = ['mark', 'crashed', ...SERIES_NAMES] as const;
export type GlyphField = (typeof GLYPH_FIELDS)[number];
/** Series whose glyph value is how many steps an agent took (messages of a phase sent), not the step's value. */
const COUNTED: ReadonlySet<SeriesName> = new Set(['send', 'echo', 'ready']);

/** Collects glyph changes in event order, counting the steps of counted series per agent. */
class GlyphChangeLog {
  private readonly rows: number[] = [];
  private readonly counts = new Map<string, number>();
  push(event: number, agent: number, field: GlyphField, value: number): void {
    this.rows.push(event, agent, GLYPH_FIELDS.indexOf(field), value);
  }
  step(event: number, agent: number, series: SeriesName, value: number): void {
    if (!COUNTED.has(series)) {
      this.push(event, agent, series, value);
      return;
    }
    const key = `${series}:${agent}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    this.push(event, agent, series, count);
  }
  build(): GlyphChanges {
    const n = this.rows.length / 4;
    const out = {
      event: new Int32Array(n),
      agent: new Int32Array(n),
      field: new Uint8Array(n),
      value: new Int32Array(n),
    };
    for (let k = 0; k < n; k++) {
      out.event[k] = this.rows[4 * k];
      out.agent[k] = this.rows[4 * k + 1];
      out.field[k] = this.rows[4 * k + 2];
      out.value[k] = this.rows[4 * k + 3];
    }
    return out;
  }
}
export const DECISION_CODES = ['approved', 'rejected', 'timeout'] as const;

const OTHER = FLIGHT_KINDS.indexOf('other');

/** Drop codes of copies that were on their way (drawn up to where they were lost). */
const IN_FLIGHT = DROP_REASONS.map((r) => DROPPED_IN_FLIGHT.has(r));

/**
 * When each hop of each message left its sender: a message is sent once and relays forward it
 * once each, so (message, hop sender) names one hop; duplicated copies of a hop share its start.
 */
class HopStarts {
  private readonly starts = new Map<number, number>();
  private readonly lastRelay = new Map<number, number>();
  constructor(private readonly agentCount: number) {}
  private key(msg: number, from: number): number {
    return msg * (this.agentCount + 1) + from;
  }
  start(msg: number, from: number, t: number): void {
    this.starts.set(this.key(msg, from), t);
  }
  relay(msg: number, at: number, t: number): void {
    this.starts.set(this.key(msg, at), t);
    this.lastRelay.set(msg, at);
  }
  startOf(msg: number, from: number): number | undefined {
    return this.starts.get(this.key(msg, from));
  }
  lastHopFrom(msg: number, origin: number): number {
    return this.lastRelay.get(msg) ?? origin;
  }
}

/** The series step an engine event makes, if any: which series and its value. */
function seriesStep(name: string, detail: unknown, mark: AgentMark | null): [SeriesName, number] | null {
  const d = (detail ?? {}) as { round?: unknown };
  if (name === 'informed') return typeof d.round === 'number' ? ['informedRound', d.round] : null;
  if (name === 'echo' || name === 'ready') return [name, 0];
  if (mark === 'approved' || mark === 'rejected' || mark === 'timeout')
    return ['decision', DECISION_CODES.indexOf(mark)];
  if (mark === 'for' || mark === 'against' || mark === 'abstain') return ['vote', VOTE_CODES.indexOf(mark)];
  return null;
}

/** The mark an engine event sets, if any (by the engines' event names and details). */
function markOf(name: string, detail: unknown): AgentMark | null {
  const d = (detail ?? {}) as { vote?: unknown; decision?: unknown };
  if (name === 'informed') return 'informed';
  if (name === 'decided' && (d.decision === 'approved' || d.decision === 'rejected' || d.decision === 'timeout'))
    return d.decision;
  if ((name === 'voteSent' || name === 'voteChanged' || name === 'vote') && typeof d.vote === 'string') {
    const v = d.vote === 'approve' ? 'for' : d.vote === 'reject' ? 'against' : d.vote;
    if (v === 'for' || v === 'against' || v === 'abstain') return v;
  }
  return null;
}

export function buildTraceIndex(trace: TraceColumns, agentCount: number): TraceIndex {
  const n = trace.length;
  // Flight rows: [from, to] pairs, [start, end] pairs, delivered, kind code.
  const rows: number[][] = [[], [], [], []];
  const kindOfString = flightKindCodes(trace.tagMeanings);
  const changes = new GlyphChangeLog();
  const series = Object.fromEntries(SERIES_NAMES.map((s) => [s, new AgentSeriesBuilder()])) as Record<
    SeriesName,
    AgentSeriesBuilder
  >;
  const hops = new HopStarts(agentCount);
  const roundEnds: number[] = [];
  const partitionIndex: number[] = [];
  const partitions: PartitionDescription[] = [];
  const contacts: number[] = [];
  let decisionIndex = -1;
  let maxFlightMs = 0;
  const flight = (from: number, to: number, start: number, end: number, delivered: number, tag: number) => {
    rows[0].push(from, to);
    rows[1].push(start, end);
    rows[2].push(delivered);
    rows[3].push(tag >= 0 ? kindOfString[tag] : OTHER);
    maxFlightMs = Math.max(maxFlightMs, end - start);
  };
  for (let i = 0; i < n; i++) {
    const kind = trace.kind[i];
    const msg = trace.c[i];
    if (kind === KIND.messageSent) hops.start(msg, trace.a[i], trace.t[i]);
    else if (kind === KIND.messageRelayed) {
      // One hop of a routed message ends at a relay, and the next hop starts there.
      const start = hops.startOf(msg, trace.a[i]);
      if (start !== undefined) flight(trace.a[i], trace.b[i], start, trace.t[i], 1, trace.d[i]);
      hops.relay(msg, trace.b[i], trace.t[i]);
    } else if (kind === KIND.messageDelivered || (kind === KIND.messageDropped && IN_FLIGHT[trace.e[i]])) {
      // Delivered copies and copies lost in flight (partition, crashed receiver) are drawn; loss at send is not.
      // A delivery names the message's origin; its last hop left from the last relay.
      const from = kind === KIND.messageDelivered ? hops.lastHopFrom(msg, trace.a[i]) : trace.a[i];
      const start = hops.startOf(msg, from);
      if (start !== undefined)
        flight(from, trace.b[i], start, trace.t[i], kind === KIND.messageDelivered ? 1 : 0, trace.d[i]);
    } else if (kind === KIND.agentCrashed || kind === KIND.agentRecovered) {
      if (trace.a[i] >= 0 && trace.a[i] < agentCount) {
        changes.push(i, trace.a[i], 'crashed', kind === KIND.agentCrashed ? 1 : 0);
      }
    } else if (kind === KIND.partitionChanged) {
      partitionIndex.push(i);
      partitions.push(trace.values[trace.e[i]] as PartitionDescription);
    } else if (kind === KIND.engine) {
      const name = trace.strings[trace.d[i]];
      const detail = trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined;
      if (name === 'roundEnd') roundEnds.push(i);
      if (name === 'gossipContact') contacts.push(i);
      if (name === 'decided' && decisionIndex < 0) decisionIndex = i;
      const mark = markOf(name, detail);
      const agent = trace.a[i];
      if (agent < 0 || agent >= agentCount) continue;
      if (mark) changes.push(i, agent, 'mark', MARKS.indexOf(mark));
      const step = seriesStep(name, detail, mark);
      if (step) {
        series[step[0]].push(agent, i, step[1]);
        changes.step(i, agent, step[0], step[1]);
      }
      // A reliable broadcast's SEND is the agent's own vote, broadcast once (a peer-less voteSent).
      if (name === 'voteSent' && trace.b[i] < 0) {
        series.send.push(agent, i, 0);
        changes.step(i, agent, 'send', 0);
      }
    }
  }
  maxFlightMs = Math.max(maxFlightMs, addContactFlights(trace, contacts, roundEnds, rows, kindOfString));
  const index = finish(n, agentCount, rows, roundEnds, decisionIndex, maxFlightMs);
  return {
    ...index,
    partitionIndex: Int32Array.from(partitionIndex),
    partitions,
    series: Object.fromEntries(SERIES_NAMES.map((s) => [s, series[s].build()])) as Record<SeriesName, AgentSeries>,
    glyphChanges: changes.build(),
  };
}

/**
 * Gossip contacts are engine events, not network messages; they are drawn as
 * flights across their round. Engines stamp a contact either at the end of its
 * round (rumor spreading: the round's roundEnd has the same time) or at its start
 * (gossip votes: the roundEnd comes one round later). Returns the longest flight.
 */
function addContactFlights(
  trace: TraceColumns,
  contacts: number[],
  roundEnds: number[],
  rows: number[][],
  kindOfString: Uint8Array,
): number {
  if (contacts.length === 0) return 0;
  const ends = roundEnds.map((i) => trace.t[i]);
  const gaps = ends
    .slice(1)
    .map((t, k) => t - ends[k])
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  const roundMs = gaps[gaps.length >> 1] ?? 1;
  let next = 0;
  let longest = 0;
  for (const i of contacts) {
    while (next < roundEnds.length && roundEnds[next] < i) next++;
    const t = trace.t[i];
    const endOfRound = next < roundEnds.length ? trace.t[roundEnds[next]] : t + roundMs;
    const [start, end] = endOfRound === t ? [t - roundMs, t] : [t, endOfRound];
    rows[0].push(trace.a[i], trace.b[i]);
    rows[1].push(start, end);
    rows[2].push(1);
    rows[3].push(kindOfString[trace.d[i]]);
    longest = Math.max(longest, end - start);
  }
  return longest;
}

function finish(
  length: number,
  agentCount: number,
  rows: number[][],
  roundEnds: number[],
  decisionIndex: number,
  maxFlightMs: number,
): Omit<TraceIndex, 'partitionIndex' | 'partitions' | 'series' | 'glyphChanges'> {
  const pairs = rows[0];
  const times = rows[1];
  const count = rows[2].length;
  const order = Array.from({ length: count }, (_, i) => i).sort((x, y) => times[2 * x] - times[2 * y] || x - y);
  const idx: Omit<TraceIndex, 'partitionIndex' | 'partitions' | 'series' | 'glyphChanges'> = {
    length,
    msgFrom: new Int32Array(count),
    msgTo: new Int32Array(count),
    msgStart: new Float64Array(count),
    msgEnd: new Float64Array(count),
    msgDelivered: new Uint8Array(count),
    msgKind: new Uint8Array(count),
    msgCount: count,
    flightKindCounts: FLIGHT_KINDS.map(() => 0),
    maxFlightMs,
    agentCount,
    roundEnds,
    decisionIndex,
  };
  order.forEach((row, i) => {
    idx.msgFrom[i] = pairs[2 * row];
    idx.msgTo[i] = pairs[2 * row + 1];
    idx.msgStart[i] = times[2 * row];
    idx.msgEnd[i] = times[2 * row + 1];
    idx.msgDelivered[i] = rows[2][row];
    idx.msgKind[i] = rows[3][row];
    idx.flightKindCounts[rows[3][row]]++;
  });
  return idx;
}

/** Every typed array an index holds (distinct buffers), to transfer it across the worker boundary. */
export function indexArrays(index: TraceIndex): ArrayBufferView[] {
  return [
    index.msgFrom,
    index.msgTo,
    index.msgStart,
    index.msgEnd,
    index.msgDelivered,
    index.msgKind,
    ...Object.values(index.series).flatMap(seriesArrays),
    index.glyphChanges.event,
    index.glyphChanges.agent,
    index.glyphChanges.field,
    index.glyphChanges.value,
    index.partitionIndex,
  ];
}

/** The network's partitions after event `cursor` (null when none is in force). */
export function partitionAt(index: TraceIndex, cursor: number): PartitionDescription | null {
  const k = lastAtOrBefore(index.partitionIndex, cursor);
  const p = k >= 0 ? index.partitions[k] : null;
  return p && (p.groups.length > 0 || p.oneWay.length > 0) ? p : null;
}

/**
 * Which links a partition cuts: a link is cut when its ends are in different groups (agents in no
 * group form one more group) or a one-way cut separates them in either direction.
 */
export function cutLinks(
  links: readonly (readonly [number, number])[],
  p: PartitionDescription,
  agentCount: number,
): Uint8Array {
  const group = new Int32Array(agentCount).fill(p.groups.length);
  p.groups.forEach((members, g) => {
    for (const a of members) if (a < agentCount) group[a] = g;
  });
  const cuts = p.oneWay.map(({ from, to }) => ({ from: new Set(from), to: new Set(to) }));
  const oneWay = (a: number, b: number) => cuts.some((c) => c.from.has(a) && c.to.has(b));
  const out = new Uint8Array(links.length);
  links.forEach(([a, b], i) => {
    out[i] = group[a] !== group[b] || oneWay(a, b) || oneWay(b, a) ? 1 : 0;
  });
  return out;
}

/** Last position in a sorted array whose value is ≤ x, or −1. */
const lastAtOrBefore = (sorted: ArrayLike<number>, x: number): number => bisectRight(sorted, x) - 1;

/** Applies every glyph change of `field` up to event `cursor`, in order, through `set(agent, value)`. */
function replay(
  index: TraceIndex,
  field: GlyphField,
  cursor: number,
  set: (agent: number, value: number) => void,
): void {
  const c = index.glyphChanges;
  const code = GLYPH_FIELDS.indexOf(field);
  const end = bisectRight(c.event, cursor);
  for (let k = 0; k < end; k++) if (c.field[k] === code) set(c.agent[k], c.value[k]);
}

/** Each agent's mark after event `cursor`. */
export function marksAt(index: TraceIndex, cursor: number): AgentMark[] {
  const out: AgentMark[] = new Array(index.agentCount).fill('idle');
  replay(index, 'mark', cursor, (agent, value) => {
    out[agent] = MARKS[value];
  });
  return out;
}

/** Whether each agent is crashed after event `cursor`. */
export function crashedAt(index: TraceIndex, cursor: number): boolean[] {
  const out: boolean[] = new Array(index.agentCount).fill(false);
  replay(index, 'crashed', cursor, (agent, value) => {
    out[agent] = value === 1;
  });
  return out;
}

/** Calls `visit(from, to, progress, delivered, kind)` for every message in flight at simulated time `t`. */
export function forEachInFlight(
  index: TraceIndex,
  t: number,
  visit: (from: number, to: number, progress: number, delivered: boolean, kind: number) => void,
): void {
  let i = Math.max(0, lastAtOrBefore(index.msgStart, t - index.maxFlightMs - 1) + 1);
  for (; i < index.msgCount && index.msgStart[i] <= t; i++) {
    const start = index.msgStart[i];
    const end = index.msgEnd[i];
    if (end <= t || end === start) continue;
    visit(index.msgFrom[i], index.msgTo[i], (t - start) / (end - start), index.msgDelivered[i] === 1, index.msgKind[i]);
  }
}

/** The index of the last event at or before simulated time `t`. */
export function cursorAtTime(trace: TraceColumns, t: number): number {
  return lastAtOrBefore(trace.t, t);
}
