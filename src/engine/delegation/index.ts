export { ConsistentHashRing, hash32, MAX_VIRTUAL_NODES } from './consistentHashRing';
export {
  DELEGATION_PARAMS,
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
export {
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  type DelegationReport,
  TaskDelegator,
  type TaskDelegatorOptions,
} from './taskDelegator';
