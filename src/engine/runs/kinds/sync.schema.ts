import * as v from 'valibot';
import { MAX_SYNC_KEYS } from '../../core/limits';
import { TIMEOUT } from '../../scenario/fields';
import { id, int, oneOf } from '../../scenario/rules';

/** The run block of a state synchronisation. */
export const SyncRunSchema = v.strictObject({
  kind: v.literal('sync'),
  mode: oneOf(['full', 'delta', 'version-query']),
  keys: int(1, MAX_SYNC_KEYS),
  changedKeys: v.optional(int(0, MAX_SYNC_KEYS)),
  timeoutMs: v.optional(TIMEOUT),
  strategy: v.optional(oneOf(['lww', 'vector', 'crdt'])),
  swarmId: v.optional(id()),
});
