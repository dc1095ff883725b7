/**
 * Each run kind's estimated cost, from its parameters and the built swarm, before
 * it runs. Estimates are upper-bound-minded (a few times the measured figures,
 * never far below them); the constants are measured payload sizes and event
 * counts of the engines. A kind whose parameters are per agent (fanout) is
 * estimated with what the topology allows: nobody contacts more neighbours than
 * it has.
 */

import { fmt } from '../scenario/rules';
import type { Scenario } from '../scenario/types';
import { type Cost, cost, derived, type Factor, field } from './budgetCost';
import type { SwarmFacts } from './budgetSwarm';
import { REPLICATED_STATE_DEFAULTS } from './replicatedState';

/** What an estimator reads. */
export interface EstimateInput<S extends Scenario = Scenario> {
  scenario: S;
  facts: SwarmFacts;
  /** Agents of the swarm. */
  n: number;
}

type RunOf<K extends Scenario['run']['kind']> = Extract<Scenario['run'], { kind: K }>;
/** A run kind's estimate: its costs from its parameters and the built swarm (see RunKindDescriptor.estimate). */
export type Estimator<K extends Scenario['run']['kind']> = (x: EstimateInput, run: RunOf<K>) => Cost[];

/** Rounds of any round-based engine when the run sets none (MAX_ROUNDS). */
const MAX_ROUNDS_DEFAULT = 10_000;
/** Rounds a rumor keeps going with nobody newly informed before it stops (RUMOR_STALL_ROUNDS). */
const STALL_ROUNDS = 100;

const agents = (n: number): Factor => field('agents', n, 'topology.agentCount', 10);

/** Events and serialised bytes of `count` point-to-point messages travelling `hops` hops each. */
function messages(x: EstimateInput, count: Factor[], hops: number, payloadBytes: number): Cost[] {
  const copies = 1 + x.scenario.network.duplicationProbability;
  const out = [
    cost('events', [...count, derived('events per message (sent, each hop, delivered)', (1 + hops) * copies)]),
  ];
  if (payloadBytes > 0)
    out.push(
      cost('bytes', [...count, derived('bytes per message, written when sent and delivered', 2 * payloadBytes)]),
    );
  return out;
}

/** The swarm's links as a factor, named after what makes them: the extra links, the builder's k or p, or the count. */
function linksFactor(x: EstimateInput): Factor {
  const { builder, links } = x.scenario.topology;
  if (links.length * 2 > x.facts.links) return field('links', x.facts.links, 'topology.links', 0);
  if (builder.kind === 'partial-mesh' || builder.kind === 'small-world')
    return field('links', x.facts.links, 'topology.builder.k', 0);
  if (builder.kind === 'random') return field('links', x.facts.links, 'topology.builder.p', 0);
  return field('links', x.facts.links, 'topology.agentCount', 0);
}

export const estimateFlood: Estimator<'flood'> = (x) => [
  // Every informed agent forwards once to each neighbour but its sender: at most two messages a link.
  ...messages(x, [linksFactor(x), derived('messages per link', 2)], 1, 0),
  cost('events', [agents(x.n)]),
];

/** OM(m)'s messages among n generals: Σ_{k=0..m} (n−1)(n−2)…(n−1−k). */
function oralMessages(n: number, m: number): number {
  let total = 0;
  let term = 1;
  for (let k = 0; k <= m && n - 1 - k > 0; k++) {
    term *= n - 1 - k;
    total += term;
    if (total > 1e18) break;
  }
  return total;
}

function consensusParticipants(x: EstimateInput, run: RunOf<'consensus'>): Factor {
  return run.participants
    ? field('participants', run.participants.length, 'run.participants', 10)
    : field('agents', x.n, 'topology.agentCount', 10);
}

export const estimateConsensus: Estimator<'consensus'> = (x, run) => {
  const p = consensusParticipants(x, run);
  const n = p.value;
  const fromRequester = x.facts.meanHopsFrom(0);
  switch (run.algorithm) {
    case 'quorum':
    case 'weighted':
      // A request to each participant, up to two votes back (an equivocating agent sends two); every
      // arriving vote re-tallies the votes so far, so the tallies cost participants² steps.
      return [
        ...messages(x, [p, derived('messages per participant', 3)], fromRequester, 120),
        cost('steps', [p, p, derived('tally steps per pair', 1)]),
      ];
    case 'byzantine':
      // Bracha: every participant's vote is sent, echoed by all to all and readied by all to all: 2n³ + n².
      return messages(
        x,
        [p, p, p, derived('messages per triple', 2 + 1 / Math.max(1, n))],
        x.facts.meanHopsAllPairs,
        0,
      );
    case 'gossip': {
      const fanout = Math.min(run.fanout ?? 3, Math.max(1, n - 1), Math.max(1, x.facts.maxDegree));
      const rounds = field('rounds', run.rounds ?? 5, 'run.rounds', 5);
      const f = field('fanout (at most the neighbours)', fanout, 'run.fanout', 3);
      return [...messages(x, [rounds, p, f, derived('pull and reply', 2)], 1, 80), cost('events', [rounds, p])];
    }
    case 'oral-messages': {
      const defaultM = Math.floor((n - 1) / 3);
      const m = run.m ?? (run.numRounds === undefined ? defaultM : run.numRounds - 1);
      const mField = run.m === undefined && run.numRounds !== undefined ? 'run.numRounds' : 'run.m';
      const count = field('OM(m) messages', oralMessages(n, m), mField, oralMessages(n, Math.min(m, defaultM)));
      // Every relayed value is also an engine event (what each lieutenant heard).
      return [...messages(x, [count], x.facts.meanHopsAllPairs, 60 + 12 * (m + 2)), cost('events', [count, 1])];
    }
    default:
      // An algorithm without an estimate of its own: everyone talks to everyone for a few rounds.
      return messages(x, [p, p, derived('rounds', 10)], x.facts.meanHopsAllPairs, 120);
  }
};

/** Rounds the mean-field recursion needs to inform all but half an agent (a rumor's expected rounds). */
export function meanFieldRounds(n: number, mode: RunOf<'rumor'>['mode'], fanout: number, max: number): number {
  let u = n - 1;
  let rounds = 0;
  while (u >= 0.5 && rounds < max) {
    const i = n - u;
    const pushKeep = mode === 'pull' ? 1 : Math.exp((-fanout * i) / n);
    const pullKeep = mode === 'push' ? 1 : (u / n) ** fanout;
    u *= pushKeep * pullKeep;
    rounds++;
  }
  return rounds;
}

export const estimateRumor: Estimator<'rumor'> = (x, run) => {
  const maxRounds = run.maxRounds ?? MAX_ROUNDS_DEFAULT;
  if (run.agentCount !== undefined) {
    const n = run.agentCount;
    const k = Math.min(run.fanout, Math.max(1, n - 1));
    const expected = meanFieldRounds(n, run.mode, k, maxRounds);
    const rounds = derived('rounds (expected × 1.5 + 10)', Math.min(maxRounds, Math.ceil(1.5 * expected) + 10));
    const count = field('run.agentCount', n, 'run.agentCount', 1000);
    const fanout = field('fanout (at most agents − 1)', k, 'run.fanout', 1);
    // The fanout first: of the two, it is the one to lower when a huge population is fine with fanout 1.
    const out = [cost('steps', [fanout, rounds, count, derived('(1 + fanout) ÷ fanout', (1 + k) / k)])];
    // Up to 20,000 contacts a round are traced one by one (MAX_TRACED_CONTACTS_PER_ROUND).
    if (n * run.fanout <= 20_000) out.push(cost('events', [fanout, rounds, count]));
    return out;
  }
  const origin =
    run.origin === undefined
      ? 0
      : Math.max(
          0,
          x.scenario.topology.agents.findIndex((a) => a.id === run.origin),
        );
  const k = Math.min(run.fanout, Math.max(1, x.facts.maxDegree));
  const net = x.scenario.network;
  const obstacles =
    net.lossProbability > 0 ||
    net.faults.length > 0 ||
    x.scenario.topology.agents.some((a) => a.behaviour !== 'honest');
  const spread = 2 * x.facts.eccentricityOf(origin) + 2 * Math.log2(Math.max(2, x.n)) + 10;
  const rounds = derived(
    'rounds (2 × eccentricity + 2 log₂ n + 10, + stalls)',
    Math.min(maxRounds, spread + (obstacles ? STALL_ROUNDS : 0)),
  );
  const fanout = field('fanout (at most the neighbours)', k, 'run.fanout', 1);
  return [
    ...messages(x, [rounds, agents(x.n), fanout], 1, 0),
    cost('events', [rounds, derived('timer and round end', 2)]),
  ];
};

/** Bytes of one entry of a CRDT's state, and how many entries it holds. */
function crdtState(
  type: RunOf<'replicated-state'>['crdtType'],
  n: number,
  ops: number,
  keySpace: number,
  idBytes: number,
) {
  switch (type) {
    case 'counter':
      return { entries: Math.min(n, ops), bytes: idBytes + 10 };
    case 'pn-counter':
      return { entries: 2 * Math.min(n, ops), bytes: idBytes + 10 };
    case 'set':
      return { entries: Math.min(keySpace, ops), bytes: 16 };
    case 'or-set':
      // Every add has a tag of its own and removes keep tombstones: the state grows with the operations.
      return { entries: ops, bytes: idBytes + 16 };
    case 'map':
      return { entries: Math.min(keySpace, ops), bytes: idBytes + 60 };
    default:
      return { entries: 1, bytes: idBytes + 60 };
  }
}

export const estimateReplicatedState: Estimator<'replicated-state'> = (x, run) => {
  const p = { ...REPLICATED_STATE_DEFAULTS, ...run };
  const n = Math.max(1, x.n);
  const idBytes = 4 + (x.scenario.topology.agents[n - 1]?.id.length ?? 8);
  const everyone = x.facts.links === 0 || !x.facts.isConnected;
  const peersMax = everyone ? n - 1 : x.facts.maxDegree;
  const peersAll = everyone ? n * (n - 1) : 2 * x.facts.links;
  const hops = everyone && x.facts.links > 0 ? x.facts.meanHopsAllPairs : 1;
  const state = crdtState(p.crdtType, n, p.operations, p.keySpace, idBytes);
  const stateBytes = state.entries * state.bytes;
  // Each agent's vector clock ends up naming every agent.
  const clockBytes = n * (idBytes + 8);
  const fullEvery = p.sync === 'state' ? 1 : 5;
  const ops = field('run.operations', p.operations, 'run.operations', 100);
  // Operations take operations × opIntervalMs ÷ agents ms, and every agent syncs every syncIntervalMs
  // meanwhile: operations × opIntervalMs ÷ syncIntervalMs syncs (× 1.5, the timers' spread), + 2 per agent.
  const spread = p.operations * p.opIntervalMs;
  const syncFactors: Factor[] = [
    ops,
    {
      ...field('÷ run.syncIntervalMs', 1 / p.syncIntervalMs, 'run.syncIntervalMs', 1 / 100),
      shown: fmt(p.syncIntervalMs),
    },
    field('run.opIntervalMs', p.opIntervalMs, 'run.opIntervalMs', 20),
    derived('spread of the timers (+ 2 syncs per agent)', 1.5 + (2 * n * p.syncIntervalMs) / Math.max(1, spread)),
  ];
  const fanout = field('fanout (at most the peers)', Math.min(p.fanout, Math.max(1, peersMax)), 'run.fanout', 2);
  // Usually one anti-entropy round repairs everything (changes are pushed on within it); loss and faults need more.
  const net = x.scenario.network;
  const lossy = net.lossProbability > 0 || net.faults.length > 0;
  const flushRounds = derived('flush rounds', Math.min(p.maxFlushRounds, lossy ? 3 : 1.5));
  const peers = derived('peer pairs', peersAll);
  const clockEntries = field('agents (entries of each vector clock)', n, 'topology.agentCount', 10);
  return [
    ...messages(x, [...syncFactors, fanout], hops, 0),
    cost('events', [...syncFactors, derived('timer and a merge per peer', 1 + fanout.value)]),
    // Each sync message carries the sender's clock (written when sent, delivered and merged) and a delta or state.
    cost('bytes', [
      ...syncFactors,
      fanout,
      clockEntries,
      derived('bytes per clock entry, written three times', 3 * (idBytes + 8)),
    ]),
    cost('bytes', [
      ...syncFactors,
      fanout,
      derived('state bytes per message, written twice', 2 * (stateBytes / fullEvery + 200)),
    ]),
    ...messages(x, [flushRounds, peers], hops, clockBytes + stateBytes),
    cost('events', [flushRounds, peers, derived('merge and forward', 2)]),
    cost('bytes', [ops, derived('clock and value bytes of each write', clockBytes + Math.min(stateBytes, 1e7))]),
    cost('bytes', [flushRounds, agents(n), derived('state bytes compared', stateBytes)]),
    cost('events', [ops, derived('timer and write', 2)]),
    cost('memory', [agents(n), agents(n), derived('bytes per clock entry', 60)]),
    cost('memory', [agents(n), derived('state entries', state.entries), derived('bytes per entry', 80)]),
  ];
};

/** Bytes of one stored version (key, value, version, time, agent, vector clock) as JSON. */
const VERSION_BYTES = 160;

export const estimateSync: Estimator<'sync'> = (x, run) => {
  const n = Math.max(1, x.n);
  const keys = field('run.keys', run.keys, 'run.keys', 1000);
  const others = field('agents', n, 'topology.agentCount', 10);
  const changed = run.changedKeys ?? Math.min(10, run.keys);
  const hops = x.facts.meanHopsFrom(0);
  // The baseline is a full sync; full mode is a second one; the others send the changes (and digests).
  const passes = run.mode === 'full' ? 2 : run.mode === 'version-query' ? 1.3 : 1;
  const modeKeys = run.mode === 'full' ? 0 : changed;
  return [
    ...messages(x, [others, derived('messages per agent', 8)], hops, 100),
    cost('bytes', [
      keys,
      others,
      derived('full syncs', passes),
      derived('bytes per version, written three times', 3 * VERSION_BYTES),
    ]),
    cost('bytes', [
      derived('changed keys', modeKeys),
      others,
      derived('bytes per version, written three times', 3 * VERSION_BYTES),
    ]),
    cost('bytes', [keys, derived('bytes of each commit', 150)]),
    cost('events', [keys, derived('commit events', 2)]),
    cost('memory', [keys, others, derived('bytes per stored value', 120)]),
  ];
};

export const estimateDelegation: Estimator<'delegation'> = (x, run) => {
  const n = Math.max(2, x.n);
  const workers = n - 1;
  const [lo, hi] = run.taskCostMs ?? [10, 100];
  const d = delegatorIndex(x, run);
  const weights = x.scenario.topology.agents.reduce((s, a, i) => (i === d ? s : s + a.weight), 0) || 1;
  const heartbeatMs = run.heartbeatIntervalMs ?? 100;
  const busyMs = (run.tasks * (lo + hi)) / 2 / weights + hi;
  const simMs = Math.min(run.maxTimeMs ?? 600_000, Math.max(busyMs, heartbeatMs));
  const tasks = field('run.tasks', run.tasks, 'run.tasks', 100);
  const queue = field('tasks queued per worker', Math.max(1, run.tasks / workers), 'run.tasks', 100 / workers);
  const beats = field(
    'heartbeats (workers × simulated ms ÷ run.heartbeatIntervalMs)',
    (workers * simMs) / heartbeatMs,
    'run.heartbeatIntervalMs',
    (workers * simMs) / Math.max(heartbeatMs, 100),
  );
  const hops = x.facts.meanHopsFrom(0);
  return [
    ...messages(x, [tasks, derived('assign, result, ack', 3)], hops, 100),
    cost('events', [tasks, derived('engine events and timers per task (more when reassigned)', 10)]),
    ...messages(x, [beats, derived('heartbeat and ack', 2)], hops, 60),
    cost('events', [beats]),
    // Heartbeats list every task a worker holds; the delegator walks them and its own outstanding set.
    cost('bytes', [beats, queue, derived('bytes per listed task, written twice, half the time', 7)]),
    cost('steps', [beats, queue, derived('steps per listed task', 3)]),
    // Accepting a task scans the worker's queue.
    cost('steps', [tasks, queue, derived('half a queue', 0.5)]),
    cost('memory', [tasks, derived('bytes per task', 400)]),
    ...hashRing(run, workers),
    ...delegationClock(x, run),
  ];
};

/** The delegating agent's index: run.delegator, else the first agent. */
function delegatorIndex(x: EstimateInput, run: RunOf<'delegation'>): number {
  return run.delegator === undefined
    ? 0
    : Math.max(
        0,
        x.scenario.topology.agents.findIndex((a) => a.id === run.delegator),
      );
}

/**
 * The latest simulated time a delegation schedules something at: a task may start
 * as late as maxTimeMs and lasts its cost ÷ the worker's weight (a worker of weight
 * 0 never finishes); heartbeats and checks come every heartbeatIntervalMs.
 */
function delegationClock(x: EstimateInput, run: RunOf<'delegation'>): Cost[] {
  const workers = x.scenario.topology.agents
    .map((a, i) => ({ weight: a.weight, i }))
    .filter((w) => w.i !== delegatorIndex(x, run));
  const slowest = workers.reduce((a, b) => (b.weight < a.weight ? b : a), workers[0] ?? { weight: 1, i: 1 });
  const longest = run.taskCostMs?.[1] ?? 100;
  const taskMs =
    slowest.weight > 0
      ? field('run.taskCostMs[1] ÷ the slowest worker’s weight', longest / slowest.weight, 'run.taskCostMs', 100)
      : {
          ...field(
            `a task on ${x.scenario.topology.agents[slowest.i].id}, a worker of weight 0,`,
            Number.POSITIVE_INFINITY,
            `topology.agents[${slowest.i}].weight`,
            1,
          ),
          shown: '',
        };
  const heartbeat = run.heartbeatIntervalMs ?? 100;
  return [
    cost('simMs', [field('run.maxTimeMs', run.maxTimeMs ?? 600_000, 'run.maxTimeMs', 600_000)]),
    cost('simMs', [taskMs]),
    cost('simMs', [
      field('run.heartbeatIntervalMs', heartbeat, 'run.heartbeatIntervalMs', 100),
      derived('heartbeat and detection', 5),
    ]),
    cost('simMs', [derived('latency, there and back', 2 * x.scenario.network.latencyMsMax)]),
  ];
}

/**
 * A consistent-hash ring sorts all its points again as each worker joins:
 * workers² ÷ 2 × virtual nodes × log₂(points) comparisons.
 */
function hashRing(run: RunOf<'delegation'>, workers: number): Cost[] {
  if (run.strategy !== 'consistent-hash') return [];
  const virtual = run.virtualNodes ?? 64;
  const w = field('workers', workers, 'topology.agentCount', 10);
  const v = field('run.virtualNodes', virtual, 'run.virtualNodes', 64);
  return [cost('steps', [w, w, v, derived('½ log₂ of the ring', Math.log2(Math.max(2, workers * virtual)) / 2)])];
}
