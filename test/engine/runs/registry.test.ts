/**
 * Every run kind is complete: registered in the catalogue (UI data) and the registry (engine),
 * known to the scenario schema, with presets that parse and run, properties checked on every
 * run, and an event vocabulary that covers what its engine writes.
 */
import { describe, expect, it } from 'vitest';
import { RUN_CATALOGUE, RUN_PRESETS } from '../../../src/engine/runs/catalogue';
import { RUN_KINDS } from '../../../src/engine/runs/registry';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { ScenarioFileSchema, validateScenario } from '../../../src/engine/scenario';
import { KIND } from '../../../src/engine/trace/events';
import { decodeAll } from '../../../src/engine/trace/trace';

const schemaKinds = ScenarioFileSchema.entries.run.options.map((o) => o.entries.kind.literal).sort();

function scenarioFor(run: Record<string, unknown>) {
  const checked = validateScenario({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 3,
    topology: { agentCount: 7, builder: { kind: 'ring' } },
    network: { lossProbability: 0.05 },
    run,
  });
  if (!checked.ok) throw new Error(checked.errors.map((e) => `${e.field}: ${e.rule}`).join('; '));
  return checked.scenario;
}

describe('the run-kind registry', () => {
  it('registers every kind of the schema once in the catalogue and once in the registry', () => {
    expect(Object.keys(RUN_CATALOGUE).sort()).toEqual(schemaKinds);
    expect(Object.keys(RUN_KINDS).sort()).toEqual(schemaKinds);
    for (const [kind, descriptor] of Object.entries(RUN_KINDS)) {
      expect(descriptor.meta).toBe(RUN_CATALOGUE[kind as keyof typeof RUN_CATALOGUE]);
      expect(descriptor.meta.kind).toBe(kind);
    }
  });

  it('gives every kind a label, presets with unique ids, and an event vocabulary', () => {
    const ids = RUN_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const meta of Object.values(RUN_CATALOGUE)) {
      expect(meta.label.length).toBeGreaterThan(0);
      expect(meta.presets.length).toBeGreaterThan(0);
      expect(meta.events.length).toBeGreaterThan(0);
      for (const preset of meta.presets) expect(preset.run.kind).toBe(meta.kind);
    }
  });

  describe.each(RUN_PRESETS.map((p) => [p.id, p] as const))('preset %s', (_id, preset) => {
    it('parses, names itself, runs, checks its properties and speaks its vocabulary', async () => {
      const meta = RUN_CATALOGUE[preset.run.kind];
      expect(meta.presetOf(preset.run)).toBe(preset.id);
      const run = { ...preset.run, ...(preset.run.kind === 'sync' ? { keys: 10, changedKeys: 3 } : {}) };
      const scenario = scenarioFor(run);
      const { summary, trace } = await runScenario(scenario);
      expect(summary.runKind).toBe(preset.run.kind);
      const expected = meta.properties(scenario.run, 7).map((p) => p.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(summary.properties.map((p) => p.id)).toEqual(expected);
      for (const p of summary.properties) expect(p.held === (p.violation === undefined)).toBe(true);
      const vocabulary = new Set(meta.events);
      const written = new Set(decodeAll(trace).flatMap((e) => (e.kind === 'engine' ? [e.name] : [])));
      for (const name of written) expect(vocabulary, `${preset.id} writes "${name}"`).toContain(name);
      // Every message it sends has a meaning (what kind of message), so nothing parses tag strings.
      for (let i = 0; i < trace.length; i++) {
        if (trace.kind[i] !== KIND.messageSent) continue;
        const tag = trace.strings[trace.d[i]];
        expect(trace.tagMeanings[trace.d[i]], `${preset.id} sends "${tag}"`).not.toBeNull();
      }
      expect(summary.agentIds).toHaveLength(summary.agents);
    });
  });
});
