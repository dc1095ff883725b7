/**
 * The run kinds as the UI knows them: labels, presets, properties, event vocabularies — plain
 * data, no engine code. Adding a kind: one line here and one in registry.ts (see
 * docs/ARCHITECTURE.md); test/engine/runs/registry.test.ts fails while either is missing.
 */
import type { RunKind } from '../scenario/types';
import type { PropertyMeta, RunKindMeta, RunPreset } from './kind';
import { consensusMeta } from './kinds/consensus.meta';
import { delegationMeta } from './kinds/delegation.meta';
import { floodMeta } from './kinds/flood.meta';
import { pbftMeta } from './kinds/pbft.meta';
import { raftMeta } from './kinds/raft.meta';
import { replicatedStateMeta } from './kinds/replicatedState.meta';
import { rumorMeta } from './kinds/rumor.meta';
import { syncMeta } from './kinds/sync.meta';

export const RUN_CATALOGUE = {
  flood: floodMeta,
  consensus: consensusMeta,
  rumor: rumorMeta,
  'replicated-state': replicatedStateMeta,
  sync: syncMeta,
  delegation: delegationMeta,
  raft: raftMeta,
  pbft: pbftMeta,
} as const satisfies { [K in RunKind]: RunKindMeta<K> };

/** Every preset of the run form, in menu order. */
export const RUN_PRESETS: readonly RunPreset[] = Object.values(RUN_CATALOGUE).flatMap((m) => m.presets);

/** A run block as drafted: its kind may not be one we know (an edited file); then nothing is known of it. */
type RunBlock = Record<string, unknown> & { kind: string };

const metaOf = (kind: string): RunKindMeta | undefined =>
  Object.hasOwn(RUN_CATALOGUE, kind) ? (RUN_CATALOGUE[kind as RunKind] as RunKindMeta) : undefined;

/** The form's preset id for a run block ('' for an unknown kind). */
export const presetOf = (run: RunBlock): string => metaOf(run.kind)?.presetOf(run) ?? '';

/** The properties a run block is checked against, the one its lessons are about first. */
export const propertiesOf = (run: RunBlock, agents: number): PropertyMeta[] =>
  metaOf(run.kind)?.properties(run, agents) ?? [];
