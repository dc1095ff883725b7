/**
 * Every run kind's parameter schema (valibot), one line per kind: the scenario schema's `run`
 * block is the variant of these, and public/scenario.schema.json is generated from it.
 */
import { ConsensusRunSchema } from './kinds/consensus.schema';
import { DelegationRunSchema } from './kinds/delegation.schema';
import { FloodRunSchema } from './kinds/flood.schema';
import { PbftRunSchema } from './kinds/pbft.schema';
import { RaftRunSchema } from './kinds/raft.schema';
import { ReplicatedStateRunSchema } from './kinds/replicatedState.schema';
import { RumorRunSchema } from './kinds/rumor.schema';
import { SyncRunSchema } from './kinds/sync.schema';

export const RUN_SCHEMAS = [
  FloodRunSchema,
  ConsensusRunSchema,
  RumorRunSchema,
  ReplicatedStateRunSchema,
  SyncRunSchema,
  DelegationRunSchema,
  RaftRunSchema,
  PbftRunSchema,
] as const;
