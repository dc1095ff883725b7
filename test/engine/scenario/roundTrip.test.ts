import { describe, expect, it } from 'vitest';
import {
  parseScenario,
  resolveScenarioIds,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  serializeScenario,
  validateScenario,
} from '../../../src/engine/scenario';
import { BUILDERS, fullDoc, minimalDoc, RUNS } from './fixtures';
import { randomValidDoc } from './generate';

const SEEDS = process.env.FULL === '1' ? 5000 : 300;

function roundTrips(input: unknown): void {
  const scenario = parseScenario(input);
  const text = serializeScenario(scenario);
  const again = parseScenario(text);
  expect(again).toStrictEqual(scenario);
  // Canonical: writing the re-read scenario gives the same bytes.
  expect(serializeScenario(again)).toBe(text);
}

describe('defaults and resolution', () => {
  it('fills every default of a minimal file', () => {
    const s = parseScenario(minimalDoc());
    expect(s.format).toBe(SCENARIO_FORMAT);
    expect(s.version).toBe(SCENARIO_VERSION);
    expect(s.topology.agents).toHaveLength(5);
    expect(s.topology.agents[4]).toStrictEqual({
      id: 'agent-5',
      label: 'agent-5',
      weight: 1,
      capabilities: [],
      behaviour: 'honest',
      policy: { kind: 'fixed', vote: 'for' },
    });
    expect(s.topology.links).toStrictEqual([]);
    expect(s.network).toStrictEqual({
      latencyMsMin: 10,
      latencyMsMax: 50,
      lossProbability: 0,
      duplicationProbability: 0,
      reorderProbability: 0,
      faults: [],
    });
    expect(s.run).toStrictEqual({ kind: 'flood', origin: 'agent-1' });
    expect('name' in s).toBe(false);
  });

  it('names the star hub and fills consensus and rumor defaults', () => {
    const star = parseScenario({ ...minimalDoc(), topology: { agentCount: 3, builder: { kind: 'star' } } });
    expect(star.topology.builder).toStrictEqual({ kind: 'star', hub: 'agent-1' });
    const consensus = parseScenario({ ...minimalDoc(), run: { kind: 'consensus', algorithm: 'quorum' } });
    expect(consensus.run).toStrictEqual({
      kind: 'consensus',
      algorithm: 'quorum',
      proposal: { proposalId: 'proposal-1' },
      timeoutMs: 30_000,
    });
    const rumor = parseScenario({ ...minimalDoc(), run: { kind: 'rumor', mode: 'push' } });
    expect(rumor.run).toStrictEqual({ kind: 'rumor', mode: 'push', fanout: 1 });
  });

  it('keeps explicit agents, their labels and positions', () => {
    const s = parseScenario(fullDoc());
    expect(s.topology.agentCount).toBe(4);
    expect(s.topology.agents[0]).toMatchObject({ label: 'Senior expert', weight: 3, position: { x: 1, y: -2.5 } });
    expect(s.topology.agents[1]).toMatchObject({ label: 'agent-2', behaviour: 'equivocate' });
    expect('position' in s.topology.agents[1]).toBe(false);
  });

  it('does not share objects with its input', () => {
    const doc = fullDoc();
    const s = parseScenario(doc);
    (s.run as { proposal: Record<string, unknown> }).proposal.risk = 99;
    expect(doc.run.proposal.risk).toBe(2);
  });

  it('folds -0 to 0 so that serialising cannot change a number', () => {
    const s = parseScenario(
      '{"format":"swarm-playground/scenario","version":1,"seed":-0,"topology":{"agents":[{"id":"a","weight":-0}],"builder":{"kind":"custom"}},"run":{"kind":"consensus","algorithm":"quorum","proposal":{"x":-0}}}',
    );
    expect(Object.is(s.seed, 0)).toBe(true);
    expect(Object.is(s.topology.agents[0].weight, 0)).toBe(true);
    roundTrips(s);
  });

  it('resolves ids to network indices', () => {
    const ids = resolveScenarioIds(parseScenario(fullDoc()));
    expect(ids.index.get('agent-3')).toBe(2);
    expect(ids.links).toStrictEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(ids.faults[0]).toStrictEqual({ kind: 'partition', atMs: 200, groups: [[0, 1, 2], [3]] });
    expect(ids.faults[3]).toStrictEqual({ kind: 'crash', atMs: 0, agent: 2 });
  });
});

describe('round trip: parse(serialize(s)) deep-equals s', () => {
  it('for the full fixture, as object and as text', () => {
    roundTrips(fullDoc());
    roundTrips(JSON.stringify(fullDoc(), null, 4));
  });

  for (const run of RUNS) {
    it(`for a ${run.kind} run ${JSON.stringify(run)}`, () => roundTrips({ ...minimalDoc(), run }));
  }
  for (const builder of BUILDERS) {
    it(`for a ${builder.kind} builder`, () => roundTrips({ ...minimalDoc(), topology: { agentCount: 5, builder } }));
  }

  it('writes all-default agents as a count, and others compactly', () => {
    const text = serializeScenario(
      parseScenario({ ...minimalDoc(), topology: { agentCount: 1000, builder: { kind: 'ring' } } }),
    );
    expect(text).not.toContain('"agents"');
    expect(text.length).toBeLessThan(600);
    const full = serializeScenario(parseScenario(fullDoc()));
    expect(full).toContain('"agents"');
    expect(full).not.toContain('"label": "agent-2"');
  });

  it(`for ${SEEDS} seeded random valid documents`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const doc = randomValidDoc(seed);
      const result = validateScenario(doc);
      if (!result.ok)
        throw new Error(`seed ${seed}: ${result.errors.map((e) => e.message).join('; ')}\n${JSON.stringify(doc)}`);
      try {
        roundTrips(JSON.stringify(doc));
      } catch (e) {
        throw new Error(`seed ${seed} does not round-trip: ${(e as Error).message}\n${JSON.stringify(doc)}`);
      }
    }
  });

  it('saves a 100,000-agent swarm so that it opens again (compact JSON when the readable layout is too big)', () => {
    const agents = Array.from({ length: 100_000 }, (_, i) => ({
      id: `n${i}`,
      label: `Node ${String(i).padStart(15, '.')}`,
    }));
    const text = JSON.stringify({ ...minimalDoc(), topology: { agents, builder: { kind: 'ring' } } });
    const scenario = parseScenario(text);
    const saved = serializeScenario(scenario);
    expect(saved.startsWith('{"format"')).toBe(true);
    expect(saved.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(parseScenario(saved)).toStrictEqual(scenario);
  });

  it('does not depend on key order in the input', () => {
    const doc = fullDoc();
    const reversed = JSON.parse(JSON.stringify(doc), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(serializeScenario(parseScenario(reversed))).toBe(serializeScenario(parseScenario(doc)));
  });
});
