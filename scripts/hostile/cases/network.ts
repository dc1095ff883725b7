/** Cases about the network's faults and the topology's builders. */
import { type HostileCase, withNetwork, withTopology } from '../corpus';

const fault = (
  name: string,
  probes: string,
  content: object,
  expect: HostileCase['expect'],
  field?: string,
  heavy = false,
): HostileCase => ({
  name: `faults-${name}`,
  category: 'faults',
  probes,
  expect,
  field,
  heavy,
  content,
});

const MAX_SIM_TIME_MS = 1_000_000_000;
const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `agent-${from + i + 1}`);

/** `count` one-way cuts among `agents` agents, each from half the swarm to the other half, never healed. */
function oneWayStorm(agents: number, count: number) {
  const half = Math.floor(agents / 2);
  return withTopology(
    { agentCount: agents, builder: { kind: 'ring' } },
    {
      network: {
        faults: Array.from({ length: count }, (_, i) => ({
          kind: 'one-way',
          atMs: i,
          from: ids(half),
          to: ids(agents - half, half),
        })),
      },
    },
  );
}

export const faultCases: HostileCase[] = [
  fault(
    'at-max-time',
    'a crash at MAX_SIM_TIME_MS (the last simulated millisecond)',
    withNetwork({ faults: [{ kind: 'crash', atMs: MAX_SIM_TIME_MS, agent: 'agent-2' }] }),
    'runs',
  ),
  fault(
    'past-max-time',
    'a crash one millisecond after MAX_SIM_TIME_MS',
    withNetwork({ faults: [{ kind: 'crash', atMs: MAX_SIM_TIME_MS + 1, agent: 'agent-2' }] }),
    'refused',
    'network.faults[0].atMs',
  ),
  fault(
    'negative-time',
    'a heal at −1 ms',
    withNetwork({ faults: [{ kind: 'heal', atMs: -1 }] }),
    'refused',
    'network.faults[0].atMs',
  ),
  fault(
    'fractional-time',
    'a partition at 1.5 ms',
    withNetwork({ faults: [{ kind: 'partition', atMs: 1.5, groups: [['agent-1']] }] }),
    'refused',
    'network.faults[0].atMs',
  ),
  fault(
    'time-1e308',
    'a crash at 1e308 ms',
    withNetwork({ faults: [{ kind: 'crash', atMs: 1e308, agent: 'agent-2' }] }),
    'refused',
    'network.faults[0].atMs',
  ),
  fault(
    'unknown-kind',
    'a fault of kind "meteor"',
    withNetwork({ faults: [{ kind: 'meteor', atMs: 1 }] }),
    'refused',
    'network.faults[0].kind',
  ),
  fault(
    'crash-everyone-at-zero',
    'every agent crashed at t = 0',
    withNetwork({ faults: ids(8).map((agent) => ({ kind: 'crash', atMs: 0, agent })) }),
    'runs',
  ),
  fault(
    'heal-storm',
    '10,000 heals at the same millisecond',
    withNetwork({ faults: Array.from({ length: 10_000 }, () => ({ kind: 'heal', atMs: 3 })) }),
    'runs',
  ),
  fault(
    'crash-recover-flapping',
    '10,000 alternating crashes and recoveries of one agent',
    withNetwork({
      faults: Array.from({ length: 10_000 }, (_, i) => ({
        kind: i % 2 ? 'recover' : 'crash',
        atMs: i,
        agent: 'agent-3',
      })),
    }),
    'runs',
  ),
  fault(
    'partition-same-agent-twice',
    'a partition listing one agent in two groups',
    withNetwork({ faults: [{ kind: 'partition', atMs: 1, groups: [['agent-1'], ['agent-1', 'agent-2']] }] }),
    'refused',
    'network.faults[0].groups[1][0]',
  ),
  fault(
    'one-way-storm',
    '1,000 one-way cuts of 100 agents never healed (each change describes every cut so far)',
    oneWayStorm(100, 1000),
    'refused',
    'network.faults',
  ),
  fault('one-way-storm-small', '200 one-way cuts of 100 agents, never healed', oneWayStorm(100, 200), 'either'),
  fault(
    'partition-everyone-alone',
    '2,000 agents, each in a group of its own from t = 0',
    withTopology(
      { agentCount: 2000, builder: { kind: 'ring' } },
      { network: { faults: [{ kind: 'partition', atMs: 0, groups: ids(2000).map((a) => [a]) }] } },
    ),
    'runs',
  ),
  fault(
    'latency-max',
    'latency 60,000 ms both ways (MAX_LATENCY_MS) with reordering',
    withNetwork({ latencyMsMin: 60_000, latencyMsMax: 60_000, reorderProbability: 1 }),
    'runs',
  ),
  fault(
    'latency-over-max',
    'latencyMsMax 60,001',
    withNetwork({ latencyMsMax: 60_001 }),
    'refused',
    'network.latencyMsMax',
  ),
  fault(
    'latency-inverted',
    'latencyMsMin above latencyMsMax',
    withNetwork({ latencyMsMin: 50, latencyMsMax: 10 }),
    'refused',
    'network.latencyMsMax',
  ),
  fault(
    'duplicate-everything',
    'every message duplicated and reordered',
    withNetwork({ duplicationProbability: 1, reorderProbability: 1 }),
    'runs',
  ),
  fault('lose-everything', 'every message lost', withNetwork({ lossProbability: 1 }), 'runs'),
];

const topo = (
  name: string,
  probes: string,
  content: object,
  expect: HostileCase['expect'],
  field?: string,
  heavy = false,
): HostileCase => ({
  name: `topology-${name}`,
  category: 'topology',
  probes,
  expect,
  field,
  heavy,
  content,
});

export const topologyCases: HostileCase[] = [
  topo(
    'mesh-100000',
    'a full mesh of 100,000 agents (5 billion links)',
    withTopology({ agentCount: 100_000, builder: { kind: 'mesh' } }),
    'refused',
    'topology.builder',
  ),
  topo(
    'k-equals-n',
    'a partial mesh with k equal to the number of agents',
    withTopology({ agentCount: 10, builder: { kind: 'partial-mesh', k: 10 } }),
    'refused',
    'topology.builder.k',
  ),
  topo(
    'k-huge',
    'a partial mesh with k = 99,999 on 100 agents',
    withTopology({ agentCount: 100, builder: { kind: 'partial-mesh', k: 99_999 } }),
    'refused',
    'topology.builder.k',
  ),
  topo(
    'partial-mesh-100000',
    'a partial mesh of 100,000 agents with k = 10 (500,000 links to shuffle)',
    withTopology({ agentCount: 100_000, builder: { kind: 'partial-mesh', k: 10 } }),
    'refused',
    'topology.builder.k',
  ),
  topo(
    'small-world-odd-k',
    'a small world with an odd k',
    withTopology({ agentCount: 10, builder: { kind: 'small-world', k: 3, beta: 0.1 } }),
    'refused',
    'topology.builder.k',
  ),
  topo(
    'random-p-above-one',
    'a random builder with p = 2',
    withTopology({ agentCount: 10, builder: { kind: 'random', p: 2 } }),
    'refused',
    'topology.builder.p',
  ),
  topo(
    'random-at-max-links',
    'a random builder expecting 1,999,900 links (may draw more than MAX_LINKS)',
    withTopology({ agentCount: 20_000, builder: { kind: 'random', p: 0.01 } }),
    'refused',
    'topology.builder.p',
  ),
  topo(
    'hierarchical-line',
    'a 100,000-agent tree of branching 1 (a line), quorum: messages relayed up to 100,000 hops',
    withTopology(
      { agentCount: 100_000, builder: { kind: 'hierarchical', branching: 1 } },
      { run: { kind: 'consensus', algorithm: 'quorum' } },
    ),
    'refused',
    'topology.agentCount',
  ),
  topo(
    'ring-quorum-10000',
    'quorum on a 10,000-agent ring: every vote relayed thousands of hops',
    withTopology(
      { agentCount: 10_000, builder: { kind: 'ring' } },
      { run: { kind: 'consensus', algorithm: 'quorum' } },
    ),
    'refused',
    'topology.agentCount',
  ),
  topo(
    'custom-no-links',
    '1,000 agents and no links at all, flood',
    withTopology({ agentCount: 1000, builder: { kind: 'custom' } }),
    'runs',
  ),
  topo(
    'star-100000',
    'a star of 100,000 agents, flood from a leaf',
    withTopology({ agentCount: 100_000, builder: { kind: 'star' } }, { run: { kind: 'flood', origin: 'agent-77' } }),
    'runs',
  ),
  topo(
    'small-world-100000',
    'a 100,000-agent small world with k = 40 (2,000,000 links), flood',
    withTopology({ agentCount: 100_000, builder: { kind: 'small-world', k: 40, beta: 0.1 } }),
    'either',
    undefined,
    true,
  ),
  topo(
    'mesh-2000-flood',
    'a 2,000-agent mesh (1,999,000 links) flooded: 4 million messages',
    withTopology({ agentCount: 2000, builder: { kind: 'mesh' } }),
    'either',
    undefined,
    true,
  ),
  topo(
    'mesh-2001',
    'a 2,001-agent mesh: 2,001,000 links, just past MAX_LINKS',
    withTopology({ agentCount: 2001, builder: { kind: 'mesh' } }),
    'refused',
    'topology.builder',
  ),
];
