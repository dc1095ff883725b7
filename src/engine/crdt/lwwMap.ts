import { check, checkLimit } from '../core/errors';
import { MAX_CRDT_ENTRIES } from './counts';
import { checkJson, cloneJson, compareStrings, type Json, setOwn } from './json';
import { compareEntries, type LwwEntry, type LwwStamp } from './lww';
import { copyEntry, readLwwEntry } from './lwwRegister';
import type { MergeOptions, Replica } from './types';

export interface LWWMapState {
  type: 'map';
  /** One LWW cell per key, sorted by key; `deleted` cells are tombstones. */
  entries: ({ key: string } & LwwEntry)[];
}

export type LWWMapOp =
  | { type: 'set'; key: string; value: Json; timestamp: number }
  | { type: 'delete'; key: string; timestamp: number };

/**
 * A map whose every key is a last-writer-wins register (same order as
 * `LWWRegister`); a delete is a tombstone write. Keys live in a `Map`, so a key
 * such as `__proto__` is ordinary data.
 *
 * @example
 * const m = new LWWMap('agent-1');
 * m.apply({ type: 'set', key: 'key2', value: 'v2', timestamp: 1 });
 * m.merge({ type: 'map', entries: [{ key: 'key2', value: 'v3', timestamp: 2, version: 1, agentId: 'agent-2' }] });
 * m.value(); // { key2: 'v3' }
 */
export class LWWMap implements Replica<LWWMapOp, LWWMapState, Record<string, Json>> {
  readonly type = 'map';
  private readonly cells = new Map<string, LwwEntry>();
  private dirty = new Set<string>();

  constructor(readonly replicaId: string) {
    check(typeof replicaId === 'string' && replicaId.length > 0, 'replicaId', 'must be a non-empty string');
  }

  static fromState(replicaId: string, state: unknown, field = 'state'): LWWMap {
    const m = new LWWMap(replicaId);
    // `read` made fresh cells: they are taken as they are, not copied again.
    for (const [key, cell] of LWWMap.read(state, field)) m.cells.set(key, cell);
    return m;
  }

  /**
   * A replica holding `cells` as they are: for a caller that built them from input it has just
   * validated (the conflict resolver reads a version's map value as one agent's writes), so they
   * are not read and copied again as a received state would be.
   */
  static fromCells(replicaId: string, cells: Map<string, LwwEntry>): LWWMap {
    checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, cells.size);
    const m = new LWWMap(replicaId);
    for (const [key, cell] of cells) m.cells.set(key, cell);
    return m;
  }

  private static read(state: unknown, field: string): Map<string, LwwEntry> {
    check(typeof state === 'object' && state !== null, field, 'must be a map state');
    const s = state as Partial<LWWMapState>;
    check(s.type === 'map', `${field}.type`, "must be 'map'");
    check(Array.isArray(s.entries), `${field}.entries`, 'must be an array');
    checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, s.entries.length);
    const out = new Map<string, LwwEntry>();
    s.entries.forEach((e, i) => {
      const f = `${field}.entries[${i}]`;
      check(typeof e?.key === 'string', `${f}.key`, 'must be a string');
      const cell = readLwwEntry(e, f);
      const prev = out.get(e.key);
      if (!prev || compareEntries(cell, prev) > 0) out.set(e.key, cell);
    });
    return out;
  }

  apply(op: LWWMapOp): void {
    check(op?.type === 'set' || op?.type === 'delete', 'op.type', "must be 'set' or 'delete'");
    check(typeof op.key === 'string', 'op.key', 'must be a string');
    check(typeof op.timestamp === 'number' && Number.isFinite(op.timestamp), 'op.timestamp', 'must be finite');
    const prev = this.cells.get(op.key);
    const version = (prev?.version ?? 0) + 1;
    const base = { timestamp: op.timestamp, version, agentId: this.replicaId };
    let next: LwwEntry;
    if (op.type === 'set') {
      checkJson(op.value, 'op.value');
      next = { value: cloneJson(op.value), ...base };
    } else next = { value: null, deleted: true, ...base };
    if (prev && compareEntries(next, prev) <= 0) return;
    this.cells.set(op.key, next);
    this.dirty.add(op.key);
    checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, this.cells.size);
  }

  merge(other: LWWMap | LWWMapState, options?: MergeOptions): boolean {
    const from = other instanceof LWWMap ? other.cells : LWWMap.read(other, 'state');
    return this.join(from, options?.keepAsDelta === true);
  }

  private join(from: ReadonlyMap<string, LwwEntry>, keep: boolean): boolean {
    let changed = false;
    for (const [key, cell] of from) {
      const mine = this.cells.get(key);
      if (mine && compareEntries(cell, mine) <= 0) continue;
      this.cells.set(key, copyEntry(cell));
      if (keep) this.dirty.add(key);
      changed = true;
    }
    checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, this.cells.size);
    return changed;
  }

  /** The stamp of `key`'s cell (its last write, a delete included), or undefined when the key was never written. */
  stampOf(key: string): LwwStamp | undefined {
    const cell = this.cells.get(key);
    return cell && { timestamp: cell.timestamp, version: cell.version, agentId: cell.agentId };
  }

  /** Visits every cell (tombstones included) without copying; the visitor must not change them. */
  forEachCell(visit: (key: string, cell: Readonly<LwwEntry>) => void): void {
    for (const [key, cell] of this.cells) visit(key, cell);
  }

  get(key: string): Json | undefined {
    const cell = this.cells.get(key);
    return cell && !cell.deleted ? cloneJson(cell.value) : undefined;
  }

  /** The live keys and values, keys sorted; built with own data properties. */
  value(): Record<string, Json> {
    const out: Record<string, Json> = {};
    for (const key of [...this.cells.keys()].sort(compareStrings)) {
      const cell = this.cells.get(key) as LwwEntry;
      if (!cell.deleted) setOwn(out, key, cloneJson(cell.value));
    }
    return out;
  }

  state(): LWWMapState {
    return { type: 'map', entries: this.cellsOf([...this.cells.keys()]) };
  }

  takeDelta(): LWWMapState | undefined {
    if (this.dirty.size === 0) return undefined;
    const entries = this.cellsOf([...this.dirty]);
    this.dirty = new Set();
    return { type: 'map', entries };
  }

  private cellsOf(keys: string[]): LWWMapState['entries'] {
    return keys.sort(compareStrings).map((key) => ({ key, ...copyEntry(this.cells.get(key) as LwwEntry) }));
  }
}
