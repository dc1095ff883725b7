/** Valid scenario documents to mutate in tests. Each call returns a fresh object. */

export function minimalDoc(): Record<string, unknown> {
  return {
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 42,
    topology: { agentCount: 5, builder: { kind: 'ring' } },
    run: { kind: 'flood' },
  };
}

/** Every section used: explicit agents with all fields, links, network, faults, a consensus run. */
// biome-ignore lint/suspicious/noExplicitAny: tests mutate documents freely, into wrong types too.
export function fullDoc(): Record<string, any> {
  return {
    format: 'swarm-playground/scenario',
    version: 1,
    name: 'Partition during a vote',
    description: 'Four agents vote;\nagent-4 is partitioned at 200 ms and healed at 800 ms.',
    seed: 7,
    topology: {
      agentCount: 4,
      agents: [
        { id: 'agent-1', label: 'Senior expert', weight: 3, capabilities: ['gpu', 'ml'], position: { x: 1, y: -2.5 } },
        { id: 'agent-2', behaviour: 'equivocate', policy: { kind: 'probability', pFor: 0.7, pAbstain: 0.1 } },
        {
          id: 'agent-3',
          weight: 0,
          policy: { kind: 'rule', field: 'risk', op: '<=', value: 3, then: 'for', otherwise: 'against' },
        },
        { id: 'agent-4', behaviour: 'stubborn', policy: { kind: 'fixed', vote: 'against' } },
      ],
      builder: { kind: 'star', hub: 'agent-2' },
      links: [
        ['agent-1', 'agent-3'],
        ['agent-3', 'agent-4'],
      ],
    },
    network: {
      latencyMsMin: 5,
      latencyMsMax: 40,
      lossProbability: 0.01,
      duplicationProbability: 0.02,
      reorderProbability: 0.1,
      faults: [
        { kind: 'partition', atMs: 200, groups: [['agent-1', 'agent-2', 'agent-3'], ['agent-4']] },
        { kind: 'one-way', atMs: 10, from: ['agent-1'], to: ['agent-2'] },
        { kind: 'heal', atMs: 800 },
        { kind: 'crash', atMs: 0, agent: 'agent-3' },
        { kind: 'recover', atMs: 500, agent: 'agent-3' },
      ],
    },
    run: {
      kind: 'consensus',
      algorithm: 'weighted',
      proposal: { proposalId: 'p-9', risk: 2, tags: ['a', { deep: null }], urgent: true },
      timeoutMs: 5000,
      mode: 'supermajority',
      threshold: 0.75,
      faultTolerance: 1,
      agentWeights: { 'agent-1': 2.5, 'agent-4': 1 },
      participants: ['agent-1', 'agent-2', 'agent-4'],
    },
  };
}

/** One valid `run` of every kind. */
export const RUNS: Record<string, unknown>[] = [
  { kind: 'flood' },
  { kind: 'flood', origin: 'agent-3' },
  { kind: 'consensus', algorithm: 'quorum' },
  { kind: 'consensus', algorithm: 'byzantine', faultTolerance: 1, numRounds: 2 },
  { kind: 'consensus', algorithm: 'gossip', fanout: 2, rounds: 10, convergenceThreshold: 0.9 },
  { kind: 'consensus', algorithm: 'oral-messages', numRounds: 1, mode: 'unanimous' },
  { kind: 'rumor', mode: 'push' },
  { kind: 'rumor', mode: 'push-pull', fanout: 2, origin: 'agent-2', maxRounds: 50 },
  { kind: 'rumor', mode: 'pull', agentCount: 1_000_000 },
  { kind: 'replicated-state', crdtType: 'or-set', operations: 100, syncIntervalMs: 50 },
  { kind: 'replicated-state', crdtType: 'counter', operations: 0 },
  { kind: 'sync', mode: 'delta', keys: 1000, changedKeys: 10, timeoutMs: 2000 },
  { kind: 'sync', mode: 'version-query', keys: 1 },
  {
    kind: 'delegation',
    strategy: 'capability',
    tasks: 20,
    taskCostMs: [5, 50],
    crash: { agent: 'agent-2', atMs: 100 },
  },
  { kind: 'delegation', strategy: 'consistent-hash', tasks: 1 },
  { kind: 'raft', commands: [{ atMs: 500, value: 'x=1' }], teaching: { doubleVoter: 'agent-2' } },
  {
    kind: 'raft',
    electionTimeoutMsMin: 100,
    heartbeatMs: 20,
    randomFaults: { crashes: 2, isolateLeaderProbability: 0.5 },
  },
  { kind: 'pbft', faultTolerance: 1, commands: [{ atMs: 0, value: 'op' }], teaching: { weakQuorums: true } },
  { kind: 'pbft', faultTolerance: null, randomFaults: null },
];

/** One valid builder of every kind, for a topology of 5 agents. */
export const BUILDERS: Record<string, unknown>[] = [
  { kind: 'mesh' },
  { kind: 'partial-mesh', k: 3 },
  { kind: 'ring' },
  { kind: 'star' },
  { kind: 'star', hub: 'agent-5' },
  { kind: 'hierarchical', branching: 2 },
  { kind: 'small-world', k: 2, beta: 0.1 },
  { kind: 'random', p: 0.5 },
  { kind: 'custom' },
];
