import type { Network } from '../network/network';
import { type Agent, DEFAULT_POLICY } from './agent';
import { bisectLeft } from './bisect';
import { check, checkLimit, ValidationError } from './errors';
import { MAX_AGENTS, MAX_LINKS } from './limits';
import type { Prng } from './prng';
import { buildLinks, type Link, type TopologyBuilder } from './topology';

/** An agent with the defaults filled in: id `agent-N`, label = id, weight 1, honest, votes for. */
export function makeAgent(id: string, partial: Partial<Agent> = {}): Agent {
  return {
    id,
    label: partial.label ?? id,
    weight: partial.weight ?? 1,
    capabilities: partial.capabilities ? [...partial.capabilities] : [],
    behaviour: partial.behaviour ?? 'honest',
    policy: partial.policy ?? DEFAULT_POLICY,
    ...(partial.position ? { position: { ...partial.position } } : {}),
  };
}

/**
 * The swarm and its topology (the seed's core class). Agents are addressed by
 * string id in the public API and by their index — their network address — in
 * engines. Links are undirected; neighbour lists are kept sorted.
 * @example
 * const swarm = SwarmCoordinator.fromTopology({ kind: 'ring' }, 5, new Prng(1));
 * swarm.neighbours('agent-1') // ['agent-2', 'agent-5']
 */
export class SwarmCoordinator {
  private list: Agent[] = [];
  private ids = new Map<string, number>();
  private adj: number[][] = [];
  private linkTotal = 0;
  network: Network | undefined;

  constructor(agents: readonly Agent[] = []) {
    for (const agent of agents) this.addAgent(agent);
  }

  /** A swarm of `count` default agents (`agent-1`…) wired by `builder`. */
  static fromTopology(builder: TopologyBuilder, count: number, rng: Prng, agents?: readonly Agent[]): SwarmCoordinator {
    checkLimit('MAX_AGENTS', MAX_AGENTS, count);
    const swarm = new SwarmCoordinator(agents ?? Array.from({ length: count }, (_, i) => makeAgent(`agent-${i + 1}`)));
    check(swarm.size === count, 'topology.agentCount', `must equal the number of agents (${swarm.size})`);
    swarm.addLinks(buildLinks(builder, count, rng));
    return swarm;
  }

  get agents(): readonly Agent[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  get linkCount(): number {
    return this.linkTotal;
  }

  /** The index (network address) of agent `id`; a ValidationError if there is none. */
  index(id: string): number {
    const i = this.ids.get(id);
    if (i === undefined) throw new ValidationError('agentId', `no agent "${id}" in the swarm`);
    return i;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  agent(id: string): Agent {
    return this.list[this.index(id)];
  }

  /** Adds an agent (id `agent-N` with the first free N when none is given) and returns it. */
  addAgent(partial: Partial<Agent> = {}): Agent {
    checkLimit('MAX_AGENTS', MAX_AGENTS, this.list.length + 1);
    this.assertDetached('addAgent');
    const id = partial.id ?? this.freeId();
    check(id.length > 0, 'agent.id', 'must not be empty');
    check(!this.ids.has(id), 'agent.id', `"${id}" is already in the swarm`);
    const agent = makeAgent(id, partial);
    this.ids.set(id, this.list.length);
    this.list.push(agent);
    this.adj.push([]);
    return agent;
  }

  /** Removes an agent and its links; later agents move down one index. */
  removeAgent(id: string): void {
    this.assertDetached('removeAgent');
    const gone = this.index(id);
    const links = this.links().filter(([a, b]) => a !== gone && b !== gone);
    this.list.splice(gone, 1);
    this.ids = new Map(this.list.map((a, i) => [a.id, i]));
    this.adj = this.list.map(() => []);
    this.linkTotal = 0;
    this.addLinks(links.map(([a, b]) => [a > gone ? a - 1 : a, b > gone ? b - 1 : b] as Link));
  }

  /** Replaces one agent's fields (not its id). */
  updateAgent(id: string, changes: Partial<Omit<Agent, 'id'>>): Agent {
    const i = this.index(id);
    this.list[i] = makeAgent(id, { ...this.list[i], ...changes });
    return this.list[i];
  }

  connect(a: string, b: string): void {
    this.link(this.index(a), this.index(b));
  }

  disconnect(a: string, b: string): void {
    const i = this.index(a);
    const j = this.index(b);
    if (remove(this.adj[i], j)) {
      remove(this.adj[j], i);
      this.linkTotal--;
    }
  }

  /** Links agents `i` and `j` by index; a no-op when they are already linked. */
  link(i: number, j: number): void {
    // Checked before any change: an index out of range used to be half-inserted, then throw a TypeError.
    const n = this.list.length;
    check(Number.isInteger(i) && i >= 0 && i < n, 'links', `${i} is not an agent index (0..${n - 1})`);
    check(Number.isInteger(j) && j >= 0 && j < n, 'links', `${j} is not an agent index (0..${n - 1})`);
    check(i !== j, 'links', `an agent cannot link to itself (${this.list[i]?.id})`);
    if (insert(this.adj[i], j)) {
      if (this.linkTotal + 1 > MAX_LINKS) {
        // Undo before throwing: the link used to stay, leaving the swarm over its limit.
        remove(this.adj[i], j);
        checkLimit('MAX_LINKS', MAX_LINKS, this.linkTotal + 1);
      }
      insert(this.adj[j], i);
      this.linkTotal++;
    }
  }

  addLinks(links: readonly Link[]): void {
    for (const [a, b] of links) this.link(a, b);
  }

  areLinked(a: string, b: string): boolean {
    return this.adj[this.index(a)].includes(this.index(b));
  }

  neighbours(id: string): string[] {
    return this.adj[this.index(id)].map((j) => this.list[j].id);
  }

  /** Sorted neighbour indices of agent `i` (do not mutate). */
  neighbourIndices(i: number): readonly number[] {
    return this.adj[i];
  }

  /** Every link once, smaller index first, sorted. */
  links(): Link[] {
    const out: Link[] = [];
    this.adj.forEach((ns, a) => {
      for (const b of ns) if (a < b) out.push([a, b]);
    });
    return out;
  }

  /** True when every agent can reach every other over links (an empty or single-agent swarm is connected). */
  isConnected(): boolean {
    const n = this.list.length;
    if (n <= 1) return true;
    const seen = new Uint8Array(n);
    const stack = [0];
    seen[0] = 1;
    let reached = 1;
    while (stack.length > 0) {
      const a = stack.pop() as number;
      for (const b of this.adj[a]) {
        if (seen[b] === 0) {
          seen[b] = 1;
          reached++;
          stack.push(b);
        }
      }
    }
    return reached === n;
  }

  /** Binds the swarm to a run's network; the topology is frozen while attached. */
  attach(network: Network): void {
    check(network.agentCount === this.size, 'network', `has ${network.agentCount} agents, the swarm ${this.size}`);
    this.network = network;
  }

  detach(): void {
    this.network = undefined;
  }

  /** Sends to every other agent, as the seed's broadcast does (not only to neighbours). */
  broadcast(fromId: string, tag: string, payload?: unknown): void {
    this.requireNetwork().broadcast(this.index(fromId), tag, payload);
  }

  /** Sends to the agent's neighbours in the topology. */
  sendToNeighbours(fromId: string, tag: string, payload?: unknown): void {
    const net = this.requireNetwork();
    const from = this.index(fromId);
    for (const to of this.adj[from]) net.send(from, to, tag, payload);
  }

  private requireNetwork(): Network {
    if (!this.network) throw new ValidationError('network', 'attach a network before sending messages');
    return this.network;
  }

  private assertDetached(what: string): void {
    check(this.network === undefined, what, 'the swarm cannot change shape during a run');
  }

  private freeId(): string {
    let n = this.list.length + 1;
    while (this.ids.has(`agent-${n}`)) n++;
    return `agent-${n}`;
  }
}

/** Inserts into a sorted array; false when already present. */
function insert(sorted: number[], x: number): boolean {
  const lo = bisectLeft(sorted, x);
  if (sorted[lo] === x) return false;
  sorted.splice(lo, 0, x);
  return true;
}

function remove(sorted: number[], x: number): boolean {
  const i = sorted.indexOf(x);
  if (i < 0) return false;
  sorted.splice(i, 1);
  return true;
}
