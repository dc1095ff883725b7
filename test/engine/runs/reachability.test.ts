import { describe, expect, it } from 'vitest';
import { describeScenario } from '../../../src/engine/runs/runScenario';
import { validateScenario } from '../../../src/engine/scenario';

function describeOf(run: Record<string, unknown>, topology: Record<string, unknown>) {
  const checked = validateScenario({ format: 'swarm-playground/scenario', version: 1, seed: 1, topology, run });
  if (!checked.ok) throw new Error(checked.errors.map(String).join('; '));
  return describeScenario(checked.scenario);
}

describe('advice about the links the user drew', () => {
  it('names the agents with no path to the proposer before a consensus run', () => {
    const view = describeOf(
      { kind: 'consensus', algorithm: 'quorum' },
      {
        agentCount: 5,
        builder: { kind: 'custom' },
        links: [
          ['agent-1', 'agent-2'],
          ['agent-2', 'agent-3'],
        ],
      },
    );
    expect(view.warnings.map((w) => w.message)).toEqual([
      'agent-4, agent-5 have no path of links to agent-1, where the run starts: messages only travel along links, so they will not take part.',
    ]);
  });

  it('warns on a swarm with no links at all, for every kind that sends messages', () => {
    for (const run of [
      { kind: 'flood' },
      { kind: 'sync', mode: 'full', keys: 3 },
      { kind: 'replicated-state', crdtType: 'counter', operations: 3 },
    ]) {
      const view = describeOf(run, { agentCount: 3, builder: { kind: 'custom' } });
      expect(view.warnings.map((w) => w.field)).toEqual(['topology']);
    }
  });

  it('says nothing about a connected swarm, nor about an aggregate (well-mixed) rumor', () => {
    expect(describeOf({ kind: 'flood' }, { agentCount: 6, builder: { kind: 'ring' } }).warnings).toEqual([]);
  });
});
