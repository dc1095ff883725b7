import { check, checkLimit } from '../core/errors';
import { MAX_CRDT_ENTRIES } from './counts';
import { checkJson, cloneJson, compareJson, compareStrings, type Json, jsonKey } from './json';
import type { MergeOptions, Replica } from './types';

export interface ORSetState {
  type: 'or-set';
  /** Every element ever added, with the unique tags of its adds (sorted). */
  entries: { element: Json; tags: string[] }[];
  /** Tags whose add has been removed (sorted). */
  tombstones: string[];
}

export type ORSetOp = { type: 'add' | 'remove'; element: Json };

interface Entry {
  element: Json;
  tags: Set<string>;
}

/**
 * An observed-remove set with add-wins semantics: every add carries a fresh tag
 * (`<seq>@<replicaId>`); a remove tombstones only the tags it has seen, so an
 * add concurrent with a remove survives. Merge is union of tags and tombstones.
 *
 * @example
 * const a = new ORSet('agent-1');
 * a.apply({ type: 'add', element: 'x' });
 * const b = new ORSet('agent-2');
 * b.merge(a.state());
 * b.apply({ type: 'remove', element: 'x' }); // removes the add b has seen
 * a.apply({ type: 'add', element: 'x' });    // concurrent re-add
 * a.merge(b.state());
 * a.value(); // ['x'] — add wins
 */
export class ORSet implements Replica<ORSetOp, ORSetState, Json[]> {
  readonly type = 'or-set';
  private readonly entries = new Map<string, Entry>();
  private readonly tombstones = new Set<string>();
  private seq = 0;
  private dirtyTags = new Map<string, Set<string>>();
  private dirtyTombstones = new Set<string>();

  constructor(readonly replicaId: string) {
    check(typeof replicaId === 'string' && replicaId.length > 0, 'replicaId', 'must be a non-empty string');
  }

  static fromState(replicaId: string, state: unknown, field = 'state'): ORSet {
    const s = new ORSet(replicaId);
    s.join(ORSet.read(state, field), false);
    return s;
  }

  private static read(state: unknown, field: string): { entries: Map<string, Entry>; tombstones: string[] } {
    check(typeof state === 'object' && state !== null, field, 'must be an or-set state');
    const s = state as Partial<ORSetState>;
    check(s.type === 'or-set', `${field}.type`, "must be 'or-set'");
    check(Array.isArray(s.entries), `${field}.entries`, 'must be an array');
    check(Array.isArray(s.tombstones), `${field}.tombstones`, 'must be an array of tags');
    checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, s.entries.length + s.tombstones.length);
    const entries = new Map<string, Entry>();
    s.entries.forEach((e, i) => {
      const f = `${field}.entries[${i}]`;
      check(typeof e === 'object' && e !== null, f, 'must be { element, tags }');
      checkJson(e.element, `${f}.element`);
      check(Array.isArray(e.tags) && e.tags.every((t) => typeof t === 'string'), `${f}.tags`, 'must be strings');
      const key = jsonKey(e.element);
      const prev = entries.get(key);
      if (prev) for (const t of e.tags) prev.tags.add(t);
      else entries.set(key, { element: e.element, tags: new Set(e.tags) });
    });
    s.tombstones.forEach((t, i) => {
      check(typeof t === 'string', `${field}.tombstones[${i}]`, 'must be a string');
    });
    return { entries, tombstones: s.tombstones };
  }

  apply(op: ORSetOp): void {
    check(op?.type === 'add' || op?.type === 'remove', 'op.type', "must be 'add' or 'remove'");
    checkJson(op.element, 'op.element');
    const key = jsonKey(op.element);
    if (op.type === 'add') {
      this.seq += 1;
      const tag = `${this.seq}@${this.replicaId}`;
      const entry = this.entries.get(key) ?? { element: cloneJson(op.element), tags: new Set<string>() };
      entry.tags.add(tag);
      this.entries.set(key, entry);
      this.markTag(key, tag);
      return;
    }
    const entry = this.entries.get(key);
    if (!entry) return;
    for (const t of entry.tags) {
      if (this.tombstones.has(t)) continue;
      this.tombstones.add(t);
      this.dirtyTombstones.add(t);
      this.markTag(key, t);
    }
  }

  private markTag(key: string, tag: string): void {
    const tags = this.dirtyTags.get(key) ?? new Set<string>();
    tags.add(tag);
    this.dirtyTags.set(key, tags);
  }

  merge(other: ORSet | ORSetState, options?: MergeOptions): boolean {
    const from =
      other instanceof ORSet ? { entries: other.entries, tombstones: other.tombstones } : ORSet.read(other, 'state');
    return this.join(from, options?.keepAsDelta === true);
  }

  private join(from: { entries: ReadonlyMap<string, Entry>; tombstones: Iterable<string> }, keep: boolean): boolean {
    let changed = false;
    for (const [key, e] of from.entries) {
      let mine = this.entries.get(key);
      if (!mine) {
        mine = { element: cloneJson(e.element), tags: new Set() };
        this.entries.set(key, mine);
      }
      for (const t of e.tags) {
        if (mine.tags.has(t)) continue;
        mine.tags.add(t);
        this.noteOwnSeq(t);
        if (keep) this.markTag(key, t);
        changed = true;
      }
    }
    for (const t of from.tombstones) {
      if (this.tombstones.has(t)) continue;
      this.tombstones.add(t);
      if (keep) this.dirtyTombstones.add(t);
      changed = true;
    }
    checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, this.entries.size + this.tombstones.size);
    return changed;
  }

  /** A replica rebuilt from its own old state must not reuse a tag. */
  private noteOwnSeq(tag: string): void {
    const at = tag.indexOf('@');
    if (tag.slice(at + 1) !== this.replicaId) return;
    const n = Number(tag.slice(0, at));
    if (Number.isSafeInteger(n) && n > this.seq) this.seq = n;
  }

  has(element: Json): boolean {
    const entry = this.entries.get(jsonKey(element));
    if (!entry) return false;
    for (const t of entry.tags) if (!this.tombstones.has(t)) return true;
    return false;
  }

  value(): Json[] {
    const out: Json[] = [];
    for (const e of this.entries.values()) if (this.has(e.element)) out.push(cloneJson(e.element));
    return out.sort(compareJson);
  }

  state(): ORSetState {
    const entries = [...this.entries.values()].map((e) => ({
      element: cloneJson(e.element),
      tags: [...e.tags].sort(compareStrings),
    }));
    entries.sort((a, b) => compareJson(a.element, b.element));
    return { type: 'or-set', entries, tombstones: [...this.tombstones].sort(compareStrings) };
  }

  takeDelta(): ORSetState | undefined {
    if (this.dirtyTags.size === 0 && this.dirtyTombstones.size === 0) return undefined;
    const entries = [...this.dirtyTags].map(([key, tags]) => ({
      element: cloneJson((this.entries.get(key) as Entry).element),
      tags: [...tags].sort(compareStrings),
    }));
    entries.sort((a, b) => compareJson(a.element, b.element));
    const tombstones = [...this.dirtyTombstones].sort(compareStrings);
    this.dirtyTags = new Map();
    this.dirtyTombstones = new Set();
    return { type: 'or-set', entries, tombstones };
  }
}
