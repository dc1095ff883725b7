/** The aggregate rumor mode says what it leaves out: a well-mixed population, no network, no faults. */
import { describe, expect, it } from 'vitest';
import { describeScenario, resultOf, runScenario } from '../../../src/engine/runs/runScenario';
import { validateScenario } from '../../../src/engine/scenario';

function scenario(run: Record<string, unknown>, network: Record<string, unknown> = {}) {
  const checked = validateScenario({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 3,
    topology: { agentCount: 6, builder: { kind: 'ring' } },
    network,
    run,
  });
  if (!checked.ok) throw new Error(checked.errors.map((e) => `${e.field}: ${e.rule}`).join('; '));
  return checked.scenario;
}

const aggregate = { kind: 'rumor', mode: 'push-pull', agentCount: 5_000 };
const onAgentCount = (s: ReturnType<typeof scenario>) =>
  describeScenario(s).warnings.filter((w) => w.field === 'run.agentCount');

describe('rumor advice and model', () => {
  it('aggregate mode with loss and faults: the advice says they will not be applied', () => {
    const s = scenario(aggregate, {
      lossProbability: 0.9,
      reorderProbability: 0.1,
      faults: [
        { kind: 'crash', atMs: 100, agent: 'agent-2' },
        { kind: 'partition', atMs: 0, groups: [['agent-1']] },
      ],
    });
    const [w] = onAgentCount(s);
    expect(w.message).toContain('well-mixed');
    expect(w.message).toContain('loss, reordering and the 2 scheduled faults will not be applied');
  });

  it('aggregate mode on a clean network: no warning; swarm mode with faults: no aggregate warning', () => {
    expect(onAgentCount(scenario(aggregate))).toEqual([]);
    expect(onAgentCount(scenario({ kind: 'rumor', mode: 'push' }, { lossProbability: 0.5 }))).toEqual([]);
  });

  it('the summary names its model and says it in words', async () => {
    const wellMixed = resultOf((await runScenario(scenario(aggregate))).summary, 'rumor');
    expect(wellMixed).toMatchObject({ model: 'well-mixed', informed: 5_000 });
    expect(wellMixed?.note).toMatch(/well-mixed population of 5,000 agents.*not modelled/);
    const swarm = resultOf((await runScenario(scenario({ kind: 'rumor', mode: 'push' }))).summary, 'rumor');
    expect(swarm).toMatchObject({ model: 'network', agents: 6, informed: 6 });
    expect(swarm?.note).toMatch(/links/);
  });
});
