import { compare, merge, type VectorClock } from '../clocks/vectorClock';
import type { ConflictResolver } from '../conflict/conflictResolver';
import type { StateVersion } from '../conflict/stateVersion';
import { canonicalJson } from '../core/hash';
import { jsonEqual } from '../crdt/json';

/**
 * The clock of a version; a version without one counts as `{ [agentId]: version }`
 * (the resolver's rule for the vector strategy).
 * @example clockOf({ ...v, agentId: 'agent-2', version: 3, metadata: {} }) // { 'agent-2': 3 }
 */
export function clockOf(v: StateVersion): VectorClock {
  return v.metadata.vectorClock ?? { [v.agentId]: v.version };
}

/**
 * The form a version is kept and sent in: the resolver's explanation and
 * bookkeeping stay in the trace, so replicas compare by content and the wire
 * carries only what a merge needs (value, clock, CRDT type and state).
 */
export function lean(v: StateVersion, clock: VectorClock = clockOf(v)): StateVersion {
  const metadata: StateVersion['metadata'] = { vectorClock: clock };
  if (v.metadata.crdtType !== undefined) metadata.crdtType = v.metadata.crdtType;
  if (v.metadata.crdtState !== undefined) metadata.crdtState = v.metadata.crdtState;
  return {
    stateKey: v.stateKey,
    value: v.value,
    version: v.version,
    timestamp: v.timestamp,
    agentId: v.agentId,
    metadata,
  };
}

/** Canonical text of a version's content: equal texts ⇒ identical replicas. */
export function contentKey(v: StateVersion | undefined): string {
  return v === undefined ? '∅' : canonicalJson(lean(v));
}

/** `contentKey(a) === contentKey(b)` without serialising either (a full sync compares every key of every agent). */
export function sameContent(a: StateVersion | undefined, b: StateVersion | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a === b || jsonEqual(lean(a), lean(b));
}

export type MergeOutcome = 'adopted' | 'kept' | 'merged' | 'same';

/**
 * What a replica holding `local` keeps after receiving `incoming`: the newer one
 * when their clocks are ordered, otherwise the resolver's merge of both with the
 * joined clock. Equal clocks with different content (two merges of the same
 * writes in different orders) are resolved too, so replicas cannot stay apart.
 * A stored change with the same clock as the local version is adopted: it is
 * the same writes, numbered with the swarm version.
 * For the crdt strategy the merged version number is the larger input's, not
 * max + 1, so that merging is associative and replicas agree whatever the order.
 * @example mergeVersions(resolver, local, incoming).outcome // 'adopted' when incoming's clock is newer
 */
export function mergeVersions(
  resolver: ConflictResolver,
  local: StateVersion | undefined,
  incoming: StateVersion,
  incomingIsStored = false,
): { next: StateVersion; outcome: MergeOutcome } {
  if (local === undefined) return { next: lean(incoming), outcome: 'adopted' };
  const order = compare(clockOf(local), clockOf(incoming));
  if (order === 'before') return { next: lean(incoming), outcome: 'adopted' };
  if (order === 'after') return { next: local, outcome: 'kept' };
  if (order === 'equal' && sameContent(local, incoming)) return { next: local, outcome: 'same' };
  // The stored copy of the same writes (renumbered with the swarm version) is the canonical one.
  if (order === 'equal' && incomingIsStored) return { next: lean(incoming), outcome: 'adopted' };
  return { next: resolveAll(resolver, [local, incoming]), outcome: 'merged' };
}

/** Resolves versions of one key into one, its clock the join of theirs (it supersedes them all). */
export function resolveAll(resolver: ConflictResolver, versions: readonly StateVersion[]): StateVersion {
  const r = resolver.resolve(versions[0].stateKey, versions);
  const clock = versions.map(clockOf).reduce((a, b) => merge(a, b));
  if (resolver.strategy !== 'crdt' || versions.length === 1) return lean(r, clock);
  const version = Math.max(...versions.map((v) => v.version));
  return lean({ ...r, version }, clock);
}

/** One agent's copy of one swarm's state. */
export interface SwarmReplica {
  states: Map<string, StateVersion>;
  /** Per key, the swarm version of the last stored change this agent applied. */
  synced: Map<string, number>;
  /** Every stored change up to this swarm version has been applied here. */
  appliedVersion: number;
}

/** Every agent's replicas, by agent index and swarm id. */
export class ReplicaSet {
  private readonly byAgent: Map<string, SwarmReplica>[];

  constructor(agentCount: number) {
    this.byAgent = Array.from({ length: agentCount }, () => new Map());
  }

  swarm(agent: number, swarmId: string): SwarmReplica {
    let r = this.byAgent[agent].get(swarmId);
    if (!r) {
      r = { states: new Map(), synced: new Map(), appliedVersion: 0 };
      this.byAgent[agent].set(swarmId, r);
    }
    return r;
  }

  get(agent: number, swarmId: string, stateKey: string): StateVersion | undefined {
    return this.byAgent[agent].get(swarmId)?.states.get(stateKey);
  }

  swarmIds(agent: number): string[] {
    return [...this.byAgent[agent].keys()].sort();
  }

  /**
   * Applies a stored change (its `version` is the swarm version) at `agent`,
   * advancing `appliedVersion` when the change is the next one in sequence.
   */
  applyStored(resolver: ConflictResolver, agent: number, swarmId: string, change: StateVersion): MergeOutcome {
    const r = this.swarm(agent, swarmId);
    const { next, outcome } = mergeVersions(resolver, r.states.get(change.stateKey), change, true);
    r.states.set(change.stateKey, next);
    r.synced.set(change.stateKey, Math.max(r.synced.get(change.stateKey) ?? 0, change.version));
    if (change.version === r.appliedVersion + 1) r.appliedVersion = change.version;
    return outcome;
  }

  /** Applies a version from a peer (anti-entropy): no swarm version to record. */
  applyPeer(resolver: ConflictResolver, agent: number, swarmId: string, v: StateVersion): MergeOutcome {
    const r = this.swarm(agent, swarmId);
    const { next, outcome } = mergeVersions(resolver, r.states.get(v.stateKey), v);
    r.states.set(v.stateKey, next);
    return outcome;
  }
}
