/**
 * No behaviour the user sets is ignored unsaid: for every run kind and every malicious
 * behaviour, either the kind models it (its meta says what it does, and agents with it change
 * the run) or the advice names those agents as taking part honestly (and the run is exactly
 * the all-honest run). A silent agent sends nothing in every kind: the network drops it.
 */
import { describe, expect, it } from 'vitest';
import { MALICIOUS_BEHAVIOURS, type MaliciousBehaviour } from '../../../src/engine/core/agent';
import { RUN_CATALOGUE, RUN_PRESETS } from '../../../src/engine/runs/catalogue';
import { describeScenario, runScenario } from '../../../src/engine/runs/runScenario';
import { validateScenario } from '../../../src/engine/scenario';

const N = 7;

/** The preset on a 7-agent mesh, `behaviour` set on the agents at `at` (1-based). */
function scenarioFor(run: Record<string, unknown>, behaviour?: MaliciousBehaviour, at: number[] = []) {
  const agents = Array.from({ length: N }, (_, i) => ({
    id: `agent-${i + 1}`,
    ...(behaviour && at.includes(i + 1) ? { behaviour } : {}),
  }));
  const checked = validateScenario({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 3,
    topology: { agents, builder: { kind: 'mesh' } },
    run: run.kind === 'sync' ? { ...run, keys: 10, changedKeys: 3 } : run,
  });
  if (!checked.ok) throw new Error(checked.errors.map((e) => `${e.field}: ${e.rule}`).join('; '));
  return checked.scenario;
}

/** Which agents carry the behaviour: two that start nothing, the one that starts the run, or all three. */
const CHOICES = [[2, 5], [1], [1, 2, 5]];

/**
 * Modelled behaviours that act only in a situation the preset does not reach (said in their words):
 * a stubborn PBFT replica differs only in a view change, which a preset with an honest primary has none of.
 */
const SITUATIONAL = new Set(['pbft:stubborn']);

const hashOf = async (run: Record<string, unknown>, behaviour?: MaliciousBehaviour, at?: number[]) =>
  (await runScenario(scenarioFor(run, behaviour, at), { record: true })).summary.traceHash;

const unmodelledWarning = (run: Record<string, unknown>, behaviour: MaliciousBehaviour, at: number[]) =>
  describeScenario(scenarioFor(run, behaviour, at)).warnings.find((w) => w.message.includes('does not model'));

describe.each(RUN_PRESETS.map((p) => [p.id, p] as const))('preset %s', (_id, preset) => {
  const run = preset.run;
  const words = RUN_CATALOGUE[run.kind].behaviours(run);

  it('says what a silent agent does', () => expect(words.silent.length).toBeGreaterThan(0));

  it.each(MALICIOUS_BEHAVIOURS)('%s: modelled and acted out, or named as honest and run as honest', async (b) => {
    const honest = await hashOf(run);
    if (words[b] === undefined) {
      const warning = unmodelledWarning(run, b, [2, 5]);
      expect(warning?.message).toContain(`agent-2, agent-5 (${b}) take part as honest agents`);
      expect(warning?.field).toBe('topology.agents');
      expect(await hashOf(run, b, [2, 5])).toBe(honest);
      return;
    }
    expect(unmodelledWarning(run, b, [2, 5])).toBeUndefined();
    if (SITUATIONAL.has(`${run.kind}:${b}`)) return;
    const changed: boolean[] = [];
    for (const at of CHOICES) {
      try {
        changed.push((await hashOf(run, b, at)) !== honest);
      } catch {
        changed.push(false); // e.g. a silent rumor origin is refused: that choice shows nothing
      }
    }
    expect(changed, `${b} changes no run of ${run.kind}`).toContain(true);
  });
});

describe('a silent agent, in a kind whose engine gives it no part of its own', () => {
  it.each(['replicated-state', 'sync', 'delegation'] as const)(
    '%s: what it would send is dropped as silent',
    async (kind) => {
      const preset = RUN_PRESETS.find((p) => p.run.kind === kind);
      if (!preset) throw new Error(kind);
      const { summary } = await runScenario(scenarioFor(preset.run, 'silent', [1, 2, 5]));
      expect(summary.drops.silent ?? 0).toBeGreaterThan(0);
    },
  );
});
