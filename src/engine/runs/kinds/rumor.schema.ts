import * as v from 'valibot';
import { MAX_AGGREGATE_AGENTS } from '../../core/limits';
import { FANOUT, ROUNDS } from '../../scenario/fields';
import { id, int, oneOf } from '../../scenario/rules';

/** The run block of rumor spreading: on the swarm, or well-mixed with `agentCount`. */
export const RumorRunSchema = v.strictObject({
  kind: v.literal('rumor'),
  mode: oneOf(['push', 'pull', 'push-pull']),
  fanout: v.optional(FANOUT, 1),
  origin: v.optional(id()),
  maxRounds: v.optional(ROUNDS),
  agentCount: v.optional(int(1, MAX_AGGREGATE_AGENTS)),
});
