/** Raft on the simulated network: run it, check its parameters, read its properties and events. */

export type { RaftCommandOutcome } from './client';
export { type ClientCommand, MAX_CLIENT_COMMANDS } from './commands';
export type { RaftEventName, RaftTraceEvent } from './events';
export { MAX_RAFT_SERVERS, RAFT_DEFAULTS, type RaftParams, type RaftTeaching, validateRaftParams } from './params';
export {
  RAFT_PROPERTIES,
  RAFT_PROPERTY_STATEMENTS,
  type RaftPropertyName,
  type RaftVerdict,
  type RaftWitness,
} from './properties';
export { RANDOM_FAULTS_DEFAULTS, type RandomFaults } from './randomFaults';
export { runRaft } from './runRaft';
export type { NamedFault, RaftServerSummary, RaftSummary } from './summary';
export { RAFT_TAGS, type RaftEntry, type RaftRole } from './types';
export { firstViolation, type PropertyVerdict } from './verdict';
