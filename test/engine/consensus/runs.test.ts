import { describe, expect, it } from 'vitest';
import { findCounterexample } from '../../../src/engine/consensus/counterexample';
import {
  runConsensus,
  runRumor,
  validateConsensusParams,
  validateRumorParams,
} from '../../../src/engine/consensus/runs';
import type { Behaviour } from '../../../src/engine/core/agent';
import { ValidationError } from '../../../src/engine/core/errors';
import { Prng } from '../../../src/engine/core/prng';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import { Network } from '../../../src/engine/network/network';
import type { RunContext } from '../../../src/engine/runs/context';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

function context(seed: number, n: number, behaviours: Record<number, Behaviour> = {}, record = false): RunContext {
  const rng = new Prng(seed);
  const coordinator = SwarmCoordinator.fromTopology({ kind: 'mesh' }, n, rng);
  for (const [i, behaviour] of Object.entries(behaviours))
    coordinator.updateAgent(`agent-${Number(i) + 1}`, { behaviour });
  const trace = new Trace(record);
  const network = new Network(
    n,
    {
      latencyMsMin: 1,
      latencyMsMax: 1 + rng.int(80),
      lossProbability: 0,
      duplicationProbability: 0,
      reorderProbability: 0.2,
    },
    rng.fork(1),
    trace,
  );
  coordinator.attach(network);
  return { coordinator, network, rng: rng.fork(2), trace };
}

const fieldOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).field;
  }
  return 'no error';
};

describe('runConsensus', () => {
  it('byzantine: a JSON summary with per-agent records, flags with reasons and the agreement verdict', () => {
    const ctx = context(1, 7, { 5: 'equivocate', 6: 'flip' }, true);
    const s = runConsensus(ctx, {
      algorithm: 'byzantine',
      faultTolerance: 2,
      proposal: { proposalId: 'critical_update' },
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.result).toMatchObject({ proposalId: 'critical_update', decision: 'approved', algorithmUsed: 'byzantine' });
    expect(s.agreement?.agreed).toBe(true);
    expect(s.records).toHaveLength(7);
    const honest = s.records!.filter((r) => r.honest);
    expect(honest.every((r) => r.decision === 'approved')).toBe(true);
    expect(honest.every((r) => Object.keys(r.received).length > 0)).toBe(true);
    expect(s.messages).toBeGreaterThan(7 * 6);
    const names = new Set(decodeAll(ctx.trace.columns()).flatMap((e) => (e.kind === 'engine' ? [e.name] : [])));
    for (const name of ['consensusRequest', 'voteSent', 'echo', 'ready', 'voteDelivered', 'decided'])
      expect(names).toContain(name);
  });

  it('byzantine with too few agents: the error names run.faultTolerance', () => {
    expect(() => runConsensus(context(1, 5), { algorithm: 'byzantine', faultTolerance: 2 })).toThrow(
      'run.faultTolerance: Byzantine consensus with f=2 needs at least 7 participants, got 5',
    );
  });

  it('quorum, weighted, gossip and oral messages run and are deterministic per seed', () => {
    for (const algorithm of ['quorum', 'weighted', 'gossip', 'oral-messages'] as const) {
      const a = runConsensus(context(3, 7), { algorithm });
      expect(runConsensus(context(3, 7), { algorithm })).toEqual(a);
      expect(a.result.decision).toBe('approved');
    }
  });

  it('seed search over scenarios: with f+1 equivocators on 4 agents it finds a disagreement and its witnesses', () => {
    const found = findCounterexample({
      run: (seed) => runConsensus(context(seed, 4, { 2: 'equivocate', 3: 'equivocate' }), { algorithm: 'byzantine' }),
      violation: (s) => (s.agreement?.agreed === false ? s.agreement.witnesses : undefined),
      maxSeeds: 300,
    });
    expect(found.found).toBe(true);
    if (!found.found) return;
    expect(found.violation?.differingVotes.map((d) => d.owner).sort()).toEqual(expect.arrayContaining(['agent-3']));
    // Replaying the seed gives the same summary.
    const again = runConsensus(context(found.seed, 4, { 2: 'equivocate', 3: 'equivocate' }), {
      algorithm: 'byzantine',
    });
    expect(again.agreement).toEqual(found.result.agreement);
  });

  it('the search polls shouldStop and reports progress', () => {
    const progress: number[] = [];
    let polls = 0;
    const out = findCounterexample({
      run: (seed) => seed,
      violation: () => undefined,
      maxSeeds: 1000,
      onProgress: (f) => progress.push(f),
      shouldStop: () => ++polls > 250,
    });
    expect(out).toEqual({ found: false, tried: 250, stopped: true });
    expect(progress).toEqual([0.1, 0.2]);
  });

  it('validateConsensusParams names the field', () => {
    expect(fieldOf(() => validateConsensusParams(null))).toBe('run');
    expect(fieldOf(() => validateConsensusParams({ algorithm: 'paxos' }))).toBe('run.algorithm');
    expect(fieldOf(() => validateConsensusParams({ algorithm: 'byzantine', faultTolerance: -1 }))).toBe(
      'run.faultTolerance',
    );
    expect(fieldOf(() => validateConsensusParams({ algorithm: 'quorum', threshold: 0 }))).toBe('run.threshold');
    expect(fieldOf(() => validateConsensusParams({ algorithm: 'quorum', timeoutMs: 0.5 }))).toBe('run.timeoutMs');
    expect(fieldOf(() => validateConsensusParams({ algorithm: 'weighted', agentWeights: { a: 0 } }))).toBe(
      'run.agentWeights.a',
    );
    expect(fieldOf(() => validateConsensusParams({ algorithm: 'gossip', participants: ['a', 'a'] }))).toBe(
      'run.participants',
    );
    expect(fieldOf(() => validateConsensusParams({ algorithm: 'quorum', proposal: { proposalId: '' } }))).toBe(
      'run.proposal.proposalId',
    );
    expect(validateConsensusParams({ algorithm: 'gossip', fanout: 3 })).toEqual({ algorithm: 'gossip', fanout: 3 });
  });
});

describe('runRumor', () => {
  it('on a swarm: per-round informed counts, the mean-field curve, droppers and crashed agents', () => {
    const ctx = context(2, 200, { 0: 'silent', 1: 'equivocate', 2: 'random' }, true);
    const s = runRumor(ctx, { mode: 'push-pull', fanout: 2, origin: 'agent-10' });
    expect(s).toMatchObject({
      kind: 'rumor',
      agents: 200,
      origin: 'agent-10',
      crashed: 1,
      droppers: 2,
      allInformed: true,
    });
    expect(s.informedPerRound[0]).toBe(1);
    expect(s.informedPerRound.at(-1)).toBe(199);
    expect(s.meanField[0]).toBe(1);
    const events = decodeAll(ctx.trace.columns()).filter((e) => e.kind === 'engine');
    expect(events.filter((e) => e.name === 'roundEnd')).toHaveLength(s.rounds);
    // Contacts are the network's rumor messages now, not engine events.
    expect(events.some((e) => e.name === 'gossipContact')).toBe(false);
  });

  it('aggregate mode: 200,000 agents, push, no swarm needed', () => {
    const s = runRumor(context(4, 2), { mode: 'push', fanout: 1, agentCount: 200_000 });
    expect(s.informed).toBe(200_000);
    expect(Math.abs(s.rounds - (s.meanField.length - 1))).toBeLessThanOrEqual(3);
  });

  it('validateRumorParams names the field', () => {
    expect(fieldOf(() => validateRumorParams({ mode: 'shout' }))).toBe('run.mode');
    expect(fieldOf(() => validateRumorParams({ mode: 'push', fanout: 0 }))).toBe('run.fanout');
    expect(fieldOf(() => validateRumorParams({ mode: 'push', agentCount: 3_000_000 }))).toBe('run.agentCount');
    expect(fieldOf(() => validateRumorParams({ mode: 'push', agentCount: 10, origin: 'agent-1' }))).toBe('run.origin');
    expect(fieldOf(() => runRumor(context(1, 3), { mode: 'push', origin: 'agent-9' }))).toBe('run.origin');
  });
});

describe('stubborn agents in a gossip vote', () => {
  const votes = (ctx: RunContext, against: number) => {
    ctx.coordinator.agents.forEach((a, i) => {
      ctx.coordinator.updateAgent(a.id, { policy: { kind: 'fixed', vote: i < against ? 'against' : 'for' } });
    });
  };
  it('never change their vote: a swarm of them keeps its split; honest agents converge', () => {
    const honest = context(5, 10);
    votes(honest, 3);
    const h = runConsensus(honest, {
      algorithm: 'gossip',
      fanout: 3,
      rounds: 10,
      convergenceThreshold: 0.95,
      threshold: 0.66,
    });
    expect(h.result.metadata.converged).toBe(true);

    const stubborn = context(
      5,
      10,
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, 'stubborn' as Behaviour])),
    );
    votes(stubborn, 3);
    const s = runConsensus(stubborn, {
      algorithm: 'gossip',
      fanout: 3,
      rounds: 10,
      convergenceThreshold: 0.95,
      threshold: 0.66,
    });
    expect(s.result.metadata.converged).toBe(false);
    expect(s.result.metadata.roundsCompleted).toBe(10);
    expect(s.result.metadata.agreementRatio).toBeCloseTo(0.7);
  });
});

describe('a gossip vote traces what the player animates', () => {
  it('pull messages, then each agent’s vote change at its round’s end, in time order', () => {
    const ctx = context(9, 10, {}, true);
    ctx.coordinator.agents.forEach((a, i) => {
      ctx.coordinator.updateAgent(a.id, { policy: { kind: 'fixed', vote: i < 3 ? 'against' : 'for' } });
    });
    runConsensus(ctx, { algorithm: 'gossip', fanout: 3, rounds: 10, convergenceThreshold: 1, threshold: 0.5 });
    const events = decodeAll(ctx.trace.columns());
    const changes = events.filter((e) => e.kind === 'engine' && e.name === 'voteChanged');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((e) => e.kind === 'engine' && (e.detail as { vote: string }).vote === 'for')).toBe(true);
    // The contacts are the network's own messages (the player draws those); no engine contact events.
    expect(events.some((e) => e.kind === 'engine' && e.name === 'gossipContact')).toBe(false);
    const pulls = events.filter((e) => e.kind === 'messageDelivered' && e.tag === 'gossip-pull');
    const replies = events.filter((e) => e.kind === 'messageDelivered' && e.tag === 'gossip-vote');
    expect(pulls.length).toBeGreaterThan(0);
    expect(replies.length).toBeGreaterThan(0);
    const ends = events.filter((e) => e.kind === 'engine' && e.name === 'roundEnd').map((e) => e.t);
    for (const c of changes) expect(ends).toContain(c.t);
    expect(pulls[0].t).toBeLessThan(ends[0]);
    for (let i = 1; i < events.length; i++) expect(events[i].t).toBeGreaterThanOrEqual(events[i - 1].t);
  });
});
