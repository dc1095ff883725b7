export {
  clockOf,
  contentKey,
  lean,
  type MergeOutcome,
  mergeVersions,
  ReplicaSet,
  resolveAll,
  sameContent,
} from './replica';
export { runSync, type SyncParams, type SyncSummary, validateSyncParams } from './runSync';
export { StateSynchronizer, type StateSynchronizerOptions } from './stateSynchronizer';
export { MAX_CHANGE_LOG_ENTRIES, StoredSwarm } from './storedState';
export {
  type AntiEntropyReport,
  COST_BUCKETS,
  type CostBucket,
  type MissedAgent,
  type MissReason,
  type ModeReport,
  SYNC_MODES,
  type SyncCost,
  type SyncMode,
  type SyncReport,
} from './syncTypes';
