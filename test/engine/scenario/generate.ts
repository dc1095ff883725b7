/**
 * Seeded generators of scenario documents for the round-trip and fuzz tests:
 * valid documents that use every section, and the mutations that break them.
 */
import { Prng } from '../../../src/engine/core/prng';

// biome-ignore lint/suspicious/noExplicitAny: documents are mutated into arbitrary shapes.
export type Doc = Record<string, any>;

/** Texts that are valid plain text but hostile to naive renderers and key lookups. */
export const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  'prototype',
  '"; DROP TABLE agents; --',
  'مرحبا بالعالم',
  '👩‍🚀🛰️',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, deliberately not a template.
  '${process.exit()}',
  'Ω≈ç√∫˜µ≤≥÷',
  ' leading and trailing ',
];

const CAPS = ['gpu', 'ml', 'storage', 'net', 'edge.v2', 'x:y'];
const BEHAVIOURS = ['honest', 'equivocate', 'flip', 'silent', 'random', 'lie-in-relay', 'stubborn'];
const VOTES = ['for', 'against', 'abstain'];

const maybe = (rng: Prng, p = 0.5) => rng.chance(p);

function randomPolicy(rng: Prng): Doc {
  switch (rng.int(3)) {
    case 0:
      return { kind: 'fixed', vote: rng.pick(VOTES) };
    case 1: {
      const pFor = rng.int(101) / 100;
      return maybe(rng) ? { kind: 'probability', pFor } : { kind: 'probability', pFor, pAbstain: (1 - pFor) / 2 };
    }
    default:
      return {
        kind: 'rule',
        field: rng.pick(['risk', 'cost', 'team']),
        op: rng.pick(['==', '!=', '<', '<=', '>', '>=']),
        value: rng.pick<string | number | boolean>([3, 2.5, -1, 'red', true, false]),
        then: rng.pick(VOTES),
        otherwise: rng.pick(VOTES),
      };
  }
}

function randomAgent(rng: Prng, id: string): Doc {
  const agent: Doc = { id };
  if (maybe(rng)) agent.label = rng.pick(HOSTILE_TEXT);
  if (maybe(rng)) agent.weight = rng.pick([0, 1, 2.5, 1000, 1e6, rng.float() * 10]);
  if (maybe(rng)) agent.capabilities = rng.sample(CAPS.length, rng.int(3)).map((i) => CAPS[i]);
  if (maybe(rng)) agent.behaviour = rng.pick(BEHAVIOURS);
  if (maybe(rng)) agent.policy = randomPolicy(rng);
  if (maybe(rng, 0.3)) agent.position = { x: rng.float() * 200 - 100, y: rng.range(-5, 5) };
  return agent;
}

function randomBuilder(rng: Prng, ids: string[]): Doc {
  const n = ids.length;
  const options: Doc[] = [{ kind: 'mesh' }, { kind: 'ring' }, { kind: 'star' }, { kind: 'custom' }];
  options.push({ kind: 'star', hub: rng.pick(ids) }, { kind: 'hierarchical', branching: rng.range(1, 4) });
  options.push({ kind: 'random', p: rng.int(11) / 10 });
  if (n >= 2) options.push({ kind: 'partial-mesh', k: rng.range(1, n - 1) });
  if (n >= 3) options.push({ kind: 'small-world', k: 2 * rng.range(1, Math.floor((n - 1) / 2)), beta: rng.float() });
  return rng.pick(options);
}

function randomLinks(rng: Prng, ids: string[]): [string, string][] {
  const seen = new Set<string>();
  const links: [string, string][] = [];
  for (let i = 0; i < rng.int(5) && ids.length >= 2; i++) {
    const [a, b] = rng.sample(ids.length, 2).map((j) => ids[j]);
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    if (!seen.has(key)) links.push([a, b]);
    seen.add(key);
  }
  return links;
}

function randomFault(rng: Prng, ids: string[]): Doc {
  const atMs = rng.int(1000);
  switch (rng.int(5)) {
    case 0: {
      const order = rng.shuffle([...ids]);
      const cut = rng.range(1, order.length);
      const groups = [order.slice(0, cut), order.slice(cut)].filter((g) => g.length > 0);
      return { kind: 'partition', atMs, groups };
    }
    case 1:
      return { kind: 'one-way', atMs, from: [rng.pick(ids)], to: [rng.pick(ids)] };
    case 2:
      return { kind: 'heal', atMs };
    default:
      return { kind: rng.pick(['crash', 'recover']), atMs, agent: rng.pick(ids) };
  }
}

function randomNetwork(rng: Prng, ids: string[]): Doc {
  const network: Doc = {};
  const min = rng.int(30);
  if (maybe(rng)) network.latencyMsMin = min;
  if (maybe(rng)) network.latencyMsMax = Math.max(min, 10) + rng.int(50);
  if (maybe(rng)) network.lossProbability = rng.int(11) / 100;
  if (maybe(rng)) network.duplicationProbability = rng.float() / 10;
  if (maybe(rng)) network.reorderProbability = rng.float();
  if (maybe(rng)) network.faults = Array.from({ length: rng.int(5) }, () => randomFault(rng, ids));
  return network;
}

function randomRun(rng: Prng, ids: string[]): Doc {
  const someIds = () => rng.sample(ids.length, rng.range(1, ids.length)).map((i) => ids[i]);
  switch (rng.int(6)) {
    case 0:
      return maybe(rng) ? { kind: 'flood' } : { kind: 'flood', origin: rng.pick(ids) };
    case 1: {
      const run: Doc = { kind: 'consensus', algorithm: rng.pick(['quorum', 'weighted', 'byzantine', 'gossip']) };
      if (maybe(rng)) run.proposal = { proposalId: 'p', risk: rng.int(10), nested: { list: [1, 'two', null] } };
      if (maybe(rng)) run.mode = rng.pick(['simple', 'supermajority', 'unanimous']);
      if (maybe(rng)) run.threshold = (rng.int(100) + 1) / 100;
      if (maybe(rng)) run.agentWeights = Object.fromEntries(someIds().map((id) => [id, rng.range(1, 9)]));
      if (maybe(rng)) run.participants = someIds();
      if (maybe(rng)) run.numRounds = rng.range(1, 5);
      return run;
    }
    case 2: {
      const run: Doc = { kind: 'rumor', mode: rng.pick(['push', 'pull', 'push-pull']) };
      if (maybe(rng)) run.fanout = rng.range(1, 4);
      const aggregate = maybe(rng);
      if (aggregate) run.agentCount = rng.range(1, 2_000_000);
      if (!aggregate && maybe(rng)) run.origin = rng.pick(ids);
      return run;
    }
    case 3:
      return randomReplicatedState(rng);
    case 4: {
      const keys = rng.range(1, 1000);
      const run: Doc = { kind: 'sync', mode: rng.pick(['full', 'delta']), keys, changedKeys: rng.int(keys + 1) };
      if (maybe(rng)) run.strategy = rng.pick(['lww', 'vector', 'crdt']);
      if (maybe(rng)) run.swarmId = rng.pick(['swarm-1', 'team.a:b']);
      return run;
    }
    default:
      return randomDelegation(rng, ids);
  }
}

function randomReplicatedState(rng: Prng): Doc {
  const run: Doc = {
    kind: 'replicated-state',
    crdtType: rng.pick(['counter', 'map', 'register']),
    operations: rng.int(500),
  };
  if (maybe(rng)) run.syncIntervalMs = rng.range(1, 500);
  if (maybe(rng)) run.opIntervalMs = rng.range(1, 100);
  if (maybe(rng)) run.sync = rng.pick(['state', 'delta']);
  if (maybe(rng)) run.fanout = rng.range(1, 5);
  if (maybe(rng)) run.keySpace = rng.range(1, 50);
  if (maybe(rng)) run.removeProbability = rng.int(11) / 10;
  if (maybe(rng)) run.healAtEnd = maybe(rng);
  if (maybe(rng)) run.maxFlushRounds = rng.range(1, 64);
  return run;
}

function randomDelegation(rng: Prng, ids: string[]): Doc {
  const lo = rng.int(50);
  const run: Doc = {
    kind: 'delegation',
    strategy: rng.pick(['round-robin', 'least-loaded', 'capability', 'weighted', 'consistent-hash']),
    tasks: rng.int(100),
    taskCostMs: [lo, lo + rng.int(50)],
  };
  if (maybe(rng)) run.delegator = rng.pick(ids);
  // The delegator (default: the first agent) is the one agent that never crashes.
  const workers = ids.filter((id) => id !== (run.delegator ?? ids[0]));
  if (workers.length > 0 && maybe(rng)) run.crash = { agent: rng.pick(workers), atMs: rng.int(500) };
  if (maybe(rng)) run.capabilityDemand = rng.int(11) / 10;
  if (maybe(rng)) run.heartbeatIntervalMs = rng.range(1, 200);
  if (maybe(rng)) run.detectionTimeoutMs = (run.heartbeatIntervalMs ?? 100) + rng.range(1, 500);
  if (maybe(rng)) run.maxTimeMs = rng.range(1, 100_000);
  if (maybe(rng)) run.virtualNodes = rng.range(1, 1024);
  return run;
}

/** A valid document; optional sections and fields appear at random. */
export function randomValidDoc(seed: number): Doc {
  const rng = new Prng(seed);
  const n = rng.range(1, 8);
  const explicit = maybe(rng, 0.7);
  const customIds = maybe(rng, 0.3);
  const ids = Array.from({ length: n }, (_, i) =>
    customIds ? `node_${i}.${rng.pick(['a', 'b:c', 'd-e'])}` : `agent-${i + 1}`,
  );
  const topology: Doc = {};
  if (!explicit || maybe(rng)) topology.agentCount = n;
  if (explicit) topology.agents = ids.map((id) => randomAgent(rng, id));
  const agentIds = explicit ? ids : Array.from({ length: n }, (_, i) => `agent-${i + 1}`);
  topology.builder = randomBuilder(rng, agentIds);
  if (maybe(rng)) topology.links = randomLinks(rng, agentIds);
  const doc: Doc = { format: 'swarm-playground/scenario', version: 1, seed: rng.u32(), topology };
  if (maybe(rng)) doc.name = rng.pick(HOSTILE_TEXT);
  if (maybe(rng)) doc.description = `${rng.pick(HOSTILE_TEXT)}\n\t${rng.pick(HOSTILE_TEXT)}`;
  if (maybe(rng)) doc.network = randomNetwork(rng, agentIds);
  doc.run = randomRun(rng, agentIds);
  return doc;
}
