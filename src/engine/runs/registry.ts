import { runConsensus, runRumor } from '../consensus/runs';
import { runDelegation } from '../delegation/runDelegation';
import type { Scenario } from '../scenario';
import { runSync } from '../sync/runSync';
import type { RunContext } from './context';
import { runFlood } from './flood';
import { runReplicatedState, validateReplicatedStateParams } from './replicatedState';

/** True when the run works on aggregate state only (a million-agent rumor) and builds no swarm. */
export function isAggregateRun(scenario: Scenario): boolean {
  return scenario.run.kind === 'rumor' && scenario.run.agentCount !== undefined;
}

/**
 * Hands the run to its engine and returns the engine's JSON-serialisable result.
 * Sync is asynchronous (its memory provider is), the others finish synchronously.
 */
export function dispatchRun(ctx: RunContext, scenario: Scenario): unknown {
  const run = scenario.run;
  switch (run.kind) {
    case 'flood':
      return runFlood(ctx, { origin: ctx.coordinator.index(run.origin) });
    case 'consensus':
      return runConsensus(ctx, withoutKind(run));
    case 'rumor':
      return runRumor(ctx, withoutKind(run));
    case 'replicated-state':
      return runReplicatedState(ctx, validateReplicatedStateParams(withoutKind(run)));
    case 'sync':
      return runSync(ctx, withoutKind(run));
    case 'delegation':
      return runDelegation(ctx, withoutKind(run));
  }
}

/** A run block's parameters: everything but its `kind`. */
function withoutKind<T extends { kind: string }>(run: T): Omit<T, 'kind'> {
  const { kind: _kind, ...params } = run;
  return params;
}
