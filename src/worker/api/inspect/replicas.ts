/**
 * Rebuilds a `replicated-state` run's replicas at the player's cursor by
 * replaying its local operations and the states it delivered, with the real
 * CRDT classes, and turns each replica into the `StateVersion` the resolver
 * takes (a counter's version is its agent's own contribution, as the seed's
 * G-Counter semantics say; it carries the replica's whole state, which is
 * what the crdt strategy joins).
 */
import type { VectorClock } from '../../../engine/clocks/vectorClock';
import type { StateVersionInput } from '../../../engine/conflict/stateVersion';
import { checkLimit } from '../../../engine/core/errors';
import { createReplica, mergeState } from '../../../engine/crdt/replica';
import type { CRDTType } from '../../../engine/crdt/types';

/** Replayed steps one call accepts (a larger run is inspected at an earlier cursor or in smaller runs). */
export const MAX_REPLAY_STEPS = 200_000;

/** One step to replay: a local operation or a delivered state, with the agent's clock after it. */
export type ReplayStep =
  | { kind: 'op'; agent: number; t: number; op: unknown; clock?: VectorClock }
  | { kind: 'merge'; agent: number; from: number; t: number; state: unknown; clock?: VectorClock }
  /** A send: the sender's clock ticked (the engine stamps each sync message with it). */
  | { kind: 'tick'; agent: number; t: number; clock: VectorClock };

export interface ReplicaRow {
  agentId: string;
  /** The replica's value as a user of it reads it. */
  value: unknown;
  /** What the resolver is given for this replica. */
  version: StateVersionInput;
  writes: number;
  merges: number;
  /** False when the value rests on a write the trace never carried (sync runs); left out of resolution. */
  valueRecorded?: boolean;
}

function resolverValue(type: CRDTType, state: Record<string, unknown>, value: unknown, id: string): unknown {
  switch (type) {
    case 'counter':
      return (state.counts as Record<string, number>)[id] ?? 0;
    case 'pn-counter':
      return {
        increments: (state.p as Record<string, number>)[id] ?? 0,
        decrements: (state.n as Record<string, number>)[id] ?? 0,
      };
    case 'or-set': {
      const { type: _type, ...rest } = state;
      return rest;
    }
    default:
      return value;
  }
}

/**
 * Replays `steps` (in trace order) on fresh replicas of `crdtType`, one per agent id.
 *
 * @example replayReplicas('counter', 'counter', ['agent-1'], [{ kind: 'op', agent: 0, t: 5, op: { type: 'increment', amount: 3 } }])[0].value // 3
 */
export function replayReplicas(
  crdtType: CRDTType,
  stateKey: string,
  agentIds: readonly string[],
  steps: readonly ReplayStep[],
): ReplicaRow[] {
  checkLimit('MAX_REPLAY_STEPS', MAX_REPLAY_STEPS, steps.length);
  const replicas = agentIds.map((id) => createReplica(crdtType, id));
  const clocks: (VectorClock | undefined)[] = agentIds.map(() => undefined);
  const writes = agentIds.map(() => 0);
  const merges = agentIds.map(() => 0);
  const lastWriteMs = agentIds.map(() => 0);
  for (const step of steps) {
    const r = replicas[step.agent];
    if (!r) continue;
    if (step.kind === 'tick') {
      clocks[step.agent] = step.clock;
      continue;
    }
    if (step.kind === 'op') {
      (r.apply as (op: unknown) => void).call(r, step.op);
      writes[step.agent]++;
      lastWriteMs[step.agent] = step.t;
    } else {
      mergeState(r, step.state);
      merges[step.agent]++;
    }
    if (step.clock) clocks[step.agent] = step.clock;
  }
  return replicas.map((r, i) => {
    const id = agentIds[i];
    const state = r.state() as unknown as Record<string, unknown>;
    const clock = clocks[i];
    return {
      agentId: id,
      value: r.value(),
      writes: writes[i],
      merges: merges[i],
      version: {
        stateKey,
        value: resolverValue(crdtType, state, r.value(), id),
        version: writes[i],
        timestamp: lastWriteMs[i],
        agentId: id,
        // The replica's whole state: the resolver joins it (what it merged from others, per-key stamps included).
        metadata: { crdtType, crdtState: r.state(), ...(clock ? { vectorClock: clock } : {}) },
      },
    };
  });
}
