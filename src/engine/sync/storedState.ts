import type { StateVersion } from '../conflict/stateVersion';
import { partitionPoint } from '../core/bisect';
import { checkLimit } from '../core/errors';

/** Entries in one swarm's change log. */
export const MAX_CHANGE_LOG_ENTRIES = 10_000_000;

/**
 * What the synchroniser has stored for one swarm: the latest version of each
 * key, every change in order (the change log delta sync replays), and the
 * swarm-wide version counter that numbers them. A stored version's `version` is
 * its place in that sequence, so "changes after version N" means the same thing
 * for every key.
 */
export class StoredSwarm {
  readonly states = new Map<string, StateVersion>();
  log: StateVersion[] = [];
  version = 0;

  /** Numbers `v` as the next change, records it and returns the stored copy. */
  append(v: StateVersion): StateVersion {
    checkLimit('MAX_CHANGE_LOG_ENTRIES', MAX_CHANGE_LOG_ENTRIES, this.log.length + 1);
    const stored = { ...v, version: ++this.version };
    this.states.set(stored.stateKey, stored);
    this.log.push(stored);
    return stored;
  }

  /** Every change after `sinceVersion`, oldest first (binary search: the log is sorted by version). */
  since(sinceVersion: number): StateVersion[] {
    return this.log.slice(partitionPoint(0, this.log.length, (i) => this.log[i].version <= sinceVersion));
  }

  /** Forgets one key (its state and its log entries); the counter never goes back. */
  remove(stateKey: string): boolean {
    this.log = this.log.filter((v) => v.stateKey !== stateKey);
    return this.states.delete(stateKey);
  }

  /** `{ key: version }` of every stored key: the digest the version-query mode compares against. */
  digest(): Record<string, number> {
    const out: Record<string, number> = Object.create(null);
    for (const [k, v] of this.states) out[k] = v.version;
    return out;
  }
}
