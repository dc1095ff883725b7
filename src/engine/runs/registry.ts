import { ValidationError } from '../core/errors';
import type { Scenario } from '../scenario';
import type { RunContext } from './context';
import { runFlood } from './flood';

/** True when the run works on aggregate state only (a million-agent rumor) and builds no swarm. */
export function isAggregateRun(scenario: Scenario): boolean {
  return scenario.run.kind === 'rumor' && scenario.run.agentCount !== undefined;
}

/** Hands the run to its engine and returns the engine's JSON-serialisable result. */
export function dispatchRun(ctx: RunContext, scenario: Scenario): unknown {
  const { run } = scenario;
  switch (run.kind) {
    case 'flood':
      return runFlood(ctx, { origin: ctx.coordinator.index(run.origin) });
    default:
      throw new ValidationError('run.kind', `"${run.kind}" runs are not wired into the runner yet`);
  }
}
