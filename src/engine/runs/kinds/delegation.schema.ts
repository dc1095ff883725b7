import * as v from 'valibot';
import { MAX_TASKS } from '../../core/limits';
import { MAX_VIRTUAL_NODES } from '../../delegation/consistentHashRing';
import { AT_MS, COST_MS, TIMEOUT } from '../../scenario/fields';
import { id, int, oneOf, probability } from '../../scenario/rules';

// detectionTimeoutMs > heartbeatIntervalMs, delegator ≠ crash.agent and ids that exist: crossChecks.ts.
export const DelegationRunSchema = v.strictObject({
  kind: v.literal('delegation'),
  strategy: oneOf(['round-robin', 'least-loaded', 'capability', 'weighted', 'consistent-hash']),
  tasks: int(0, MAX_TASKS),
  taskCostMs: v.optional(v.strictTuple([COST_MS, COST_MS], 'must be a pair [minMs, maxMs]')),
  crash: v.optional(v.strictObject({ agent: id(), atMs: AT_MS })),
  delegator: v.optional(id()),
  capabilityDemand: v.optional(probability()),
  heartbeatIntervalMs: v.optional(TIMEOUT),
  detectionTimeoutMs: v.optional(TIMEOUT),
  maxTimeMs: v.optional(TIMEOUT),
  virtualNodes: v.optional(int(1, MAX_VIRTUAL_NODES)),
});
