export {
  COORDINATOR_AGENT_ID,
  ConflictResolver,
  type ConflictResolverOptions,
  MAX_RESOLVE_VERSIONS,
  RESOLUTION_STRATEGIES,
  type ResolutionStrategy,
} from './conflictResolver';
export { detectCrdtType } from './crdtType';
export { detectConflicts, MAX_DETECT_VERSIONS, type StatesByAgent } from './detectConflicts';
export type {
  CounterMergeStep,
  CrdtTypeStep,
  ExplanationStep,
  ExplanationStepKind,
  LwwCompareStep,
  LwwComparison,
  LwwResultStep,
  MapKeyStep,
  OrSetMergeStep,
  PnCounterMergeStep,
  SetUnionStep,
  SingleStep,
  VectorClocksStep,
  VectorCompareStep,
  VectorMaximalStep,
} from './explanation';
export { lwwOrder } from './order';
export {
  cloneValue,
  createStateVersion,
  formatTimestamp,
  type ResolutionStrategyName,
  type StateMetadata,
  type StateVersion,
  type StateVersionInput,
  type VersionRef,
} from './stateVersion';
export { MAX_EXPLAINED_COMPARISONS, MAX_VECTOR_VERSIONS } from './vectorStrategy';
