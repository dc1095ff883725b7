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
} as const satisfies { [K in RunKind]: RunKindMeta<K> };

/** Every preset of the run form, in menu order. */
export const RUN_PRESETS: readonly RunPreset[] = Object.values(RUN_CATALOGUE).flatMap((m) => m.presets);

type RunBlock = Record<string, unknown> & { kind: RunKind };

/** The form's preset id for a run block. */
export const presetOf = (run: RunBlock): string => RUN_CATALOGUE[run.kind].presetOf(run);

/** The properties a run block is checked against, the one its lessons are about first. */
export const propertiesOf = (run: RunBlock, agents: number): PropertyMeta[] =>
  RUN_CATALOGUE[run.kind].properties(run, agents);
