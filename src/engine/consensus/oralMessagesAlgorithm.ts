import type { Behaviour } from '../core/agent';
import { check } from '../core/errors';
import type { Prng } from '../core/prng';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { Network } from '../network/network';
import {
  OralMessages,
  type OralMessagesOutcome,
  type Order,
  type OrderWitness,
  strategyOf,
  type TraitorChoice,
  type TraitorStrategy,
} from './oralMessages';
import { runOralMessagesOnNetwork } from './oralMessagesNetwork';
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
 * What each malicious behaviour does as a traitor in OM(m): its own name where OM
 * has one (`strategyOf`); a stubborn traitor follows the protocol (as in reliable
 * broadcast) but, being a traitor, is not judged by IC1/IC2. Silent ones crash.
 */
const TRAITOR_STRATEGY: Record<Exclude<Behaviour, 'honest' | 'silent'>, TraitorStrategy> = {
  equivocate: 'equivocate',
  flip: 'flip',
  random: 'random',
  'lie-in-relay': 'lie-in-relay',
  stubborn: ({ honest }) => honest,
};

/** One choice function for all traitors: each sender lies by its own behaviour. */
function traitorChoice(behaviours: readonly Behaviour[], rng: Prng): TraitorChoice {
  const choices = behaviours.map((b) =>
    b === 'honest' || b === 'silent' ? undefined : strategyOf(TRAITOR_STRATEGY[b], rng),
  );
  return (message) => choices[message.path[message.path.length - 1]]?.(message) ?? message.honest;
}

/** A witness with its agent id instead of its general number. */
export interface OrderWitnessById {
  agentId: string;
  order: Order;
}

/**
 * OM(m) as a consensus algorithm: the requester is the commander and its vote
 * the order ('for' = attack); the other participants are lieutenants, malicious
 * ones are traitors lying by their behaviour (`TRAITOR_STRATEGY`; silent ones crash at the start);
 * approved iff the loyal lieutenants' majority obeys "attack". Through the
 * manager it runs as real `om-order` / `om-relay` messages on the network in
 * m + 1 synchronous rounds (oralMessagesNetwork.ts): messages missing at a
 * round's end count as 'retreat'. `evaluate` (no network) runs it in memory.
 * @example manager.requestConsensus({ proposalId: 'p' }, { algorithm: 'oral-messages' })
 */
export class OralMessagesAlgorithm implements ConsensusAlgorithm {
  readonly name = 'oral-messages';
  readonly monotone = false;
  /** Relay rounds; default ⌊(n − 1) / 3⌋ for n generals, at most n − 2 (checked when n is known). */
  readonly m: number | undefined;
  /** Relay round length on the network; default `defaultOralRoundMs(net)`. */
  readonly roundMs: number | undefined;

  constructor(options: { m?: number; roundMs?: number } = {}) {
    if (options.m !== undefined)
      check(Number.isInteger(options.m) && options.m >= 0, 'm', 'must be a whole number ≥ 0');
    if (options.roundMs !== undefined)
      check(Number.isInteger(options.roundMs) && options.roundMs >= 1, 'roundMs', 'must be a whole number ≥ 1');
    this.m = options.m;
    this.roundMs = options.roundMs;
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
    const behaviours = generals.map((g) => agents[g].behaviour);
    const traitors = behaviours.flatMap((b, i) => (b === 'honest' ? [] : [i]));
    const t0 = x.net.now;
    x.net.trace.engine(t0, 'consensusRequest', x.requester, -1, { proposalId: x.proposalId, order });
    // A silent traitor crashes at the start (as in the manager's other protocols): its messages count as 'retreat'.
    for (const g of generals) if (agents[g].behaviour === 'silent') x.net.crash(g);
    const out = runOralMessagesOnNetwork({
      net: x.net,
      proposalId: x.proposalId,
      generals,
      m: this.m,
      traitors,
      commanderOrder: order,
      traitorStrategy: traitorChoice(behaviours, x.rng),
      rng: x.rng,
      roundMs: this.roundMs,
    });
    const ids = generals.map((g) => agents[g].id);
    const result = this.result(x.proposalId, ids, out, out.endedAtMs - t0);
    return {
      ...result,
      decision: out.decision,
      metadata: {
        ...result.metadata,
        protocol: 'oral-messages-network',
        roundMs: out.roundMs,
        rounds: out.m + 1,
        expectedMessages: out.expectedMessages,
        delivered: out.delivered,
        missing: out.missing,
        lateMessages: out.late,
        duplicates: out.duplicates,
        crashed: out.crashed.map((g) => ids[g]),
      },
    };
  }

  private result(
    proposalId: string,
    ids: string[],
    run: Pick<
      OralMessagesOutcome,
      | 'decisions'
      | 'commanderOrder'
      | 'm'
      | 'messages'
      | 'traitors'
      | 'agreement'
      | 'validity'
      | 'violation'
      | 'ic1'
      | 'ic2'
    >,
    durationMs: number,
  ): ConsensusResult {
    const orders = Object.values(run.decisions);
    const attack = orders.filter((o) => o === 'attack').length;
    const byId = Object.fromEntries(Object.entries(run.decisions).map(([g, o]) => [ids[Number(g)], o]));
    const named = (ws: readonly OrderWitness[]): OrderWitnessById[] =>
      ws.map((w) => ({ agentId: ids[w.general], order: w.order }));
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
        ic1: { held: run.ic1.held, witnesses: named(run.ic1.witnesses) },
        ic2: {
          held: run.ic2.held,
          applies: run.ic2.applies,
          commander: named([run.ic2.commander])[0],
          witnesses: named(run.ic2.witnesses),
        },
        ...(run.violation
          ? { violation: { rule: run.violation.rule, witnesses: named(run.violation.witnesses) } }
          : {}),
      },
    };
  }
}
