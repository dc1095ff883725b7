import { describe, expect, it } from 'vitest';
import { LimitError, ValidationError } from '../../../src/engine/core/errors';
import { MAX_LINKS } from '../../../src/engine/core/limits';
import { Prng } from '../../../src/engine/core/prng';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import { buildLinks, type Link, type TopologyBuilder } from '../../../src/engine/core/topology';

const FULL = process.env.FULL === '1';
const SEEDS = FULL ? 200 : 25;

function swarm(builder: TopologyBuilder, n: number, seed = 1): SwarmCoordinator {
  return SwarmCoordinator.fromTopology(builder, n, new Prng(seed));
}

function degrees(s: SwarmCoordinator): number[] {
  return s.agents.map((_, i) => s.neighbourIndices(i).length);
}

/** The shape every builder promises: in range, smaller first, no self-links, no duplicates. */
function expectWellFormed(links: readonly Link[], n: number): void {
  const seen = new Set<number>();
  const bad: Link[] = [];
  for (const [a, b] of links) {
    const key = a * n + b;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b >= n || a >= b || seen.has(key)) bad.push([a, b]);
    seen.add(key);
  }
  expect(bad).toEqual([]);
}

/** Neighbour lists mirror each other, are strictly increasing and match links(). */
function expectConsistentNeighbours(s: SwarmCoordinator): void {
  const fromLists: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i < s.size; i++) {
    const ns = s.neighbourIndices(i);
    for (let j = 1; j < ns.length; j++) if (ns[j] <= ns[j - 1]) problems.push(`${i}: not sorted`);
    for (const j of ns) {
      if (j === i) problems.push(`${i}: self-link`);
      if (!s.neighbourIndices(j).includes(i)) problems.push(`${i}-${j}: not symmetric`);
      if (i < j) fromLists.push(`${i}-${j}`);
    }
    expect(s.neighbours(s.agents[i].id)).toEqual(ns.map((j) => s.agents[j].id));
  }
  expect(problems).toEqual([]);
  expect(s.links().map(([a, b]) => `${a}-${b}`)).toEqual(fromLists);
  expect(s.linkCount).toBe(fromLists.length);
}

function expectValidation(fn: () => unknown, field: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).field).toBe(field);
}

const BUILDERS: TopologyBuilder[] = [
  { kind: 'mesh' },
  { kind: 'partial-mesh', k: 3 },
  { kind: 'partial-mesh', k: 4 },
  { kind: 'ring' },
  { kind: 'star' },
  { kind: 'star', hub: 0 },
  { kind: 'hierarchical', branching: 2 },
  { kind: 'hierarchical', branching: 3 },
  { kind: 'small-world', k: 4, beta: 0.3 },
  { kind: 'small-world', k: 2, beta: 1 },
  { kind: 'random', p: 0.2 },
  { kind: 'custom' },
];

describe('every builder', () => {
  it.each(BUILDERS.map((b) => [JSON.stringify(b), b] as const))('%s is well formed for n = 0..40', (_, builder) => {
    for (let n = 0; n <= 40; n++) {
      const links = buildLinks(builder, n, new Prng(n));
      expectWellFormed(links, n);
      const s = swarm(builder, n, n);
      expect(s.size).toBe(n);
      expect(s.linkCount).toBe(links.length);
      expectConsistentNeighbours(s);
    }
  });

  it.each(BUILDERS.map((b) => [JSON.stringify(b), b] as const))('%s is deterministic given the seed', (_, builder) => {
    for (const seed of [1, 2, 99]) {
      expect(buildLinks(builder, 30, new Prng(seed))).toEqual(buildLinks(builder, 30, new Prng(seed)));
    }
  });

  it.each(BUILDERS.map((b) => [JSON.stringify(b), b] as const))('%s gives no links for N = 0 and 1', (_, builder) => {
    for (const n of [0, 1]) {
      expect(buildLinks(builder, n, new Prng(1))).toEqual([]);
      const s = swarm(builder, n);
      expect(s.isConnected()).toBe(true);
      expect(s.links()).toEqual([]);
    }
  });

  it('default agent ids are agent-1..agent-N in index order', () => {
    const s = swarm({ kind: 'ring' }, 4);
    expect(s.agents.map((a) => a.id)).toEqual(['agent-1', 'agent-2', 'agent-3', 'agent-4']);
    expect(s.index('agent-3')).toBe(2);
  });

  it('rejects a bad agent count with the field', () => {
    expectValidation(() => buildLinks({ kind: 'ring' }, -1, new Prng(1)), 'agentCount');
    expectValidation(() => buildLinks({ kind: 'ring' }, 2.5, new Prng(1)), 'agentCount');
    expectValidation(() => buildLinks({ kind: 'mesh' }, Number.NaN, new Prng(1)), 'agentCount');
  });
});

describe('mesh', () => {
  it('links every pair: degree n−1, n(n−1)/2 links', () => {
    for (const n of [2, 3, 7, 20]) {
      const s = swarm({ kind: 'mesh' }, n);
      expect(degrees(s)).toEqual(Array(n).fill(n - 1));
      expect(s.linkCount).toBe((n * (n - 1)) / 2);
      expect(s.isConnected()).toBe(true);
    }
  });

  it('N = 2 is a single link', () => {
    expect(buildLinks({ kind: 'mesh' }, 2, new Prng(1))).toEqual([[0, 1]]);
  });

  it('throws LimitError MAX_LINKS when the mesh is too big, before building it', () => {
    // 2001 agents need 2 001 000 links, just over the limit.
    const n = 2001;
    expect((n * (n - 1)) / 2).toBeGreaterThan(MAX_LINKS);
    let caught: unknown;
    try {
      buildLinks({ kind: 'mesh' }, n, new Prng(1));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LimitError);
    expect((caught as LimitError).limit).toBe('MAX_LINKS');
    expect((caught as LimitError).max).toBe(MAX_LINKS);
    expect((caught as LimitError).actual).toBe((n * (n - 1)) / 2);
    expect((caught as LimitError).message).toContain('MAX_LINKS');
  });

  it('partial-mesh and small-world with k ≥ N−1 over a too-big N hit the same limit', () => {
    expect(() => buildLinks({ kind: 'partial-mesh', k: 5000 }, 2001, new Prng(1))).toThrow(LimitError);
    expect(() => buildLinks({ kind: 'small-world', k: 4000, beta: 0 }, 2001, new Prng(1))).toThrow(LimitError);
  });
});

describe('partial-mesh (random k-regular)', () => {
  it('every agent has degree k when n·k is even', () => {
    for (const [n, k] of [
      [10, 3],
      [20, 4],
      [21, 4],
      [50, 6],
      [9, 2],
      [12, 1],
    ]) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const s = swarm({ kind: 'partial-mesh', k }, n, seed);
        expect(degrees(s)).toEqual(Array(n).fill(k));
        expect(s.linkCount).toBe((n * k) / 2);
      }
    }
  });

  it('exactly one agent has degree k−1 when n·k is odd', () => {
    for (const [n, k] of [
      [5, 3],
      [11, 3],
      [21, 5],
      [33, 7],
      [9, 1],
    ]) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const ds = degrees(swarm({ kind: 'partial-mesh', k }, n, seed)).sort((x, y) => x - y);
        expect(ds[0]).toBe(k - 1);
        expect(ds.slice(1)).toEqual(Array(n - 1).fill(k));
      }
    }
  });

  it('k ≥ N−1 gives the full mesh', () => {
    for (const [n, k] of [
      [2, 1],
      [4, 3],
      [4, 10],
      [7, 6],
    ]) {
      expect(buildLinks({ kind: 'partial-mesh', k }, n, new Prng(3))).toEqual(
        buildLinks({ kind: 'mesh' }, n, new Prng(3)),
      );
    }
  });

  it('is actually randomised: seeds give different graphs', () => {
    const graphs = new Set<string>();
    for (let seed = 1; seed <= 10; seed++)
      graphs.add(JSON.stringify(swarm({ kind: 'partial-mesh', k: 4 }, 30, seed).links()));
    expect(graphs.size).toBe(10);
  });

  it('k ≥ 3 is connected (random regular graphs are, with high probability)', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      expect(swarm({ kind: 'partial-mesh', k: 3 }, 40, seed).isConnected()).toBe(true);
      expect(swarm({ kind: 'partial-mesh', k: 6 }, 100, seed).isConnected()).toBe(true);
    }
  });

  it('rejects k that is not a whole number ≥ 1', () => {
    for (const k of [0, -1, 1.5, Number.NaN])
      expectValidation(() => swarm({ kind: 'partial-mesh', k }, 10), 'topology.builder.k');
  });
});

describe('ring', () => {
  it('degree 2 for N ≥ 3, connected, and neighbours are i±1', () => {
    for (const n of [3, 4, 5, 17]) {
      const s = swarm({ kind: 'ring' }, n);
      expect(degrees(s)).toEqual(Array(n).fill(2));
      expect(s.linkCount).toBe(n);
      expect(s.isConnected()).toBe(true);
      for (let i = 0; i < n; i++) {
        expect([...s.neighbourIndices(i)]).toEqual([(i + n - 1) % n, (i + 1) % n].sort((x, y) => x - y));
      }
    }
  });

  it('N = 2 is one link, not a doubled one', () => {
    const s = swarm({ kind: 'ring' }, 2);
    expect(s.links()).toEqual([[0, 1]]);
    expect(degrees(s)).toEqual([1, 1]);
  });

  it('matches its documented example', () => {
    expect(buildLinks({ kind: 'ring' }, 4, new Prng(1))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 3],
    ]);
    expect(swarm({ kind: 'ring' }, 5).neighbours('agent-1')).toEqual(['agent-2', 'agent-5']);
  });
});

describe('star', () => {
  it('hub has degree n−1, every other agent degree 1', () => {
    for (const [n, hub] of [
      [2, 0],
      [5, 0],
      [9, 4],
      [9, 8],
    ]) {
      const s = swarm({ kind: 'star', hub }, n);
      const ds = degrees(s);
      expect(ds[hub]).toBe(n - 1);
      ds.forEach((d, i) => {
        if (i !== hub) {
          expect(d).toBe(1);
          expect(s.neighbourIndices(i)).toEqual([hub]);
        }
      });
      expect(s.isConnected()).toBe(true);
    }
  });

  it('hub defaults to agent 0', () => {
    expect(degrees(swarm({ kind: 'star' }, 6))[0]).toBe(5);
  });

  it('rejects a hub that is not an agent', () => {
    for (const hub of [5, -1, 1.5]) expectValidation(() => swarm({ kind: 'star', hub }, 5), 'topology.builder.hub');
  });
});

describe('hierarchical', () => {
  it('agent i>0 has exactly one parent ⌊(i−1)/b⌋; inner agents have b children', () => {
    for (const [n, b] of [
      [1, 2],
      [2, 2],
      [15, 2],
      [40, 3],
      [10, 1],
      [30, 7],
    ]) {
      const s = swarm({ kind: 'hierarchical', branching: b }, n);
      expect(s.linkCount).toBe(Math.max(0, n - 1));
      expect(s.isConnected()).toBe(true);
      for (let i = 0; i < n; i++) {
        const ns = s.neighbourIndices(i);
        const parents = ns.filter((j) => j < i);
        const children = ns.filter((j) => j > i);
        expect(parents).toEqual(i === 0 ? [] : [Math.floor((i - 1) / b)]);
        const expected = Math.max(0, Math.min(b, n - (b * i + 1)));
        expect(children.length).toBe(expected);
        expect(children).toEqual(Array.from({ length: expected }, (_, c) => b * i + 1 + c));
      }
    }
  });

  it('rejects branching that is not a whole number ≥ 1', () => {
    for (const branching of [0, -2, 2.5, Number.NaN])
      expectValidation(() => swarm({ kind: 'hierarchical', branching }, 10), 'topology.builder.branching');
  });
});

describe('small-world (Watts–Strogatz)', () => {
  it('beta = 0 is the ring lattice: every agent has degree k', () => {
    for (const [n, k] of [
      [10, 2],
      [20, 4],
      [31, 6],
    ]) {
      const s = swarm({ kind: 'small-world', k, beta: 0 }, n);
      expect(degrees(s)).toEqual(Array(n).fill(k));
      for (let i = 0; i < n; i++) for (let j = 1; j <= k / 2; j++) expect(s.neighbourIndices(i)).toContain((i + j) % n);
    }
  });

  it('keeps n·k/2 links for any beta, and rewires some when beta > 0', () => {
    for (const beta of [0.1, 0.5, 1]) {
      let rewired = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const s = swarm({ kind: 'small-world', k: 4, beta }, 40, seed);
        expect(s.linkCount).toBe((40 * 4) / 2);
        const lattice = swarm({ kind: 'small-world', k: 4, beta: 0 }, 40, seed);
        if (JSON.stringify(s.links()) !== JSON.stringify(lattice.links())) rewired++;
      }
      expect(rewired).toBe(SEEDS);
    }
  });

  it('every agent keeps its own k/2 lattice links (only far ends move), so no agent drops below degree k/2', () => {
    // Watts–Strogatz rewires the far end of agent i's link to i+j. Rewiring the larger index instead
    // moved the near end of wrap-around links (n−1 → 0), which could leave the last agents isolated.
    for (const [n, k] of [
      [40, 4],
      [25, 2],
      [30, 6],
    ]) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const s = swarm({ kind: 'small-world', k, beta: 1 }, n, seed);
        const ds = degrees(s);
        expect(Math.min(...ds), `n=${n} k=${k} seed ${seed}: degrees ${ds}`).toBeGreaterThanOrEqual(k / 2);
      }
    }
  });

  it('k ≥ N−1 gives the full mesh', () => {
    expect(buildLinks({ kind: 'small-world', k: 4, beta: 0.5 }, 5, new Prng(1))).toEqual(
      buildLinks({ kind: 'mesh' }, 5, new Prng(1)),
    );
    expect(buildLinks({ kind: 'small-world', k: 8, beta: 0.5 }, 4, new Prng(1))).toEqual(
      buildLinks({ kind: 'mesh' }, 4, new Prng(1)),
    );
  });

  it('rejects odd or small k and beta outside [0, 1]', () => {
    for (const k of [0, 1, 3, 2.5])
      expectValidation(() => swarm({ kind: 'small-world', k, beta: 0.1 }, 10), 'topology.builder.k');
    for (const beta of [-0.1, 1.1, Number.NaN])
      expectValidation(() => swarm({ kind: 'small-world', k: 2, beta }, 10), 'topology.builder.beta');
  });
});

describe('random (Erdős–Rényi G(n, p))', () => {
  it('link count averages p·n(n−1)/2 over seeds', () => {
    const n = 100;
    for (const p of [0.02, 0.1, 0.5]) {
      let total = 0;
      const seeds = 40;
      for (let seed = 1; seed <= seeds; seed++) total += buildLinks({ kind: 'random', p }, n, new Prng(seed)).length;
      const expected = (p * n * (n - 1)) / 2;
      // Standard error of the mean is sqrt(N p(1−p) / seeds), under 1.3% of the mean here; allow ~4 SE.
      const se = Math.sqrt((expected * (1 - p)) / seeds);
      expect(Math.abs(total / seeds - expected)).toBeLessThan(4 * se);
    }
  });

  it('every pair appears with probability p (no bias towards low or high indices)', () => {
    const n = 8;
    const p = 0.3;
    const runs = FULL ? 20_000 : 3000;
    const counts = new Map<string, number>();
    for (let seed = 1; seed <= runs; seed++)
      for (const [a, b] of buildLinks({ kind: 'random', p }, n, new Prng(seed)))
        counts.set(`${a}-${b}`, (counts.get(`${a}-${b}`) ?? 0) + 1);
    expect(counts.size).toBe((n * (n - 1)) / 2);
    const sd = Math.sqrt(runs * p * (1 - p));
    for (const c of counts.values()) expect(Math.abs(c - runs * p)).toBeLessThan(4.5 * sd);
  });

  it('p = 0 gives no links, p = 1 the full mesh', () => {
    expect(buildLinks({ kind: 'random', p: 0 }, 30, new Prng(1))).toEqual([]);
    expect(buildLinks({ kind: 'random', p: 1 }, 30, new Prng(1))).toEqual(
      buildLinks({ kind: 'mesh' }, 30, new Prng(1)),
    );
  });

  it('dense enough graphs are connected', () => {
    for (let seed = 1; seed <= SEEDS; seed++)
      expect(swarm({ kind: 'random', p: 0.3 }, 50, seed).isConnected()).toBe(true);
  });

  it('rejects p outside [0, 1]', () => {
    for (const p of [-0.01, 1.01, Number.NaN])
      expectValidation(() => swarm({ kind: 'random', p }, 10), 'topology.builder.p');
  });

  it('throws LimitError MAX_LINKS when the expected link count is too big', () => {
    expect(() => buildLinks({ kind: 'random', p: 1 }, 2001, new Prng(1))).toThrow(LimitError);
  });
});

describe('isConnected', () => {
  it('is false for a custom topology without links and for two islands', () => {
    expect(swarm({ kind: 'custom' }, 3).isConnected()).toBe(false);
    const s = swarm({ kind: 'custom' }, 4);
    s.connect('agent-1', 'agent-2');
    s.connect('agent-3', 'agent-4');
    expect(s.isConnected()).toBe(false);
    s.connect('agent-2', 'agent-3');
    expect(s.isConnected()).toBe(true);
  });

  it('a hierarchical tree loses connectivity when a link is cut', () => {
    const s = swarm({ kind: 'hierarchical', branching: 2 }, 7);
    s.disconnect('agent-1', 'agent-2');
    expect(s.isConnected()).toBe(false);
  });
});
