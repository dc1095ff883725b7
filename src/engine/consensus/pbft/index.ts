/** PBFT on the simulated network: run it, check its parameters, read its properties and events. */
export { PBFT_BEHAVIOURS } from './behaviours';
export type { PbftRequestOutcome } from './client';
export type { PbftMessageCounts, PbftQuorums } from './cluster';
export type { PbftEventName, PbftTraceEvent } from './events';
export {
  checkReplicaCount,
  defaultFaultTolerance,
  MAX_PBFT_REPLICAS,
  PBFT_DEFAULTS,
  type PbftParams,
  type PbftParamsContext,
  type PbftTeaching,
  validatePbftParams,
} from './params';
export {
  PBFT_PROPERTIES,
  PBFT_PROPERTY_STATEMENTS,
  type PbftPropertyName,
  type PbftVerdict,
  type PbftWitness,
} from './properties';
export { runPbft } from './runPbft';
export type { PbftPhaseCount, PbftReplicaSummary, PbftSummary } from './summary';
export { NULL_DIGEST, PBFT_TAGS, type PbftRequest, requestDigest } from './types';
export { computeNewViewOrders } from './viewChange';
