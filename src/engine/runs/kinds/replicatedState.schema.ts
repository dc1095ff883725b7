import * as v from 'valibot';
import { MAX_AGENTS, MAX_CRDT_OPERATIONS } from '../../core/limits';
import { ROUNDS, TIMEOUT } from '../../scenario/fields';
import { int, oneOf, probability } from '../../scenario/rules';
import { MAX_KEY_SPACE } from '../replicatedState';

// Defaults for the optional parameters live in the engine (REPLICATED_STATE_DEFAULTS), as for every run kind.
export const ReplicatedStateRunSchema = v.strictObject({
  kind: v.literal('replicated-state'),
  crdtType: oneOf(['counter', 'pn-counter', 'set', 'or-set', 'map', 'register']),
  operations: int(0, MAX_CRDT_OPERATIONS),
  syncIntervalMs: v.optional(TIMEOUT),
  opIntervalMs: v.optional(TIMEOUT),
  sync: v.optional(oneOf(['state', 'delta'])),
  fanout: v.optional(int(1, MAX_AGENTS)),
  keySpace: v.optional(int(1, MAX_KEY_SPACE)),
  removeProbability: v.optional(probability()),
  healAtEnd: v.optional(v.boolean('must be true or false')),
  maxFlushRounds: v.optional(ROUNDS),
});
