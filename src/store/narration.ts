/**
 * The narration of the current moment: where the run stands at the player's cursor ("round 3:
 * 13 of 200 informed"), and what happened at that simulated millisecond up to the cursor, in
 * sentences ("agent-4 sent 'for' to agent-1 and 'against' to agent-2"). Pure functions of the
 * trace, its index and the cursor; the panel (src/views/narration/) only shows them.
 */
import { bisectRight } from 'd3';
import { KIND } from '../engine/trace/events';
import type { TraceColumns } from '../worker/protocol';
import { eventSentence, listNames, messageContent, nameOf, partitionSentence, type Speaker } from './narrationWords';
import { partitionAt, type TraceIndex } from './traceIndex';

/** Sentences shown for one moment: the latest ones, the earlier ones counted. */
export const MAX_NARRATION_LINES = 4;
/** Events of one moment read at most (a millisecond of a big run can hold thousands). */
const MAX_MOMENT_EVENTS = 2_000;

/** What the narration needs of a run beyond the trace, computed once per trace (`narrationProgress`). */
export interface NarrationProgress {
  /** Event index at which each agent was first informed, sorted (for "13 of 200 informed"). */
  informedAt: Int32Array;
  /** Event index of each agent's first decision, sorted. */
  decidedAt: Int32Array;
  /** `roundEnd` events: their index, the round they closed and how many were informed then (−1: not said). */
  roundEndAt: Int32Array;
  roundNumber: Int32Array;
  roundInformed: Float64Array;
}

export interface Narration {
  /** Simulated time of the moment, ms (0 before the first event). */
  timeMs: number;
  /** Where the run stands: "round 3: 13 of 200 informed · 4 agents decided"; '' before anything. */
  headline: string;
  /** The moment's sentences, oldest first; the last is the cursor's own event. */
  lines: string[];
  /** Sentences of the same moment before these (not shown). */
  earlier: number;
}

const field = (v: unknown, key: string): unknown =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;

/** One pass over the trace: who got informed or decided when, and every round's end. */
export function narrationProgress(trace: TraceColumns): NarrationProgress {
  const informed = trace.strings.indexOf('informed');
  const decided = trace.strings.indexOf('decided');
  const roundEnd = trace.strings.indexOf('roundEnd');
  const seenInformed = new Set<number>();
  const seenDecided = new Set<number>();
  const informedAt: number[] = [];
  const decidedAt: number[] = [];
  const rounds: [number, number, number][] = [];
  for (let i = 0; i < trace.length; i++) {
    if (trace.kind[i] !== KIND.engine) continue;
    const name = trace.d[i];
    const agent = trace.a[i];
    if (name === informed && !seenInformed.has(agent)) {
      seenInformed.add(agent);
      informedAt.push(i);
    } else if (name === decided && !seenDecided.has(agent)) {
      seenDecided.add(agent);
      decidedAt.push(i);
    } else if (name === roundEnd) {
      const detail = trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined;
      const round = field(detail, 'round');
      const count = field(detail, 'informed');
      rounds.push([i, typeof round === 'number' ? round : rounds.length + 1, typeof count === 'number' ? count : -1]);
    }
  }
  return {
    informedAt: Int32Array.from(informedAt),
    decidedAt: Int32Array.from(decidedAt),
    roundEndAt: Int32Array.from(rounds.map((r) => r[0])),
    roundNumber: Int32Array.from(rounds.map((r) => r[1])),
    roundInformed: Float64Array.from(rounds.map((r) => r[2])),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** "round 3: 13 of 200 informed · 4 agents decided · partition: {agent-1} | the rest". */
export function headlineAt(
  progress: NarrationProgress,
  cursor: number,
  total: number,
  speaker: Speaker,
  index: TraceIndex | null,
): string {
  const parts: string[] = [];
  const r = bisectRight(progress.roundEndAt, cursor) - 1;
  const informed = bisectRight(progress.informedAt, cursor);
  // A well-mixed run traces no agent: its rounds say how many are informed.
  const informedNow = progress.informedAt.length > 0 ? informed : r >= 0 ? progress.roundInformed[r] : -1;
  const spreads = progress.informedAt.length > 0 || progress.roundInformed.some((n) => n >= 0);
  const round = r >= 0 ? `round ${progress.roundNumber[r]}` : progress.roundEndAt.length > 0 ? 'round 1 under way' : '';
  const reach = spreads && informedNow >= 0 ? `${fmt(informedNow)} of ${fmt(total)} informed` : '';
  if (round && reach) parts.push(`${round}: ${reach}`);
  else if (round || reach) parts.push(round || reach);
  const decided = bisectRight(progress.decidedAt, cursor);
  if (decided > 0) parts.push(`${fmt(decided)} ${decided === 1 ? 'agent' : 'agents'} decided`);
  const cut = index && cursor >= 0 ? partitionAt(index, cursor) : null;
  if (cut) parts.push(partitionSentence(cut, speaker));
  return parts.join(' · ');
}

/** First event of the moment that ends at `cursor` (same simulated time), bounded. */
function momentStart(trace: TraceColumns, cursor: number): number {
  const t = trace.t[cursor];
  let i = cursor;
  while (i > 0 && cursor - i < MAX_MOMENT_EVENTS && trace.t[i - 1] === t) i--;
  return i;
}

/**
 * Consecutive sends from one agent become one sentence, grouped by what they carry:
 * "agent-4 sent 'for' to agent-1 and 'against' to agent-2". Returns the index after the run.
 */
function sendRun(trace: TraceColumns, start: number, end: number, speaker: Speaker): [string, number] {
  const sender = trace.a[start];
  const byContent = new Map<string, string[]>();
  let i = start;
  for (; i <= end && trace.kind[i] === KIND.messageSent && trace.a[i] === sender; i++) {
    const what = messageContent(trace, i, speaker);
    const to = byContent.get(what) ?? [];
    to.push(nameOf(speaker, trace.b[i]));
    byContent.set(what, to);
  }
  const parts = [...byContent].map(([what, to]) => `${what} to ${listNames(to)}`);
  return [`${nameOf(speaker, sender)} sent ${listNames(parts, 3)}`, i];
}

/** The sentences of the moment at `cursor`, oldest first, with how many earlier ones were left out. */
export function momentLines(
  trace: TraceColumns,
  cursor: number,
  speaker: Speaker,
): { lines: string[]; earlier: number } {
  if (cursor < 0 || cursor >= trace.length) return { lines: [], earlier: 0 };
  const all: string[] = [];
  let i = momentStart(trace, cursor);
  while (i <= cursor) {
    if (trace.kind[i] === KIND.messageSent) {
      const [sentence, next] = sendRun(trace, i, cursor, speaker);
      all.push(sentence);
      i = next;
      continue;
    }
    const sentence = eventSentence(trace, i, speaker);
    // The same sentence twice in a row (a swarm of identical steps) is said once.
    if (sentence && sentence !== all.at(-1)) all.push(sentence);
    i++;
  }
  const lines = all.slice(-MAX_NARRATION_LINES);
  return { lines, earlier: all.length - lines.length };
}

/** The whole narration at `cursor`. */
export function narrate(
  trace: TraceColumns,
  index: TraceIndex | null,
  progress: NarrationProgress,
  cursor: number,
  total: number,
  speaker: Speaker,
): Narration {
  const { lines, earlier } = momentLines(trace, cursor, speaker);
  return {
    timeMs: cursor >= 0 && cursor < trace.length ? trace.t[cursor] : 0,
    headline: headlineAt(progress, cursor, total, speaker, index),
    lines,
    earlier,
  };
}
