/**
 * Rebuilds a sync run's replicas of one state key at the player's cursor with
 * the engine's own ReplicaSet and ConflictResolver, from what the trace holds:
 * `localWrite` engine events (clock and local version; the value is read from
 * the first message that later carries the same write) and the versions the
 * sync messages delivered (stored changes, anti-entropy versions). So what
 * the merge inspector shows is what each agent held, merged as the run merged.
 */
import { merge as mergeClocks, type VectorClock } from '../../../engine/clocks/vectorClock';
import { ConflictResolver, type ResolutionStrategy } from '../../../engine/conflict/conflictResolver';
import type { StateVersion } from '../../../engine/conflict/stateVersion';
import { check, checkLimit } from '../../../engine/core/errors';
import { clockOf, lean, type MergeOutcome, ReplicaSet } from '../../../engine/sync/replica';
import type { ReplicaRow } from './replicas';

/** Replayed sync steps one call accepts. */
export const MAX_SYNC_REPLAY_STEPS = 200_000;

/** Messages whose versions are the coordinator's stored changes (applied as `applyStored`). */
const STORED_TAGS = new Set(['state_update', 'state_snapshot', 'delta_response', 'state_data']);
/** Messages whose versions come from a peer's replica (applied as `applyPeer`). */
const PEER_TAGS = new Set(['ae_digest', 'ae_reply', 'ae_push']);

/** One step of a sync run, with only the versions of the inspected key. */
export type SyncReplayStep =
  /** A local write; `recorded` is the same write as a later message carried it (null: never sent). */
  | { kind: 'write'; agent: number; t: number; version: number; clock: VectorClock; recorded: StateVersion | null }
  /** A message sent (a `state_update` means its sender just stored the change). */
  | { kind: 'sent'; tag: string; from: number; to: number; t: number; versions: StateVersion[] }
  | { kind: 'delivered'; tag: string; from: number; to: number; t: number; versions: StateVersion[] };

export interface SyncReplayRequest {
  stateKey: string;
  swarmId: string;
  strategy: ResolutionStrategy;
  agentIds: string[];
  steps: SyncReplayStep[];
}

export interface SyncReplicas {
  /** One row per agent holding a version of the key (`agentId` = the holder; the version names its writer). */
  rows: ReplicaRow[];
  /** Agents holding no version of the key at the cursor. */
  without: string[];
}

/** Messages whose versions are the sender's own replica at the time of sending. */
const OWN_REPLICA_TAGS = new Set(['state_response', 'ae_reply', 'ae_push']);

const CHANGED: ReadonlySet<MergeOutcome> = new Set(['adopted', 'merged']);

/**
 * Merging into a replica whose value is unknown: the engine's merge when it
 * accepts the placeholder; when the resolver cannot (a CRDT needs the value),
 * the clock still joins (a merge always joins clocks) and the value stays unknown.
 */
function mergeIntoUnknown(
  set: ReplicaSet,
  at: number,
  swarmId: string,
  incoming: StateVersion,
  apply: () => MergeOutcome,
): MergeOutcome {
  const local = set.get(at, swarmId, incoming.stateKey) as StateVersion;
  try {
    return apply();
  } catch {
    const clock = mergeClocks(clockOf(local), clockOf(incoming));
    const version = Math.max(local.version, incoming.version);
    set.swarm(at, swarmId).states.set(incoming.stateKey, lean({ ...incoming, value: null, version }, clock));
    return 'merged';
  }
}

/**
 * Replays `steps` (trace order) on a fresh ReplicaSet.
 *
 * @example replaySyncReplicas({ stateKey: 'k', swarmId: 's', strategy: 'lww', agentIds: ['agent-1'], steps: [] }).without // ['agent-1']
 */
export function replaySyncReplicas(request: SyncReplayRequest): SyncReplicas {
  const { stateKey, swarmId, agentIds, steps } = request;
  check(typeof stateKey === 'string' && stateKey !== '', 'stateKey', 'must not be empty');
  checkLimit('MAX_SYNC_REPLAY_STEPS', MAX_SYNC_REPLAY_STEPS, steps.length);
  const resolver = new ConflictResolver({ strategy: request.strategy });
  const set = new ReplicaSet(agentIds.length);
  const writes = agentIds.map(() => 0);
  const merges = agentIds.map(() => 0);
  /** The agent's version rests on a write whose value the trace never carried. */
  const unknown = agentIds.map(() => false);
  const valid = (a: number) => Number.isInteger(a) && a >= 0 && a < agentIds.length;
  for (const step of steps) {
    if (step.kind === 'write') {
      if (!valid(step.agent)) continue;
      // Unsent, only the value is unknown; the CRDT type carries over from the replica, as a write does.
      const crdtType = set.get(step.agent, swarmId, stateKey)?.metadata.crdtType;
      const v = step.recorded ?? {
        stateKey,
        value: null,
        version: step.version,
        timestamp: step.t,
        agentId: agentIds[step.agent],
        metadata: { vectorClock: step.clock, ...(crdtType ? { crdtType } : {}) },
      };
      set.swarm(step.agent, swarmId).states.set(stateKey, lean(v));
      writes[step.agent]++;
      unknown[step.agent] = step.recorded === null;
      continue;
    }
    // What an agent sends of its own replica is that replica: an unknown value becomes known here.
    if (step.kind === 'sent' && valid(step.from) && unknown[step.from] && OWN_REPLICA_TAGS.has(step.tag)) {
      const own = step.versions.find((v) => v.stateKey === stateKey);
      if (own) {
        set.swarm(step.from, swarmId).states.set(stateKey, lean(own));
        unknown[step.from] = false;
      }
    }
    // The coordinator applies a change it stores before broadcasting it (applying it again changes nothing).
    const at = step.kind === 'sent' ? (step.tag === 'state_update' ? step.from : -1) : step.to;
    const stored = STORED_TAGS.has(step.tag);
    if (!valid(at) || (!stored && !PEER_TAGS.has(step.tag))) continue;
    for (const v of step.versions) {
      if (v.stateKey !== stateKey) continue;
      const apply = () =>
        stored ? set.applyStored(resolver, at, swarmId, v) : set.applyPeer(resolver, at, swarmId, v);
      const outcome = unknown[at] ? mergeIntoUnknown(set, at, swarmId, v, apply) : apply();
      if (CHANGED.has(outcome)) merges[at]++;
      if (outcome === 'adopted') unknown[at] = false;
    }
  }
  const rows: SyncReplicas['rows'] = [];
  const without: string[] = [];
  agentIds.forEach((id, i) => {
    const v = set.get(i, swarmId, stateKey);
    if (!v) {
      without.push(id);
      return;
    }
    rows.push({
      agentId: id,
      value: v.value,
      version: v,
      writes: writes[i],
      merges: merges[i],
      valueRecorded: !unknown[i],
    });
  });
  return { rows, without };
}
