import type { Network } from '../../network/network';

/**
 * Notices crashes and recoveries the network applied (scheduled faults), so an engine
 * can drop a server's volatile state at the crash and restart it at the recovery. The
 * network has no callback for faults; checking every agent after each event costs
 * O(n) per event, which is fine for the replicated-log sizes here (hundreds of servers).
 */
export class AliveWatch {
  private readonly alive: Uint8Array;

  constructor(private readonly net: Network) {
    this.alive = new Uint8Array(net.agentCount);
    for (let a = 0; a < net.agentCount; a++) this.alive[a] = net.isAlive(a) ? 1 : 0;
  }

  /** Whether the watch last saw `agent` alive. */
  seenAlive(agent: number): boolean {
    return this.alive[agent] === 1;
  }

  /** Calls `crashed` / `recovered` for every agent whose state changed since the last poll. */
  poll(crashed: (agent: number) => void, recovered: (agent: number) => void): void {
    const { alive, net } = this;
    for (let a = 0; a < alive.length; a++) {
      const now = net.isAlive(a) ? 1 : 0;
      if (now === alive[a]) continue;
      alive[a] = now;
      if (now === 1) recovered(a);
      else crashed(a);
    }
  }
}
