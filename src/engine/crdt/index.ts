export { MAX_CRDT_ENTRIES } from './counts';
export { GCounter, type GCounterOp, type GCounterState } from './gCounter';
export { GSet, type GSetOp, type GSetState } from './gSet';
export {
  checkJson,
  cloneJson,
  compareJson,
  isPlainObject,
  type Json,
  jsonKey,
  MAX_JSON_DEPTH,
} from './json';
export {
  compareEntries as compareLwwEntries,
  compareStamps,
  type LwwDecidedBy,
  type LwwEntry,
  type LwwStamp,
} from './lww';
export { LWWMap, type LWWMapOp, type LWWMapState } from './lwwMap';
export { LWWRegister, type LWWRegisterOp, type LWWRegisterState } from './lwwRegister';
export { ORSet, type ORSetOp, type ORSetState } from './orSet';
export { PNCounter, type PNCounterOp, type PNCounterState } from './pnCounter';
export {
  type AnyReplica,
  type CrdtState,
  createReplica,
  joinReplica,
  mergeState,
  replicaFromState,
} from './replica';
export { CRDT_TYPES, type CRDTType, type MergeOptions, type Replica } from './types';
