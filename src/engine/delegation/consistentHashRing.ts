import { partitionPoint } from '../core/bisect';
import { check } from '../core/errors';
import { Hasher } from '../core/hash';

/** Virtual nodes one agent may place on the ring. */
export const MAX_VIRTUAL_NODES = 1024;

/**
 * A stable 32-bit hash of a string (the first half of the trace hasher's digest).
 * @example hash32('task-1') === hash32('task-1') // true, on every engine
 */
export function hash32(text: string): number {
  return Number.parseInt(new Hasher().string(text).hex().slice(0, 8), 16);
}

/**
 * A consistent-hash ring: each agent owns `virtualNodes` points, a key goes to the
 * owner of the first point at or after its hash (clockwise). When an agent joins
 * it takes over only the arcs in front of its own points, about 1/n of the keys,
 * and every key that moves, moves to the newcomer; when one leaves, only its keys
 * move. Deterministic: the same members give the same assignment, in any join order.
 * @example
 * const ring = new ConsistentHashRing(64);
 * ring.add('agent-1', 0); ring.add('agent-2', 1);
 * ring.lookup('task-7') // 0 or 1, always the same
 */
export class ConsistentHashRing {
  private points: { hash: number; id: string; index: number }[] = [];
  private readonly members = new Map<string, number>();

  constructor(readonly virtualNodes = 64) {
    check(
      Number.isInteger(virtualNodes) && virtualNodes >= 1 && virtualNodes <= MAX_VIRTUAL_NODES,
      'run.virtualNodes',
      `must be a whole number from 1 to ${MAX_VIRTUAL_NODES.toLocaleString('en-US')}`,
    );
  }

  get size(): number {
    return this.members.size;
  }

  /** Adds agent `id` whose network index is `index` (a no-op when already present). */
  add(id: string, index: number): void {
    if (this.members.has(id)) return;
    this.members.set(id, index);
    for (let v = 0; v < this.virtualNodes; v++) this.points.push({ hash: hash32(`${id}#${v}`), id, index });
    // Ties (equal hashes) are ordered by id so the ring does not depend on join order.
    this.points.sort((a, b) => a.hash - b.hash || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  remove(id: string): void {
    if (!this.members.delete(id)) return;
    this.points = this.points.filter((p) => p.id !== id);
  }

  /**
   * The index of the agent owning `key`, skipping owners `accept` refuses (down or
   * lacking a capability) by walking on clockwise; -1 when nobody is accepted.
   */
  lookup(key: string, accept: (index: number) => boolean = () => true): number {
    const n = this.points.length;
    if (n === 0) return -1;
    const h = hash32(key);
    const lo = partitionPoint(0, n, (i) => this.points[i].hash < h);
    const tried = new Set<number>();
    for (let step = 0; step < n && tried.size < this.members.size; step++) {
      const p = this.points[(lo + step) % n];
      if (tried.has(p.index)) continue;
      if (accept(p.index)) return p.index;
      tried.add(p.index);
    }
    return -1;
  }
}
