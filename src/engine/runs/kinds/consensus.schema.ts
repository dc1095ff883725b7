import * as v from 'valibot';
import { MAX_AGENT_WEIGHT, MAX_AGENTS, MAX_ROUNDS } from '../../core/limits';
import { FANOUT, IDS, PROPOSAL, ROUNDS, TIMEOUT } from '../../scenario/fields';
import { id, int, num, oneOf, record } from '../../scenario/rules';

/** The run block of a consensus run (one proposal, one of five algorithms). */
export const ConsensusRunSchema = v.strictObject({
  kind: v.literal('consensus'),
  algorithm: oneOf(['quorum', 'weighted', 'byzantine', 'gossip', 'oral-messages']),
  proposal: v.optional(PROPOSAL, () => ({ proposalId: 'proposal-1' })),
  timeoutMs: v.optional(TIMEOUT, 30_000),
  mode: v.optional(oneOf(['simple', 'supermajority', 'unanimous'])),
  threshold: v.optional(num(0, 1, true)),
  faultTolerance: v.optional(int(0, MAX_AGENTS)),
  numRounds: v.optional(ROUNDS),
  // Oral messages: OM(m)'s relay rounds. No default here: it is ⌊(n − 1) / 3⌋ for n generals, and
  // m ≤ n − 2 needs the swarm, so both live in the engine (validateConsensusParams).
  m: v.optional(int(0, MAX_ROUNDS)),
  agentWeights: v.optional(record(id(), num(0, MAX_AGENT_WEIGHT, true))),
  fanout: v.optional(FANOUT),
  rounds: v.optional(ROUNDS),
  convergenceThreshold: v.optional(num(0, 1, true)),
  participants: v.optional(IDS),
});
