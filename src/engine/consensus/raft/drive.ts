import { partitionPoint } from '../../core/bisect';
import type { RunContext } from '../../runs/context';
import type { AliveWatch } from './aliveWatch';

/** Actions outside the network at their own times (a client's requests and retries). */
export interface TimedActions {
  /** Time of the next action, or +∞. */
  nextAtMs(): number;
  /** Runs every action due at or before `nowMs`. */
  fireDue(nowMs: number): void;
}

/**
 * Steps the network to `endMs`, stopping at each outside action's time to run it after every
 * network event due by then, and telling the engine of crashes and recoveries as they apply.
 * Polls `shouldStop` and reports progress every 1,024 events; returns true when cancelled.
 */
export function driveNetwork(
  ctx: RunContext,
  endMs: number,
  actions: TimedActions,
  watch: AliveWatch,
  crashed: (agent: number) => void,
  recovered: (agent: number) => void,
): boolean {
  const net = ctx.network;
  let steps = 0;
  for (;;) {
    const until = Math.min(actions.nextAtMs(), endMs);
    while (net.step(until)) {
      watch.poll(crashed, recovered);
      if ((++steps & 1023) === 0) {
        if (ctx.shouldStop?.()) return true;
        ctx.onProgress?.(Math.min(1, net.now / endMs));
      }
    }
    if (net.now < until) net.now = until;
    if (actions.nextAtMs() > endMs) break;
    actions.fireDue(net.now);
  }
  ctx.onProgress?.(1);
  return false;
}

/** A queue of items due at simulated times; equal times come out in scheduling order. */
export class DueQueue<T> {
  /** Sorted by (time, order) descending, so the next item pops off the end. */
  private readonly items: { atMs: number; order: number; item: T }[] = [];
  private order = 0;

  get nextAtMs(): number {
    const n = this.items.length;
    return n === 0 ? Number.POSITIVE_INFINITY : this.items[n - 1].atMs;
  }

  schedule(atMs: number, item: T): void {
    const entry = { atMs, order: this.order++, item };
    // Descending by (time, order): the items due after this one stay in front of it.
    const at = partitionPoint(0, this.items.length, (i) => {
      const d = this.items[i];
      return d.atMs > atMs || (d.atMs === atMs && d.order > entry.order);
    });
    this.items.splice(at, 0, entry);
  }

  /** Removes and returns the next item if it is due at or before `nowMs`. */
  popDue(nowMs: number): T | undefined {
    const n = this.items.length;
    if (n === 0 || this.items[n - 1].atMs > nowMs) return undefined;
    return (this.items.pop() as { item: T }).item;
  }
}
