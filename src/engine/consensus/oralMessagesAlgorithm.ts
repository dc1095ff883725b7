import { check } from '../core/errors';
import type { Prng } from '../core/prng';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { Network } from '../network/network';
import { OralMessages, type Order } from './oralMessages';
import { tallyVotes } from './tally';
import type { ConsensusAlgorithm, ConsensusResult, EvaluateInput, Proposal } from './types';
import { policyVote } from './votingPolicy';

export interface OralMessagesRunInput {
  net: Network;
  rng: Prng;
  proposal: Proposal;
  proposalId: string;
  coordinator: SwarmCoordinator;
  /** Network addresses; the requester is the commander. */
  participants: readonly number[];
  requester: number;
}

/**
 * OM(m) as a consensus algorithm: the requester is the commander and its vote
 * the order ('for' = attack); the other participants are lieutenants, malicious
 * ones are traitors sending random orders; approved iff the loyal lieutenants'
 * majority obeys "attack". OM assumes synchronous rounds, so each of the m + 1
 * relay rounds takes the network's `latencyMsMax`; messages are traced as
 * `omMessage` events (agent = sender, peer = recipient) rather than sent.
 * @example manager.requestConsensus({ proposalId: 'p' }, { algorithm: 'oral-messages' })
 */
export class OralMessagesAlgorithm implements ConsensusAlgorithm {
  readonly name = 'oral-messages';
  readonly monotone = false;
  readonly m: number | undefined;

  constructor(options: { m?: number } = {}) {
    if (options.m !== undefined)
      check(Number.isInteger(options.m) && options.m >= 0, 'm', 'must be a whole number ≥ 0');
    this.m = options.m;
  }

  /** Without behaviours every general is loyal: the first participant's vote is the order everyone obeys. */
  evaluate(input: EvaluateInput): ConsensusResult {
    const t = tallyVotes(input.participants, input.votes);
    const order: Order = t.counted.get(input.participants[0])?.vote === 'for' ? 'attack' : 'retreat';
    const run = new OralMessages({
      generals: Math.max(2, input.participants.length),
      m: this.m,
      commanderOrder: order,
    }).run();
    return this.result(input.proposalId, [...input.participants], run, 0);
  }

  runOnNetwork(x: OralMessagesRunInput): ConsensusResult {
    const agents = x.coordinator.agents;
    const generals = [x.requester, ...x.participants.filter((p) => p !== x.requester)];
    const order: Order = policyVote(agents[x.requester].policy, x.proposal, x.rng) === 'for' ? 'attack' : 'retreat';
    const traitors = generals.flatMap((g, i) => (agents[g].behaviour === 'honest' ? [] : [i]));
    const om = new OralMessages({
      generals: Math.max(2, generals.length),
      m: this.m,
      traitors,
      commanderOrder: order,
      traitorStrategy: 'random',
      rng: x.rng,
    });
    const run = om.run();
    const hopMs = x.net.config.latencyMsMax;
    const t0 = x.net.now;
    x.net.trace.engine(t0, 'consensusRequest', x.requester, -1, { proposalId: x.proposalId, order });
    // The log is in recursion order; the trace needs time order (one hop per relay), so sort by path length (stable).
    const byHop = [...run.log].sort((a, b) => a.path.length - b.path.length);
    for (const msg of byHop) {
      const from = generals[msg.path[msg.path.length - 1]];
      x.net.trace.engine(t0 + msg.path.length * hopMs, 'omMessage', from, generals[msg.to], {
        path: msg.path.map((g) => agents[generals[g]].id),
        value: msg.value,
      });
    }
    const ids = generals.map((g) => agents[g].id);
    const result = this.result(x.proposalId, ids, run, (om.m + 1) * hopMs);
    x.net.trace.engine(t0 + result.durationMs, 'decided', x.requester, -1, {
      proposalId: x.proposalId,
      decision: result.decision,
    });
    return result;
  }

  private result(
    proposalId: string,
    ids: string[],
    run: ReturnType<OralMessages['run']>,
    durationMs: number,
  ): ConsensusResult {
    const orders = Object.values(run.decisions);
    const attack = orders.filter((o) => o === 'attack').length;
    const byId = Object.fromEntries(Object.entries(run.decisions).map(([g, o]) => [ids[Number(g)], o]));
    return {
      proposalId,
      decision: 2 * attack > orders.length ? 'approved' : 'rejected',
      votesFor: attack,
      votesAgainst: orders.length - attack,
      votesAbstain: 0,
      threshold: 0.5,
      participants: ids,
      algorithmUsed: this.name,
      durationMs,
      metadata: {
        commander: ids[0],
        commanderOrder: run.commanderOrder,
        m: run.m,
        messages: run.messages,
        traitors: run.traitors.map((g) => ids[g]),
        decisions: byId,
        agreement: run.agreement,
        validity: run.validity,
        ...(run.violation
          ? {
              violation: {
                rule: run.violation.rule,
                witnesses: run.violation.witnesses.map((w) => ({ agentId: ids[w.general], order: w.order })),
              },
            }
          : {}),
      },
    };
  }
}
