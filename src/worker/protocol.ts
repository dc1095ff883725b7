/**
 * The serialisable types that cross the worker boundary. Views may import these
 * as types only; engine runtime code stays behind the worker.
 */

export type { PartitionDescription, TraceEvent } from '../engine/trace/events';
export type { TraceColumns } from '../engine/trace/trace';

import type { Warning } from '../engine/runs/advice';
import type { TopologyView } from '../engine/runs/runScenario';

/** Vector clocks compared as the engine compares them (the inspectors' clock tables). */
export { compare as compareVectorClocks, compareEntries } from '../engine/clocks/vectorClock';
export type { AgentRecord, AgreementVerdict } from '../engine/consensus/reliableBroadcast';
export type { ConsensusSummary, RumorSummary } from '../engine/consensus/runs';
export type { DelegationSummary } from '../engine/delegation/runDelegation';
/** The network a scenario gets when it says nothing (the schema's defaults). */
export { DEFAULT_NETWORK } from '../engine/network/faults';
/** The run kinds as plain data (labels, presets, properties): the only engine values the page imports. */
export { behaviourInRun, presetOf, propertiesOf, RUN_CATALOGUE, RUN_PRESETS } from '../engine/runs/catalogue';
export type { FloodSummary } from '../engine/runs/flood';
export type { PropertyMeta, RunPreset, Violation } from '../engine/runs/kind';
export type { RunResultOf } from '../engine/runs/registry';
export type { ReplicatedStateSummary } from '../engine/runs/replicatedState';
export type {
  PropertyVerdict,
  RunSummary,
  RunSummaryBase,
  RunSummaryOf,
  TopologyView,
} from '../engine/runs/runScenario';
export { resultOf } from '../engine/runs/runScenario';
export type { RunKind } from '../engine/scenario/types';
export type { SyncSummary } from '../engine/sync/runSync';

/** The swarm as drawn: the engine's topology plus layout positions (x, y interleaved). */
export type DrawnTopology = TopologyView & { positions: Float64Array; warnings: Warning[] };

export type { Warning } from '../engine/runs/advice';

/** A problem with the input, as the UI shows it next to the field it names. */
export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
}

export type ValidationOutcome = { ok: true } | { ok: false; issues: FieldIssue[] };

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Keep every event (true) or only the trace hash and counts (false, for seed searches). */
  record?: boolean;
}

export type { Problem } from './problems';
export type { AgentDraft, BuilderDraft, ScenarioDraft } from './scenarioDraft';

/** How a run failed: a Problem (words for a person, the fields it concerns) and what kind of failure. */
export interface RunFailure {
  kind: 'validation' | 'limit' | 'engine';
  message: string;
  issues: FieldIssue[];
}

export type { Behaviour, VoteType, VotingPolicy } from '../engine/core/agent';
// What the inspectors draw, computed in the worker.
export type { ModeCost, SpaceTimeModel } from './api/inspect';
export { DEFAULT_SHIVIZ_PARSER, MAX_LOG_CHARS } from './api/inspect/logFormats';
export type { ExplanationStep } from './api/inspect/merge';
export { DOT_RECEIVE, DOT_SEND } from './api/inspect/spaceTimeModel';
export { DEFAULT_SEARCH_SEEDS, MAX_SEARCH_SEEDS } from './api/searchLimits';
