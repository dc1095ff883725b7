import { compareStrings, jsonKey } from '../crdt/json';
import { compareEntries, compareStamps, decidedBy, type LwwDecidedBy, type LwwEntry } from '../crdt/lww';
import type { LwwComparison } from './explanation';
import { formatTimestamp, type StateVersion } from './stateVersion';

/**
 * The LWW order on whole versions, positive when `a` wins: later timestamp,
 * then higher version, then the agent id that sorts last (code units), then —
 * only for two different versions with the same stamp — the canonical text of
 * the value and of the metadata. A total order, so the winner never depends on
 * the order of the input.
 *
 * @example
 * lwwOrder({ ...a, timestamp: 2 }, { ...b, timestamp: 1 }) > 0 // the later one wins
 */
export function lwwOrder(a: StateVersion, b: StateVersion): number {
  const s = compareStamps(a, b);
  if (s !== 0) return s;
  const v = compareStrings(jsonKey(a.value), jsonKey(b.value));
  if (v !== 0) return v;
  return compareStrings(jsonKey(a.metadata), jsonKey(b.metadata));
}

/** Sorts a copy of `versions` by agent, version, timestamp, value: the order explanations list them in. */
export function canonicalOrder(versions: readonly StateVersion[]): StateVersion[] {
  // The texts of value and metadata are made only for versions whose stamps tie (rare: the
  // resolver used to serialise every input's value, a 64 × 256-key map's largest cost).
  const keyed = versions.map((v) => ({
    v,
    value: undefined as string | undefined,
    meta: undefined as string | undefined,
  }));
  const valueKey = (k: (typeof keyed)[number]) => (k.value ??= jsonKey(k.v.value));
  const metaKey = (k: (typeof keyed)[number]) => (k.meta ??= jsonKey(k.v.metadata));
  keyed.sort(
    (a, b) =>
      compareStrings(a.v.agentId, b.v.agentId) ||
      a.v.version - b.v.version ||
      a.v.timestamp - b.v.timestamp ||
      compareStrings(valueKey(a), valueKey(b)) ||
      compareStrings(metaKey(a), metaKey(b)),
  );
  return keyed.map((k) => k.v);
}

const CMP = (x: number): '<' | '=' | '>' => (x < 0 ? '<' : x > 0 ? '>' : '=');

/** The cell that decides `lwwOrder(a, b)`, for an explanation step. */
export function lwwComparison(a: StateVersion, b: StateVersion): LwwComparison {
  let decidedBy: LwwDecidedBy = 'identical';
  let left: number | string = '';
  let right: number | string = '';
  if (a.timestamp !== b.timestamp) [decidedBy, left, right] = ['timestamp', a.timestamp, b.timestamp];
  else if (a.version !== b.version) [decidedBy, left, right] = ['version', a.version, b.version];
  else if (a.agentId !== b.agentId) [decidedBy, left, right] = ['agentId', a.agentId, b.agentId];
  else if (lwwOrder(a, b) !== 0) [decidedBy, left, right] = ['value', jsonKey(a.value), jsonKey(b.value)];
  return { decidedBy, left, right, cmp: CMP(lwwOrder(a, b)) };
}

/** The cell that decides `compareEntries(a, b)` between two LWW writes (a map key's cells, register entries). */
export function entryComparison(a: LwwEntry, b: LwwEntry): LwwComparison {
  const by = decidedBy(a, b);
  const side = (e: LwwEntry): number | string => {
    if (by === 'timestamp') return e.timestamp;
    if (by === 'version') return e.version;
    if (by === 'agentId') return e.agentId;
    if (by === 'value') return e.deleted ? 'deleted' : jsonKey(e.value);
    return '';
  };
  return { decidedBy: by, left: side(a), right: side(b), cmp: CMP(compareEntries(a, b)) };
}

/** "later timestamp (2025-01-02T… vs 2025-01-01T…)" — the words for a decided comparison. */
export function describeLww(c: LwwComparison): string {
  switch (c.decidedBy) {
    case 'timestamp':
      return `later timestamp (${formatTimestamp(c.left as number)} vs ${formatTimestamp(c.right as number)})`;
    case 'version':
      return `same timestamp, higher version (${c.left} vs ${c.right})`;
    case 'agentId':
      return `same timestamp and version, agent id sorting last (${c.left} vs ${c.right})`;
    case 'value':
      return 'same stamp, value sorting last (a tie only a faulty agent can make)';
    case 'identical':
      return 'identical copies';
  }
}
