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
type HeldCell = LwwEntry & { heldBy: VersionRef[] };

/** Collects distinct writes: the same write carried by several versions is one candidate. */
class Cells {
  private readonly byStamp = new Map<string, HeldCell[]>();
  readonly list: HeldCell[] = [];

  add(cell: LwwEntry, holder: VersionRef): void {
    const stamp = `${cell.timestamp}\u0000${cell.version}\u0000${cell.agentId}`;
    const same = this.byStamp.get(stamp) ?? [];
    const found = same.find((c) => compareEntries(c, cell) === 0);
    if (found) {
      found.heldBy.push(holder);
      return;
    }
    const held = { ...cell, heldBy: [holder] };
    same.push(held);
    this.byStamp.set(stamp, same);
    this.list.push(held);
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

/** LWW-Map join: every key is decided on its own, by the LWW order of the writes of that key. */
export function mapSteps(inputs: readonly StatedVersion[]): MapKeyStep[] {
  const byKey = new Map<string, Cells>();
  for (const s of inputs) {
    const holder = refOf(s.v);
    for (const { key, ...cell } of (s.replica as LWWMap).state().entries) {
      let cells = byKey.get(key);
      if (!cells) {
        cells = new Cells();
        byKey.set(key, cells);
      }
      cells.add(cell, holder);
    }
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
      candidates: cells.list.map((c) => ({
        ...refOf(c),
        value: cloneJson(c.value),
        ...(c.deleted ? { deleted: true } : {}),
        heldBy: c.heldBy,
      })),
    },
    comparison,
    outcome: {
      key,
      value: w.deleted ? null : cloneJson(w.value),
      winner: refOf(w),
      ...(w.deleted ? { deleted: true } : {}),
    },
    reason,
  };
}

/**
 * LWW-Register join: the write that sorts last in the LWW order, whichever
 * version carries it. Explained like last-writer-wins: the winner against each
 * other write, then the order.
 */
export function registerSteps(inputs: readonly StatedVersion[]): ExplanationStep[] {
  const cells = new Cells();
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
