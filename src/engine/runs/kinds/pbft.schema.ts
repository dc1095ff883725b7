import * as v from 'valibot';
import { MAX_AGGREGATE_AGENTS } from '../../core/limits';
import { TIMEOUT } from '../../scenario/fields';
import { int, objectOnly } from '../../scenario/rules';
import { COMMANDS, DURATION, RandomFaultsSchema } from './leaderFields';

/**
 * The run block of a PBFT run (src/engine/consensus/pbft/params.ts): every agent a replica; f left
 * out (or null) is the largest the swarm allows, ⌊(n − 1) / 3⌋; n ≥ 3f + 1 is checked with the swarm.
 */
export const PbftRunSchema = v.strictObject({
  kind: v.literal('pbft'),
  faultTolerance: v.optional(v.nullable(int(0, MAX_AGGREGATE_AGENTS))),
  commands: v.optional(COMMANDS),
  viewChangeTimeoutMs: v.optional(TIMEOUT),
  clientRetryMs: v.optional(TIMEOUT),
  durationMs: v.optional(DURATION),
  randomFaults: v.optional(RandomFaultsSchema),
  teaching: v.optional(objectOnly(v.strictObject({ weakQuorums: v.optional(v.boolean('must be true or false')) }))),
});
