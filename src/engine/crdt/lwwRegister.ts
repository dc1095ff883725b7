import { check } from '../core/errors';
import { checkJson, cloneJson, type Json } from './json';
import { compareEntries, type LwwEntry, type LwwStamp } from './lww';
import type { MergeOptions, Replica } from './types';

export interface LWWRegisterState {
  type: 'register';
  /** The winning write, or null before the first one. */
  entry: LwwEntry | null;
}

/** `timestamp` in (simulated or epoch) milliseconds. */
export type LWWRegisterOp = { type: 'set'; value: Json; timestamp: number };

/** Checks one LWW cell read from the network or a file. */
export function readLwwEntry(value: unknown, field: string): LwwEntry {
  check(typeof value === 'object' && value !== null, field, 'must be { value, timestamp, version, agentId }');
  const e = value as Partial<LwwEntry>;
  // Maps read thousands of cells: the field names are only built for a cell that fails.
  if (!wellFormed(e)) {
    check(typeof e.timestamp === 'number' && Number.isFinite(e.timestamp), `${field}.timestamp`, 'must be finite');
    check(Number.isSafeInteger(e.version) && (e.version as number) >= 0, `${field}.version`, 'must be an integer ≥ 0');
    check(typeof e.agentId === 'string' && e.agentId.length > 0, `${field}.agentId`, 'must be a non-empty string');
    check(e.deleted === undefined || typeof e.deleted === 'boolean', `${field}.deleted`, 'must be a boolean');
    checkJson(e.value, `${field}.value`);
  }
  // Checked above (by `wellFormed` or field by field).
  const out: LwwEntry = {
    value: cloneJson(e.value as Json),
    timestamp: e.timestamp as number,
    version: e.version as number,
    agentId: e.agentId as string,
  };
  if (e.deleted) out.deleted = true;
  return out;
}

/** True for a cell whose stamp is valid and whose value is a JSON primitive (the common case, checked cheaply). */
function wellFormed(e: Partial<LwwEntry>): boolean {
  const v = e.value;
  const primitive =
    v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  return (
    primitive &&
    typeof e.timestamp === 'number' &&
    Number.isFinite(e.timestamp) &&
    Number.isSafeInteger(e.version) &&
    (e.version as number) >= 0 &&
    typeof e.agentId === 'string' &&
    e.agentId.length > 0 &&
    (e.deleted === undefined || typeof e.deleted === 'boolean')
  );
}

export function copyEntry(e: LwwEntry): LwwEntry {
  const out: LwwEntry = { value: cloneJson(e.value), timestamp: e.timestamp, version: e.version, agentId: e.agentId };
  if (e.deleted) out.deleted = true;
  return out;
}

/**
 * A last-writer-wins register. Later timestamp wins; equal timestamps go to the
 * higher version (a replica writes `version` = the one it has seen + 1, so a
 * causally later write at the same millisecond still wins), then to the agent id
 * that sorts last.
 *
 * @example
 * const r = new LWWRegister('agent-1');
 * r.apply({ type: 'set', value: 'text', timestamp: 1000 });
 * r.merge({ type: 'register', entry: { value: 'newer', timestamp: 2000, version: 1, agentId: 'agent-2' } });
 * r.value(); // 'newer'
 */
export class LWWRegister implements Replica<LWWRegisterOp, LWWRegisterState, Json> {
  readonly type = 'register';
  private entry: LwwEntry | null = null;
  private dirty = false;

  constructor(readonly replicaId: string) {
    check(typeof replicaId === 'string' && replicaId.length > 0, 'replicaId', 'must be a non-empty string');
  }

  static fromState(replicaId: string, state: unknown, field = 'state'): LWWRegister {
    const r = new LWWRegister(replicaId);
    const entry = LWWRegister.read(state, field);
    if (entry) r.entry = entry;
    return r;
  }

  private static read(state: unknown, field: string): LwwEntry | null {
    check(typeof state === 'object' && state !== null, field, 'must be a register state');
    const s = state as Partial<LWWRegisterState>;
    check(s.type === 'register', `${field}.type`, "must be 'register'");
    return s.entry === null || s.entry === undefined ? null : readLwwEntry(s.entry, `${field}.entry`);
  }

  apply(op: LWWRegisterOp): void {
    check(op?.type === 'set', 'op.type', "must be 'set'");
    checkJson(op.value, 'op.value');
    check(typeof op.timestamp === 'number' && Number.isFinite(op.timestamp), 'op.timestamp', 'must be finite');
    const version = (this.entry?.version ?? 0) + 1;
    const next: LwwEntry = { value: cloneJson(op.value), timestamp: op.timestamp, version, agentId: this.replicaId };
    // A local write with a clock behind the winner's must not be lost silently: it loses, as LWW says.
    if (this.entry && compareEntries(next, this.entry) <= 0) return;
    this.entry = next;
    this.dirty = true;
  }

  merge(other: LWWRegister | LWWRegisterState, options?: MergeOptions): boolean {
    const theirs = other instanceof LWWRegister ? other.entry : LWWRegister.read(other, 'state');
    if (!theirs || (this.entry && compareEntries(theirs, this.entry) <= 0)) return false;
    this.entry = copyEntry(theirs);
    if (options?.keepAsDelta) this.dirty = true;
    return true;
  }

  value(): Json {
    return this.entry ? cloneJson(this.entry.value) : null;
  }

  /** The stamp of the winning write, or undefined before the first one. */
  stamp(): LwwStamp | undefined {
    const e = this.entry;
    return e ? { timestamp: e.timestamp, version: e.version, agentId: e.agentId } : undefined;
  }

  state(): LWWRegisterState {
    return { type: 'register', entry: this.entry ? copyEntry(this.entry) : null };
  }

  takeDelta(): LWWRegisterState | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    return this.state();
  }
}
