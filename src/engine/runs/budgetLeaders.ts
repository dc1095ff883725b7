/**
 * Work estimates of the leader-based kinds (Raft, PBFT), in the vocabulary of budgetCost.ts.
 * Raft: a leader's AppendEntries to every follower every heartbeat, answered; elections (every
 * server timing out again and again when no majority can hear a leader: no links, heavy loss);
 * each command sent to every follower. PBFT: three all-to-all phases per request and view
 * changes, which double their timeout each time they fail.
 */
import { PBFT_DEFAULTS } from '../consensus/pbft/params';
import { RAFT_DEFAULTS } from '../consensus/raft/params';
import type { Scenario } from '../scenario/types';
import { type Cost, cost, derived, type Factor, field } from './budgetCost';
import type { EstimateInput } from './budgetKinds';

type RunOf<K extends Scenario['run']['kind']> = Extract<Scenario['run'], { kind: K }>;

/** Events and serialised bytes of `count` messages of `payloadBytes`, each routed over `hops` hops. */
function messages(x: EstimateInput, count: Factor[], hops: number, payloadBytes: number): Cost[] {
  const copies = 1 + x.scenario.network.duplicationProbability;
  return [
    cost('events', [...count, derived('events per message (sent, each hop, delivered)', (1 + hops) * copies)]),
    cost('bytes', [...count, derived('bytes per message, written when sent and delivered', 2 * payloadBytes)]),
  ];
}

const peersOf = (x: EstimateInput): Factor => field('agents − 1', Math.max(0, x.n - 1), 'topology.agentCount', 4);
const agentsOf = (x: EstimateInput): Factor => field('agents', Math.max(1, x.n), 'topology.agentCount', 5);
const longest = (commands: readonly { value: string }[]) => commands.reduce((m, c) => Math.max(m, c.value.length), 0);

/** Faults that can start an election or a view change: the scenario's own and those drawn from the seed. */
function disturbances(x: EstimateInput, run: RunOf<'raft'> | RunOf<'pbft'>): number {
  const drawn = run.randomFaults ? (run.randomFaults.crashes ?? 0) + (run.randomFaults.partitions ?? 0) : 0;
  return x.scenario.network.faults.length + 2 * drawn;
}

export function estimateRaft(x: EstimateInput, run: RunOf<'raft'>): Cost[] {
  const p = { ...RAFT_DEFAULTS, ...run, commands: run.commands ?? [] };
  const hops = x.facts.meanHopsAllPairs;
  const net = x.scenario.network;
  const duration = field('run.durationMs', p.durationMs, 'run.durationMs', RAFT_DEFAULTS.durationMs);
  const beats = {
    ...field('÷ run.heartbeatMs', 1 / p.heartbeatMs, 'run.heartbeatMs', 1 / 50),
    shown: String(p.heartbeatMs),
  };
  const timeouts = (x.n * p.durationMs) / ((p.electionTimeoutMsMin + p.electionTimeoutMsMax) / 2);
  const stuck = !x.facts.isConnected || net.lossProbability >= 0.3;
  const candidacies = stuck
    ? timeouts
    : Math.min(timeouts, 5 + 2 * disturbances(x, run) + timeouts * Math.min(1, 3 * net.lossProbability));
  const commands = field('run.commands', p.commands.length, 'run.commands', 10);
  return [
    // Heartbeats and their replies; a partition can leave two leaders beating at once.
    ...messages(x, [duration, beats, peersOf(x), derived('request and reply, two leaders at worst', 4)], hops, 120),
    ...messages(x, [derived('candidacies', candidacies), peersOf(x), derived('request and vote', 2)], hops, 80),
    cost('events', [derived('timers: elections and heartbeats', timeouts + (2 * p.durationMs) / p.heartbeatMs)]),
    ...messages(x, [commands, peersOf(x), derived('sends with repair', 3)], hops, 60 + longest(p.commands)),
    cost('events', [commands, agentsOf(x), derived('engine events per command and server', 4)]),
  ];
}

export function estimatePbft(x: EstimateInput, run: RunOf<'pbft'>): Cost[] {
  const p = { ...PBFT_DEFAULTS, ...run, commands: run.commands ?? [] };
  const hops = x.facts.meanHopsAllPairs;
  const requests = field('run.commands', p.commands.length, 'run.commands', 10);
  const agents = agentsOf(x);
  // A failed view change doubles the timeout: a run of d ms sees about log₂(d ÷ timeout) of them, plus faults.
  const views = derived('view changes', 2 + Math.log2(1 + p.durationMs / p.viewChangeTimeoutMs) + disturbances(x, run));
  const requestBytes = 120 + longest(p.commands);
  return [
    // Pre-prepare n − 1, prepare (n − 1)², commit n(n − 1) per request, with resends.
    ...messages(x, [requests, agents, agents, derived('phases with resends', 3)], hops, requestBytes),
    // Each view change: every replica to every other, carrying its prepared certificates.
    ...messages(x, [views, agents, agents], hops, 100),
    cost('bytes', [views, agents, agents, requests, derived('bytes per certificate', 2 * requestBytes)]),
    cost('events', [requests, agents, derived('engine events and timers per request and replica', 8)]),
  ];
}
