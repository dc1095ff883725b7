import { describe, expect, it } from 'vitest';
import { findCounterexample } from '../../../../src/engine/consensus/counterexample';
import type { PbftSummary } from '../../../../src/engine/consensus/pbft';
import { chaosCase, runCase } from './scenarios';

const BUDGET = 500;

const search = (weakQuorums: boolean, maxSeeds: number) =>
  findCounterexample({
    run: (seed) => runCase(seed, chaosCase(seed, { weakQuorums })).summary,
    violation: (s: PbftSummary) => s.properties.find((p) => p.name === 'agreement' && !p.held),
    maxSeeds,
  });

describe('pbft teaching switch: quorums of f + 1', () => {
  it(`the seed search finds honest replicas disagreeing within ${BUDGET} seeds, and names them`, () => {
    const found = search(true, BUDGET);
    expect(found.found).toBe(true);
    if (!found.found) return;
    const w = found.violation.witness;
    expect(w?.agents).toHaveLength(2);
    expect(w?.digests[0]).not.toBe(w?.digests[1]);
    expect(w?.sequences).toHaveLength(1);
    // The same seed with 2f + 1 quorums keeps the honest replicas together.
    expect(runCase(found.seed, chaosCase(found.seed)).summary.safe).toBe(true);
  });

  it('pinned: seed 6, five replicas, the primary equivocates; with f + 1 quorums both halves commit their version', () => {
    const c = chaosCase(6, { weakQuorums: true });
    expect(c.behaviours).toEqual(['equivocate', 'honest', 'honest', 'honest', 'honest']);
    const { summary } = runCase(6, c);
    expect(summary.quorums).toMatchObject({ prepare: 1, commit: 2 });
    expect(summary.properties[0]).toMatchObject({ name: 'agreement', held: false, witness: { sequences: [1] } });
  });
});
