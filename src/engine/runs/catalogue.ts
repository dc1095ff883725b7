/**
 * The run kinds as the UI knows them: labels, presets, properties, event vocabularies — plain
 * data, no engine code. Adding a kind: one line here and one in registry.ts (see
 * docs/ARCHITECTURE.md); test/engine/runs/registry.test.ts fails while either is missing.
 */

import type { MaliciousBehaviour } from '../core/agent';
import type { RunKind } from '../scenario/types';
import type { BehaviourWords, PropertyMeta, RunKindMeta, RunPreset } from './kind';
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

export const metaOf = (kind: string): RunKindMeta | undefined =>
  Object.hasOwn(RUN_CATALOGUE, kind) ? (RUN_CATALOGUE[kind as RunKind] as RunKindMeta) : undefined;

/** The form's preset id for a run block ('' for an unknown kind). */
export const presetOf = (run: RunBlock): string => metaOf(run.kind)?.presetOf(run) ?? '';

/** What the behaviours a run block's kind models do in it (undefined for an unknown kind). */
export const behaviourWordsOf = (run: RunBlock): BehaviourWords | undefined => metaOf(run.kind)?.behaviours(run);

/** A run block's name as the form's menu says it ("Consensus: quorum"), else its kind's label. */
export function runName(run: RunBlock): string {
  const meta = metaOf(run.kind);
  return meta?.presets.find((p) => p.id === meta.presetOf(run))?.label ?? meta?.label ?? run.kind;
}

/** What `behaviour` does in a run block's kind, as a sentence about one agent (undefined for an unknown kind). */
export function behaviourInRun(
  run: RunBlock,
  behaviour: MaliciousBehaviour,
): { modelled: boolean; words: string } | undefined {
  const meta = metaOf(run.kind);
  if (!meta) return undefined;
  const name = runName(run);
  const does = meta.behaviours(run)[behaviour];
  if (does) return { modelled: true, words: `In this run (${name}) it ${does}.` };
  const hint = meta.unmodelledHint ? ` ${meta.unmodelledHint}` : '';
  return { modelled: false, words: `${name} does not model “${behaviour}”: it takes part as an honest agent.${hint}` };
}

/** The properties a run block is checked against, the one its lessons are about first. */
export const propertiesOf = (run: RunBlock, agents: number): PropertyMeta[] =>
  metaOf(run.kind)?.properties(run, agents) ?? [];
