/**
 * What the work budget needs to know about a built swarm: degrees, and how many
 * hops a point-to-point message travels (the network routes messages between
 * agents that are not neighbours hop by hop, and every hop is a delivery of its
 * own). Breadth-first searches cost O(agents + links) and are done only when a
 * run kind asks, at most a few per estimate.
 */
import type { SwarmCoordinator } from '../core/swarmCoordinator';

export class SwarmFacts {
  readonly n: number;
  readonly links: number;
  private degreeMax: number | undefined;
  private fullMesh: boolean | undefined;
  private connected: boolean | undefined;
  private readonly hopsFrom = new Map<number, { mean: number; ecc: number; far: number }>();

  constructor(private readonly swarm: SwarmCoordinator) {
    this.n = swarm.size;
    this.links = swarm.linkCount;
  }

  /** The largest number of neighbours any agent has. */
  get maxDegree(): number {
    if (this.degreeMax === undefined) {
      let max = 0;
      for (let i = 0; i < this.n; i++) max = Math.max(max, this.swarm.neighbourIndices(i).length);
      this.degreeMax = max;
    }
    return this.degreeMax;
  }

  /** Every agent linked to every other: the network then sends directly and routes nothing. */
  get isFullMesh(): boolean {
    this.fullMesh ??= this.links === (this.n * (this.n - 1)) / 2;
    return this.fullMesh;
  }

  /** Every agent can reach every other over links. */
  get isConnected(): boolean {
    this.connected ??= this.swarm.isConnected();
    return this.connected;
  }

  /** Mean hops from `source` to the agents it can reach (1 in a full mesh). */
  meanHopsFrom(source: number): number {
    return this.isFullMesh || this.n <= 1 ? 1 : this.bfs(source).mean;
  }

  /** Longest shortest path from `source` (its eccentricity within its component). */
  eccentricityOf(source: number): number {
    return this.isFullMesh || this.n <= 1 ? 1 : this.bfs(source).ecc;
  }

  /**
   * Mean hops between two agents, for all-to-all protocols: the larger of the means
   * seen from agent 0 and from the agent farthest from it (a star's hub sees 1 hop,
   * a leaf 2), an estimate that does not search from every agent.
   */
  get meanHopsAllPairs(): number {
    if (this.isFullMesh || this.n <= 1) return 1;
    const first = this.bfs(0);
    return Math.max(first.mean, this.bfs(first.far).mean);
  }

  private bfs(source: number): { mean: number; ecc: number; far: number } {
    const known = this.hopsFrom.get(source);
    if (known) return known;
    const dist = new Int32Array(this.n).fill(-1);
    const queue = new Int32Array(this.n);
    dist[source] = 0;
    queue[0] = source;
    let head = 0;
    let tail = 1;
    let sum = 0;
    while (head < tail) {
      const a = queue[head++];
      for (const b of this.swarm.neighbourIndices(a)) {
        if (dist[b] !== -1) continue;
        dist[b] = dist[a] + 1;
        sum += dist[b];
        queue[tail++] = b;
      }
    }
    const far = queue[tail - 1];
    const facts = { mean: tail > 1 ? Math.max(1, sum / (tail - 1)) : 1, ecc: Math.max(1, dist[far]), far };
    this.hopsFrom.set(source, facts);
    return facts;
  }
}
