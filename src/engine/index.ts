/**
 * The engines' one public surface: the coordination API of the seed document in
 * TypeScript (ConsensusManager, ConflictResolver, StateSynchronizer, …), the
 * simulation kernel it runs on, and the scenario runner. Pure and deterministic:
 * runs unchanged in Node (tests, CLI, bench) and in the worker.
 */
export * from './clocks';
export * from './conflict';
export * from './consensus';
export * from './core/agent';
export * from './core/errors';
export { canonicalJson, Hasher } from './core/hash';
export * as limits from './core/limits';
export { Prng } from './core/prng';
export { makeAgent, SwarmCoordinator } from './core/swarmCoordinator';
export * from './core/topology';
export {
  CRDT_TYPES,
  type CRDTType,
  cloneJson,
  compareJson,
  createReplica,
  GCounter,
  GSet,
  isPlainObject,
  type Json,
  LWWMap,
  LWWRegister,
  mergeState,
  ORSet,
  PNCounter,
  type Replica,
  replicaFromState,
} from './crdt';
export * from './delegation';
export {
  InMemoryProvider,
  isStorageError,
  type MemoryProvider,
  runMemoryContract,
  StorageError,
  type StorageErrorKind,
} from './memory';
export { EventQueue } from './network/eventQueue';
export { DEFAULT_NETWORK, type Fault, type NetworkConfig } from './network/faults';
export { Network, type NetworkHandlers } from './network/network';
export type { RunContext } from './runs/context';
export { runFlood } from './runs/flood';
export { runReplicatedState, validateReplicatedStateParams } from './runs/replicatedState';
export { buildSwarm, describeScenario, type RunResult, type RunSummary, runScenario } from './runs/runScenario';
export * from './scenario';
export * from './sync';
export type { DropReason, PartitionDescription, TraceEvent } from './trace/events';
export { decodeAll, decodeEvent, Trace, type TraceColumns } from './trace/trace';
