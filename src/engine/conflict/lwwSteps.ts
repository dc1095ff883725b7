import { cloneJson, compareStrings } from '../crdt/json';
import { compareEntries, type LwwEntry } from '../crdt/lww';
import type { LWWMap } from '../crdt/lwwMap';
import type { LWWRegister } from '../crdt/lwwRegister';
import type { ExplanationStep, MapKeyStep } from './explanation';
import { label } from './lwwStrategy';
import { describeLww, entryComparison } from './order';
import { formatTimestamp, refOf, type VersionRef } from './stateVersion';
import type { StatedVersion } from './versionState';

/** One write (its own stamp) and the input versions that carry it. */
interface HeldCell extends LwwEntry {
  heldBy: VersionRef[];
}

/** Candidates scanned one by one before a stamp index is worth building. */
const SCAN_LIMIT = 16;

/** No candidates to compare with (shared, never written). */
const NONE: readonly HeldCell[] = [];

const stampKey = (c: Readonly<LwwEntry>) => `${c.timestamp}\u0000${c.version}\u0000${c.agentId}`;

/** Collects distinct writes: the same write carried by several versions is one candidate. */
class Cells {
  readonly list: HeldCell[] = [];
  private byStamp: Map<string, HeldCell[]> | undefined;

  /** `dedupe` false: the caller knows no two holders carry the same write (plain writes, distinct stamps). */
  constructor(private readonly dedupe: boolean) {}

  add(cell: Readonly<LwwEntry>, holder: VersionRef): void {
    const same = !this.dedupe ? NONE : this.byStamp ? (this.byStamp.get(stampKey(cell)) ?? NONE) : this.list;
    for (const c of same)
      if (compareEntries(c, cell) === 0) {
        c.heldBy.push(holder);
        return;
      }
    // Shaped as a map-key step's candidate (its fields in that order), so the step lists these cells.
    const { value, timestamp, version, agentId } = cell;
    const held: HeldCell = { agentId, version, timestamp, value: cloneJson(value), heldBy: [holder] };
    if (cell.deleted) held.deleted = true;
    this.list.push(held);
    if (!this.dedupe) return;
    if (this.byStamp) this.index(this.byStamp, held);
    else if (this.list.length > SCAN_LIMIT) {
      const byStamp = new Map<string, HeldCell[]>();
      for (const c of this.list) this.index(byStamp, c);
      this.byStamp = byStamp;
    }
  }

  private index(byStamp: Map<string, HeldCell[]>, c: HeldCell): void {
    const k = stampKey(c);
    const list = byStamp.get(k);
    if (list) list.push(c);
    else byStamp.set(k, [c]);
  }

  /** The candidates, winner first (LWW order: timestamp, version, agent id, then the value). */
  ranked(): HeldCell[] {
    return [...this.list].sort((a, b) => compareEntries(b, a));
  }
}

const sameRef = (a: VersionRef, b: VersionRef) =>
  a.agentId === b.agentId && a.version === b.version && a.timestamp === b.timestamp;
/** True when the write is carried only by the version that made it (a plain write, not a merge). */
const ownWrite = (c: HeldCell) => c.heldBy.length === 1 && sameRef(c.heldBy[0], c);
const shown = (c: LwwEntry) => (c.deleted ? 'deleted' : JSON.stringify(c.value));
const carriers = (c: HeldCell) => (ownWrite(c) ? '' : ` in ${c.heldBy.map(label).join(', ')}`);

/**
 * Whether two inputs may carry the same write: a merged state carries others' writes, and two plain
 * writes can only be the same write when their stamps are equal.
 */
function mayShareWrites(inputs: readonly StatedVersion[]): boolean {
  if (inputs.some((s) => s.source === 'state')) return true;
  return new Set(inputs.map((s) => stampKey(s.v as LwwEntry))).size < inputs.length;
}

/** LWW-Map join: every key is decided on its own, by the LWW order of the writes of that key. */
export function mapSteps(inputs: readonly StatedVersion[]): MapKeyStep[] {
  const dedupe = mayShareWrites(inputs);
  const byKey = new Map<string, Cells>();
  for (const s of inputs) {
    const holder = refOf(s.v);
    (s.replica as LWWMap).forEachCell((key, cell) => {
      let cells = byKey.get(key);
      if (!cells) {
        cells = new Cells(dedupe);
        byKey.set(key, cells);
      }
      cells.add(cell, holder);
    });
  }
  return [...byKey.keys()].sort(compareStrings).map((key) => mapKeyStep(key, byKey.get(key) as Cells));
}

function mapKeyStep(key: string, cells: Cells): MapKeyStep {
  const [w, runnerUp] = cells.ranked();
  const show = (c: HeldCell) => `${shown(c)} @ ${formatTimestamp(c.timestamp)} (${c.agentId}${carriers(c)})`;
  const comparison = runnerUp ? entryComparison(w, runnerUp) : null;
  let reason: string;
  if (comparison)
    reason = `map ${key}: ${cells.list.map(show).join(' vs ')} ⇒ ${shown(w)} (${describeLww(comparison)})`;
  else if (ownWrite(w)) reason = `map ${key}: only ${label(w)} has it ⇒ ${shown(w)}`;
  else reason = `map ${key}: every version holding it holds one write, ${label(w)}${carriers(w)} ⇒ ${shown(w)}`;
  return {
    step: 'map-key',
    inputs: {
      key,
      candidates: cells.list,
    },
    comparison,
    outcome: w.deleted
      ? { key, value: null, winner: refOf(w), deleted: true }
      : { key, value: cloneJson(w.value), winner: refOf(w) },
    reason,
  };
}

/**
 * LWW-Register join: the write that sorts last in the LWW order, whichever
 * version carries it. Explained like last-writer-wins: the winner against each
 * other write, then the order.
 */
export function registerSteps(inputs: readonly StatedVersion[]): ExplanationStep[] {
  const cells = new Cells(true);
  for (const s of inputs) {
    const entry = (s.replica as LWWRegister).state().entry;
    if (entry) cells.add(entry, refOf(s.v));
  }
  const ranked = cells.ranked();
  if (ranked.length === 0) return [];
  const [w, ...losers] = ranked;
  const steps: ExplanationStep[] = losers.map((l) => {
    const comparison = entryComparison(w, l);
    return {
      step: 'lww-compare',
      inputs: { left: refOf(w), right: refOf(l) },
      comparison,
      outcome: { winner: refOf(w) },
      reason: `${label(w)} beats ${label(l)}: ${describeLww(comparison)}`,
    };
  });
  steps.push({
    step: 'lww-result',
    inputs: { candidates: cells.list.map(refOf) },
    comparison: { order: ranked.map(refOf) },
    outcome: { winner: refOf(w), discarded: losers.map(refOf) },
    reason: `last writer wins: ${label(w)}${carriers(w)} (order: ${ranked.map(label).join(' > ')})`,
  });
  return steps;
}
