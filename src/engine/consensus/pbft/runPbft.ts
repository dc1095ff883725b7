import { isMalicious, type MaliciousBehaviour } from '../../core/agent';
import { check, checkLimit } from '../../core/errors';
import type { RunContext } from '../../runs/context';
import { AliveWatch } from '../raft/aliveWatch';
import { driveNetwork } from '../raft/drive';
import { LeaderIsolation, planRandomFaults, scheduleFaults } from '../raft/randomFaults';
import { latencyOf, nameFault } from '../raft/summary';
import { PBFT_BEHAVIOURS } from './behaviours';
import { PbftClient } from './client';
import { PbftCluster } from './cluster';
import { checkReplicaCount, defaultFaultTolerance, MAX_PBFT_REPLICAS, type PbftParams } from './params';
import { type PbftSummary, pbftMessageSummary, replicaSummaries } from './summary';

/**
 * Runs PBFT (Castro & Liskov 1999: pre-prepare, prepare, commit with 2f + 1 quorums, and view
 * change) with every agent of the swarm as a replica, over the run's network, until
 * `durationMs`. Malicious agents act out their behaviour (see PBFT_BEHAVIOURS). Agreement and
 * validity among honest replicas are checked at every execution.
 * @example runPbft(ctx, validatePbftParams({ commands: [{ atMs: 100, value: 'x' }] }, { replicas: 4 })).allCommitted
 */
export function runPbft(ctx: RunContext, params: PbftParams): PbftSummary {
  const { coordinator: swarm, network: net, trace } = ctx;
  const n = swarm.size;
  check(n >= 1, 'topology.agents', 'PBFT needs at least one replica');
  checkLimit('MAX_PBFT_REPLICAS', MAX_PBFT_REPLICAS, n);
  const f = params.faultTolerance ?? defaultFaultTolerance(n);
  checkReplicaCount(n, f);
  const ids = swarm.agents.map((a) => a.id);
  const faultRng = ctx.rng.fork(1);
  const cluster = new PbftCluster(
    net,
    trace,
    params,
    ids,
    swarm.agents.map((a) => a.behaviour),
    f,
    ctx.rng.fork(2),
  );
  const drawn = params.randomFaults === null ? [] : planRandomFaults(faultRng, n, params.randomFaults);
  scheduleFaults(net, drawn);
  const nemesis = new LeaderIsolation(net, ctx.rng.fork(3), params.randomFaults);
  cluster.onAssigned = (primary) => nemesis.onCommandTaken(primary);
  const client = new PbftClient(cluster);
  const previous = net.handlers;
  net.handlers = {
    deliver: (to, from, tag, payload) => cluster.onMessage(to, from, tag, payload),
    timer: (agent, gen) => cluster.onTimer(agent, gen),
  };
  const watch = new AliveWatch(net);
  const stopped = driveNetwork(
    ctx,
    params.durationMs,
    client,
    watch,
    () => {},
    (r) => cluster.recovered(r),
  );
  net.handlers = previous;
  const properties = cluster.history.verdicts();
  const committed = client.outcomes.filter((o) => o.committedAtMs !== null).length;
  return {
    kind: 'pbft',
    replicas: n,
    faultTolerance: f,
    quorums: cluster.quorums,
    durationMs: params.durationMs,
    stopped,
    teaching: params.teaching,
    properties,
    safe: properties.every((p) => p.held),
    views: cluster.views.map((v) => ({ view: v.view, primaryId: ids[v.primary], atMs: v.atMs })),
    viewChanges: Math.max(...cluster.views.map((v) => v.view)),
    requests: client.outcomes,
    committedRequests: committed,
    allCommitted: committed === client.outcomes.length,
    commitLatencyMs: latencyOf(client.outcomes),
    messages: pbftMessageSummary(cluster, committed),
    replicaStates: replicaSummaries(cluster),
    faulty: swarm.agents.filter(isMalicious).map((a) => ({
      agentId: a.id,
      behaviour: a.behaviour,
      does: PBFT_BEHAVIOURS[a.behaviour as MaliciousBehaviour],
    })),
    drawnFaults: drawn.map((x) => nameFault(x, ids)),
  };
}
