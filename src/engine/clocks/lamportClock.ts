import { check } from '../core/errors';

/**
 * A Lamport clock: one counter per agent that totally orders events consistently
 * with happened-before (if a → b then L(a) < L(b)), but cannot tell concurrent
 * events apart — which is what the vector clock beside it is for.
 *
 * @example
 * const a = new LamportClock();
 * const sent = a.tick();          // 1, stamped on the message
 * const b = new LamportClock();
 * b.receive(sent);                // 2
 */
export class LamportClock {
  constructor(private current = 0) {
    check(Number.isSafeInteger(current) && current >= 0, 'lamportClock.time', 'must be an integer ≥ 0');
  }

  /** The time of the last event. */
  get time(): number {
    return this.current;
  }

  /** A local event (or a send): advances and returns the new time. */
  tick(): number {
    this.current += 1;
    return this.current;
  }

  /** A receive of a message stamped `remote`: jumps past it. */
  receive(remote: number): number {
    check(Number.isSafeInteger(remote) && remote >= 0, 'remote', 'must be an integer ≥ 0');
    this.current = Math.max(this.current, remote) + 1;
    return this.current;
  }
}
