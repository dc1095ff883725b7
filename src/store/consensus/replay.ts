/**
 * State at the player's cursor for protocols whose state is built up event by event (Raft's
 * servers, PBFT's replicas): the trace positions that change it are found once per trace, with a
 * copy of the state every CHECKPOINT_EVERY of them, so a cursor anywhere is answered by replaying
 * at most that many from the nearest copy. The same object comes back while the cursor stays
 * between two changes, so views re-render only when something changed.
 */
import { bisectRight } from 'd3';
import type { TraceColumns } from '../../worker/protocol';

/** Changes replayed at most to answer one cursor. */
export const CHECKPOINT_EVERY = 256;
/** Changes indexed at most: a huge trace's tail is shown as of the last one kept. */
export const MAX_CHANGES = 2_000_000;

/** How one protocol's state is built from the trace. */
export interface ReplayRules<S> {
  /** The state before the first event. */
  initial(): S;
  /** A copy that later changes to the original cannot reach. */
  clone(state: S): S;
  /** Whether trace event `i` can change the state (read from the columns only, no decoding). */
  relevant(trace: TraceColumns, i: number): boolean;
  /** Applies trace event `i` to `state` (mutating it). */
  apply(state: S, trace: TraceColumns, i: number): void;
}

export interface Replay<S> {
  trace: TraceColumns;
  rules: ReplayRules<S>;
  /** Sorted trace positions of the events that change the state. */
  changes: Int32Array;
  /** checkpoints[k]: the state after the first k × CHECKPOINT_EVERY changes. */
  checkpoints: S[];
  /** The last answer: how many changes it includes, and the state. */
  last: { count: number; state: S } | null;
}

/** Indexes a trace for `rules`. Cost: one pass over the trace, plus one pass over its changes. */
export function buildReplay<S>(trace: TraceColumns, rules: ReplayRules<S>): Replay<S> {
  const positions: number[] = [];
  for (let i = 0; i < trace.length && positions.length < MAX_CHANGES; i++) {
    if (rules.relevant(trace, i)) positions.push(i);
  }
  const changes = Int32Array.from(positions);
  const state = rules.initial();
  const checkpoints: S[] = [rules.clone(state)];
  changes.forEach((i, k) => {
    rules.apply(state, trace, i);
    if ((k + 1) % CHECKPOINT_EVERY === 0) checkpoints.push(rules.clone(state));
  });
  return { trace, rules, changes, checkpoints, last: null };
}

/** The state after every event up to and including trace position `cursor` (−1: before the first). */
export function stateAt<S>(replay: Replay<S>, cursor: number): S {
  const count = bisectRight(replay.changes, cursor);
  if (replay.last?.count === count) return replay.last.state;
  const k = Math.floor(count / CHECKPOINT_EVERY);
  const state = replay.rules.clone(replay.checkpoints[k]);
  for (let c = k * CHECKPOINT_EVERY; c < count; c++) replay.rules.apply(state, replay.trace, replay.changes[c]);
  replay.last = { count, state };
  return state;
}

/** The engine event's name at trace position `i`, or '' when it is not an engine event. */
export function engineName(trace: TraceColumns, i: number, engineKind: number): string {
  return trace.kind[i] === engineKind ? trace.strings[trace.d[i]] : '';
}

/** The JSON value (an engine event's detail, a message's payload) of trace position `i`. */
export function valueAt<T>(trace: TraceColumns, i: number): T | undefined {
  return (trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined) as T | undefined;
}
