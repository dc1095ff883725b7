import { cloneJson, compareStrings } from '../crdt/json';
import type { LwwEntry } from '../crdt/lww';
import type { LWWMap } from '../crdt/lwwMap';
import { copyEntry, type LWWRegister } from '../crdt/lwwRegister';
import type { ExplanationStep, MapKeyStep } from './explanation';
import { Cells, type HeldCell, stampKey } from './heldCells';
import { label } from './lwwStrategy';
import { describeLww, entryComparison } from './order';
import { formatTimestamp, refOf, type VersionRef } from './stateVersion';
import type { StatedVersion } from './versionState';

const sameRef = (a: VersionRef, b: VersionRef) =>
  a.agentId === b.agentId && a.version === b.version && a.timestamp === b.timestamp;
/** True when the write is carried only by the version that made it (a plain write, not a merge). */
const ownWrite = (c: HeldCell) => c.heldBy.length === 1 && sameRef(c.heldBy[0], c);
/** A candidate's value as the reason shows it: JSON text (a number, boolean or null spelled as JSON does). */
const shown = (c: LwwEntry) =>
  c.deleted
    ? 'deleted'
    : typeof c.value === 'object' || typeof c.value === 'string'
      ? JSON.stringify(c.value)
      : `${c.value}`;
const carriers = (c: HeldCell) => (ownWrite(c) ? '' : ` in ${c.heldBy.map(label).join(', ')}`);

/**
 * Whether two inputs may carry the same write: a merged state carries others' writes, and two plain
 * writes can only be the same write when their stamps are equal.
 */
function mayShareWrites(inputs: readonly StatedVersion[]): boolean {
  if (inputs.some((s) => s.source === 'state')) return true;
  return new Set(inputs.map((s) => stampKey(s.v as LwwEntry))).size < inputs.length;
}

/** What the map join gives: a step per key (sorted) and each key's winning write (a copy). */
export interface MapJoin {
  steps: MapKeyStep[];
  winners: Map<string, LwwEntry>;
}

/**
 * LWW-Map join: every key is decided on its own, by the LWW order of the writes of that key. The
 * steps rank each key's writes anyway, so the joined cells are their winners (joining the inputs'
 * replicas cell by cell as well would decide every key twice).
 */
export function mapJoin(inputs: readonly StatedVersion[]): MapJoin {
  const dedupe = mayShareWrites(inputs);
  const byKey = new Map<string, Cells>();
  const cellsOf = (key: string) => {
    let cells = byKey.get(key);
    if (!cells) {
      cells = new Cells(dedupe);
      byKey.set(key, cells);
    }
    return cells;
  };
  for (const s of inputs) {
    const holder = refOf(s.v);
    const write = s.mapWrite;
    if (write) for (let i = 0; i < write.keys.length; i++) cellsOf(write.keys[i]).addWrite(write.values[i], holder);
    else (s.replica as LWWMap).forEachCell((key, cell) => cellsOf(key).add(cell, holder));
  }
  const steps: MapKeyStep[] = [];
  const winners = new Map<string, LwwEntry>();
  const ownStamps = new Map<VersionRef, string>();
  for (const key of [...byKey.keys()].sort(compareStrings)) {
    const cells = byKey.get(key) as Cells;
    const [w, runnerUp] = cells.best();
    steps.push(mapKeyStep(key, cells.list, w, runnerUp, ownStamps));
    winners.set(key, copyEntry(w));
  }
  return { steps, winners };
}

/**
 * The " @ time (agent …)" part of a candidate's phrase. A plain write's is its version's stamp, the
 * same for every key that version wrote: made once per version (`own`, by holder) instead of per write.
 */
function stampPhrase(c: HeldCell, own: Map<VersionRef, string>): string {
  if (!ownWrite(c)) return ` @ ${formatTimestamp(c.timestamp)} (${c.agentId}${carriers(c)})`;
  const holder = c.heldBy[0];
  let phrase = own.get(holder);
  if (phrase === undefined) {
    phrase = ` @ ${formatTimestamp(c.timestamp)} (${c.agentId})`;
    own.set(holder, phrase);
  }
  return phrase;
}

function mapKeyStep(
  key: string,
  candidates: HeldCell[],
  w: HeldCell,
  runnerUp: HeldCell | undefined,
  own: Map<VersionRef, string>,
): MapKeyStep {
  const comparison = runnerUp ? entryComparison(w, runnerUp) : null;
  let reason: string;
  if (comparison) {
    // One string built in place: no array of 32 phrases per key to join.
    let all = '';
    for (let i = 0; i < candidates.length; i++)
      all += `${i === 0 ? '' : ' vs '}${shown(candidates[i])}${stampPhrase(candidates[i], own)}`;
    reason = `map ${key}: ${all} ⇒ ${shown(w)} (${describeLww(comparison)})`;
  } else if (ownWrite(w)) reason = `map ${key}: only ${label(w)} has it ⇒ ${shown(w)}`;
  else reason = `map ${key}: every version holding it holds one write, ${label(w)}${carriers(w)} ⇒ ${shown(w)}`;
  return {
    step: 'map-key',
    inputs: {
      key,
      candidates,
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
