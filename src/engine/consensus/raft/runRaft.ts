import { check, checkLimit } from '../../core/errors';
import type { RunContext } from '../../runs/context';
import { AliveWatch } from './aliveWatch';
import { RaftClient } from './client';
import { RaftCluster } from './cluster';
import { driveNetwork } from './drive';
import { MAX_RAFT_SERVERS, type RaftParams } from './params';
import { LeaderIsolation, planRandomFaults, scheduleFaults } from './randomFaults';
import {
  latencyOf,
  MAX_LEADERS_IN_SUMMARY,
  messageSummary,
  nameFault,
  type RaftSummary,
  serverSummaries,
} from './summary';

/**
 * Runs Raft (Ongaro & Ousterhout, Figure 2) with every agent of the swarm as a server,
 * over the run's network (its topology, latency, loss, duplication, partitions and
 * crashes), until `durationMs`. Client commands are handed to the leader at their
 * times; the five safety properties are checked as the run goes. A crashed server
 * keeps its term, vote and log and loses the rest; a `silent` agent is crashed from
 * the start; other malicious behaviours are not modelled (Raft tolerates crashes only).
 * @example runRaft(ctx, validateRaftParams({ commands: [{ atMs: 1000, value: 'x=1' }] })).allCommitted
 */
export function runRaft(ctx: RunContext, params: RaftParams): RaftSummary {
  const { coordinator: swarm, network: net, trace } = ctx;
  const n = swarm.size;
  check(n >= 1, 'topology.agents', 'Raft needs at least one server');
  checkLimit('MAX_RAFT_SERVERS', MAX_RAFT_SERVERS, n);
  const ids = swarm.agents.map((a) => a.id);
  const doubleVoter = params.teaching.doubleVoter === null ? -1 : ids.indexOf(params.teaching.doubleVoter);
  check(
    doubleVoter >= -1 && (params.teaching.doubleVoter === null || doubleVoter >= 0),
    'run.teaching.doubleVoter',
    'must be an agent of the swarm',
  );
  // Separate streams: drawing faults does not shift the election timeouts.
  const faultRng = ctx.rng.fork(1);
  const cluster = new RaftCluster(net, trace, ctx.rng.fork(2), params, ids, doubleVoter);
  const drawn = params.randomFaults === null ? [] : planRandomFaults(faultRng, n, params.randomFaults);
  scheduleFaults(net, drawn);
  swarm.agents.forEach((agent, a) => {
    if (agent.behaviour === 'silent') net.crash(a);
  });
  const client = new RaftClient(cluster, params);
  const nemesis = new LeaderIsolation(net, ctx.rng.fork(3), params.randomFaults);
  client.onCommandTaken = (leader) => nemesis.onCommandTaken(leader);
  const previous = net.handlers;
  net.handlers = {
    deliver: (to, from, tag, payload) => cluster.onMessage(to, from, tag, payload),
    timer: (agent, timer) => cluster.onTimer(agent, timer),
  };
  const watch = new AliveWatch(net);
  for (const s of cluster.servers) if (!net.isAlive(s.index)) cluster.crashed(s.index);
  cluster.start();
  const stopped = driveNetwork(
    ctx,
    params.durationMs,
    client,
    watch,
    (a) => cluster.crashed(a),
    (a) => cluster.recovered(a),
  );
  net.handlers = previous;
  const properties = cluster.history.verdicts();
  const committed = client.outcomes.filter((o) => o.committedAtMs !== null).length;
  return {
    kind: 'raft',
    servers: n,
    durationMs: params.durationMs,
    stopped,
    teaching: params.teaching,
    properties,
    safe: properties.every((p) => p.held),
    highestTerm: Math.max(0, ...cluster.servers.map((s) => s.currentTerm)),
    candidacies: cluster.candidacies,
    leaderCount: cluster.leaders.length,
    leaders: cluster.leaders
      .slice(0, MAX_LEADERS_IN_SUMMARY)
      .map((l) => ({ term: l.term, agentId: ids[l.agent], atMs: l.atMs })),
    commands: client.outcomes,
    committedCommands: committed,
    allCommitted: committed === client.outcomes.length,
    commitLatencyMs: latencyOf(client.outcomes),
    messages: messageSummary(cluster, committed),
    serverStates: serverSummaries(cluster),
    drawnFaults: drawn.map((f) => nameFault(f, ids)),
    ignoredBehaviours: swarm.agents
      .filter((a) => a.behaviour !== 'honest' && a.behaviour !== 'silent')
      .map((a) => ({ agentId: a.id, behaviour: a.behaviour })),
  };
}
