import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { searchApi } from '../../src/worker/api/search';

const byzantine = (malicious: number[]) => {
  const s = JSON.parse(readFileSync('public/scenarios/byzantine-13.json', 'utf8'));
  s.seed = 1;
  s.topology.agents = Array.from({ length: 13 }, (_, i) => ({
    id: `agent-${i + 1}`,
    behaviour: malicious.includes(i + 1) ? 'equivocate' : 'honest',
    // Honest votes split so that the malicious agents' votes decide the outcome.
    policy: { kind: 'fixed', vote: i >= 4 && i < 8 ? 'against' : 'for' },
  }));
  return s;
};

describe('counterexample search', () => {
  it('finds honest disagreement with 5 equivocators out of 13 (f = 3), with witnesses, reproducible by seed', async () => {
    const outcome = await searchApi.searchCounterexample(byzantine([9, 10, 11, 12, 13]), { maxSeeds: 50 });
    expect(outcome.ok && outcome.found).toBe(true);
    if (!outcome.ok || !outcome.found) return;
    expect(outcome.violation.witnesses).toHaveLength(2);
    const again = await searchApi.searchCounterexample(byzantine([9, 10, 11, 12, 13]), {
      firstSeed: outcome.seed,
      maxSeeds: 1,
    });
    expect(again.ok && again.found && again.summary.traceHash).toBe(outcome.summary.traceHash);
  });

  it('finds none with f = 3 equivocators (Bracha is safe), and reports progress', async () => {
    const seen: number[] = [];
    const outcome = await searchApi.searchCounterexample(byzantine([11, 12, 13]), { maxSeeds: 40 }, (f) =>
      seen.push(f),
    );
    expect(outcome).toMatchObject({ ok: true, found: false, tried: 40 });
    expect(seen.at(-1)).toBe(1);
  });

  it('rumor: convergence within an impossible bound is violated at once', async () => {
    const s = JSON.parse(readFileSync('public/scenarios/rumor-small-world.json', 'utf8'));
    const outcome = await searchApi.searchCounterexample(s, { maxSeeds: 3, withinRounds: 2 });
    expect(outcome.ok && outcome.found && outcome.violation.property).toBe(
      'every live agent is informed within 2 rounds',
    );
  });

  it('reports an invalid scenario as a failure naming the field', async () => {
    const outcome = await searchApi.searchCounterexample({ nope: true }, { maxSeeds: 1 });
    expect(outcome.ok).toBe(false);
  });
});
