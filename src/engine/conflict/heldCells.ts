import { cloneJson, type Json } from '../crdt/json';
import { compareEntries, type LwwEntry, type LwwStamp } from '../crdt/lww';
import type { VersionRef } from './stateVersion';

/** One write (its own stamp) and the input versions that carry it: a map-key step's candidate. */
export interface HeldCell extends LwwEntry {
  heldBy: VersionRef[];
}

/** Candidates scanned one by one before a stamp index is worth building. */
const SCAN_LIMIT = 16;

/** No candidates to compare with (shared, never written). */
const NONE: readonly HeldCell[] = [];

export const stampKey = (c: Readonly<LwwEntry>) => `${c.timestamp}\u0000${c.version}\u0000${c.agentId}`;

/** A candidate: shaped as a map-key step lists it (its fields in that order), its value a copy. */
function heldCell(value: Json, stamp: LwwStamp, holder: VersionRef, deleted: boolean): HeldCell {
  const { agentId, version, timestamp } = stamp;
  const held: HeldCell = { agentId, version, timestamp, value: cloneJson(value), heldBy: [holder] };
  if (deleted) held.deleted = true;
  return held;
}

/** Collects distinct writes: the same write carried by several versions is one candidate. */
export class Cells {
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
    this.push(heldCell(cell.value, cell, holder, cell.deleted === true));
  }

  /** A plain write of `value`, stamped with its version `holder` (no cell object made for it first). */
  addWrite(value: Json, holder: VersionRef): void {
    if (this.dedupe)
      this.add({ value, timestamp: holder.timestamp, version: holder.version, agentId: holder.agentId }, holder);
    else this.push(heldCell(value, holder, holder, false));
  }

  private push(held: HeldCell): void {
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

  /**
   * The winner and the runner-up (`ranked()`'s first two) in one pass: a map key needs no more,
   * and sorting every key's candidates was ~7 % of a 64-version × 256-key resolve. Distinct
   * candidates never compare equal (equal writes are one candidate), so there are no ties.
   */
  best(): [HeldCell, HeldCell | undefined] {
    const list = this.list;
    let w = list[0];
    let runnerUp: HeldCell | undefined;
    for (let i = 1; i < list.length; i++) {
      const c = list[i];
      if (compareEntries(c, w) > 0) {
        runnerUp = w;
        w = c;
      } else if (!runnerUp || compareEntries(c, runnerUp) > 0) runnerUp = c;
    }
    return [w, runnerUp];
  }
}
