export { ConsistentHashRing, hash32, MAX_VIRTUAL_NODES } from './consistentHashRing';
export {
  type DelegationParams,
  type DelegationSummary,
  generateTasks,
  runDelegation,
  validateDelegationParams,
} from './runDelegation';
export {
  DELEGATION_STRATEGIES,
  type DelegationStrategy,
  isCapable,
  type PickContext,
  pickAgent,
  type Task,
} from './strategies';
export { type DelegationReport, TaskDelegator, type TaskDelegatorOptions } from './taskDelegator';
