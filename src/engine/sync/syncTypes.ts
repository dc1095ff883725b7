import type { StateVersion } from '../conflict/stateVersion';

/** The seed's three synchronisation modes, plus the coordinator-free gossip. */
export type SyncMode = 'full' | 'delta' | 'version-query';
export const SYNC_MODES: readonly SyncMode[] = ['full', 'delta', 'version-query'];

/** What a mode's traffic is counted under. `collect` is the six-step per-key protocol. */
export type CostBucket = 'collect' | SyncMode | 'anti-entropy';
export const COST_BUCKETS: readonly CostBucket[] = ['collect', 'full', 'delta', 'version-query', 'anti-entropy'];

/** Messages sent and their serialised size (UTF-8 bytes of the JSON payload). */
export interface SyncCost {
  messages: number;
  bytes: number;
}

/** Why an agent did not get (or acknowledge) what it was sent. */
export type MissReason = 'crashed' | 'partitioned' | 'no-answer' | 'no-ack';

export interface MissedAgent {
  agent: string;
  reason: MissReason;
}

/** The outcome of one `synchronizeState` call, step by step. */
export interface SyncReport {
  swarmId: string;
  stateKey: string;
  /** True when the resolved state was stored and every agent that answered acknowledged it. */
  ok: boolean;
  stored: boolean;
  /** Agents whose version was collected (the coordinator's own included). */
  answered: string[];
  /** Agents that did not answer the request, or answered but did not acknowledge the result. */
  missed: MissedAgent[];
  conflict: boolean;
  resolved: StateVersion | null;
  /** Why it failed, when it did (no versions anywhere, coordinator down, a storage error). */
  error?: string;
  cost: SyncCost;
  startedAtMs: number;
  finishedAtMs: number;
}

/** The outcome of a swarm-wide mode run (full snapshot, delta, version query). */
export interface ModeReport {
  mode: SyncMode;
  swarmId: string;
  /** Live agents that finished the exchange. */
  completed: string[];
  missed: MissedAgent[];
  /** Versions applied at agents (changed something or not). */
  versionsSent: number;
  cost: SyncCost;
  startedAtMs: number;
  finishedAtMs: number;
}

export interface AntiEntropyReport {
  rounds: number;
  converged: boolean;
  cost: SyncCost;
}
