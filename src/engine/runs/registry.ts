/**
 * The run kinds' engines, one line per kind. The scenario runner, the advice and the
 * counterexample search go through this table; nothing else switches on a run kind.
 */
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { RunKind, Scenario } from '../scenario/types';
import type { Warning } from './advice';
import type { Cost } from './budgetCost';
import type { EstimateInput } from './budgetKinds';
import type { RunContext } from './context';
import type { PropertyMeta, RunKindDescriptor, RunSpecOf, ScenarioOf, Violation } from './kind';
import { consensusKind } from './kinds/consensus';
import { delegationKind } from './kinds/delegation';
import { floodKind } from './kinds/flood';
import { pbftKind } from './kinds/pbft';
import { raftKind } from './kinds/raft';
import { replicatedStateKind } from './kinds/replicatedState';
import { rumorKind } from './kinds/rumor';
import { syncKind } from './kinds/sync';

export const RUN_KINDS = {
  flood: floodKind,
  consensus: consensusKind,
  rumor: rumorKind,
  'replicated-state': replicatedStateKind,
  sync: syncKind,
  delegation: delegationKind,
  raft: raftKind,
  pbft: pbftKind,
} as const;

type Kinds = typeof RUN_KINDS;

/** Each kind's result, as its engine returns it (JSON-serialisable). */
export type RunResultOf<K extends RunKind> = Awaited<ReturnType<Kinds[K]['run']>>;

// Every kind of the schema is registered, and each entry is that kind's descriptor.
RUN_KINDS satisfies { [K in RunKind]: RunKindDescriptor<K, RunResultOf<K>> };

/** A kind's descriptor with its types (one cast, here, instead of one per caller). */
function descriptorOf<K extends RunKind>(kind: K): RunKindDescriptor<K, RunResultOf<K>> {
  return RUN_KINDS[kind] as unknown as RunKindDescriptor<K, RunResultOf<K>>;
}

/** True when the run models a well-mixed population in memory and builds no swarm (a million-agent rumor). */
export function isAggregateRun(scenario: Scenario): boolean {
  const d = descriptorOf(scenario.run.kind);
  return d.wellMixed?.(scenario.run as never) ?? false;
}

/** What only the run kind's engine knows before the run: throws a ValidationError, returns warnings. */
export function adviseRun(scenario: Scenario, swarm: SwarmCoordinator): Warning[] {
  return descriptorOf(scenario.run.kind).advise(scenario as ScenarioOf<RunKind>, swarm);
}

/** Hands the run to its kind's engine; sync is asynchronous (its memory provider is). */
export function dispatchRun(ctx: RunContext, scenario: Scenario): Promise<RunResultOf<RunKind>> | RunResultOf<RunKind> {
  return descriptorOf(scenario.run.kind).run(ctx, scenario as ScenarioOf<RunKind>);
}

/** The run's estimated costs, by its kind's estimator (the work budget sums and checks them). */
export function estimateKind(x: EstimateInput, scenario: Scenario): Cost[] {
  return descriptorOf(scenario.run.kind).estimate(x, scenario.run as RunSpecOf<RunKind>);
}

/** Messages a well-mixed run exchanged in memory (it has no network to count them); undefined otherwise. */
export function messagesOf<K extends RunKind>(kind: K, result: RunResultOf<K>): number | undefined {
  return descriptorOf(kind).messages?.(result);
}

/** Checks one property on a run's result; undefined when it holds. */
export function checkProperty<K extends RunKind>(
  kind: K,
  property: PropertyMeta,
  result: RunResultOf<K>,
  bound?: number,
): Violation | undefined {
  return descriptorOf(kind).check(property.id, result, bound);
}
